//! What the user keeps from the explorer: bookmarks, citations and exports, asked of the host
//! as effects.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{App, Mode, Prompt};
use crate::app::effect::{Effect, EffectResult};
use crate::app::keys::ActionName;
use crate::bookmarks::Report;
use crate::files::Existing;
use crate::output::Format;
use crate::timeline::Event;

impl App {
    /// Bookmarks the selected event, or removes its bookmark, and asks for the change to be
    /// saved.
    pub(super) fn toggle_bookmark(&mut self) {
        let Some(event) = self.selected_event_id() else {
            return;
        };
        let id = self.data.event(event).id();
        let change = self.choices.marks_mut().toggle(event, id);
        self.effects.push(Effect::SaveBookmarks(change));
        self.bookmarks_changed();
    }

    /// Matches the list afresh when it is the bookmarks, which changed.
    fn bookmarks_changed(&mut self) {
        if self.bookmarked_only() {
            self.session.forget_hits();
            self.refresh();
        }
    }

    /// Asks for the selected event's media URL, else its first link, to be copied: the address
    /// a reader wants to open; the status line says when the event has neither.
    pub(super) fn copy_link(&mut self) {
        let Some(event) = self.selected_event() else {
            return;
        };
        let media = event.media().map(|media| media.url.as_str());
        match media.or_else(|| event.links().first().map(String::as_str)) {
            Some(link) => self.effects.push(Effect::Copy(link.to_string())),
            None => self.status = Some("Nothing to copy: this event has no media or links".into()),
        }
    }

    /// The selected event as a line to cite: `date — title (¶ paragraph, source)`.
    pub(super) fn citation(&self, event: &Event) -> String {
        let paragraph = event.source.map(|paragraph| format!("¶ {paragraph}"));
        let source = &self.timeline().source;
        let source = (!source.is_empty()).then_some(source.as_str());
        let cited: Vec<&str> = [paragraph.as_deref(), source]
            .into_iter()
            .flatten()
            .collect();
        let mut line = format!("{} — {}", event.when(), event.title());
        if !cited.is_empty() {
            line += &format!(" ({})", cited.join(", "));
        }
        line
    }

    /// The export format a path names by its extension.
    pub(super) fn export_format(path: &str) -> Option<Format> {
        let extension = Path::new(path).extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// Tab in the export prompt: the next format, by the file name's extension.
    pub(super) fn switch_export_format(&mut self) {
        let Mode::Export(prompt) = &mut self.mode else {
            return;
        };
        let text = prompt.line.text();
        let (next, stem) = match Self::export_format(text) {
            Some(format) => {
                let stem = Path::new(text).with_extension("");
                let next = match format {
                    Format::Markdown | Format::Text => "csv",
                    Format::Csv => "json",
                    Format::Json => "md",
                };
                (next, stem)
            }
            None => ("md", PathBuf::from(text)),
        };
        *prompt = Prompt::with(&stem.with_extension(next).to_string_lossy());
    }

    /// Enter in the export prompt: asks the host to write the events shown, or says under the
    /// prompt why the name typed cannot be used.
    pub(super) fn export(&mut self) {
        let unnamed = self.keys().with_key(
            "End the name with .md, .csv or .json",
            ActionName::SWITCH_FORMAT,
            |key| format!(" ({key} switches)"),
        );
        let Mode::Export(prompt) = &mut self.mode else {
            return;
        };
        let text = prompt.line.text().trim();
        if text.is_empty() {
            prompt.error = Some("Type a file name".into());
            return;
        }
        let Some(format) = Self::export_format(text) else {
            prompt.error = Some(unnamed);
            return;
        };
        self.effects.push(Effect::Export {
            path: PathBuf::from(text),
            format,
            existing: Existing::Keep,
        });
        self.mode = Mode::Browse;
    }

    /// The effects queued since the last call, oldest first, for the host to carry out.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Hears how an effect went: a message for the status line, or a question before an
    /// export replaces a file.
    pub fn effect_done(&mut self, effect: &Effect, result: EffectResult) {
        match result {
            EffectResult::Done(message) if message.is_empty() => {}
            EffectResult::Done(message) | EffectResult::Failed(message) => {
                self.set_status(message);
            }
            EffectResult::Exists(path) => {
                if let Effect::Export { format, .. } = effect {
                    self.mode = Mode::Confirm {
                        path,
                        format: *format,
                    };
                }
            }
        }
    }

    /// Takes the bookmarks as the host stored them (loaded, or saved along with what other
    /// explorers saved), showing them with this explorer's changes not yet saved made on top;
    /// or shows why they could not be loaded or saved.
    pub fn bookmarks_stored(&mut self, report: Report) {
        let (replaced, message) = self.choices.marks_mut().take_stored(report, &self.data);
        if replaced {
            self.bookmarks_changed();
        }
        if let Some(message) = message {
            self.set_status(message);
        }
    }

    /// Expects the stored bookmarks to arrive ([`App::bookmarks_stored`]) from a host that is
    /// loading them.
    pub fn await_bookmarks(&mut self) {
        self.choices.marks_mut().await_stored();
    }

    /// Starts with these bookmarked ids (as stored; ids the timeline lacks are kept).
    pub fn set_bookmarks(&mut self, ids: BTreeSet<String>) {
        self.choices.marks_mut().set(ids, &self.data);
        self.bookmarks_changed();
    }
}
