//! The chart: the shown events on a time axis, one lane per pillar, as another way of showing
//! the rows the list shows. It is part of the view (where the user looks), so it shares the
//! list's query, pillar filter, index scope, bookmarks-only view and selected event; only the
//! chart carries a window of time, so a list with a window cannot be written down. Moving in
//! time, between lanes, zooming and panning live here; the mouse in `chart_mouse.rs`.

use super::App;
use crate::app::keys::{self, Context};
use crate::app::state::Mode;
use crate::app::state::data::Data;
use crate::chart::{Axis, Placed};
use crate::search::Hits;
use crate::timeline::{Event, EventId};

/// The shortest window the chart zooms to: two days.
const MIN_SPAN: f64 = 2.0 / 365.25;
/// How many times wider than everything shown the chart zooms out to.
const MAX_ZOOM_OUT: f64 = 16.0;

/// How the timeline pane shows the rows.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Body {
    #[default]
    List,
    /// On a time axis, over this window.
    Chart(Window),
}

/// The time the chart shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Window {
    /// Everything shown, re-fitted whenever the rows change.
    Fitted,
    /// From `start` to `end`, in fractional years (see [`crate::timeline::Moment::as_years`]).
    Span { start: f64, end: f64 },
}

/// What the chart needs of the shown events before drawing them, found once per search rather
/// than once per frame: the pillars with dated events (the lanes) and the time they cover.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extent {
    /// Pillars (positions in the timeline's) with shown dated events, ascending.
    pub pillars: Vec<usize>,
    /// The first and last moment any shown event covers; `None` when none is dated.
    pub span: Option<(f64, f64)>,
}

impl Extent {
    /// The extent of `hits` in `data`'s timeline: one pass over the dated ones.
    pub fn of(data: &Data, hits: &Hits) -> Self {
        let mut present = vec![false; data.timeline().pillars.len()];
        let mut span: Option<(f64, f64)> = None;
        let all = data.all_placed();
        for hit in hits.iter() {
            // Undated entries come last in timeline order.
            let Some(placed) = all.get(hit.event.index()) else {
                break;
            };
            if let Some(slot) = present.get_mut(placed.pillar as usize) {
                *slot = true;
            }
            let (start, end) = (placed.start, placed.end());
            span = Some(span.map_or((start, end), |(a, b)| (a.min(start), b.max(end))));
        }
        let pillars = (present.iter().enumerate())
            .filter_map(|(pillar, &shown)| shown.then_some(pillar))
            .collect();
        Extent { pillars, span }
    }
}

/// The time an event is placed at when moving and zooming: its start.
fn time_of(event: &Event) -> Option<f64> {
    Some(event.date.as_ref()?.earliest().as_years())
}

impl App {
    /// How the timeline pane shows the rows.
    pub fn body(&self) -> Body {
        self.view.body
    }

    /// Whether the timeline pane shows the chart.
    pub fn chart_shown(&self) -> bool {
        matches!(self.view.body, Body::Chart(_))
    }

    /// The context keys are read in: the mode's, except that browsing the chart (with the
    /// timeline focused) reads the chart's keys. The one place dispatch, the event loop and the
    /// help ask.
    pub fn key_context(&self) -> Context {
        if self.mode == Mode::Browse && self.chart_shown() && self.focus() == super::Focus::Timeline
        {
            Context::Chart
        } else {
            keys::context(&self.mode)
        }
    }

    /// The shown events' lanes and time.
    pub fn extent(&self) -> &Extent {
        self.session.extent(&self.data)
    }

    /// The time the chart shows, in fractional years: the window chosen, or everything shown;
    /// `None` when the list is shown or nothing shown is dated and no window was chosen.
    pub fn chart_span(&self) -> Option<(f64, f64)> {
        match self.view.body {
            Body::List => None,
            Body::Chart(Window::Fitted) => self.extent().span,
            Body::Chart(Window::Span { start, end }) => Some((start, end)),
        }
    }

    /// The shown events in timeline order (dated, then undated), whatever the list's order.
    pub fn in_time(&self) -> impl ExactSizeIterator<Item = (EventId, &Event)> + '_ {
        (self.session.hits().iter()).map(|hit| (hit.event, self.data.event(hit.event)))
    }

    /// Where each shown event lies in time, in timeline order (`None` for undated entries):
    /// what a frame of the chart bins.
    pub fn placed_in_time(&self) -> impl ExactSizeIterator<Item = Option<Placed>> + '_ {
        let all = self.data.all_placed();
        (self.session.hits().iter()).map(|hit| all.get(hit.event.index()).copied())
    }

    /// The shown undated entries, in the file's order.
    pub fn undated_shown(&self) -> impl ExactSizeIterator<Item = (EventId, &Event)> + '_ {
        let hits = self.session.hits().as_slice();
        let undated = &hits[hits.len() - self.undated_row_count()..];
        undated
            .iter()
            .map(|hit| (hit.event, self.data.event(hit.event)))
    }

    /// The selected event.
    pub fn selected_id(&self) -> Option<EventId> {
        self.selected_event_id()
    }

    /// The selected event's position among the shown events in timeline order.
    pub fn selected_in_time(&self) -> Option<usize> {
        let selected = self.selected_event_id()?;
        let hits = self.session.hits().as_slice();
        hits.binary_search_by_key(&selected, |hit| hit.event).ok()
    }

    /// `v`: the chart, fitted to everything shown, or back to the list, which forgets the
    /// window (the chart fits again when shown again). The selection stays.
    pub(super) fn toggle_chart(&mut self) {
        self.view.body = match self.view.body {
            Body::List => Body::Chart(Window::Fitted),
            Body::Chart(_) => Body::List,
        };
        self.view.detail_open = false;
        self.keep_selection_visible();
    }

    /// Selects `event` for the user, from the chart.
    pub(super) fn select_event(&mut self, event: EventId) {
        if let Some(row) = self.row_of(event) {
            self.select_row(row);
        }
    }

    /// Selects the shown event `steps` after (or before) the selection in timeline order.
    pub(super) fn step_in_time(&mut self, steps: isize) {
        let hits = self.session.hits().as_slice();
        let Some(last) = hits.len().checked_sub(1) else {
            return;
        };
        let at = self
            .selected_in_time()
            .map_or(0, |at| at.saturating_add_signed(steps).min(last));
        self.select_event(hits[at].event);
    }

    /// Selects the first (`last` false) or last shown event in time.
    pub(super) fn select_end_in_time(&mut self, last: bool) {
        let hits = self.session.hits().as_slice();
        let end = if last { hits.last() } else { hits.first() };
        if let Some(hit) = end {
            self.select_event(hit.event);
        }
    }

    /// The shown event of `pillar` nearest in time to `time` (none nearer than a span that
    /// covers it; the earlier on a tie), among those starting in the chart's view when any do,
    /// so that moving between lanes stays on screen when it can.
    pub(super) fn nearest_in_lane(&self, pillar: usize, time: f64) -> Option<EventId> {
        let view = self.chart_span();
        let in_view =
            |start: f64| view.is_some_and(|(first, last)| (first..=last).contains(&start));
        // The nearest in view, and the nearest of all.
        let mut best: [Option<(f64, EventId)>; 2] = [None, None];
        let all = self.data.all_placed();
        for hit in self.session.hits().iter() {
            let Some(placed) = all.get(hit.event.index()) else {
                break;
            };
            if placed.pillar as usize != pillar {
                continue;
            }
            let distance = if time < placed.start {
                placed.start - time
            } else {
                (time - placed.end()).max(0.0)
            };
            let nearer = |slot: &Option<(f64, EventId)>| slot.is_none_or(|(d, _)| distance < d);
            if in_view(placed.start) && nearer(&best[0]) {
                best[0] = Some((distance, hit.event));
            }
            if nearer(&best[1]) {
                best[1] = Some((distance, hit.event));
            }
        }
        best[0].or(best[1]).map(|(_, id)| id)
    }

    /// Moves `steps` lanes down (up when negative) to the event there nearest in time to the
    /// selection; from an undated entry, to the last event of the first or last lane.
    pub(super) fn step_lane(&mut self, steps: isize) {
        let lanes = &self.extent().pillars;
        let selected = self.selected_event();
        let here = selected.and_then(|event| {
            time_of(event)?;
            lanes.iter().position(|&pillar| pillar == event.pillar)
        });
        let Some(last) = lanes.len().checked_sub(1) else {
            return;
        };
        let lane = match here {
            Some(at) => at.saturating_add_signed(steps).min(last),
            None if steps > 0 => 0,
            None => last,
        };
        let time = selected.and_then(time_of).unwrap_or(f64::INFINITY);
        if let Some(event) = self.nearest_in_lane(lanes[lane], time) {
            self.select_event(event);
        }
    }

    /// Zooms by `factor` (below 1 in, above 1 out) around the selection, which stays where it
    /// is on screen when in view and comes to the middle otherwise.
    pub(super) fn zoom(&mut self, factor: f64) {
        let Some((start, end)) = self.chart_span() else {
            return;
        };
        let time = self.selected_event().and_then(time_of);
        let around = match time {
            Some(time) if (start..=end).contains(&time) => (time, (time - start) / (end - start)),
            Some(time) => (time, 0.5),
            None => ((start + end) / 2.0, 0.5),
        };
        self.zoom_around(factor, around);
    }

    /// Zooms by `factor` keeping `time` at `fraction` of the plot's width.
    pub(super) fn zoom_around(&mut self, factor: f64, (time, fraction): (f64, f64)) {
        let (Some((start, end)), Some((first, last))) = (self.chart_span(), self.extent().span)
        else {
            return;
        };
        let widest = ((last - first) * MAX_ZOOM_OUT).max(1.0);
        let width = ((end - start) * factor).clamp(MIN_SPAN, widest);
        let start = time - fraction * width;
        self.set_window(start, start + width);
    }

    fn set_window(&mut self, start: f64, end: f64) {
        if start.is_finite() && end.is_finite() && start < end {
            self.view.body = Body::Chart(Window::Span { start, end });
        }
    }

    /// Fits the chart to everything shown.
    pub(super) fn fit_chart(&mut self) {
        if self.chart_shown() {
            self.view.body = Body::Chart(Window::Fitted);
        }
    }

    /// Moves the window by `quarters` of its width, later when positive.
    pub(super) fn pan(&mut self, quarters: f64) {
        if let Some((start, end)) = self.chart_span() {
            let by = (end - start) * quarters / 4.0;
            self.set_window(start + by, end + by);
        }
    }

    /// Shows the years `first` to `last` whole.
    pub(super) fn zoom_to_years(&mut self, first: i64, last: i64) {
        self.set_window(first as f64, last as f64 + 1.0);
        let wanted = |event: &Event| {
            time_of(event).is_some_and(|time| (first as f64..last as f64 + 1.0).contains(&time))
        };
        if self.selected_event().is_some_and(wanted) {
            return;
        }
        let first = (self.in_time()).find(|(_, event)| wanted(event));
        if let Some(event) = first.map(|(id, _)| id) {
            self.select_event(event);
        }
    }

    /// Pans a chosen window so that the selected event is in view, centring it; a fitted window
    /// shows everything already.
    pub(super) fn follow_selection(&mut self) {
        let Body::Chart(Window::Span { start, end }) = self.view.body else {
            return;
        };
        let Some(time) = self.selected_event().and_then(time_of) else {
            return;
        };
        if !(start..=end).contains(&time) {
            let half = (end - start) / 2.0;
            self.set_window(time - half, time + half);
        }
    }

    /// The axis of the chart's plot `width` columns wide, when it shows any time.
    pub fn chart_axis(&self, width: u16) -> Option<Axis> {
        let (start, end) = self.chart_span()?;
        Some(Axis::new(start, end, usize::from(width)))
    }
}

/// The years `text` names as `first..last` (the syntax of `year:2008..2023`), both given.
pub(super) fn year_range(text: &str) -> Option<(i64, i64)> {
    let (first, last) = text.split_once("..")?;
    let year = |text: &str| text.trim().parse::<i64>().ok();
    let (first, last) = (year(first)?, year(last)?);
    (first <= last).then_some((first, last))
}

#[cfg(test)]
mod tests {
    use super::year_range;

    #[test]
    fn a_year_range_needs_both_ends_in_order() {
        assert_eq!(year_range("2008..2023"), Some((2008, 2023)));
        assert_eq!(year_range(" -500 .. -100 "), Some((-500, -100)));
        assert_eq!(year_range("2023..2008"), None);
        assert_eq!(year_range("2008.."), None);
        assert_eq!(year_range("2008"), None);
    }
}
