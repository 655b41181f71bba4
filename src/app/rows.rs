//! The rows the explorer lists, ranked only as far as they are looked at.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::Arc;

use crate::search::{Hits, Index};
use crate::timeline::EventId;

/// Rows ranked as soon as a query changes: more than any screen shows.
pub const RANKED_FIRST: usize = 256;

/// The events the list shows (indices into `Timeline::events`), in display order.
///
/// Ranking a million matches costs a good part of a keystroke, yet until the user scrolls down,
/// jumps or a selection has to be found again, the list shows only the top. So a query's first
/// rows are ranked at once and the rest on first need, from the hits kept for it.
#[derive(Debug, Default)]
pub struct Rows {
    len: usize,
    /// The first rows in display order: all of them when `later` is empty.
    first: Vec<EventId>,
    /// The hits to rank the rest from, in timeline order (shared with the next keystroke's
    /// search, which narrows them).
    later: Arc<Hits>,
    /// All rows, once ranked.
    all: OnceCell<Vec<EventId>>,
}

impl Rows {
    /// Rows in the order given.
    pub fn listed(events: Vec<EventId>) -> Self {
        Rows {
            len: events.len(),
            first: events,
            ..Rows::default()
        }
    }

    /// `hits` (in timeline order) ordered by relevance, of which matching picked the best
    /// [`RANKED_FIRST`] (or all, if fewer) as `first`.
    pub fn ranked(first: Vec<EventId>, hits: Arc<Hits>) -> Self {
        debug_assert_eq!(first.len(), hits.len().min(RANKED_FIRST));
        if hits.len() <= first.len() {
            return Rows::listed(first);
        }
        Rows {
            len: hits.len(),
            first,
            later: hits,
            all: OnceCell::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every row, ranking the rest first if need be.
    pub fn all(&self, index: &Index) -> &[EventId] {
        if self.later.is_empty() {
            return &self.first;
        }
        self.all.get_or_init(|| index.ranked(&self.later))
    }

    /// The rows in `range`, which must lie within the list.
    pub fn slice(&self, index: &Index, range: Range<usize>) -> &[EventId] {
        match self.first.get(range.clone()) {
            Some(rows) => rows,
            None => &self.all(index)[range],
        }
    }

    /// The event shown in `row`, which must be within the list.
    pub fn event(&self, index: &Index, row: usize) -> EventId {
        self.slice(index, row..row + 1)[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Candidates, Query};
    use crate::timeline::{Timeline, load_str};

    /// Enough events, with titles of several lengths, that a query matching them all leaves
    /// rows to rank later.
    fn timeline() -> Timeline {
        let events: String = (0..3 * RANKED_FIRST)
            .map(|n| {
                let title = ["Fund", "Fund talks", "Funding plan", "Plan"][n % 4];
                format!(
                    "Event(id: \"e{n}\", date: \"{}\", title: \"{title} {n}\", pillar: \"p\"),",
                    1900 + n % 120
                )
            })
            .collect();
        load_str(
            "t.ron",
            &format!(
                "Timeline(title: \"t\", pillars: [Pillar(id: \"p\", name: \"P\", color: \"red\")], \
                 events: [{events}])"
            ),
        )
        .unwrap()
    }

    #[test]
    fn rows_ranked_later_read_as_the_full_ranking() {
        let timeline = timeline();
        let index = Index::new(timeline);
        let timeline = index.timeline();
        let compiled = index.compile(&Query::parse("fund").unwrap());
        let candidates: Vec<EventId> = timeline.event_ids().collect();
        let matches = index.matches(&compiled, Candidates::Events(&candidates), RANKED_FIRST);
        let full = index.ranked(&matches.hits);
        assert!(full.len() > RANKED_FIRST, "{} rows", full.len());

        let rows = Rows::ranked(matches.first, Arc::new(matches.hits));
        assert_eq!(rows.len(), full.len());
        assert_eq!(rows.slice(&index, 0..20), &full[..20]);
        assert!(rows.all.get().is_none(), "the top alone ranks nothing more");
        let far = RANKED_FIRST + 10;
        assert_eq!(rows.event(&index, far), full[far]);
        assert_eq!(
            rows.slice(&index, RANKED_FIRST - 5..far),
            &full[RANKED_FIRST - 5..far]
        );
        assert_eq!(rows.all(&index), full.as_slice());
    }

    #[test]
    fn listed_rows_keep_their_order() {
        let listed = [3, 1, 2].map(EventId::at);
        let rows = Rows::listed(listed.to_vec());
        let timeline = timeline();
        let index = Index::new(timeline);
        assert_eq!(rows.all(&index), listed);
        assert_eq!(rows.event(&index, 1), listed[1]);
        assert!(!rows.is_empty());
        assert!(Rows::default().is_empty());
    }
}
