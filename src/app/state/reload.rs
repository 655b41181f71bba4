//! Taking a reloaded dataset (`--watch`) without losing the user's place.

use super::{App, Matched, PillarFilter};
use crate::timeline::LoadError;
use crate::timeline::text::sanitize;

impl App {
    /// Takes the data of `fresh`, an explorer on the watched file's new contents, and keeps
    /// everything else as it is: the mode with its prompt, question or overlay, the query,
    /// pillars (when the timeline has as many), index entry and index tab, order, bookmarks,
    /// history and the selected event (by id). Only what derives from the file is replaced,
    /// and what is shown is matched afresh. Contents that cannot be used leave everything as
    /// it is and are reported until a reload succeeds.
    pub fn reload(&mut self, loaded: Result<App, LoadError>) {
        let fresh = match loaded {
            Ok(fresh) => fresh,
            Err(error) => {
                let more = error.problems.len().saturating_sub(1);
                let mut message = error.lines().next().unwrap_or_default();
                if more > 0 {
                    message += &format!(" (and {more} more)");
                }
                self.reload_error = Some(sanitize(&message).into_owned());
                self.status = None;
                return;
            }
        };
        let selected = self.selected_event().map(|event| event.id().to_string());
        // Every field is named, so a new one must be sorted here: taken from the file, or kept.
        let App {
            index,
            links,
            index_view,
            event_years,
            filter,
            area: _,
            mode: _,
            focus: _,
            detail_open: _,
            query: _,
            compiled: _,
            query_error: _,
            scope: _,
            bookmarks: _,
            bookmarked: _,
            bookmarked_only: _,
            today: _,
            effects: _,
            reload_error: _,
            jumps: _,
            history: _,
            history_cursor: _,
            matched: _,
            order: _,
            rows: _,
            density: _,
            selected: _,
            pinned: _,
            offset: _,
            related_cursor: _,
            detail_scroll: _,
            theme: _,
            keys: _,
            status: _,
            quit: _,
            unsaved: _,
            bookmarks_loading: _,
            interrupt: _,
            searching: _,
        } = fresh;
        self.index = index;
        self.links = links;
        self.event_years = event_years;
        self.index_view = index_view.with_choices_of(&self.index_view);
        if filter.shown.len() != self.filter.shown.len() {
            self.filter = PillarFilter::all(filter.shown.len());
        }
        self.rebuild_bookmarked();
        self.reload_error = None;
        self.matched = Matched::default();
        self.refresh();
        if let Some(row) = selected.and_then(|id| self.row_of_id(&id)) {
            self.selected = row;
            self.keep_selection_visible();
        }
        self.status = Some(format!(
            "Reloaded: {} events",
            self.index.timeline().events.len()
        ));
    }

    /// Why the watched file's latest contents could not be used (`FILE:LINE:COL: …`); shown
    /// until a reload succeeds.
    pub fn reload_error(&self) -> Option<&str> {
        self.reload_error.as_deref()
    }
}
