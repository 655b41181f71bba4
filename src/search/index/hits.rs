//! What a search hands back — hits, in timeline order, with their scores — and what a hit
//! tells the next, longer query about where to resume ([`Resume`]), an encoding no one outside
//! the index reads.

use crate::timeline::EventId;

/// What a search found.
#[derive(Default)]
pub struct Matches {
    /// Every hit, in timeline order.
    pub hits: Hits,
    /// The events of the best hits, as many as were asked for, in ranked order (as
    /// [`Index::ranked`](super::Index::ranked) orders them).
    pub first: Vec<EventId>,
}

/// An event that matched, with how well.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hit {
    pub event: EventId,
    pub score: u32,
    /// Where the query's last term first occurs in the event's searchable text, for the next,
    /// longer query to resume from (see [`Candidate`]): private to the index, which
    /// alone knows the encoding.
    pub(super) from: u32,
}

/// A search's hits, in timeline order, kept so that a query typed onto this one can narrow
/// them ([`Candidates::Narrow`]) rather than search every event again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hits(pub(super) Vec<Hit>);

impl Hits {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every hit, in timeline order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &Hit> {
        self.0.iter()
    }

    /// The events hit, ascending.
    pub fn events(&self) -> impl ExactSizeIterator<Item = EventId> + '_ {
        self.0.iter().map(|hit| hit.event)
    }

    /// Every hit, in timeline order, for a binary search by event.
    pub fn as_slice(&self) -> &[Hit] {
        &self.0
    }
}

/// Hits on `events` (ascending) with no score, as a search that only filters finds them; a
/// query narrowing them searches each in full.
impl FromIterator<EventId> for Hits {
    fn from_iter<I: IntoIterator<Item = EventId>>(events: I) -> Self {
        let hit = |event| Hit {
            event,
            score: 0,
            from: 0,
        };
        Hits(events.into_iter().map(hit).collect())
    }
}

/// The events a search considers, in ascending order.
#[derive(Clone, Copy, Debug)]
pub enum Candidates<'a> {
    /// These events, each searched in full.
    Events(&'a [EventId]),
    /// For a query that narrows ([`extends`](crate::search::query::extends)) the one that found
    /// `previous`: those hits, each searched from where that query left off, and the events the new
    /// query `named` ([`Compiled::named_events`](super::Compiled::named_events)), searched in full.
    Narrow {
        previous: &'a Hits,
        named: &'a [EventId],
    },
}

/// A hit as a candidate for a query that narrows this one.
impl From<Hit> for Candidate {
    fn from(hit: Hit) -> Self {
        Candidate {
            event: hit.event,
            from: hit.from,
        }
    }
}

/// An event to match, and what the previous, shorter query learnt about its last term there.
///
/// Typing onto a term can only move its first occurrence later, and its letters, matched in order,
/// extend the shorter term's. So a keystroke that grows the last term
/// ([`Query::grows_last_term`](crate::search::Query::grows_last_term)) resumes each event's search
/// where the previous one left off: from the shorter term's first occurrence, or, where it occurred
/// only letter by letter, from where its letters ended; and where the shorter term's letters were
/// not there at all, the longer term's are not either.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Candidate {
    pub(super) event: EventId,
    /// Where to resume, in the [`Resume`] encoding; 0 searches the event in full.
    pub(super) from: u32,
}

/// An event to search in full.
impl From<EventId> for Candidate {
    fn from(event: EventId) -> Self {
        Candidate { event, from: 0 }
    }
}

/// The union of the previous query's hits and the events a query names (both ascending), as
/// candidates; of an event in both, the hit.
pub(super) fn merge_candidates(hits: &[Hit], named: &[EventId]) -> Vec<Candidate> {
    let mut merged = Vec::with_capacity(hits.len() + named.len());
    let mut a = hits.iter().map(|&hit| Candidate::from(hit)).peekable();
    let mut b = named.iter().map(|&event| Candidate::from(event)).peekable();
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if y.event < x.event => b.next(),
            (Some(x), Some(y)) if y.event == x.event => {
                b.next();
                a.next()
            }
            (Some(_), _) => a.next(),
            (None, _) => b.next(),
        };
        match next {
            Some(candidate) => merged.push(candidate),
            None => return merged,
        }
    }
}

/// Where a term searched in full starts: at the start, no shorter term's letters known.
pub(super) const FROM_SCRATCH: (Resume, usize) = (Resume::Written(0), 0);

/// Where the search for a growing term resumes in one event (see [`Candidate`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Resume {
    /// The term can first occur, as written, at this byte of the event's folded text or later.
    Written(usize),
    /// The term is nowhere written; its letters are not known to occur in order.
    Unwritten,
    /// The term is nowhere written; the shorter term's letters, matched greedily through the
    /// short fields, end at this byte.
    Letters(usize),
    /// The term is neither written nor spelled letter by letter in the event's own text.
    Nowhere,
}

impl Resume {
    const UNWRITTEN: u32 = 1 << 30;
    const LETTERS: u32 = 1 << 31;
    const NOWHERE: u32 = u32::MAX;

    /// Events are far shorter than a gigabyte (the largest file read), so offsets fit below
    /// the markers.
    #[inline]
    pub(super) fn encode(self) -> u32 {
        match self {
            Resume::Written(at) => at.min(Self::UNWRITTEN as usize - 1) as u32,
            Resume::Letters(end) if end < Self::UNWRITTEN as usize => Self::LETTERS + end as u32,
            Resume::Letters(_) | Resume::Unwritten => Self::UNWRITTEN,
            Resume::Nowhere => Self::NOWHERE,
        }
    }

    #[inline]
    pub(super) fn decode(from: u32) -> Self {
        match from {
            Self::NOWHERE => Resume::Nowhere,
            _ if from >= Self::LETTERS => Resume::Letters((from - Self::LETTERS) as usize),
            Self::UNWRITTEN.. => Resume::Unwritten,
            _ => Resume::Written(from as usize),
        }
    }
}
