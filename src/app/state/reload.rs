//! Taking a reloaded dataset (`--watch`) without losing the user's place.

use super::{App, Matched};
use crate::timeline::LoadError;

impl App {
    /// Takes `fresh`, an explorer on the watched file's new contents, keeping what the user
    /// set up: the query, pillars (when the timeline has as many), index entry, order,
    /// bookmarks, theme, history and the selected event (by id). Contents that cannot be
    /// used leave everything as it is and are reported until a reload succeeds.
    pub fn reload(&mut self, loaded: Result<App, LoadError>) {
        let mut fresh = match loaded {
            Ok(fresh) => fresh,
            Err(error) => {
                let more = error.problems.len().saturating_sub(1);
                let mut message = error.lines().next().unwrap_or_default();
                if more > 0 {
                    message += &format!(" (and {more} more)");
                }
                self.reload_error = Some(message);
                self.status = None;
                return;
            }
        };
        let selected = self.selected_event().map(|event| event.id().to_string());
        fresh.area = self.area;
        fresh.mode = self.mode;
        fresh.focus = self.focus;
        fresh.detail_open = self.detail_open;
        fresh.query = std::mem::take(&mut self.query);
        fresh.history = std::mem::take(&mut self.history);
        fresh.jumps = std::mem::take(&mut self.jumps);
        fresh.date_line = std::mem::take(&mut self.date_line);
        fresh.export_line = std::mem::take(&mut self.export_line);
        fresh.theme = std::mem::take(&mut self.theme);
        fresh.today = self.today;
        fresh.order = self.order;
        fresh.pinned = self.pinned;
        if fresh.filter.shown.len() == self.filter.shown.len() {
            fresh.filter = self.filter.clone();
        }
        fresh.scope = self.scope.take();
        fresh.bookmarked_only = self.bookmarked_only;
        fresh.set_bookmarks(std::mem::take(&mut self.bookmarks));
        fresh.matched = Matched::default();
        fresh.refresh();
        if let Some(row) = selected.and_then(|id| fresh.row_of_id(&id)) {
            fresh.selected = row;
            fresh.keep_selection_visible();
        }
        fresh.status = Some(format!("Reloaded: {} events", fresh.timeline.events.len()));
        *self = fresh;
    }

    /// Why the watched file's latest contents could not be used (`FILE:LINE:COL: …`); shown
    /// until a reload succeeds.
    pub fn reload_error(&self) -> Option<&str> {
        self.reload_error.as_deref()
    }
}
