//! What the user keeps from the explorer: bookmarks, citations and exports, asked of the host
//! as effects.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{App, Mode, Prompt};
use crate::app::effect::{Effect, EffectResult, ExportReport};
use crate::app::keys::ActionName;
use crate::bookmarks::Report;
use crate::files::Existing;
use crate::output::Format;
use crate::search::Index;
use crate::timeline::{Event, EventId};

/// An export the host is writing off the event loop: how far it has got, for the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exporting {
    /// Rows written so far.
    pub done: usize,
    /// Rows to write: the events shown when it was asked for.
    pub total: usize,
    /// Whether the user asked to stop it, and the host has yet to say it has.
    pub stopping: bool,
}

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
        let path = PathBuf::from(text);
        self.mode = Mode::Browse;
        self.start_export(path, format, Existing::Keep);
    }

    /// Asks the host to write the events shown to `path`; the status line follows it.
    pub(super) fn start_export(&mut self, path: PathBuf, format: Format, existing: Existing) {
        self.effects.push(Effect::Export {
            path,
            format,
            existing,
        });
        self.exporting = Some(Exporting {
            done: 0,
            total: self.row_count(),
            stopping: false,
        });
    }

    /// The export under way, if any.
    pub fn exporting(&self) -> Option<&Exporting> {
        self.exporting.as_ref()
    }

    /// Refuses to start a second export while one runs, saying how to stop it; true if so.
    pub(super) fn refuse_second_export(&mut self) -> bool {
        if self.exporting.is_none() {
            return false;
        }
        let stop = |key: &str| format!(": {key} stops it");
        self.status = Some(
            self.keys()
                .with_key("An export is under way", ActionName::BACK, stop),
        );
        true
    }

    /// Asks the host to stop the export under way, if there is one not already stopping;
    /// true if there is one (the key that asked has done its job).
    pub(super) fn stop_export(&mut self) -> bool {
        let Some(exporting) = &mut self.exporting else {
            return false;
        };
        if !exporting.stopping {
            exporting.stopping = true;
            self.effects.push(Effect::StopExport);
        }
        true
    }

    /// The timeline and the events shown, in their order, for an export to write off the
    /// event loop while the explorer goes on (and may reload, or show other rows).
    pub fn shown_for_export(&self) -> (Arc<Index>, Vec<EventId>) {
        (Arc::clone(self.data.shared_index()), self.rows().to_vec())
    }

    /// Hears how the export under way is going: its progress for the status line, then how
    /// it ended.
    pub fn export_report(&mut self, report: ExportReport) {
        match report {
            ExportReport::Progress { done, total } => {
                if let Some(exporting) = &mut self.exporting {
                    exporting.done = done;
                    exporting.total = total;
                }
            }
            ExportReport::Finished(result) => {
                self.exporting = None;
                match result {
                    // A file made meanwhile: asking now would take over whatever the user
                    // is doing, so say it, and let them export again to replace it.
                    EffectResult::Exists(path) => self.set_status(format!(
                        "Not exported: {} was made meanwhile; export again to replace it",
                        path.display()
                    )),
                    EffectResult::Done(message) | EffectResult::Failed(message) => {
                        self.set_status(message);
                    }
                }
            }
            ExportReport::Stopped => {
                self.exporting = None;
                self.status = Some("Export cancelled: nothing written".into());
            }
        }
    }

    /// The effects queued since the last call, oldest first, for the host to carry out.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Hears how an effect went: a message for the status line, or a question before an
    /// export replaces a file.
    pub fn effect_done(&mut self, effect: &Effect, result: EffectResult) {
        // An export that did not start: nothing is under way.
        let started = matches!(&result, EffectResult::Done(message) if message.is_empty());
        if matches!(effect, Effect::Export { .. }) && !started {
            self.exporting = None;
        }
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

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;

    use super::*;
    use crate::app::Action;
    use crate::timeline::bundled;

    /// An explorer that has asked the host to export what it shows to `view.md`.
    fn exporting() -> (App, Effect) {
        let mut app = App::new(bundled().unwrap(), Rect::new(0, 0, 120, 40));
        app.update(Action::StartExport);
        app.update(Action::AcceptExport);
        let effects = app.take_effects();
        assert_eq!(effects.len(), 1);
        let effect = effects[0].clone();
        assert!(matches!(
            &effect,
            Effect::Export {
                existing: Existing::Keep,
                ..
            }
        ));
        // The host started it.
        app.effect_done(&effect, EffectResult::Done(String::new()));
        (app, effect)
    }

    #[test]
    fn an_export_shows_its_progress_then_how_it_ended() {
        let (mut app, _) = exporting();
        let total = app.row_count();
        let running = |done, stopping| Exporting {
            done,
            total,
            stopping,
        };
        assert_eq!(app.exporting(), Some(&running(0, false)));
        app.export_report(ExportReport::Progress { done: 7, total });
        assert_eq!(app.exporting(), Some(&running(7, false)));
        // Keys go on meanwhile.
        app.update(Action::Next);
        assert_eq!(app.selected_row(), Some(1));
        assert_eq!(app.exporting(), Some(&running(7, false)));
        let message = format!("Exported {total} events to view.md");
        app.export_report(ExportReport::Finished(EffectResult::Done(message.clone())));
        assert_eq!(app.exporting(), None);
        assert_eq!(app.status(), Some(message.as_str()));
    }

    #[test]
    fn back_stops_the_export_once_and_the_host_says_when_it_has() {
        let (mut app, _) = exporting();
        app.update(Action::StartSearch);
        app.edit("jaif".chars().map(crate::app::Edit::Insert));
        app.update(Action::AcceptSearch);
        app.update(Action::Back);
        assert_eq!(app.take_effects(), vec![Effect::StopExport]);
        assert!(app.exporting().is_some_and(|exporting| exporting.stopping));
        assert_eq!(app.query().text(), "jaif", "stopping came first");
        app.update(Action::Back);
        assert_eq!(app.take_effects(), vec![], "asked once");
        assert_eq!(app.query().text(), "jaif");
        app.export_report(ExportReport::Stopped);
        assert_eq!(app.exporting(), None);
        assert_eq!(app.status(), Some("Export cancelled: nothing written"));
        app.update(Action::Back);
        assert_eq!(
            app.query().text(),
            "",
            "with nothing under way, back clears the query"
        );
    }

    #[test]
    fn a_second_export_is_refused_while_one_runs() {
        let (mut app, _) = exporting();
        app.update(Action::StartExport);
        assert_eq!(*app.mode(), Mode::Browse);
        assert_eq!(app.status(), Some("An export is under way: Esc stops it"));
        app.export_report(ExportReport::Finished(EffectResult::Failed(
            "Cannot export: disk full".into(),
        )));
        assert_eq!(app.status(), Some("Cannot export: disk full"));
        app.update(Action::StartExport);
        assert!(matches!(app.mode(), Mode::Export(_)));
    }

    #[test]
    fn an_export_that_did_not_start_is_not_under_way() {
        let (mut app, effect) = exporting();
        app.effect_done(&effect, EffectResult::Exists("view.md".into()));
        assert_eq!(app.exporting(), None);
        assert!(matches!(app.mode(), Mode::Confirm { .. }));
        app.update(Action::Confirm(true));
        assert!(matches!(
            app.take_effects().as_slice(),
            [Effect::Export {
                existing: Existing::Replace,
                ..
            }]
        ));
        assert!(app.exporting().is_some());
        app.effect_done(
            &effect,
            EffectResult::Failed("Not available without a terminal".into()),
        );
        assert_eq!(app.exporting(), None);
        // A file made while it ran is not asked about: the user may be typing elsewhere.
        let (mut app, _) = exporting();
        app.update(Action::StartSearch);
        app.export_report(ExportReport::Finished(EffectResult::Exists(
            "view.md".into(),
        )));
        assert_eq!(*app.mode(), Mode::Search);
        assert_eq!(app.exporting(), None);
    }
}
