//! The explorer's state and the one place it changes: [`App::update`]. No I/O, no terminal, no
//! clock: tests build an `App`, apply actions and assert on the result.
//!
//! An `App` composes three parts, each in its own file: the data derived from the file
//! (`data.rs`, replaced whole by a reload), the user's choices (`choices.rs`, kept by a
//! reload), and the search session that keeps the rows up to date with the choices
//! (`session.rs`, rebuilt from them). The [`Mode`] carries the state of the prompt, question or
//! overlay open; the selection, scroll and focus are the view (`selection.rs`), which shows the
//! rows as the list or as the chart (`chart.rs`, its mouse in `chart_mouse.rs`); `update.rs`
//! dispatches actions to them.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::NaiveDate;
use ratatui::layout::Rect;

use super::density::Density;
use super::effect::Effect;
use super::geometry::Screen;
use super::index_view::{IndexView, Scope};
use super::keys::Keymap;
use super::line::Line;
use crate::search::{Compiled, Index, QueryError};
use crate::timeline::text::sanitize;
use crate::timeline::{Era, Event, EventId, PillarSet, Timeline};
use crate::ui::theme::Theme;

mod chart;
mod chart_mouse;
mod choices;
mod data;
mod index_pick;
mod jumps;
mod keeping;
mod marks;
mod mode;
mod pillar_pick;
mod reload;
mod selection;
mod session;
mod update;

pub use chart::{Body, Extent, Window};
pub use choices::Order;
pub use data::Data;
pub use keeping::Exporting;
pub use mode::{Mode, Prompt};
pub use pillar_pick::{PillarMatch, PillarPick};
pub use selection::{Focus, related_window_start};

use choices::Choices;
use reload::PendingReload;
use selection::View;
use session::Session;

/// Everything the explorer shows, and how it responds to actions.
pub struct App {
    /// What the file gives.
    data: Data,
    /// What the user chose.
    choices: Choices,
    /// The rows the choices select from the data.
    session: Session,
    /// The acronyms and mechanisms (`a`), with the tab, query and entry chosen in them.
    index_view: IndexView,
    mode: Mode,
    area: Rect,
    /// Where the user looks in the rows and the detail.
    view: View,
    /// The day the host's clock gives, for the default export file name; none without a clock.
    today: Option<NaiveDate>,
    /// Effects queued by actions, for the event loop's host.
    effects: Vec<Effect>,
    /// Why the watched file's latest contents could not be used.
    reload_error: Option<String>,
    /// The export the host is writing, while it runs.
    exporting: Option<Exporting>,
    /// A reload whose search has not ended: the old data and rows are shown until it has.
    pending: Option<Box<PendingReload>>,
    /// How the screen is drawn: colours and characters.
    theme: Theme,
    /// The keys in force, for dispatch and the help.
    keys: Keymap,
    /// A one-off message for the status line, cleared by the next action.
    status: Option<String>,
    /// Asked by long searches whether to stop (see [`App::set_interrupt`]).
    interrupt: Interrupt,
    quit: bool,
}

/// Tells a search, from any thread, that something more urgent waits (an input): the search
/// stops, to be resumed with [`App::resume_search`].
pub type Interrupt = Arc<dyn Fn() -> bool + Send + Sync>;

impl App {
    /// An explorer on `timeline` in a terminal of `area`.
    pub fn new(timeline: Timeline, area: Rect) -> Self {
        App::with_data(Data::new(timeline), area)
    }

    /// An explorer on `data`, prepared already (off the UI thread), in a terminal of `area`.
    pub fn with_data(data: Data, area: Rect) -> Self {
        let mut app = App {
            choices: Choices::new(data.timeline().pillars.len()),
            session: Session::new(&data),
            index_view: IndexView::new(Arc::clone(data.index_entries())),
            data,
            mode: Mode::Browse,
            area,
            view: View::default(),
            today: None,
            effects: Vec::new(),
            reload_error: None,
            exporting: None,
            pending: None,
            theme: Theme::default(),
            keys: Keymap::default(),
            status: None,
            interrupt: Arc::new(|| false),
            quit: false,
        };
        app.refresh();
        app
    }

    pub fn timeline(&self) -> &Timeline {
        self.data.timeline()
    }

    pub fn index(&self) -> &Index {
        self.data.index()
    }

    /// What keys do now, with the prompt, question or overlay it shows.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    pub fn query(&self) -> &Line {
        self.choices.query()
    }

    /// The query the rows were matched with (the last one that parsed).
    pub fn compiled(&self) -> &Compiled {
        self.session.compiled()
    }

    pub fn query_error(&self) -> Option<&QueryError> {
        self.session.query_error()
    }

    pub fn index_view(&self) -> &IndexView {
        &self.index_view
    }

    /// The index entry whose events the timeline is narrowed to.
    pub fn scope(&self) -> Option<&Scope> {
        self.choices.narrowing().scope.as_ref()
    }

    /// Whether only bookmarked events are shown.
    pub fn bookmarked_only(&self) -> bool {
        self.choices.narrowing().bookmarked_only
    }

    /// The bookmarked ids, including any the timeline does not have.
    pub fn bookmarks(&self) -> &BTreeSet<String> {
        self.choices.marks().ids()
    }

    pub fn is_bookmarked(&self, event: EventId) -> bool {
        self.choices.marks().contains(event)
    }

    /// Which pillars the user shows (`1`–`9` and the picker pick, `0` shows all).
    pub fn filter(&self) -> &PillarSet {
        &self.choices.narrowing().filter
    }

    /// The order in effect: relevance only matters while the query has text to rank by.
    pub fn order(&self) -> Order {
        if self.session.compiled().ranks() {
            self.choices.order()
        } else {
            Order::Timeline
        }
    }

    /// The events shown (indices into [`Timeline::events`]), in display order: all of them,
    /// ranked in full if they were not yet.
    pub fn rows(&self) -> &[EventId] {
        self.session.rows().all(self.data.index())
    }

    /// How many events are shown.
    pub fn row_count(&self) -> usize {
        self.session.rows().len()
    }

    /// How many of the shown events are undated entries: they come last in timeline order, so
    /// a binary search over the shown events finds where they begin.
    pub fn undated_row_count(&self) -> usize {
        let dated = self.timeline().dated_count();
        let hits = self.session.hits().as_slice();
        hits.len() - hits.partition_point(|hit| hit.event.index() < dated)
    }

    /// Whether there are rows and every one is a loose match, the query's letters only
    /// scattered through a field (see [`Index::is_loose`]): the search found nothing written
    /// out, which the footer says.
    /// False while a search is under way: the rows are still the previous query's.
    pub fn all_rows_loose(&self) -> bool {
        !self.searching() && self.session.all_loose()
    }

    /// The events shown in rows `range` (within the list), as [`App::rows`] orders them.
    pub fn rows_in(&self, range: std::ops::Range<usize>) -> std::borrow::Cow<'_, [EventId]> {
        self.session.rows().slice(self.data.index(), range)
    }

    /// The shown events per year, for the density strip.
    pub fn density(&self) -> &Density {
        self.session.density()
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// Orders searches by `order` until `s` switches it.
    pub fn set_order(&mut self, order: Order) {
        if self.choices.set_order(order) {
            self.refresh();
        }
    }

    /// Dates the default export file name `today`: the host reads the clock, so that the
    /// explorer's behaviour depends only on what it is given.
    pub fn set_today(&mut self, today: NaiveDate) {
        self.today = Some(today);
    }

    /// Draws with `theme` from now on.
    pub fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
    }

    /// The keys in force: what each key does, and what the help lists.
    pub fn keys(&self) -> &Keymap {
        &self.keys
    }

    /// Reads keys with `keys` (the defaults with the config's rebindings) from now on.
    pub fn set_keys(&mut self, keys: Keymap) {
        self.keys = keys;
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// Shows `message` in the status line until the next action, made safe: messages quote
    /// paths and library errors.
    pub fn set_status(&mut self, message: String) {
        self.status = Some(sanitize(&message).into_owned());
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Lets searches stop when `interrupt` says an input waits, leaving the rows as they were
    /// until [`App::resume_search`]: the event loop's way to answer `q` or a typed key during
    /// a search of a million events for a thousand terms. Without it, searches run to the end.
    pub fn set_interrupt(&mut self, interrupt: Interrupt) {
        self.interrupt = interrupt;
    }

    /// Whether the rows wait for a search that was interrupted.
    pub fn searching(&self) -> bool {
        self.session.searching()
    }

    /// Whether a reload waits for its search: the old data is shown until it ends.
    pub fn reloading(&self) -> bool {
        self.pending.is_some()
    }

    /// Runs the search that was interrupted, which may be interrupted again: the rows' search
    /// first, else a reload's. Returns the data a reload replaced when its search ended and it
    /// took the data's place, for the caller to free where it does not hold a frame.
    pub fn resume_search(&mut self) -> Option<Data> {
        if self.session.searching() {
            self.refresh();
            return None;
        }
        self.advance_reload()
    }

    pub fn area(&self) -> Rect {
        self.area
    }

    /// The panes for the current size and view.
    pub fn screen(&self) -> Screen {
        let error = match &self.mode {
            // The second line holds the query's error, or what a misspelt acronym was read as,
            // or that every hit is loose.
            Mode::Search => {
                self.query_error().is_some()
                    || self.compiled().corrections().next().is_some()
                    || self.all_rows_loose()
            }
            Mode::Jump(prompt) | Mode::Export(prompt) => prompt.error.is_some(),
            _ => false,
        };
        let footer = if error { 2 } else { 1 };
        // The chips row names the pillars: a timeline of one has none to tell apart.
        let header = if self.timeline().pillars.len() > 1 {
            2
        } else {
            1
        };
        if self.mode.shown().in_index() {
            return Screen::for_index(self.area, header, footer);
        }
        if self.chart_shown() {
            let needs = self.chart_needs();
            return Screen::with_chart(self.area, self.view.detail_open, header, footer, &needs);
        }
        Screen::new(self.area, self.view.detail_open, header, footer)
    }

    /// Events sharing an acronym or a mechanism with the selected event, in timeline order.
    pub fn related(&self) -> Vec<EventId> {
        self.selected_event_id().map_or_else(Vec::new, |event| {
            self.data.links().related(event, self.data.event(event))
        })
    }

    /// The eras `event` falls in (whose spans overlap its date), in date order.
    pub fn eras_of<'a>(&'a self, event: &'a Event) -> impl Iterator<Item = &'a Era> {
        super::links::eras_covering(&self.timeline().eras, event.date.as_ref())
    }

    pub fn selected_event(&self) -> Option<&Event> {
        self.selected_event_id().map(|event| self.data.event(event))
    }
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("events", &self.data.timeline().events.len())
            .field("mode", &self.mode)
            .finish_non_exhaustive()
    }
}
