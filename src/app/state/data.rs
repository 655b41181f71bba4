//! What the explorer derives from the file: the timeline with its search index, which events
//! name each acronym and mechanism, and where each year's events start. Nothing here is the
//! user's, so a reload (`--watch`) replaces it whole.

use std::sync::{Arc, OnceLock};

use crate::app::density::{Density, EventYears};
use crate::app::index_view::IndexEntries;
use crate::app::links::Links;
use crate::chart::Placed;
use crate::search::{Hits, Index};
use crate::timeline::{Event, EventId, Timeline};

/// The file's timeline and what is prepared from it once, for every keystroke to use.
pub struct Data {
    /// The timeline's search index, which owns the timeline; shared so that work off the UI
    /// thread (writing a snapshot, an export) can read it while the explorer goes on.
    index: Arc<Index>,
    links: Links,
    event_years: EventYears,
    /// Where each dated event lies in time, by position: found when the chart is first drawn,
    /// so that a list-only session spends neither the time nor the memory (16 bytes an event).
    placed: OnceLock<Vec<Placed>>,
    /// Shared with the index view, which shows them.
    index_entries: Arc<IndexEntries>,
    /// What the file held that ajtl could not carry (`Loaded::warning`), said on reload.
    warning: Option<String>,
}

impl Data {
    /// Prepares `timeline` for searching and browsing: the slow part of opening a file, done
    /// off the UI thread (at start and by `--watch`).
    pub fn new(timeline: Timeline) -> Self {
        Data::from_index(Arc::new(Index::new(timeline)))
    }

    /// Prepares the timeline `index` holds for browsing, with its search index already built
    /// (read from a snapshot, say).
    pub fn from_index(index: Arc<Index>) -> Self {
        let timeline = index.timeline();
        let links = Links::new(timeline);
        Data {
            index_entries: Arc::new(IndexEntries::new(timeline, &links)),
            event_years: EventYears::new(timeline),
            links,
            placed: OnceLock::new(),
            index,
            warning: None,
        }
    }

    /// The same data, with what its file held that ajtl could not carry.
    pub fn with_warning(self, warning: Option<String>) -> Self {
        Data { warning, ..self }
    }

    /// What the file held that ajtl could not carry, if anything.
    pub fn warning(&self) -> Option<&str> {
        self.warning.as_deref()
    }

    /// The timeline, as the index holds it.
    pub fn timeline(&self) -> &Timeline {
        self.index.timeline()
    }

    /// What every keystroke searches.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The index, shared, for work that reads it off the UI thread.
    pub fn shared_index(&self) -> &Arc<Index> {
        &self.index
    }

    /// Which events name each acronym and mechanism: related events and index entries.
    pub fn links(&self) -> &Links {
        &self.links
    }

    /// The acronyms and mechanisms the index view (`a`) lists.
    pub fn index_entries(&self) -> &Arc<IndexEntries> {
        &self.index_entries
    }

    /// The shown events `hits` (in timeline order) per year, for the density strip.
    pub fn tally(&self, hits: &Hits) -> Density {
        self.event_years.tally(hits, self.index.pillars())
    }

    /// Where each dated event lies in time, by position (undated entries, last, have none).
    pub fn all_placed(&self) -> &[Placed] {
        self.placed.get_or_init(|| {
            let dated = self.timeline().dated();
            dated.iter().filter_map(Placed::of).collect()
        })
    }

    /// The event `event` names in this data's timeline.
    pub fn event(&self, event: EventId) -> &Event {
        self.timeline().event(event)
    }

    /// The year `event` starts in; `None` for an undated entry.
    pub fn year_of(&self, event: EventId) -> Option<i64> {
        Some(self.event(event).date.as_ref()?.earliest().year())
    }

    /// The event whose string id is `id`: ids outlast a reload, positions may not.
    pub fn find(&self, id: &str) -> Option<EventId> {
        let events = &self.timeline().events;
        events.iter().position(|e| e.id() == id).map(EventId::at)
    }
}

/// Brief, as for [`crate::app::App`]: a million events are not worth printing.
impl std::fmt::Debug for Data {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Data")
            .field("events", &self.timeline().events.len())
            .finish_non_exhaustive()
    }
}
