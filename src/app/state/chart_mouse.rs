//! The mouse over the chart: the wheel zooms around the time under the pointer, a click
//! selects the nearest event of the lane clicked, or the undated entry clicked.

use ratatui::layout::Position;

use super::App;
use crate::app::geometry::{ChartNeeds, ChartParts};

impl App {
    /// What the chart's layout depends on: its lanes, the undated entries shown, and where the
    /// selection is among them.
    pub fn chart_needs(&self) -> ChartNeeds {
        let pillars = &self.extent().pillars;
        let names = &self.timeline().pillars;
        let longest_name = (pillars.iter())
            .filter_map(|&pillar| names.get(pillar))
            .map(|pillar| pillar.name.chars().count())
            .max()
            .unwrap_or(0);
        let undated = self.undated_row_count();
        let dated = self.session.hits().len() - undated;
        let selected = self.selected_event();
        let selected_lane = selected
            .filter(|event| event.date.is_some())
            .and_then(|event| pillars.iter().position(|&pillar| pillar == event.pillar));
        let selected_undated = (self.selected_in_time())
            .and_then(|at| at.checked_sub(dated))
            .filter(|_| selected.is_some_and(|event| event.date.is_none()));
        ChartNeeds {
            lanes: pillars.len(),
            undated,
            longest_name,
            selected_lane,
            selected_undated,
        }
    }

    /// The chart pane's parts as now laid out, when the chart is shown.
    pub fn chart_parts(&self) -> Option<ChartParts> {
        if !self.chart_shown() {
            return None;
        }
        let pane = self.screen().timeline()?;
        Some(ChartParts::lay_out(pane, &self.chart_needs()))
    }

    /// The wheel over the chart's plot or axis zooms in (up) or out around the time under the
    /// pointer, and elsewhere on the chart does nothing; false when the pointer is not on the
    /// chart.
    pub(super) fn wheel_on_chart(&mut self, column: u16, row: u16, lines: i8) -> bool {
        let Some(parts) = self.chart_parts() else {
            return false;
        };
        let position = Position::new(column, row);
        if !parts.plot.contains(position) && !parts.axis.contains(position) {
            return parts.pane.contains(position);
        }
        let Some(axis) = self.chart_axis(parts.plot.width) else {
            return true;
        };
        let at = usize::from(column - parts.plot.x);
        let fraction = (at as f64 + 0.5) / axis.width() as f64;
        let factor = if lines < 0 { 0.5 } else { 2.0 };
        self.zoom_around(factor, (axis.time(at), fraction));
        true
    }

    /// A click on a lane selects its shown event nearest the column clicked; on an undated
    /// entry in the undated column, that entry. False when the click is not on the chart.
    pub(super) fn click_on_chart(&mut self, column: u16, row: u16) -> bool {
        let Some(parts) = self.chart_parts() else {
            return false;
        };
        let position = Position::new(column, row);
        if let Some(list) = parts.undated
            && list.contains(position)
            && row > list.y
        {
            let nth = parts.undated_offset + usize::from(row - list.y - 1);
            let undated = self.undated_row_count();
            self.look_at_timeline();
            let hits = self.session.hits().as_slice();
            let clicked = (nth < undated)
                .then(|| hits.get(hits.len() - undated + nth))
                .flatten()
                .map(|hit| hit.event);
            if let Some(event) = clicked {
                self.select_event(event);
            }
            return true;
        }
        if !parts.plot.contains(position) && !parts.labels.contains(position) {
            return parts.pane.contains(position);
        }
        self.look_at_timeline();
        let lane = parts.lane_at(row);
        let Some(&pillar) = lane.and_then(|lane| self.extent().pillars.get(lane)) else {
            return true;
        };
        let time = match self.chart_axis(parts.plot.width) {
            Some(axis) if parts.plot.contains(position) => {
                axis.time(usize::from(column - parts.plot.x))
            }
            _ => f64::NEG_INFINITY,
        };
        if let Some(event) = self.nearest_in_lane(pillar, time) {
            self.select_event(event);
        }
        true
    }
}
