//! Taking a reloaded dataset (`--watch`) without losing the user's place.

use std::sync::Arc;

use super::App;
use super::data::Data;
use super::session::Session;
use crate::app::index_view::IndexView;
use crate::timeline::text::sanitize;
use crate::timeline::{EventId, LoadError};

impl App {
    /// Takes `loaded`, the watched file's new contents prepared off the UI thread, and keeps
    /// everything else as it is: the mode with its prompt, question or overlay, the choices
    /// (fitted to the new data: the pillars when the timeline has as many, the index entry
    /// while events name it, the bookmarks where their events now are), the index view's tab,
    /// query and entry, and the selected event (by id). The search session is rebuilt from the
    /// choices. Contents that cannot be used leave everything as it is and are reported until
    /// a reload succeeds.
    ///
    /// Returns the data replaced, for the caller to free where it does not hold a frame.
    pub fn reload(&mut self, loaded: Result<Data, LoadError>) -> Option<Data> {
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
                return None;
            }
        };
        let selected = self
            .selected_event_id()
            .map(|event| (event, self.data.event(event).id().to_string()));
        let old = std::mem::replace(&mut self.data, data);
        self.index_view =
            IndexView::new(Arc::clone(self.data.index_entries())).with_choices_of(&self.index_view);
        self.choices.fit(&self.data);
        self.session = Session::new(&self.data);
        self.reload_error = None;
        let selected = selected.and_then(|(near, id)| find_near(&self.data, &id, near));
        // A search of a million events for a query takes a keystroke's time: it stops for an
        // input like any other, and the event is selected again when it ends.
        self.rematch(selected);
        self.reselect = selected.filter(|_| self.searching());
        // The summary kept its event's id, perhaps not its text.
        self.forget_summary_layout();
        self.lay_out_summary();
        let mut status = format!("Reloaded: {} events", self.timeline().events.len());
        if let Some(warning) = self.data.warning() {
            status += &format!(" · {}", sanitize(warning));
        }
        self.status = Some(status);
        Some(old)
    }

    /// Why the watched file's latest contents could not be used (`FILE:LINE:COL: …`); shown
    /// until a reload succeeds.
    pub fn reload_error(&self) -> Option<&str> {
        self.reload_error.as_deref()
    }
}

/// The event whose id is `id`, looked for from `near` outwards: an edit moves few events, so
/// the selected one is found at once where it was or close by, where a scan from the start
/// compares up to a million ids (50 ms) on the UI thread.
fn find_near(data: &Data, id: &str, near: EventId) -> Option<EventId> {
    let events = &data.timeline().events;
    let near = near.index().min(events.len());
    let after = events[near..].iter().map(|event| event.id());
    let before = events[..near].iter().rev().map(|event| event.id());
    let mut after = after.enumerate();
    let mut before = before.enumerate();
    loop {
        match (after.next(), before.next()) {
            (None, None) => return None,
            (Some((at, found)), _) if found == id => return Some(EventId::at(near + at)),
            (_, Some((at, found))) if found == id => return Some(EventId::at(near - 1 - at)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, Edit};
    use crate::timeline::bundled;
    use ratatui::layout::Rect;

    /// An explorer on a timeline large enough for a search to ask whether to stop, with a
    /// search done and its fourth row selected; and that row's event id.
    fn searched() -> (App, String) {
        let timeline = crate::fixtures::synthetic_timeline(20_000).unwrap();
        let mut app = App::new(timeline, Rect::new(0, 0, 120, 40));
        app.update(Action::StartSearch);
        app.edit("integration".chars().map(Edit::Insert));
        app.update(Action::AcceptSearch);
        for _ in 0..3 {
            app.update(Action::Next);
        }
        let id = app.selected_event().unwrap().id().to_string();
        (app, id)
    }

    fn reloaded() -> Data {
        Data::new(crate::fixtures::synthetic_timeline(20_000).unwrap())
    }

    #[test]
    fn a_reload_keeps_the_selected_event() {
        let (mut app, id) = searched();
        let old = app.reload(Ok(reloaded()));
        assert!(old.is_some(), "the data replaced, for the caller to free");
        assert!(!app.searching());
        assert_eq!(app.selected_event().unwrap().id(), id);
        assert_eq!(app.selected_row(), Some(3));
    }

    #[test]
    fn a_reload_whose_search_was_stopped_selects_the_event_when_it_ends() {
        let (mut app, id) = searched();
        let pressed = Arc::new(std::sync::atomic::AtomicBool::new(true));
        let probe = Arc::clone(&pressed);
        app.set_interrupt(Arc::new(move || {
            probe.load(std::sync::atomic::Ordering::SeqCst)
        }));
        let _ = app.reload(Ok(reloaded()));
        assert!(app.searching(), "a key waits: the search stopped");
        app.resume_search();
        assert!(app.searching(), "and stops again while one waits");
        pressed.store(false, std::sync::atomic::Ordering::SeqCst);
        app.resume_search();
        assert!(!app.searching());
        assert_eq!(app.selected_event().unwrap().id(), id);
        assert_eq!(app.selected_row(), Some(3));
    }

    #[test]
    fn an_id_is_found_near_where_it_was_or_anywhere_else() {
        let data = Data::new(bundled().unwrap());
        let events = &data.timeline().events;
        let last = events.len() - 1;
        for (wanted, near) in [(0, 0), (0, last), (last, 0), (last, last), (5, 9), (9, 5)] {
            let id = events[wanted].id();
            assert_eq!(
                find_near(&data, id, EventId::at(near)),
                Some(EventId::at(wanted)),
                "{wanted} from {near}"
            );
        }
        assert_eq!(find_near(&data, "no such id", EventId::at(3)), None);
        assert_eq!(
            find_near(&data, events[2].id(), EventId::at(events.len() + 10)),
            Some(EventId::at(2)),
            "from beyond the end"
        );
    }
}
