//! The search session: the incremental protocol between the user's choices and the rows shown.
//! It keeps the last query that parsed (compiled), the hits it found and what they were matched
//! for, so that a query that only grew is matched among them rather than among every event; it
//! stops when interrupted and resumes later; and it holds the rows and their per-year density.
//! Everything here can be rebuilt from the data and the choices, which is what a reload does.

use std::sync::{Arc, OnceLock};

use super::Interrupt;
use super::chart::Extent;
use super::choices::{Choices, Narrowing, Order};
use super::data::Data;
use crate::app::density::Density;
use crate::app::rows::{RANKED_FIRST, Rows};
use crate::search::query::extends;
use crate::search::{Candidates, Compiled, Hits, Query, QueryError};
use crate::timeline::EventId;

/// The query text and narrowing the current rows were computed for, and the hits, in
/// ascending order (shared with the rows, which rank them).
struct Matched {
    query: String,
    narrowing: Option<Narrowing>,
    hits: Arc<Hits>,
}

/// A search kept up to date with the choices, a keystroke at a time.
pub struct Session {
    /// The last query that parsed, as matched against the index.
    compiled: Compiled,
    /// Why the typed query cannot be used; the rows stay those of the last good one.
    query_error: Option<QueryError>,
    /// What the rows were matched from; no narrowing when nothing was matched yet.
    matched: Matched,
    /// Whether the rows wait for a search that was stopped to let an input through.
    searching: bool,
    /// The events shown, in display order.
    rows: Rows,
    /// Whether every event shown matches only loosely (see [`crate::search::Index::all_loose`]).
    all_loose: bool,
    /// The shown events per year, for the density strip.
    density: Density,
    /// The shown events' lanes and time, for the chart: found when the chart asks.
    extent: OnceLock<Extent>,
}

impl Session {
    /// A session that has matched nothing yet on `data`.
    pub fn new(data: &Data) -> Self {
        Session {
            compiled: data.index().compile(&Query::default()),
            query_error: None,
            matched: Matched {
                query: String::new(),
                narrowing: None,
                hits: Arc::default(),
            },
            searching: false,
            rows: Rows::default(),
            all_loose: false,
            density: Density::default(),
            extent: OnceLock::new(),
        }
    }

    /// The query the rows were matched with (the last one that parsed).
    pub fn compiled(&self) -> &Compiled {
        &self.compiled
    }

    /// Why the query typed cannot be used; the rows are the last good one's.
    pub fn query_error(&self) -> Option<&QueryError> {
        self.query_error.as_ref()
    }

    /// Whether the rows wait for a search that was interrupted.
    pub fn searching(&self) -> bool {
        self.searching
    }

    /// The events shown, in display order.
    pub fn rows(&self) -> &Rows {
        &self.rows
    }

    /// The shown events per year, for the density strip.
    pub fn density(&self) -> &Density {
        &self.density
    }

    /// The shown events' lanes and time, for the chart.
    pub fn extent(&self, data: &Data) -> &Extent {
        (self.extent).get_or_init(|| Extent::of(data, &self.matched.hits))
    }

    /// Whether every event shown matches only loosely: the search found nothing written out.
    pub fn all_loose(&self) -> bool {
        self.all_loose
    }

    /// The events shown, in timeline order.
    pub fn hits(&self) -> &Hits {
        &self.matched.hits
    }

    /// Matches the next search afresh, not among the hits kept: for a change of the list the
    /// narrowing does not see (a bookmark added while only bookmarks are shown).
    pub fn forget_hits(&mut self) {
        self.matched.narrowing = None;
    }

    /// Matches the query and narrowing chosen against `data`: among the previous hits when the
    /// query only grew under the same narrowing, else among the events the narrowing allows.
    /// True when the rows were replaced; false when they stay as they were, because the query
    /// does not parse ([`Session::query_error`] says why) or `interrupt` stopped the search
    /// ([`Session::searching`] says so). The empty query is never stopped (it matches
    /// everything in milliseconds).
    pub fn refresh(&mut self, data: &Data, choices: &Choices, interrupt: &Interrupt) -> bool {
        self.searching = false;
        let text = choices.query().text();
        let query = match Query::parse(text) {
            Ok(query) => query,
            Err(error) => {
                self.query_error = Some(error);
                return false;
            }
        };
        self.query_error = None;
        let index = data.index();
        let Some(mut compiled) = index.compile_until(&query, &**interrupt) else {
            self.searching = true;
            return false;
        };
        let narrowing = choices.narrowing();
        let narrows = extends(&self.matched.query, text)
            && self.matched.narrowing.as_ref() == Some(narrowing);
        let restricted = choices.restricted(data);
        let scoped = restricted.as_deref();
        let ranked = compiled.ranks() && choices.order() == Order::Relevance;
        let first = if ranked { RANKED_FIRST } else { 0 };
        let never = || false;
        let stop: &(dyn Fn() -> bool + Sync) = if compiled.is_empty() {
            &never
        } else {
            &**interrupt
        };
        let shows = |event: EventId| narrowing.filter.shows(data.event(event).pillar);
        let found = if narrows {
            let previous = std::mem::take(&mut self.matched.hits);
            compiled.resume(
                Query::parse(&self.matched.query)
                    .ok()
                    .and_then(|old| query.grows_last_term(&old)),
            );
            // Events a term names (an acronym, a spelled-out expansion) may match without
            // having matched the shorter query.
            let named: Vec<EventId> = compiled
                .named_events()
                .iter()
                .copied()
                .filter(|&event| {
                    shows(event) && scoped.is_none_or(|events| events.binary_search(&event).is_ok())
                })
                .collect();
            let candidates = Candidates::Narrow {
                previous: &previous,
                named: &named,
            };
            let found = index.matches_until(&compiled, candidates, first, stop);
            if found.is_none() {
                self.matched.hits = previous;
            }
            found
        } else {
            let candidates: Vec<EventId> = if let Some(events) = scoped {
                events
                    .iter()
                    .copied()
                    .filter(|&event| shows(event))
                    .collect()
            } else if narrowing.filter.is_all() {
                data.timeline().event_ids().collect()
            } else {
                index.in_pillars(&narrowing.filter)
            };
            index.matches_until(&compiled, Candidates::Events(&candidates), first, stop)
        };
        let Some(found) = found else {
            self.searching = true;
            return false;
        };
        let hits = Arc::new(found.hits);
        self.all_loose = index.all_loose(&compiled, &hits);
        self.density = data.tally(&hits);
        self.extent = OnceLock::new();
        self.matched = Matched {
            query: text.to_string(),
            narrowing: Some(narrowing.clone()),
            hits: Arc::clone(&hits),
        };
        self.compiled = compiled;
        self.rows = if ranked {
            Rows::ranked(found.first, hits)
        } else {
            Rows::in_order(hits)
        };
        true
    }
}
