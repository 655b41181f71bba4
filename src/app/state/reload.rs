//! Taking a reloaded dataset (`--watch`) without losing the user's place, in two steps: the new
//! data's search runs (stopping for inputs, like any long search) while the old data and rows
//! stay shown and browsable, and the new data takes their place only once it has ended.

use std::sync::Arc;

use super::App;
use super::choices::Choices;
use super::data::Data;
use super::session::Session;
use crate::app::index_view::IndexView;
use crate::timeline::text::sanitize;
use crate::timeline::{EventId, LoadError};

/// A reload whose search has not ended. One value, so that a reload replaces it whole.
pub(crate) struct PendingReload {
    data: Data,
    /// The user's choices as they apply to `data` (see [`Choices::fitted_copy`]), followed
    /// when the user changes them meanwhile.
    choices: Choices,
    /// How many of `data`'s events were checked for the bookmarked ids.
    checked: usize,
    /// The rows `choices` select from `data`, once its search has ended.
    session: Session,
}

impl App {
    /// Takes `loaded`, the watched file's new contents prepared off the UI thread, and keeps
    /// everything else as it is: the mode with its prompt, question or overlay, the choices
    /// (fitted to the new data: the pillars when the timeline has as many, the index entry
    /// while events name it, the bookmarks where their events now are), the index view's tab,
    /// query and entry, and the selected event (by id).
    ///
    /// The new data's rows are searched first, stopping for an input like any long search
    /// (see [`App::set_interrupt`]); until the search ends ([`App::resume_search`] goes on with
    /// it), the old data and rows are shown and every key acts on them. A reload arriving
    /// meanwhile replaces this one. Contents that cannot be used are reported until a reload
    /// succeeds, and leave everything else as it is, a pending reload included: its contents
    /// are newer than those shown.
    ///
    /// Returns the data no longer needed (a pending reload replaced, the data the reload took
    /// the place of), for the caller to free where it does not hold a frame.
    pub fn reload(&mut self, loaded: Result<Data, LoadError>) -> Vec<Data> {
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
                return Vec::new();
            }
        };
        self.reload_error = None;
        let mut unused: Vec<Data> = self
            .pending
            .take()
            .map(|pending| pending.data)
            .into_iter()
            .collect();
        self.pending = Some(Box::new(PendingReload {
            choices: self.choices.fitted_copy(&data),
            checked: 0,
            session: Session::new(&data),
            data,
        }));
        unused.extend(self.advance_reload());
        unused
    }

    /// Goes on with the pending reload's search, if there is one, following the choices the
    /// user made meanwhile; once it ends, the reload takes the old data's place. Returns the
    /// data replaced.
    pub(super) fn advance_reload(&mut self) -> Option<Data> {
        let pending = self.pending.as_mut()?;
        let wanted = self.choices.fitted_copy(&pending.data);
        if !wanted.searches_as(&pending.choices) {
            pending.choices = wanted;
            pending.checked = 0;
        }
        let stop = &*self.interrupt;
        let marks = pending.choices.marks_mut();
        if !marks.locate_until(&pending.data, &mut pending.checked, &|| stop()) {
            return None;
        }
        pending
            .session
            .refresh(&pending.data, &pending.choices, &self.interrupt);
        if pending.session.searching() {
            return None;
        }
        let pending = self.pending.take()?;
        Some(self.take_place_of_data(*pending))
    }

    /// Shows `pending`'s data and rows in place of the old, keeping the selected event.
    fn take_place_of_data(&mut self, pending: PendingReload) -> Data {
        let PendingReload {
            data,
            choices,
            session,
            ..
        } = pending;
        let selected = self
            .selected_event_id()
            .map(|event| (event, self.data.event(event).id().to_string()));
        let old = std::mem::replace(&mut self.data, data);
        self.index_view =
            IndexView::new(Arc::clone(self.data.index_entries())).with_choices_of(&self.index_view);
        self.choices.take_fitted(choices);
        self.session = session;
        let selected = selected.and_then(|(near, id)| find_near(&self.data, &id, near));
        self.select_matched(selected);
        // The summary kept its event's id, perhaps not its text.
        self.forget_summary_layout();
        self.lay_out_summary();
        let mut status = format!("Reloaded: {} events", self.timeline().events.len());
        if let Some(warning) = self.data.warning() {
            status += &format!(" · {}", sanitize(warning));
        }
        self.status = Some(status);
        old
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
        assert_eq!(old.len(), 1, "the data replaced, for the caller to free");
        assert!(!app.searching() && !app.reloading());
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
        assert!(
            app.reload(Ok(reloaded())).is_empty(),
            "nothing replaced yet"
        );
        assert!(app.reloading(), "a key waits: the search stopped");
        assert!(
            !app.searching(),
            "the rows shown are the old data's, searched"
        );
        assert!(app.resume_search().is_none());
        assert!(app.reloading(), "and stops again while one waits");
        pressed.store(false, std::sync::atomic::Ordering::SeqCst);
        assert!(app.resume_search().is_some(), "the old data, to free");
        assert!(!app.reloading());
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
