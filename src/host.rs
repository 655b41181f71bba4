//! The explorer's host on a real terminal: suspends to the shell, and carries out the app's
//! effects — the clipboard by OSC 52 (which reaches the local clipboard over SSH), bookmarks
//! and exports written atomically.

use std::io::{self, Stdout, Write};
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::effect::{Effect, EffectResult};
use crate::app::{App, Host};
use crate::bookmarks::BookmarkFile;
use crate::files::{self, Existing};
use crate::output::{self, Format, Row};
use crate::terminal::Session;

/// The host for [`crate::app::run`] on the process's terminal.
pub struct TerminalHost {
    /// Where bookmarks are saved; `None` when they cannot be (the status line said why).
    pub bookmarks: Option<BookmarkFile>,
}

impl Host<CrosstermBackend<Stdout>> for TerminalHost {
    fn suspend(&mut self, terminal: &mut Terminal<CrosstermBackend<Stdout>>) -> io::Result<()> {
        Session::suspend(terminal)
    }

    fn perform(&mut self, app: &App, effect: &Effect) -> EffectResult {
        match effect {
            Effect::Copy(text) => match copy(&mut io::stdout(), text) {
                // OSC 52 has no answer: whether the terminal put it on the clipboard is unknown.
                Ok(()) => EffectResult::Done(format!("Sent to the terminal's clipboard: {text}")),
                Err(error) => EffectResult::Failed(format!("Cannot copy: {error}")),
            },
            Effect::SaveBookmarks(ids) => match &self.bookmarks {
                Some(file) => match file.save(ids) {
                    Ok(()) => EffectResult::Done(String::new()),
                    Err(error) => EffectResult::Failed(format!(
                        "Bookmarks not saved to {}: {error}",
                        file.path().display()
                    )),
                },
                None => EffectResult::Failed("Bookmarks are not saved this session".into()),
            },
            Effect::Export {
                path,
                format,
                existing,
            } => export(app, &expand_home(path), *format, *existing),
        }
    }
}

/// Puts `text` on the clipboard of the terminal `out` writes to, by OSC 52.
pub fn copy(out: &mut impl Write, text: &str) -> io::Result<()> {
    write!(out, "\x1b]52;c;{}\x07", STANDARD.encode(text))?;
    out.flush()
}

/// `path` with a leading `~` made the home directory, as a shell would have done had the path
/// been typed there.
pub fn expand_home(path: &Path) -> PathBuf {
    let home = || directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
    match path.strip_prefix("~") {
        Ok(rest) => home().map_or_else(|| path.to_path_buf(), |home| home.join(rest)),
        Err(_) => path.to_path_buf(),
    }
}

/// Writes the events `app` shows, in its order, to `path` as `format`.
pub fn export(app: &App, path: &Path, format: Format, existing: Existing) -> EffectResult {
    let timeline = app.timeline();
    let rows: Vec<Row> = app
        .rows()
        .iter()
        .map(|&event| Row {
            event: &timeline.events[event as usize],
            score: None,
        })
        .collect();
    let mut contents = Vec::new();
    if let Err(error) = output::write_events(&mut contents, timeline, &rows, format, false) {
        return EffectResult::Failed(format!("Cannot export: {error}"));
    }
    match files::write_atomically(path, &contents, existing) {
        Ok(()) => EffectResult::Done(format!(
            "Exported {} events to {}",
            rows.len(),
            path.display()
        )),
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
            EffectResult::Exists(path.to_path_buf())
        }
        Err(error) => EffectResult::Failed(format!("Cannot export to {}: {error}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_tilde_is_the_home_directory() {
        let home = directories::BaseDirs::new()
            .unwrap()
            .home_dir()
            .to_path_buf();
        assert_eq!(
            expand_home(Path::new("~/notes/x.md")),
            home.join("notes/x.md")
        );
        assert_eq!(expand_home(Path::new("~")), home);
        assert_eq!(expand_home(Path::new("a/~/x.md")), Path::new("a/~/x.md"));
        assert_eq!(
            expand_home(Path::new("~other/x.md")),
            Path::new("~other/x.md")
        );
    }

    #[test]
    fn copy_writes_an_osc52_sequence_with_the_text_in_base64() {
        let mut out = Vec::new();
        copy(&mut out, "2006 — JAIF").unwrap();
        let expected = format!("\x1b]52;c;{}\x07", STANDARD.encode("2006 — JAIF"));
        assert_eq!(out, expected.as_bytes());
    }
}
