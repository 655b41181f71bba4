//! The user's bookmarks as the explorer holds them: the ids kept (which outlast a reload, and
//! include ids this timeline lacks), where those events are in the timeline now, and the changes
//! sent to be saved that the host has not yet reported stored.

use std::collections::BTreeSet;

use super::data::Data;
use crate::bookmarks::{Change, Report, Stored};
use crate::timeline::EventId;

/// The bookmarked events, by string id and by position in this timeline.
#[derive(Debug, Default)]
pub struct Marks {
    /// Bookmarked event ids, including ids this timeline does not have (they are kept).
    ids: BTreeSet<String>,
    /// The bookmarked events this timeline has, ascending.
    events: Vec<EventId>,
    /// Changes sent to be saved and not yet reported stored, oldest first.
    unsaved: Vec<Change>,
    /// Whether the host is still loading the stored bookmarks, so that none shown does not
    /// yet mean none kept.
    loading: bool,
}

impl Marks {
    /// The ids kept, including ids this timeline lacks.
    pub fn ids(&self) -> &BTreeSet<String> {
        &self.ids
    }

    /// The bookmarked events, ascending.
    pub fn events(&self) -> &[EventId] {
        &self.events
    }

    /// Whether `event` is bookmarked, for its marker in the list.
    pub fn contains(&self, event: EventId) -> bool {
        self.events.binary_search(&event).is_ok()
    }

    /// Whether the stored bookmarks are still on their way, so none shown may not mean none.
    pub fn loading(&self) -> bool {
        self.loading
    }

    /// Expects the stored bookmarks to arrive from a host that is loading them.
    pub fn await_stored(&mut self) {
        self.loading = true;
    }

    /// Bookmarks `event` (whose string id is `id`), or removes its bookmark; the change, to
    /// be saved.
    pub fn toggle(&mut self, event: EventId, id: &str) -> Change {
        let change = match self.events.binary_search(&event) {
            Ok(at) => {
                self.events.remove(at);
                Change::Remove(id.to_string())
            }
            Err(at) => {
                self.events.insert(at, event);
                Change::Add(id.to_string())
            }
        };
        change.apply(&mut self.ids);
        self.unsaved.push(change.clone());
        change
    }

    /// Takes the bookmarks as the host stored them, with this explorer's changes not yet saved
    /// made on top: whether the ids were replaced, and what to tell the user (a note on how
    /// they loaded, or why they could not be loaded or saved).
    pub fn take_stored(&mut self, report: Report, data: &Data) -> (bool, Option<String>) {
        self.loading = false;
        let Stored { ids, changes, note } = match report {
            Ok(stored) => stored,
            Err(message) => return (false, Some(message)),
        };
        self.unsaved.drain(..changes.min(self.unsaved.len()));
        let replaced = ids.is_some();
        if let Some(mut ids) = ids {
            for change in &self.unsaved {
                change.apply(&mut ids);
            }
            self.set(ids, data);
        }
        (replaced, note.map(|note| note.to_string()))
    }

    /// Takes these bookmarked ids (ids the timeline lacks are kept).
    pub fn set(&mut self, ids: BTreeSet<String>, data: &Data) {
        self.ids = ids;
        self.locate(data);
    }

    /// Finds the bookmarked ids among `data`'s events (when the stored bookmarks arrive).
    pub fn locate(&mut self, data: &Data) {
        self.events.clear();
        let mut checked = 0;
        self.locate_until(data, &mut checked, &|| false);
    }

    /// The same ids, not yet located: for a reload's search, which locates them in the new
    /// data with [`Marks::locate_until`].
    pub fn unlocated(&self) -> Marks {
        Marks {
            ids: self.ids.clone(),
            ..Marks::default()
        }
    }

    /// Looks for the bookmarked ids among `data`'s events from `checked` on, a part at a time,
    /// until all are checked (true) or `stop` says so between parts (false, `checked` saying
    /// how far it got): a million ids take 20–70 ms to compare, more than a frame, so a
    /// reload's search does it in steps it can resume.
    pub fn locate_until(
        &mut self,
        data: &Data,
        checked: &mut usize,
        stop: &dyn Fn() -> bool,
    ) -> bool {
        let timeline = data.timeline();
        let count = timeline.events.len();
        // Without bookmarks there is nothing to find: reading a million events' ids to learn
        // that took most of a reload's frame.
        if self.ids.is_empty() {
            *checked = count;
        }
        while *checked < count {
            if stop() {
                return false;
            }
            let end = (*checked + LOCATE_PART).min(count);
            let found = (*checked..end)
                .map(EventId::at)
                .filter(|&event| self.ids.contains(timeline.event(event).id()));
            self.events.extend(found);
            *checked = end;
        }
        true
    }

    /// Takes the places `located` found for the same ids in the data that replaced this one.
    pub fn take_located(&mut self, located: Marks) {
        debug_assert_eq!(self.ids, located.ids);
        self.events = located.events;
    }
}

/// How many events' ids [`Marks::locate_until`] compares between asking whether to stop: a few
/// milliseconds' work.
const LOCATE_PART: usize = 65_536;
