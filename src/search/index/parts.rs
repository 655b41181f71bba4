//! The parts of an [`Index`] that take long to build — the folded text with its per-event
//! filters, the character masks, the events' glossary ids, title lengths and pillars — apart
//! from the rest, which is cheap to derive from the timeline again. A snapshot stores these
//! parts, and [`Index::with_parts`] puts an index together from them without reading the
//! events.
//! Each is [`Shared`], so an index from a snapshot reads them where they lie in its map: the
//! parts are most of a snapshot, and copying them cost a command more than all else it did.

use std::sync::Arc;

use super::Index;
use super::build::Cheap;
use crate::search::folded::Folded;
use crate::shared::Shared;
use crate::timeline::Timeline;

/// The expensive parts of an [`Index`], opaque outside the crate: only an index gives them
/// (through a snapshot) and only an index takes them back.
pub struct SearchParts {
    pub(crate) folded: Folded,
    /// Per event: the mask of all its searchable text, its pillar's name and its expansions
    /// included, as the index reads it: complete, so that an index from parts in a map never
    /// writes to them.
    pub(crate) masks: Shared<u64>,
    /// Glossary ids of each event's acronyms: event `e` has
    /// `acronym_ids[acronym_starts[e]..acronym_starts[e + 1]]`.
    pub(crate) acronym_ids: Shared<u32>,
    pub(crate) acronym_starts: Shared<u32>,
    /// Per event: its title's length in chars, for the shorter-title tie-break. Counting
    /// reads every title, scattered over the heap: slower than reading these.
    pub(crate) title_lengths: Shared<u16>,
    /// Per event: its pillar, compact. Gathering it reads every event, scattered over the
    /// heap, into fresh memory: slower than reading these.
    pub(crate) pillars: Shared<u16>,
}

impl SearchParts {
    /// Whether the parts fit `timeline`: one per event, acronym ids rising through the list
    /// and naming glossary entries, pillars naming the timeline's. Parts that come from a
    /// snapshot are checked, not trusted, so that no lookup the index (or the density strip,
    /// which counts per pillar) makes later can fall outside them.
    pub(crate) fn fits(&self, timeline: &Timeline) -> bool {
        let events = timeline.events.len();
        let starts = &self.acronym_starts;
        let glossary = timeline.glossary.len();
        let pillars = timeline.pillars.len();
        self.folded.len() == events
            && self.masks.len() == events
            && self.title_lengths.len() == events
            && self.pillars.len() == events
            && starts.len() == events + 1
            && starts.first() == Some(&0)
            && starts.last() == Some(&(self.acronym_ids.len() as u32))
            && self.acronym_ids.len() <= u32::MAX as usize
            && starts.windows(2).all(|pair| pair[0] <= pair[1])
            && self.acronym_ids.iter().all(|&id| (id as usize) < glossary)
            && self
                .pillars
                .iter()
                .all(|&pillar| usize::from(pillar) < pillars)
    }
}

impl Index {
    /// An index of `timeline` put together from `parts` taken from another index of it (a
    /// snapshot stores them), or `None` when they do not fit it (see [`SearchParts`]). Only
    /// the cheap parts are derived again.
    pub fn with_parts(timeline: impl Into<Arc<Timeline>>, parts: SearchParts) -> Option<Self> {
        let timeline: Arc<Timeline> = timeline.into();
        if !parts.fits(&timeline) {
            return None;
        }
        let cheap = Cheap::of(&timeline);
        Some(Index::assemble(timeline, parts, cheap))
    }

    /// The expensive parts, for a snapshot to store (shared, not copied).
    pub(crate) fn parts(&self) -> SearchParts {
        SearchParts {
            folded: self.folded.clone(),
            masks: self.masks.clone(),
            acronym_ids: self.acronym_ids.clone(),
            acronym_starts: self.starts.clone(),
            title_lengths: self.title_lengths.clone(),
            pillars: self.pillars.clone(),
        }
    }
}
