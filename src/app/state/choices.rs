//! What the user chose: the query, the pillars, the index entry, the order, bookmarks-only,
//! the bookmarks, the queries accepted and the places jumped from. A reload keeps all of it
//! (fitted to the new data), and the search session is rebuilt from it.

use super::data::Data;
use super::marks::Marks;
use crate::app::action::Edit;
use crate::app::history::History;
use crate::app::index_view::Scope;
use crate::app::line::Line;
use crate::timeline::{EventId, PillarSet};

/// How a searched list is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    Relevance,
    Timeline,
}

/// What narrows the list besides the query: the pillars, an index entry, bookmarks.
#[derive(Clone, Debug, PartialEq)]
pub struct Narrowing {
    pub filter: PillarSet,
    pub scope: Option<Scope>,
    pub bookmarked_only: bool,
}

/// Where the user is: what the jump list takes them back to.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    query: String,
    narrowing: Narrowing,
    order: Order,
    /// The selected event's id (ids outlast a reload; positions may not).
    event: Option<String>,
}

/// Queries accepted with Enter, oldest first, and which one ↑/↓ is showing.
#[derive(Debug, Default)]
struct Accepted {
    queries: Vec<String>,
    showing: Option<usize>,
}

/// Everything the user chose, apart from the mode they are in and where they look.
#[derive(Debug)]
pub struct Choices {
    query: Line,
    narrowing: Narrowing,
    order: Order,
    accepted: Accepted,
    /// Places left by jumps, for `Ctrl-o` and back.
    jumps: History<Place>,
    marks: Marks,
}

impl Choices {
    /// The first choices on a timeline of `pillars` pillars: everything shown, by relevance.
    pub fn new(pillars: usize) -> Self {
        Choices {
            query: Line::default(),
            narrowing: Narrowing {
                filter: PillarSet::all(pillars),
                scope: None,
                bookmarked_only: false,
            },
            order: Order::Relevance,
            accepted: Accepted::default(),
            jumps: History::default(),
            marks: Marks::default(),
        }
    }

    /// The query typed after `/`, which outlives the prompt.
    pub fn query(&self) -> &Line {
        &self.query
    }

    /// What narrows the list besides the query.
    pub fn narrowing(&self) -> &Narrowing {
        &self.narrowing
    }

    /// The order chosen, which applies only while the query has text to rank by.
    pub fn order(&self) -> Order {
        self.order
    }

    /// The bookmarks.
    pub fn marks(&self) -> &Marks {
        &self.marks
    }

    /// The bookmarks, to change as the user or the host says.
    pub fn marks_mut(&mut self) -> &mut Marks {
        &mut self.marks
    }

    /// Applies edits to the query; whether they changed it.
    pub fn edit_query(&mut self, edits: impl IntoIterator<Item = Edit>) -> bool {
        let changed = self.query.apply_all(edits);
        if changed {
            self.accepted.showing = None;
        }
        changed
    }

    /// Clears the query; whether there was one.
    pub fn clear_query(&mut self) -> bool {
        let had = !self.query.is_empty();
        self.query.clear();
        had
    }

    /// Adds the query to those accepted (once, most recent last).
    pub fn accept_query(&mut self) {
        let text = self.query.text().trim();
        let queries = &mut self.accepted.queries;
        if !text.is_empty() && queries.last().map(String::as_str) != Some(text) {
            queries.push(text.to_string());
        }
        self.accepted.showing = None;
    }

    /// Shows an older (`steps` > 0) or newer accepted query in the query; false when none was
    /// ever accepted.
    pub fn recall(&mut self, steps: isize) -> bool {
        let Accepted { queries, showing } = &mut self.accepted;
        let Some(newest) = queries.len().checked_sub(1) else {
            return false;
        };
        *showing = match (*showing, steps > 0) {
            (None, true) => Some(newest),
            (None, false) => None,
            (Some(at), true) => Some(at.saturating_sub(1)),
            (Some(at), false) if at >= newest => None,
            (Some(at), false) => Some(at + 1),
        };
        let text = showing.map_or("", |at| queries[at].as_str());
        self.query.set(text);
        true
    }

    /// Shows one pillar more or less (see [`PillarSet`]); false when there is no such pillar.
    pub fn pick_pillar(&mut self, pillar: usize) -> bool {
        self.narrowing.filter.pick(pillar)
    }

    /// Shows every pillar again (`0`).
    pub fn show_all_pillars(&mut self) {
        self.narrowing.filter.show_all();
    }

    /// Stops narrowing to an index entry; whether there was one.
    pub fn clear_scope(&mut self) -> bool {
        self.narrowing.scope.take().is_some()
    }

    /// Narrows to an index entry's events, all of them: no query, every pillar.
    pub fn narrow_to(&mut self, scope: Scope) {
        self.narrowing.scope = Some(scope);
        self.query.clear();
        self.show_all_pillars();
    }

    /// Shows every event, with nothing but the bookmarks-only view narrowing the list.
    pub fn show_everything(&mut self) {
        self.query.clear();
        self.show_all_pillars();
        self.narrowing.scope = None;
    }

    /// Switches between relevance and timeline order (`s`).
    pub fn toggle_order(&mut self) {
        self.order = match self.order {
            Order::Relevance => Order::Timeline,
            Order::Timeline => Order::Relevance,
        };
    }

    /// Orders searches by `order`; whether that changed it.
    pub fn set_order(&mut self, order: Order) -> bool {
        let changed = self.order != order;
        self.order = order;
        changed
    }

    /// Shows only the bookmarked events, or all again (`'`).
    pub fn toggle_bookmarked_only(&mut self) {
        self.narrowing.bookmarked_only = !self.narrowing.bookmarked_only;
    }

    /// Where the user is, with `event` (an id) selected.
    pub fn place(&self, event: Option<String>) -> Place {
        Place {
            query: self.query.text().to_string(),
            narrowing: self.narrowing.clone(),
            order: self.order,
            event,
        }
    }

    /// Remembers `left`, the place a jump is leaving.
    pub fn leave(&mut self, left: Place) {
        self.jumps.record(left);
    }

    /// The place to go back to from `here`, if any.
    pub fn back(&mut self, here: Place) -> Option<Place> {
        self.jumps.back(here)
    }

    /// The place to go forward to from `here`, if any.
    pub fn forward(&mut self, here: Place) -> Option<Place> {
        self.jumps.forward(here)
    }

    /// Chooses as at `place`; the id of the event that was selected there.
    pub fn return_to(&mut self, place: Place) -> Option<String> {
        self.query.set(&place.query);
        self.narrowing = place.narrowing;
        self.order = place.order;
        place.event
    }

    /// A copy of the choices a search of reloaded `data` needs (the query, the narrowing, the
    /// order, the bookmarked ids), fitted to it: all pillars when it has another number of
    /// them, no index entry when no event names it any more. These stay as they are until the
    /// reload takes the data's place ([`Choices::take_fitted`]): the pillars shown until then
    /// are the old data's. The bookmarks are not yet located in `data`.
    pub fn fitted_copy(&self, data: &Data) -> Choices {
        let mut narrowing = self.narrowing.clone();
        let pillars = data.timeline().pillars.len();
        if narrowing.filter.pillar_count() != pillars {
            narrowing.filter = PillarSet::all(pillars);
        }
        if let Some(scope) = &narrowing.scope
            && data.links().events_of(scope).is_empty()
        {
            narrowing.scope = None;
        }
        Choices {
            query: self.query.clone(),
            narrowing,
            order: self.order,
            accepted: Accepted::default(),
            jumps: History::default(),
            marks: self.marks.unlocated(),
        }
    }

    /// Whether a search with `other` finds what one with these would: the same query,
    /// narrowing, order and bookmarked ids.
    pub fn searches_as(&self, other: &Choices) -> bool {
        self.query.text() == other.query.text()
            && self.narrowing == other.narrowing
            && self.order == other.order
            && self.marks.ids() == other.marks.ids()
    }

    /// Takes the narrowing and the bookmarks' places of `fitted`, a [`Choices::fitted_copy`]
    /// that [`Choices::searches_as`] these, once its data has taken the old data's place.
    pub fn take_fitted(&mut self, fitted: Choices) {
        self.narrowing = fitted.narrowing;
        self.marks.take_located(fitted.marks);
    }

    /// The only events that may be shown, ascending, when an index entry or the bookmarks
    /// narrow the list; `None` when all may.
    pub fn restricted(&self, data: &Data) -> Option<Vec<EventId>> {
        let narrowing = &self.narrowing;
        let scoped = narrowing
            .scope
            .as_ref()
            .map(|scope| data.links().events_of(scope));
        let bookmarked = narrowing.bookmarked_only.then_some(self.marks.events());
        match (scoped, bookmarked) {
            (Some(a), Some(b)) => Some(a.iter().filter(|e| b.binary_search(e).is_ok()).collect()),
            (Some(only), None) => Some(only.to_vec()),
            (None, Some(only)) => Some(only.to_vec()),
            (None, None) => None,
        }
    }
}
