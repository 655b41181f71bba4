//! Where the user looks: the selected row and the first one shown, the pane in focus, the
//! detail's related-event cursor and scroll, and how the mouse and movement keys change them.
//! The selection follows its event when the rows are matched afresh ([`App::refresh`]).

use ratatui::layout::Position;

use super::App;
use crate::app::geometry;
use crate::app::prose::Pager;
use crate::app::rows::RANKED_FIRST;
use crate::timeline::EventId;

/// Rows of context kept above and below the selection when scrolling (vim's `scrolloff`).
const SCROLL_CONTEXT: usize = 3;

/// The pane that `j`/`k` move in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Timeline,
    Detail,
}

/// The first related event shown in a list of `height` items, keeping `cursor` in view.
pub fn related_window_start(cursor: usize, height: u16) -> usize {
    cursor.saturating_sub((height as usize).saturating_sub(1))
}

/// Where the user looks: the selected row and the first one shown, the pane in focus and the
/// detail's cursor and scroll. Only this file changes it.
#[derive(Debug)]
pub struct View {
    focus: Focus,
    /// Narrow layout only: the detail fills the screen.
    pub(super) detail_open: bool,
    /// Index into the rows; 0 when there are none.
    selected: usize,
    /// Whether the user chose the selection (rather than it falling on the best match), so a
    /// changing query keeps it where it is (fzf's `--track`) instead of following the top.
    pinned: bool,
    /// First visible row.
    offset: usize,
    /// Index into the selected event's related events.
    related_cursor: usize,
    /// Lines the detail description is scrolled by.
    detail_scroll: usize,
    /// The selected event's summary laid out as far as the detail has been scrolled, for the
    /// detail's width: drawing then lays out one screenful, however long the summary.
    summary_pager: Option<(EventId, Pager)>,
    /// The list or the chart, with the chart's window.
    pub(super) body: super::Body,
}

impl Default for View {
    fn default() -> Self {
        View {
            focus: Focus::Timeline,
            detail_open: false,
            selected: 0,
            pinned: false,
            offset: 0,
            related_cursor: 0,
            detail_scroll: 0,
            summary_pager: None,
            body: super::Body::List,
        }
    }
}

impl App {
    /// The pane that movement keys move in.
    pub fn focus(&self) -> Focus {
        self.view.focus
    }

    /// The selected row, or `None` when nothing is shown.
    pub fn selected_row(&self) -> Option<usize> {
        (!self.session.rows().is_empty()).then_some(self.view.selected)
    }

    /// The selected event.
    pub(super) fn selected_event_id(&self) -> Option<EventId> {
        self.selected_row().map(|row| self.event_at(row))
    }

    /// The first row shown.
    pub fn offset(&self) -> usize {
        self.view.offset
    }

    /// Which of the selected event's related events Enter jumps to.
    pub fn related_cursor(&self) -> usize {
        self.view.related_cursor
    }

    /// Lines the detail description is scrolled by.
    pub fn detail_scroll(&self) -> usize {
        self.view.detail_scroll
    }

    /// The selected event's summary laid out for a detail `width` columns wide, as far as the
    /// detail has been scrolled; `None` when nothing is laid out for that event and width yet
    /// (the detail is then at its top, or was just resized).
    pub fn summary_pager(&self, width: usize) -> Option<&Pager> {
        let (event, pager) = self.view.summary_pager.as_ref()?;
        let current = Some(*event) == self.selected_event_id() && pager.width() == width;
        current.then_some(pager)
    }

    /// Lays the selected event's summary out as far as the detail shows it, so that drawing the
    /// detail lays out a screenful wherever it is scrolled to: after every action and reload.
    /// Costs the lines scrolled past, once; nothing when the detail is where it was.
    pub(super) fn lay_out_summary(&mut self) {
        let (Some(event), Some(pane)) = (self.selected_event_id(), self.screen().detail()) else {
            return;
        };
        // The related events are listed below the text: its width is the pane's inside's, and
        // its height at most that (the related events are not worth finding for every action).
        let text = geometry::inner(pane);
        let width = usize::from(text.width);
        let pager = match &mut self.view.summary_pager {
            Some((laid_out, pager)) if *laid_out == event && pager.width() == width => pager,
            slot => &mut slot.insert((event, Pager::new(width))).1,
        };
        let last = self.view.detail_scroll + usize::from(text.height);
        pager.reach(self.data.event(event).summary(), last);
    }

    /// Forgets the summary laid out: the data it was laid out from is replaced.
    pub(super) fn forget_summary_layout(&mut self) {
        self.view.summary_pager = None;
    }

    /// Matches the rows afresh after the query, narrowing or order changed. The selected event
    /// stays selected while it is still shown if the user chose it or no query is typed (so
    /// clearing a search lands on the event found); otherwise the best match is selected. Rows
    /// the session leaves as they were (a query that does not parse, an interrupted search)
    /// keep the selection too.
    pub(super) fn refresh(&mut self) {
        let track = self.view.pinned || self.choices.query().text().trim().is_empty();
        let selected = self.selected_row().filter(|_| track);
        self.rematch(selected.map(|row| self.event_at(row)));
    }

    /// Matches the rows afresh, keeping `event` selected if it is still shown, else selecting
    /// the first row.
    pub(super) fn rematch(&mut self, event: Option<EventId>) {
        if !self
            .session
            .refresh(&self.data, &self.choices, &self.interrupt)
        {
            return;
        }
        self.select_matched(event);
    }

    /// Follows the rows just matched: `event` stays selected if it is shown, else the first
    /// row is.
    pub(super) fn select_matched(&mut self, event: Option<EventId>) {
        match event.and_then(|event| self.row_of(event)) {
            Some(row) => self.view.selected = row,
            None => {
                self.view.selected = 0;
                self.view.pinned = false;
                self.view.offset = 0;
                self.reset_detail();
            }
        }
        self.keep_selection_visible();
        self.follow_selection();
    }

    /// Keeps the selected event selected through the next match, as if the user had chosen it.
    pub(super) fn pin_selection(&mut self) {
        self.view.pinned = true;
    }

    /// Focuses the timeline, closing a detail that fills the screen: for a prompt that acts on
    /// the list.
    pub(super) fn look_at_timeline(&mut self) {
        self.view.focus = Focus::Timeline;
        self.view.detail_open = false;
    }

    pub(super) fn toggle_focus(&mut self) {
        let narrow = geometry::is_narrow(self.area);
        self.view.focus = match self.view.focus {
            Focus::Timeline => Focus::Detail,
            Focus::Detail => Focus::Timeline,
        };
        if narrow {
            self.view.detail_open =
                self.view.focus == Focus::Detail && self.selected_row().is_some();
            if !self.view.detail_open {
                self.view.focus = Focus::Timeline;
            }
        }
    }

    pub(super) fn open(&mut self) {
        if self.selected_row().is_none() {
            return;
        }
        if self.view.focus == Focus::Detail {
            if let Some(&target) = self.related().get(self.view.related_cursor) {
                self.jump_to(target);
            }
            return;
        }
        self.view.focus = Focus::Detail;
        if geometry::is_narrow(self.area) {
            self.view.detail_open = true;
        }
    }

    /// Esc: closes the detail, else clears the query, else the index scope: the latest layer
    /// first.
    pub(super) fn back(&mut self) {
        if self.view.detail_open || self.view.focus == Focus::Detail {
            self.view.detail_open = false;
            self.view.focus = Focus::Timeline;
        } else if !self.choices.query().is_empty() || self.query_error().is_some() {
            self.clear_query();
        } else if self.choices.clear_scope() {
            self.refresh();
        }
    }

    pub(super) fn move_in_focus(&mut self, delta: isize) {
        match self.view.focus {
            Focus::Timeline => self.select_row(self.view.selected.saturating_add_signed(delta)),
            Focus::Detail => {
                let related = self.related().len();
                if related > 0 && delta.abs() == 1 {
                    self.view.related_cursor = (self.view.related_cursor)
                        .saturating_add_signed(delta)
                        .min(related - 1);
                } else {
                    self.scroll_detail(delta);
                }
            }
        }
    }

    fn scroll_detail(&mut self, delta: isize) {
        self.view.detail_scroll = self.view.detail_scroll.saturating_add_signed(delta);
    }

    fn reset_detail(&mut self) {
        self.view.related_cursor = 0;
        self.view.detail_scroll = 0;
    }

    /// Selects a row (clamped to the list) for the user and scrolls it into view.
    pub(super) fn select_row(&mut self, row: usize) {
        let row = row.min(self.row_count().saturating_sub(1));
        if row != self.view.selected {
            self.reset_detail();
        }
        self.view.selected = row;
        self.view.pinned = true;
        self.keep_selection_visible();
        self.follow_selection();
    }

    /// The row showing `event`, if it is shown.
    pub(super) fn row_of(&self, event: EventId) -> Option<usize> {
        // The best rows first: a selection is mostly among them, and finding it there does not
        // rank every hit (a tenth of a second at a million), as the rest of the rows need.
        let best = self.rows_in(0..self.row_count().min(RANKED_FIRST));
        if let Some(row) = best.iter().position(|&shown| shown == event) {
            return Some(row);
        }
        self.session.rows().position(self.data.index(), event)
    }

    /// The year of the event in `row`; `None` for an undated entry.
    fn row_year(&self, row: usize) -> Option<i64> {
        self.data.year_of(self.event_at(row))
    }

    /// The event shown in `row`, which must be within the list.
    fn event_at(&self, row: usize) -> EventId {
        self.session.rows().event(self.data.index(), row)
    }

    /// The group of the event in `row`: `group` of its year, and one group for undated entries.
    fn row_group(&self, row: usize, group: &impl Fn(i64) -> i64) -> Option<i64> {
        self.row_year(row).map(group)
    }

    /// Selects the first row after the selection whose `group(year)` differs.
    pub(super) fn select_next_group(&mut self, group: impl Fn(i64) -> i64) {
        let Some(current) = self.selected_row() else {
            return;
        };
        let here = self.row_group(current, &group);
        if let Some(row) =
            (current + 1..self.row_count()).find(|&r| self.row_group(r, &group) != here)
        {
            self.select_row(row);
        }
    }

    /// Selects the first row of the group before the selection's group (or the list's first row).
    pub(super) fn select_previous_group(&mut self, group: impl Fn(i64) -> i64) {
        let Some(current) = self.selected_row() else {
            return;
        };
        let here = self.row_group(current, &group);
        let Some(end) = (0..current)
            .rev()
            .find(|&r| self.row_group(r, &group) != here)
        else {
            self.select_row(0);
            return;
        };
        let previous = self.row_group(end, &group);
        let start = (0..end)
            .rev()
            .take_while(|&r| self.row_group(r, &group) == previous)
            .last()
            .unwrap_or(end);
        self.select_row(start);
    }

    /// Rows the timeline pane shows at once.
    pub fn page(&self) -> usize {
        self.screen()
            .timeline()
            .map_or(1, |pane| geometry::inner(pane).height.max(1) as usize)
    }

    pub(super) fn keep_selection_visible(&mut self) {
        let height = self.page();
        let context = SCROLL_CONTEXT.min(height.saturating_sub(1) / 2);
        if self.view.selected < self.view.offset + context {
            self.view.offset = self.view.selected.saturating_sub(context);
        }
        if self.view.selected + context >= self.view.offset + height {
            self.view.offset = self.view.selected + context + 1 - height;
        }
        self.view.offset = self
            .view
            .offset
            .min(self.row_count().saturating_sub(height));
    }

    pub(super) fn scroll_at(&mut self, column: u16, row: u16, lines: i8) {
        if self.wheel_on_chart(column, row, lines) {
            return;
        }
        let position = Position::new(column, row);
        let screen = self.screen();
        if screen
            .timeline()
            .is_some_and(|pane| pane.contains(position))
        {
            self.select_row(self.view.selected.saturating_add_signed(lines as isize));
        } else if screen.detail().is_some_and(|pane| pane.contains(position)) {
            self.scroll_detail(lines as isize);
        }
    }

    pub(super) fn click_at(&mut self, column: u16, row: u16) {
        if self.click_on_chart(column, row) {
            return;
        }
        let position = Position::new(column, row);
        let screen = self.screen();
        if let Some(strip_area) = screen.density()
            && strip_area.contains(position)
        {
            let bin = self
                .density()
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
            self.view.focus = Focus::Timeline;
            let clicked = self.view.offset + (row - list.y) as usize;
            if clicked < self.row_count() {
                self.select_row(clicked);
            }
            return;
        }
        if let Some(pane) = screen.detail()
            && pane.contains(position)
        {
            self.view.focus = Focus::Detail;
            let related = self.related();
            let (_, list) = geometry::detail_parts(pane, related.len());
            // The list's first row is its title; items follow, scrolled to keep the cursor in view.
            if list.contains(position) && row > list.y {
                let first =
                    related_window_start(self.view.related_cursor, list.height.saturating_sub(1));
                let item = first + (row - list.y - 1) as usize;
                if let Some(&target) = related.get(item) {
                    self.jump_to(target);
                }
            }
        }
    }
}
