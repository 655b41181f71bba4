//! The rows the explorer lists, ranked only as far as they are looked at, and in timeline order
//! read straight from the hits.

use std::borrow::Cow;
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
///
/// Rows in timeline order are the hits themselves, which the session keeps anyway: a copy of
/// their events would be 4 bytes a row (4 MB with every event of a million shown), so one is
/// made only for a caller that wants every row as a slice.
#[derive(Debug, Default)]
pub struct Rows {
    len: usize,
    /// Listed rows: all of them; ranked rows: the first in display order; none in timeline
    /// order.
    first: Vec<EventId>,
    /// The hits in timeline order (shared with the session, whose next keystroke's search
    /// narrows them): the rows themselves in timeline order, else those to rank the rest from.
    hits: Arc<Hits>,
    /// Whether `hits` are the rows, in their order.
    in_order: bool,
    /// All rows, once ranked or copied out of the hits.
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

    /// The events of `hits`, in timeline order.
    pub fn in_order(hits: Arc<Hits>) -> Self {
        Rows {
            len: hits.len(),
            hits,
            in_order: true,
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
            hits,
            ..Rows::default()
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every row, ranking the rest (or copying the hits' events) first if need be.
    pub fn all(&self, index: &Index) -> &[EventId] {
        if self.hits.is_empty() {
            return &self.first;
        }
        self.all.get_or_init(|| {
            if self.in_order {
                self.hits.events().collect()
            } else {
                index.ranked(&self.hits)
            }
        })
    }

    /// The rows in `range`, which must lie within the list.
    pub fn slice(&self, index: &Index, range: Range<usize>) -> Cow<'_, [EventId]> {
        if self.in_order && self.all.get().is_none() {
            let hits = &self.hits.as_slice()[range];
            return Cow::Owned(hits.iter().map(|hit| hit.event).collect());
        }
        Cow::Borrowed(match self.first.get(range.clone()) {
            Some(rows) => rows,
            None => &self.all(index)[range],
        })
    }

    /// The event shown in `row`, which must be within the list.
    pub fn event(&self, index: &Index, row: usize) -> EventId {
        if self.in_order {
            return self.hits.as_slice()[row].event;
        }
        self.slice(index, row..row + 1)[0]
    }

    /// The row showing `event`, if it is shown: found by a binary search in timeline order.
    pub fn position(&self, index: &Index, event: EventId) -> Option<usize> {
        if self.in_order {
            let hits = self.hits.as_slice();
            return hits.binary_search_by_key(&event, |hit| hit.event).ok();
        }
        self.all(index).iter().position(|&shown| shown == event)
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
        assert_eq!(rows.position(&index, full[far]), Some(far));
    }

    #[test]
    fn rows_in_timeline_order_read_the_hits_without_copying_them() {
        let timeline = timeline();
        let index = Index::new(timeline);
        let events: Vec<EventId> = index.timeline().event_ids().step_by(3).collect();
        let hits: Hits = events.iter().copied().collect();
        let rows = Rows::in_order(Arc::new(hits));
        assert_eq!(rows.len(), events.len());
        assert_eq!(rows.slice(&index, 2..5), &events[2..5]);
        assert_eq!(rows.event(&index, 7), events[7]);
        assert_eq!(rows.position(&index, events[9]), Some(9));
        assert_eq!(rows.position(&index, EventId::at(1)), None);
        assert!(rows.all.get().is_none(), "nothing was copied");
        assert_eq!(rows.all(&index), events.as_slice());
        assert_eq!(rows.slice(&index, 2..5), &events[2..5]);
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
