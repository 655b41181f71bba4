//! What keys currently do, and the state of the prompt, question or overlay that makes them do
//! it. Each mode carries what only it uses (the date being typed, the file waiting to be
//! replaced, the help's scroll), so a combination that cannot happen cannot be written down, and
//! leaving a mode forgets what it held.

use std::path::PathBuf;

use super::super::action::Edit;
use super::super::line::Line;
use super::pillar_pick::PillarPick;
use crate::output::Format;

/// What keys currently do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Keys navigate.
    Browse,
    /// Keys edit the query (which outlives the prompt: it is the user's choice).
    Search,
    /// Keys edit a date to jump to.
    Jump(Prompt),
    /// The index of acronyms and mechanisms is shown.
    Index,
    /// Keys edit the index's search (kept by the index view).
    IndexSearch,
    /// Keys edit the path to export to; the format follows from its extension.
    Export(Prompt),
    /// An export found a file at `path` and waits for permission to replace it.
    Confirm { path: PathBuf, format: Format },
    /// The pillar picker: a name typed, the pillars it matches.
    PillarPick(PillarPick),
    /// The help overlay, scrolled by `scroll` lines, over the mode it returns to.
    Help { under: Box<Mode>, scroll: usize },
    /// The About overlay (the timeline's description, source, counts and eras) over the
    /// timeline, scrolled by `scroll` lines.
    About { scroll: usize },
}

/// A line being typed in a prompt, and why the last one entered could not be used.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prompt {
    pub line: Line,
    pub error: Option<String>,
}

impl Prompt {
    /// A prompt holding `text`, with the cursor at its end.
    pub fn with(text: &str) -> Self {
        let mut line = Line::default();
        line.set(text);
        Prompt { line, error: None }
    }

    /// Applies edits; a changed line has no error yet.
    pub fn edit(&mut self, edits: impl IntoIterator<Item = Edit>) {
        if self.line.apply_all(edits) {
            self.error = None;
        }
    }
}

impl Mode {
    /// The mode drawn: under the help overlay, the one it covers.
    pub fn shown(&self) -> &Mode {
        match self {
            Mode::Help { under, .. } => under,
            mode => mode,
        }
    }

    /// Whether the index fills the screen (browsing or searching it).
    pub fn in_index(&self) -> bool {
        matches!(self, Mode::Index | Mode::IndexSearch)
    }
}
