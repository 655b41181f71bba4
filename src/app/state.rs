//! The explorer's state and the one place it changes: [`App::update`]. No I/O, no terminal: tests
//! build an `App`, apply actions and assert on the result.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::NaiveDate;

use chrono::Datelike;
use ratatui::layout::{Position, Rect};

use super::action::{Action, Edit};
use super::density::{Density, EventYears};
use super::effect::Effect;
use super::geometry::{self, Screen};
use super::history::History;
use super::index_view::{IndexView, Scope};
use super::keys::Keymap;
use super::line::Line;
use super::links::Links;
use super::rows::{RANKED_FIRST, Rows};
use crate::bookmarks::Change;
use crate::files::Existing;
use crate::search::query::extends;
use crate::search::{Candidates, Compiled, Hits, Index, Query, QueryError};
use crate::timeline::text::sanitize;
use crate::timeline::{Event, EventId, Timeline};
use crate::ui::theme::Theme;

mod index_pick;
mod jumps;
mod keeping;
mod mode;
mod reload;

pub use mode::{Mode, Prompt};

/// Rows of context kept above and below the selection when scrolling (vim's `scrolloff`).
const SCROLL_CONTEXT: usize = 3;

/// The pane that `j`/`k` move in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Timeline,
    Detail,
}

/// How a searched list is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    Relevance,
    Timeline,
}

/// Which pillars are shown. Starts with all; the first pick shows only that pillar, later picks
/// toggle, and "all" returns to the start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PillarFilter {
    shown: Vec<bool>,
}

impl PillarFilter {
    fn all(count: usize) -> Self {
        PillarFilter {
            shown: vec![true; count],
        }
    }

    pub fn is_all(&self) -> bool {
        self.shown.iter().all(|&shown| shown)
    }

    pub fn shows(&self, pillar: usize) -> bool {
        self.shown.get(pillar).copied().unwrap_or(false)
    }

    /// Returns false when there is no such pillar.
    fn pick(&mut self, pillar: usize) -> bool {
        if pillar >= self.shown.len() {
            return false;
        }
        if self.is_all() {
            self.shown.iter_mut().for_each(|shown| *shown = false);
            self.shown[pillar] = true;
        } else {
            self.shown[pillar] = !self.shown[pillar];
        }
        true
    }

    fn show_all(&mut self) {
        self.shown.iter_mut().for_each(|shown| *shown = true);
    }
}

/// What narrows the list besides the query: the pillars, an index entry, bookmarks.
#[derive(Clone, Debug, Default, PartialEq)]
struct Narrowing {
    filter: Vec<bool>,
    scope: Option<Scope>,
    bookmarked_only: bool,
}

/// The query text and narrowing the current rows were computed for, and the hits, in
/// ascending order (shared with the rows, which rank them).
#[derive(Default)]
struct Matched {
    query: String,
    narrowing: Narrowing,
    hits: Arc<Hits>,
}

/// Where the user is: what [`History`] takes them back to.
#[derive(Clone, Debug, PartialEq)]
struct Place {
    query: String,
    narrowing: Narrowing,
    order: Order,
    /// The selected event's id (ids outlast a reload; positions may not).
    event: Option<String>,
}

/// Everything the explorer shows, and how it responds to actions.
pub struct App {
    /// The timeline's search index, which owns the timeline.
    index: Index,
    links: Links,
    area: Rect,
    mode: Mode,
    focus: Focus,
    /// Narrow layout only: the detail fills the screen.
    detail_open: bool,
    query: Line,
    /// The last query that parsed, as matched against the index.
    compiled: Compiled,
    /// Why the typed query cannot be used; the list keeps showing the last good one's results.
    query_error: Option<QueryError>,
    /// The acronyms and mechanisms (`a`).
    index_view: IndexView,
    /// The index entry whose events the timeline is narrowed to.
    scope: Option<Scope>,
    /// Bookmarked event ids, including ids this timeline does not have (they are kept).
    bookmarks: BTreeSet<String>,
    /// The events bookmarked, ascending.
    bookmarked: Vec<EventId>,
    /// Whether only bookmarked events are shown (`'`).
    bookmarked_only: bool,
    /// Changes to the bookmarks sent to be saved and not yet reported stored, oldest first.
    unsaved: Vec<Change>,
    /// Whether the host is still loading the stored bookmarks, so that none shown does not
    /// yet mean none kept.
    bookmarks_loading: bool,
    /// The day the host's clock gives, for the default export file name; none without a clock.
    today: Option<NaiveDate>,
    /// Effects queued by actions, for the event loop's host.
    effects: Vec<Effect>,
    /// Why the watched file's latest contents could not be used.
    reload_error: Option<String>,
    /// Places left by jumps, for `Ctrl-o` and back.
    jumps: History<Place>,
    /// Queries accepted with Enter, oldest first, and which one ↑/↓ is showing.
    history: Vec<String>,
    history_cursor: Option<usize>,
    /// What the current rows were matched from, so a query that only grew is matched among them.
    matched: Matched,
    filter: PillarFilter,
    order: Order,
    /// The events shown, in display order.
    rows: Rows,
    /// Per event, its start year and pillar, to tally the shown events by year.
    event_years: EventYears,
    /// The shown events per year, for the density strip.
    density: Density,
    /// Index into `rows`; 0 when `rows` is empty.
    selected: usize,
    /// Whether the user chose the selection (rather than it falling on the best match), so a
    /// changing query keeps it where it is (fzf's `--track`) instead of following the top.
    pinned: bool,
    /// First visible row.
    offset: usize,
    /// Index into the selected event's related events.
    related_cursor: usize,
    /// Lines the detail description is scrolled by.
    detail_scroll: u16,
    /// How the screen is drawn: colours and characters.
    theme: Theme,
    /// The keys in force, for dispatch and the help.
    keys: Keymap,
    /// A one-off message for the status line, cleared by the next action.
    status: Option<String>,
    /// Asked by long searches whether to stop (see [`App::set_interrupt`]).
    interrupt: Interrupt,
    /// Whether the rows wait for a search that was stopped to let an input through.
    searching: bool,
    quit: bool,
}

/// Tells a search, from any thread, that something more urgent waits (an input): the search
/// stops, to be resumed with [`App::resume_search`].
pub type Interrupt = Arc<dyn Fn() -> bool + Send + Sync>;

impl App {
    /// An explorer on `timeline` in a terminal of `area`.
    pub fn new(timeline: Timeline, area: Rect) -> Self {
        let event_years = EventYears::new(&timeline);
        let links = Links::new(&timeline);
        let index_view = IndexView::new(&timeline, &links);
        let filter = PillarFilter::all(timeline.pillars.len());
        let index = Index::new(timeline);
        let compiled = index.compile(&Query::default());
        let mut app = App {
            index,
            compiled,
            query_error: None,
            index_view,
            scope: None,
            bookmarks: BTreeSet::new(),
            bookmarked: Vec::new(),
            bookmarked_only: false,
            unsaved: Vec::new(),
            bookmarks_loading: false,
            today: None,
            effects: Vec::new(),
            reload_error: None,
            jumps: History::default(),
            history: Vec::new(),
            history_cursor: None,
            matched: Matched::default(),
            links,
            filter,
            area,
            mode: Mode::Browse,
            focus: Focus::Timeline,
            detail_open: false,
            query: Line::default(),
            order: Order::Relevance,
            rows: Rows::default(),
            event_years,
            density: Density::default(),
            selected: 0,
            pinned: false,
            offset: 0,
            related_cursor: 0,
            detail_scroll: 0,
            theme: Theme::default(),
            keys: Keymap::default(),
            status: None,
            interrupt: Arc::new(|| false),
            searching: false,
            quit: false,
        };
        app.refresh();
        app
    }

    pub fn timeline(&self) -> &Timeline {
        self.index.timeline()
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// What keys do now, with the prompt, question or overlay it shows.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn query(&self) -> &Line {
        &self.query
    }

    /// The query the rows were matched with (the last one that parsed).
    pub fn compiled(&self) -> &Compiled {
        &self.compiled
    }

    pub fn query_error(&self) -> Option<&QueryError> {
        self.query_error.as_ref()
    }

    pub fn index_view(&self) -> &IndexView {
        &self.index_view
    }

    /// The index entry whose events the timeline is narrowed to.
    pub fn scope(&self) -> Option<&Scope> {
        self.scope.as_ref()
    }

    /// Whether only bookmarked events are shown.
    pub fn bookmarked_only(&self) -> bool {
        self.bookmarked_only
    }

    /// The bookmarked ids, including any the timeline does not have.
    pub fn bookmarks(&self) -> &BTreeSet<String> {
        &self.bookmarks
    }

    /// Whether event `event` is bookmarked.
    pub fn is_bookmarked(&self, event: EventId) -> bool {
        self.bookmarked.binary_search(&event).is_ok()
    }

    pub fn filter(&self) -> &PillarFilter {
        &self.filter
    }

    /// The order in effect: relevance only matters while the query has text to rank by.
    pub fn order(&self) -> Order {
        if self.compiled.ranks() {
            self.order
        } else {
            Order::Timeline
        }
    }

    /// The events shown (indices into [`Timeline::events`]), in display order: all of them,
    /// ranked in full if they were not yet.
    pub fn rows(&self) -> &[EventId] {
        self.rows.all(&self.index)
    }

    /// How many events are shown.
    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// The events shown in rows `range` (within the list), as [`App::rows`] orders them.
    pub fn rows_in(&self, range: std::ops::Range<usize>) -> &[EventId] {
        self.rows.slice(&self.index, range)
    }

    /// The selected row, or `None` when nothing is shown.
    pub fn selected_row(&self) -> Option<usize> {
        (!self.rows.is_empty()).then_some(self.selected)
    }

    pub fn selected_event(&self) -> Option<&Event> {
        self.selected_row().map(|row| {
            self.index
                .timeline()
                .event(self.rows.event(&self.index, row))
        })
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The shown events per year, for the density strip.
    pub fn density(&self) -> &Density {
        &self.density
    }

    pub fn related_cursor(&self) -> usize {
        self.related_cursor
    }

    pub fn detail_scroll(&self) -> u16 {
        self.detail_scroll
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// Orders searches by `order` until `s` switches it.
    pub fn set_order(&mut self, order: Order) {
        if self.order != order {
            self.order = order;
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
        self.searching
    }

    /// Runs the search that was interrupted, which may be interrupted again.
    pub fn resume_search(&mut self) {
        if self.searching {
            self.refresh();
        }
    }

    pub fn area(&self) -> Rect {
        self.area
    }

    /// The panes for the current size and view.
    pub fn screen(&self) -> Screen {
        let error = match &self.mode {
            // The second line holds the query's error, or what a misspelt acronym was read as.
            Mode::Search => {
                self.query_error.is_some() || self.compiled.corrections().next().is_some()
            }
            Mode::Jump(prompt) | Mode::Export(prompt) => prompt.error.is_some(),
            _ => false,
        };
        let footer = if error { 2 } else { 1 };
        if self.mode.shown().in_index() {
            return Screen::for_index(self.area, footer);
        }
        Screen::new(self.area, self.detail_open, footer)
    }

    /// Events sharing an acronym or a mechanism with the selected event, in timeline order.
    pub fn related(&self) -> Vec<EventId> {
        self.selected_row().map_or_else(Vec::new, |row| {
            let id = self.rows.event(&self.index, row);
            self.links.related(id, self.index.timeline().event(id))
        })
    }

    /// Applies edits, in order, to the line being typed (the query, a date, a path), then
    /// updates what follows from it once: keys typed faster than they are handled, or a paste,
    /// filter the list once for the text they leave rather than once per character. Outside a
    /// prompt, edits do nothing.
    pub fn edit(&mut self, edits: impl IntoIterator<Item = Edit>) {
        self.status = None;
        match &mut self.mode {
            Mode::Search => {
                if self.query.apply_all(edits) {
                    self.history_cursor = None;
                    self.refresh();
                }
            }
            Mode::Jump(prompt) | Mode::Export(prompt) => prompt.edit(edits),
            Mode::IndexSearch => self.index_view.edit(edits),
            Mode::Browse | Mode::Index | Mode::Confirm { .. } | Mode::Help { .. } => {}
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        self.status = None;
        if self.scroll_help(action) {
            return;
        }
        if self.mode.in_index() && self.update_index(action) {
            return;
        }
        match action {
            Action::Quit => self.quit = true,
            // The event loop hands the terminal back; there is no state to change.
            Action::Suspend => {}
            Action::Resize(width, height) => {
                self.area = Rect::new(0, 0, width, height);
                self.keep_selection_visible();
            }
            Action::Next => self.move_in_focus(1),
            Action::Previous => self.move_in_focus(-1),
            Action::PageDown => self.move_in_focus(self.page() as isize),
            Action::PageUp => self.move_in_focus(-(self.page() as isize)),
            Action::HalfPageDown => self.move_in_focus((self.page() / 2).max(1) as isize),
            Action::HalfPageUp => self.move_in_focus(-((self.page() / 2).max(1) as isize)),
            Action::First => self.select_row(0),
            Action::Last => self.select_row(self.rows.len().saturating_sub(1)),
            Action::NextYear => self.select_next_group(|year| year),
            Action::PreviousYear => self.select_previous_group(|year| year),
            Action::NextDecade => self.select_next_group(|year| year.div_euclid(10)),
            Action::PreviousDecade => self.select_previous_group(|year| year.div_euclid(10)),
            Action::StartSearch => {
                self.mode = Mode::Search;
                self.focus = Focus::Timeline;
                self.detail_open = false;
            }
            Action::Edit(edit) => self.edit([edit]),
            Action::OlderQuery => self.recall(1),
            Action::NewerQuery => self.recall(-1),
            Action::AcceptSearch => {
                self.remember_query();
                self.mode = Mode::Browse;
            }
            Action::CancelSearch => {
                self.mode = Mode::Browse;
                self.clear_query();
            }
            Action::ToggleOrder => self.toggle_order(),
            Action::StartJump => {
                self.mode = Mode::Jump(Prompt::default());
                self.focus = Focus::Timeline;
                self.detail_open = false;
            }
            Action::AcceptJump => self.jump_to_date(),
            Action::CancelJump => self.mode = Mode::Browse,
            Action::ToggleIndex => self.mode = Mode::Index,
            // Only the index has tabs.
            Action::SwitchTab => {}
            Action::ClearScope => {
                if self.scope.take().is_some() {
                    self.refresh();
                } else {
                    self.status = Some("Nothing to clear: a picks from the index".into());
                }
            }
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::ToggleBookmarkedOnly => {
                if !self.bookmarked_only && self.bookmarked.is_empty() {
                    self.status = Some(if self.bookmarks_loading {
                        "Bookmarks are still loading".into()
                    } else {
                        "No bookmarks yet: m bookmarks the selected event".into()
                    });
                    return;
                }
                self.bookmarked_only = !self.bookmarked_only;
                self.refresh();
            }
            Action::CopyCitation => {
                if let Some(event) = self.selected_event() {
                    self.effects.push(Effect::Copy(self.citation(event)));
                }
            }
            Action::StartExport => {
                let name = match self.today {
                    Some(today) => format!("ajtl-export-{}.md", today.format("%Y-%m-%d")),
                    None => "ajtl-export.md".to_string(),
                };
                self.mode = Mode::Export(Prompt::with(&name));
            }
            Action::SwitchFormat => self.switch_export_format(),
            Action::AcceptExport => self.export(),
            Action::CancelExport => self.mode = Mode::Browse,
            Action::Confirm(yes) => match std::mem::replace(&mut self.mode, Mode::Browse) {
                Mode::Confirm { path, format } if yes => self.effects.push(Effect::Export {
                    path,
                    format,
                    existing: Existing::Replace,
                }),
                Mode::Confirm { .. } => {
                    self.status = Some("Export cancelled: nothing written".into());
                }
                _ => {}
            },
            Action::HistoryBack => {
                let here = self.place();
                match self.jumps.back(here) {
                    Some(place) => self.go_to(place),
                    None => self.status = Some("No earlier place to go back to".into()),
                }
            }
            Action::HistoryForward => {
                let here = self.place();
                match self.jumps.forward(here) {
                    Some(place) => self.go_to(place),
                    None => self.status = Some("No later place to go forward to".into()),
                }
            }
            Action::Pillar(pillar) => {
                if self.filter.pick(pillar) {
                    self.refresh();
                } else {
                    self.status = Some(format!(
                        "No pillar {}: this timeline has {}",
                        pillar + 1,
                        self.index.timeline().pillars.len()
                    ));
                }
            }
            Action::AllPillars => {
                self.filter.show_all();
                self.refresh();
            }
            Action::ToggleFocus => self.toggle_focus(),
            Action::Open => self.open(),
            Action::Back => self.back(),
            Action::ToggleHelp | Action::CloseHelp => self.toggle_help(action),
            Action::Scroll { column, row, lines } => self.scroll_at(column, row, lines),
            Action::Click { column, row } => self.click_at(column, row),
        }
    }

    /// Rebuilds the shown rows after the query, filter or order changed. The selected event stays
    /// selected while it is still shown if the user chose it or no query is typed (so clearing a
    /// search lands on the event found); otherwise the best match is selected. A query that does
    /// not parse leaves the rows as they are and says why. A search the interrupt stops
    /// leaves them too, and [`App::searching`] says so; the empty query is never stopped
    /// (it matches everything in milliseconds).
    fn refresh(&mut self) {
        self.searching = false;
        let query = match Query::parse(self.query.text()) {
            Ok(query) => query,
            Err(error) => {
                self.query_error = Some(error);
                return;
            }
        };
        self.query_error = None;
        let interrupt = Arc::clone(&self.interrupt);
        let Some(mut compiled) = self.index.compile_until(&query, &*interrupt) else {
            self.searching = true;
            return;
        };
        let text = self.query.text();
        let narrowing = self.narrowing();
        let narrows = extends(&self.matched.query, text) && self.matched.narrowing == narrowing;
        let restricted = self.restricted();
        let scoped = restricted.as_deref();
        let ranked = compiled.ranks() && self.order == Order::Relevance;
        let first = if ranked { RANKED_FIRST } else { 0 };
        let never = || false;
        let stop: &(dyn Fn() -> bool + Sync) = if compiled.is_empty() {
            &never
        } else {
            &*interrupt
        };
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
                    self.filter.shows(self.index.timeline().event(event).pillar)
                        && scoped.is_none_or(|events| events.binary_search(&event).is_ok())
                })
                .collect();
            let candidates = Candidates::Narrow {
                previous: &previous,
                named: &named,
            };
            let found = self.index.matches_until(&compiled, candidates, first, stop);
            if found.is_none() {
                self.matched.hits = previous;
            }
            found
        } else {
            let candidates: Vec<EventId> = if let Some(events) = scoped {
                events
                    .iter()
                    .filter(|&&event| self.filter.shows(self.index.timeline().event(event).pillar))
                    .copied()
                    .collect()
            } else if self.filter.is_all() {
                self.index.timeline().event_ids().collect()
            } else {
                self.index.in_pillars(|pillar| self.filter.shows(pillar))
            };
            self.index
                .matches_until(&compiled, Candidates::Events(&candidates), first, stop)
        };
        let Some(found) = found else {
            self.searching = true;
            return;
        };
        let hits = Arc::new(found.hits);
        self.density = self.event_years.tally(&hits);
        self.matched = Matched {
            query: text.to_string(),
            narrowing,
            hits: Arc::clone(&hits),
        };
        self.compiled = compiled;
        let rows = if ranked {
            Rows::ranked(found.first, hits)
        } else {
            Rows::listed(hits.events().collect())
        };
        let track = self.pinned || self.query.text().trim().is_empty();
        let previous = self
            .selected_row()
            .filter(|_| track)
            .map(|row| self.rows.event(&self.index, row));
        self.rows = rows;
        let kept = previous.and_then(|event| self.row_of(event));
        match kept {
            Some(row) => self.selected = row,
            None => {
                self.selected = 0;
                self.pinned = false;
                self.offset = 0;
                self.reset_detail();
            }
        }
        self.keep_selection_visible();
    }

    /// Adds the accepted query to the history (once, most recent last).
    fn remember_query(&mut self) {
        let text = self.query.text().trim();
        if !text.is_empty() && self.history.last().map(String::as_str) != Some(text) {
            self.history.push(text.to_string());
        }
        self.history_cursor = None;
    }

    /// Shows an older (`steps` > 0) or newer query from the history in the search line.
    fn recall(&mut self, steps: isize) {
        if self.history.is_empty() {
            return;
        }
        let newest = self.history.len() - 1;
        let cursor = match (self.history_cursor, steps > 0) {
            (None, true) => Some(newest),
            (None, false) => None,
            (Some(at), true) => Some(at.saturating_sub(1)),
            (Some(at), false) if at >= newest => None,
            (Some(at), false) => Some(at + 1),
        };
        self.history_cursor = cursor;
        let text = cursor
            .map_or("", |at| self.history[at].as_str())
            .to_string();
        self.query.set(&text);
        self.refresh();
    }

    /// Opens the help over the current mode, or closes it, back to the mode it covers.
    fn toggle_help(&mut self, action: Action) {
        self.mode = match std::mem::replace(&mut self.mode, Mode::Browse) {
            Mode::Help { under, .. } => *under,
            mode if action == Action::ToggleHelp => Mode::Help {
                under: Box::new(mode),
                scroll: 0,
            },
            mode => mode,
        };
    }

    /// Moves the help overlay for a movement action; false for any other action.
    fn scroll_help(&mut self, action: Action) -> bool {
        let Mode::Help { scroll, .. } = &mut self.mode else {
            return false;
        };
        // The overlay's inside: its lines, or the terminal less the overlay's borders.
        let lines = self.keys.help().len();
        let visible = lines.min(usize::from(self.area.height).saturating_sub(2));
        let last = lines.saturating_sub(visible.max(1));
        let page = visible.max(1);
        *scroll = match action {
            Action::Next => *scroll + 1,
            Action::Previous => scroll.saturating_sub(1),
            Action::PageDown => *scroll + page,
            Action::PageUp => scroll.saturating_sub(page),
            Action::First => 0,
            Action::Last => last,
            _ => return false,
        }
        .min(last);
        true
    }

    fn clear_query(&mut self) {
        if !self.query.is_empty() || self.query_error.is_some() {
            self.query.clear();
            self.refresh();
        }
    }

    fn toggle_order(&mut self) {
        if !self.compiled.ranks() {
            self.status = Some("Order applies to searches: type / and a query first".into());
            return;
        }
        self.order = match self.order {
            Order::Relevance => Order::Timeline,
            Order::Timeline => Order::Relevance,
        };
        // Reordering shows the same events: stay on the one selected.
        self.pinned = true;
        self.refresh();
    }

    fn toggle_focus(&mut self) {
        let narrow = geometry::is_narrow(self.area);
        self.focus = match self.focus {
            Focus::Timeline => Focus::Detail,
            Focus::Detail => Focus::Timeline,
        };
        if narrow {
            self.detail_open = self.focus == Focus::Detail && self.selected_row().is_some();
            if !self.detail_open {
                self.focus = Focus::Timeline;
            }
        }
    }

    fn open(&mut self) {
        if self.selected_row().is_none() {
            return;
        }
        if self.focus == Focus::Detail {
            if let Some(&target) = self.related().get(self.related_cursor) {
                self.jump_to(target);
            }
            return;
        }
        self.focus = Focus::Detail;
        if geometry::is_narrow(self.area) {
            self.detail_open = true;
        }
    }

    /// Esc: closes the detail, else clears the query, else the index scope: the latest layer
    /// first.
    fn back(&mut self) {
        if self.detail_open || self.focus == Focus::Detail {
            self.detail_open = false;
            self.focus = Focus::Timeline;
        } else if !self.query.is_empty() || self.query_error.is_some() {
            self.clear_query();
        } else if self.scope.take().is_some() {
            self.refresh();
        }
    }

    fn move_in_focus(&mut self, delta: isize) {
        match self.focus {
            Focus::Timeline => self.select_row(self.selected.saturating_add_signed(delta)),
            Focus::Detail => {
                let related = self.related().len();
                if related > 0 && delta.abs() == 1 {
                    self.related_cursor = self
                        .related_cursor
                        .saturating_add_signed(delta)
                        .min(related - 1);
                } else {
                    self.scroll_detail(delta);
                }
            }
        }
    }

    fn scroll_detail(&mut self, delta: isize) {
        let scrolled = (self.detail_scroll as isize + delta).clamp(0, u16::MAX as isize);
        self.detail_scroll = scrolled as u16;
    }

    fn reset_detail(&mut self) {
        self.related_cursor = 0;
        self.detail_scroll = 0;
    }

    /// Selects a row (clamped to the list) for the user and scrolls it into view.
    fn select_row(&mut self, row: usize) {
        let row = row.min(self.rows.len().saturating_sub(1));
        if row != self.selected {
            self.reset_detail();
        }
        self.selected = row;
        self.pinned = true;
        self.keep_selection_visible();
    }

    /// The row showing `event`, if it is shown.
    fn row_of(&self, event: EventId) -> Option<usize> {
        self.rows().iter().position(|&shown| shown == event)
    }

    fn row_year(&self, row: usize) -> i32 {
        self.index
            .timeline()
            .event(self.rows.event(&self.index, row))
            .date
            .earliest()
            .year()
    }

    /// Selects the first row after the selection whose `group(year)` differs.
    fn select_next_group(&mut self, group: impl Fn(i32) -> i32) {
        let Some(current) = self.selected_row() else {
            return;
        };
        let here = group(self.row_year(current));
        if let Some(row) = (current + 1..self.rows.len()).find(|&r| group(self.row_year(r)) != here)
        {
            self.select_row(row);
        }
    }

    /// Selects the first row of the group before the selection's group (or the list's first row).
    fn select_previous_group(&mut self, group: impl Fn(i32) -> i32) {
        let Some(current) = self.selected_row() else {
            return;
        };
        let here = group(self.row_year(current));
        let Some(end) = (0..current)
            .rev()
            .find(|&r| group(self.row_year(r)) != here)
        else {
            self.select_row(0);
            return;
        };
        let previous = group(self.row_year(end));
        let start = (0..end)
            .rev()
            .take_while(|&r| group(self.row_year(r)) == previous)
            .last()
            .unwrap_or(end);
        self.select_row(start);
    }

    /// What narrows the list now, besides the query.
    fn narrowing(&self) -> Narrowing {
        Narrowing {
            filter: self.filter.shown.clone(),
            scope: self.scope.clone(),
            bookmarked_only: self.bookmarked_only,
        }
    }

    /// The only events that may be shown, ascending, when an index entry or the bookmarks
    /// narrow the list; `None` when all may.
    fn restricted(&self) -> Option<Vec<EventId>> {
        let scoped = self.scope.as_ref().map(|scope| self.links.events_of(scope));
        let bookmarked = self.bookmarked_only.then_some(self.bookmarked.as_slice());
        match (scoped, bookmarked) {
            (Some(a), Some(b)) => Some(
                a.iter()
                    .filter(|e| b.binary_search(e).is_ok())
                    .copied()
                    .collect(),
            ),
            (Some(only), None) | (None, Some(only)) => Some(only.to_vec()),
            (None, None) => None,
        }
    }

    /// Shows `message` in the status line until the next action, made safe: messages quote
    /// paths and library errors.
    pub fn set_status(&mut self, message: String) {
        self.status = Some(sanitize(&message).into_owned());
    }

    /// Rows the timeline pane shows at once.
    pub fn page(&self) -> usize {
        self.screen()
            .timeline()
            .map_or(1, |pane| geometry::inner(pane).height.max(1) as usize)
    }

    fn keep_selection_visible(&mut self) {
        let height = self.page();
        let context = SCROLL_CONTEXT.min(height.saturating_sub(1) / 2);
        if self.selected < self.offset + context {
            self.offset = self.selected.saturating_sub(context);
        }
        if self.selected + context >= self.offset + height {
            self.offset = self.selected + context + 1 - height;
        }
        self.offset = self.offset.min(self.rows.len().saturating_sub(height));
    }

    fn scroll_at(&mut self, column: u16, row: u16, lines: i8) {
        let position = Position::new(column, row);
        let screen = self.screen();
        if screen
            .timeline()
            .is_some_and(|pane| pane.contains(position))
        {
            self.select_row(self.selected.saturating_add_signed(lines as isize));
        } else if screen.detail().is_some_and(|pane| pane.contains(position)) {
            self.scroll_detail(lines as isize);
        }
    }

    fn click_at(&mut self, column: u16, row: u16) {
        let position = Position::new(column, row);
        let screen = self.screen();
        if let Some(strip_area) = screen.density()
            && strip_area.contains(position)
        {
            let bin = self
                .density
                .strip(strip_area.width)
                .and_then(|strip| Some(strip.years(strip.bin_at(column - strip_area.x)?)));
            if let Some(years) = bin {
                self.select_first_in(years);
            }
            return;
        }
        if let Some(list) = screen.timeline().map(geometry::inner)
            && list.contains(position)
        {
            self.focus = Focus::Timeline;
            let clicked = self.offset + (row - list.y) as usize;
            if clicked < self.rows.len() {
                self.select_row(clicked);
            }
            return;
        }
        if let Some(pane) = screen.detail()
            && pane.contains(position)
        {
            self.focus = Focus::Detail;
            let related = self.related();
            let (_, list) = geometry::detail_parts(pane, related.len());
            // The list's first row is its title; items follow, scrolled to keep the cursor in view.
            if list.contains(position) && row > list.y {
                let first =
                    related_window_start(self.related_cursor, list.height.saturating_sub(1));
                let item = first + (row - list.y - 1) as usize;
                if let Some(&target) = related.get(item) {
                    self.jump_to(target);
                }
            }
        }
    }
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("events", &self.index.timeline().events.len())
            .field("mode", &self.mode)
            .finish_non_exhaustive()
    }
}

/// The first related event shown in a list of `height` items, keeping `cursor` in view.
pub fn related_window_start(cursor: usize, height: u16) -> usize {
    cursor.saturating_sub((height as usize).saturating_sub(1))
}
