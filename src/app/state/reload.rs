//! Taking a reloaded dataset (`--watch`) without losing the user's place.

use std::sync::Arc;

use super::App;
use super::data::Data;
use super::session::Session;
use crate::app::index_view::IndexView;
use crate::timeline::LoadError;
use crate::timeline::text::sanitize;

impl App {
    /// Takes `loaded`, the watched file's new contents prepared off the UI thread, and keeps
    /// everything else as it is: the mode with its prompt, question or overlay, the choices
    /// (fitted to the new data: the pillars when the timeline has as many, the index entry
    /// while events name it, the bookmarks where their events now are), the index view's tab,
    /// query and entry, and the selected event (by id). The search session is rebuilt from the
    /// choices. Contents that cannot be used leave everything as it is and are reported until
    /// a reload succeeds.
    pub fn reload(&mut self, loaded: Result<Data, LoadError>) {
        let data = match loaded {
            Ok(data) => data,
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
        self.data = data;
        self.index_view =
            IndexView::new(Arc::clone(self.data.index_entries())).with_choices_of(&self.index_view);
        self.choices.fit(&self.data);
        self.session = Session::new(&self.data);
        self.reload_error = None;
        let selected = selected.and_then(|id| self.data.find(&id));
        self.rematch(selected);
        let mut status = format!("Reloaded: {} events", self.timeline().events.len());
        if let Some(warning) = self.data.warning() {
            status += &format!(" · {}", sanitize(warning));
        }
        self.status = Some(status);
    }

    /// Why the watched file's latest contents could not be used (`FILE:LINE:COL: …`); shown
    /// until a reload succeeds.
    pub fn reload_error(&self) -> Option<&str> {
        self.reload_error.as_deref()
    }
}
