//! Where each pane sits for a given terminal size, and the parts of the chart pane. Shared by
//! `App::update` (page sizes, mouse hit tests) and the renderer, so both always agree on what is
//! on screen.

use ratatui::layout::{Constraint, Layout, Margin, Rect};

/// Below this size the explorer shows a "too small" note instead of panes.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// Below this width the timeline and the detail take turns on the whole screen.
pub const NARROW_WIDTH: u16 = 80;
/// Share of the width the timeline takes in the two-pane layout.
const TIMELINE_PERCENT: u16 = 55;
/// The most of the body the chart takes over the detail in the wide layout.
const CHART_PERCENT: u16 = 60;
/// The chart's sub-rows per lane at most: more events in a column are counted.
pub const CHART_DEPTH: usize = 3;
/// The chart's rows under the lanes: the axis, its tick labels, the selected event's line.
const CHART_FOOT: u16 = 3;
/// From this inside width the chart lists undated entries in a column of its own.
const UNDATED_COLUMN_FROM: u16 = 100;
const UNDATED_COLUMN_WIDTH: u16 = 28;
/// The widest lane label (glyph, name, space), wide and narrow.
const LANE_LABEL_WIDTH: usize = 18;
const SHORT_LANE_LABEL_WIDTH: usize = 6;
/// The density strip: a row of bars and a row of years, shown from this terminal height up.
const DENSITY_HEIGHT: u16 = 2;
const DENSITY_FROM_HEIGHT: u16 = 16;

/// The panes on screen. Pane rectangles include their borders; see [`inner`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    TooSmall(Rect),
    Panes {
        header: Rect,
        /// The density strip, when the terminal is tall enough.
        density: Option<Rect>,
        timeline: Option<Rect>,
        detail: Option<Rect>,
        footer: Rect,
    },
    /// The index of acronyms and mechanisms, in place of the panes.
    Index {
        header: Rect,
        /// The bordered list, tabs and column titles included (see [`index_rows`]).
        list: Rect,
        footer: Rect,
    },
}

impl Screen {
    /// Lays out `area`; in a narrow terminal `detail_open` decides which pane fills the body.
    /// The header is `header` rows tall (one when the timeline has no pillars to show as
    /// chips), the footer `footer` rows (two while a query error is shown under the query).
    pub fn new(area: Rect, detail_open: bool, header: u16, footer: u16) -> Self {
        Screen::lay_out(area, detail_open, header, footer, None)
    }

    /// Lays out `area` for the chart of `needs`: wide, the chart spans the width on top, as
    /// tall as its lanes need up to [`CHART_PERCENT`] of the body, over the detail; narrow, it
    /// takes turns with the detail as the list does. No density strip: the chart is its own
    /// time axis.
    pub fn with_chart(
        area: Rect,
        detail_open: bool,
        header: u16,
        footer: u16,
        needs: &ChartNeeds,
    ) -> Self {
        Screen::lay_out(area, detail_open, header, footer, Some(needs))
    }

    fn lay_out(
        area: Rect,
        detail_open: bool,
        header: u16,
        footer: u16,
        chart: Option<&ChartNeeds>,
    ) -> Self {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return Screen::TooSmall(area);
        }
        let density_height = if area.height >= DENSITY_FROM_HEIGHT && chart.is_none() {
            DENSITY_HEIGHT
        } else {
            0
        };
        let [header, density, body, footer] = area.layout(&Layout::vertical([
            Constraint::Length(header),
            Constraint::Length(density_height),
            Constraint::Min(1),
            Constraint::Length(footer),
        ]));
        // Inset by a column each side, to line up with the insides of the panes below.
        let density = (density_height > 0).then(|| density.inner(Margin::new(1, 0)));
        let (timeline, detail) = if let Some(needs) = chart
            && !is_narrow(area)
        {
            let most = (u32::from(body.height) * u32::from(CHART_PERCENT) / 100) as u16;
            let [chart, detail] = body.layout(&Layout::vertical([
                Constraint::Length(chart_height(needs, area.width, most)),
                Constraint::Fill(1),
            ]));
            (Some(chart), Some(detail))
        } else if is_narrow(area) {
            if detail_open {
                (None, Some(body))
            } else {
                (Some(body), None)
            }
        } else {
            let [timeline, detail] = body.layout(&Layout::horizontal([
                Constraint::Percentage(TIMELINE_PERCENT),
                Constraint::Fill(1),
            ]));
            (Some(timeline), Some(detail))
        };
        Screen::Panes {
            header,
            density,
            timeline,
            detail,
            footer,
        }
    }

    /// Lays out `area` for the index view, with a header `header` and a footer `footer` rows tall.
    pub fn for_index(area: Rect, header: u16, footer: u16) -> Self {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return Screen::TooSmall(area);
        }
        let [header, list, footer] = area.layout(&Layout::vertical([
            Constraint::Length(header),
            Constraint::Min(1),
            Constraint::Length(footer),
        ]));
        Screen::Index {
            header,
            list,
            footer,
        }
    }

    pub fn density(&self) -> Option<Rect> {
        match self {
            Screen::Panes { density, .. } => *density,
            _ => None,
        }
    }

    /// The index view's list, when it is shown.
    pub fn index(&self) -> Option<Rect> {
        match self {
            Screen::Index { list, .. } => Some(*list),
            _ => None,
        }
    }

    pub fn timeline(&self) -> Option<Rect> {
        match self {
            Screen::Panes { timeline, .. } => *timeline,
            _ => None,
        }
    }

    pub fn detail(&self) -> Option<Rect> {
        match self {
            Screen::Panes { detail, .. } => *detail,
            _ => None,
        }
    }
}

/// What the chart's layout depends on, beyond its pane.
#[derive(Clone, Copy, Debug, Default)]
pub struct ChartNeeds {
    /// Lanes: pillars with shown dated events.
    pub lanes: usize,
    /// Shown undated entries.
    pub undated: usize,
    /// The longest name among the lanes' pillars, in columns.
    pub longest_name: usize,
    /// The selected event's lane, kept in view when not every lane fits.
    pub selected_lane: Option<usize>,
    /// The selected undated entry, counted among the undated, kept in view in their column.
    pub selected_undated: Option<usize>,
}

/// The rows a chart pane `width` columns wide takes of at most `most`: its borders, the axis,
/// the selected event's line, a line for undated entries when they get no column, and as many
/// sub-rows per lane (up to [`CHART_DEPTH`]) as every lane can have, the rest going to the
/// detail below.
fn chart_height(needs: &ChartNeeds, width: u16, most: u16) -> u16 {
    let note = u16::from(needs.undated > 0 && !undated_column(width));
    let fixed = 2 + CHART_FOOT + note;
    let lanes = needs.lanes.max(1);
    let room = usize::from(most.saturating_sub(fixed));
    let depth = (room / lanes).clamp(1, CHART_DEPTH);
    let rows = u16::try_from(lanes * depth).unwrap_or(u16::MAX);
    rows.saturating_add(fixed).min(most)
}

/// Whether a chart pane `width` columns wide lists undated entries in a column.
fn undated_column(width: u16) -> bool {
    width.saturating_sub(2) >= UNDATED_COLUMN_FROM
}

/// The chart pane's parts: shared by the renderer and the mouse, so a click lands on what is
/// drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartParts {
    /// The pane, borders included.
    pub pane: Rect,
    /// The lane labels, beside the plot.
    pub labels: Rect,
    /// The lanes' sub-rows, over the axis.
    pub plot: Rect,
    /// The axis line and its tick labels, under the plot.
    pub axis: Rect,
    /// The selected event's date and title.
    pub label: Rect,
    /// `N undated — …`, when undated entries are shown and get no column.
    pub note: Option<Rect>,
    /// The column listing undated entries under its title.
    pub undated: Option<Rect>,
    /// The first undated entry the column lists.
    pub undated_offset: usize,
    /// Sub-rows per lane, one more for the first [`ChartParts::deeper`] lanes shown.
    pub depth: usize,
    /// How many lanes, from the first shown, get a sub-row more than [`ChartParts::depth`]:
    /// the rows left when every lane cannot have one more, so no row of the plot is left empty.
    pub deeper: usize,
    /// The first lane shown, and how many are.
    pub first_lane: usize,
    pub lanes_shown: usize,
}

impl ChartParts {
    /// Lays out the chart pane `pane` for `needs`. Lanes compress from [`CHART_DEPTH`] sub-rows
    /// to one as the height shrinks, the first lanes keeping a row more while the rest of the
    /// height allows; when even one row each does not fit, the lanes around the
    /// selected one are shown. Labels shorten in a narrow terminal.
    pub fn lay_out(pane: Rect, needs: &ChartNeeds) -> Self {
        let inside = inner(pane);
        let column = needs.undated > 0 && undated_column(pane.width);
        let column_width = if column { UNDATED_COLUMN_WIDTH } else { 0 };
        let [main, undated] = inside.layout(&Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(column_width),
        ]));
        let note_height = u16::from(needs.undated > 0 && !column);
        let [lanes, axis, label, note] = main.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(2),
            Constraint::Length(1),
            Constraint::Length(note_height),
        ]));
        let most = if is_narrow(pane) {
            SHORT_LANE_LABEL_WIDTH
        } else {
            LANE_LABEL_WIDTH
        };
        let label_width = (needs.longest_name + 3)
            .min(most)
            .min(usize::from(main.width / 4))
            .max(2);
        let label_width = u16::try_from(label_width).unwrap_or(0);
        let [labels, plot] = lanes.layout(&Layout::horizontal([
            Constraint::Length(label_width),
            Constraint::Fill(1),
        ]));
        let axis = Rect::new(plot.x, axis.y, plot.width, axis.height);
        let height = usize::from(plot.height);
        let depth = (height / needs.lanes.max(1)).clamp(1, CHART_DEPTH);
        let lanes_shown = needs.lanes.min(height / depth);
        let deeper = if depth < CHART_DEPTH {
            height.saturating_sub(lanes_shown * depth).min(lanes_shown)
        } else {
            0
        };
        let first_lane = needs
            .selected_lane
            .map_or(0, |lane| (lane + 1).saturating_sub(lanes_shown));
        let listed = usize::from(undated.height.saturating_sub(1));
        let undated_offset = needs
            .selected_undated
            .map_or(0, |nth| (nth + 1).saturating_sub(listed));
        ChartParts {
            pane,
            labels,
            plot,
            axis,
            label,
            note: (note_height > 0).then_some(note),
            undated: column.then_some(undated),
            undated_offset,
            depth,
            deeper,
            first_lane,
            lanes_shown,
        }
    }

    /// The lane (position among every lane) drawn at screen row `row`, if one is.
    pub fn lane_at(&self, row: u16) -> Option<usize> {
        let offset = usize::from(row.checked_sub(self.plot.y)?);
        let deep = self.deeper * (self.depth + 1);
        let within = if offset < deep {
            offset / (self.depth + 1)
        } else {
            self.deeper + (offset - deep) / self.depth.max(1)
        };
        (row < self.plot.bottom() && within < self.lanes_shown).then_some(self.first_lane + within)
    }

    /// The sub-rows lane `lane` (position among every lane) is drawn in.
    pub fn depth_of(&self, lane: usize) -> usize {
        let within = lane.saturating_sub(self.first_lane);
        self.depth + usize::from(lane >= self.first_lane && within < self.deeper)
    }

    /// The screen row lane `lane`'s first sub-row is drawn at, if it is shown.
    pub fn lane_row(&self, lane: usize) -> Option<u16> {
        let within = lane.checked_sub(self.first_lane)?;
        let rows = within * self.depth + within.min(self.deeper);
        (within < self.lanes_shown).then(|| self.plot.y + u16::try_from(rows).unwrap_or(0))
    }
}

/// Whether the terminal is too narrow for two panes side by side.
pub fn is_narrow(area: Rect) -> bool {
    area.width < NARROW_WIDTH
}

/// The inside of a bordered pane.
pub fn inner(pane: Rect) -> Rect {
    pane.inner(Margin::new(1, 1))
}

/// The index list's rows: its inside below the tabs and the column titles.
pub fn index_rows(list: Rect) -> Rect {
    let inside = inner(list);
    let top = inside.height.min(2);
    Rect::new(inside.x, inside.y + top, inside.width, inside.height - top)
}

/// The detail pane's inside, split into the description and, below it, the related events list
/// (a title row plus up to `related` rows, never more than half the pane).
pub fn detail_parts(pane: Rect, related: usize) -> (Rect, Rect) {
    let inside = inner(pane);
    let wanted = if related == 0 { 0 } else { related as u16 + 1 };
    let height = wanted.min(inside.height / 2);
    let [text, list] = inside.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
    ]));
    (text, list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminals_get_two_panes_and_narrow_ones_take_turns() {
        let wide = Screen::new(Rect::new(0, 0, 120, 40), false, 2, 1);
        assert!(wide.timeline().is_some() && wide.detail().is_some());
        let narrow = Screen::new(Rect::new(0, 0, 60, 20), false, 2, 1);
        assert!(narrow.timeline().is_some() && narrow.detail().is_none());
        let open = Screen::new(Rect::new(0, 0, 60, 20), true, 2, 1);
        assert!(open.timeline().is_none() && open.detail().is_some());
    }

    #[test]
    fn the_density_strip_sits_under_the_header_of_tall_terminals() {
        let tall = Screen::new(Rect::new(0, 0, 120, 40), false, 2, 1);
        assert_eq!(tall.density(), Some(Rect::new(1, 2, 118, DENSITY_HEIGHT)));
        assert_eq!(tall.timeline().map(|pane| pane.y), Some(2 + DENSITY_HEIGHT));
        let short = Screen::new(Rect::new(0, 0, 120, DENSITY_FROM_HEIGHT - 1), false, 2, 1);
        assert_eq!(short.density(), None);
        assert_eq!(short.timeline().map(|pane| pane.y), Some(2));
        let no_chips = Screen::new(Rect::new(0, 0, 120, 40), false, 1, 1);
        assert_eq!(no_chips.density().map(|strip| strip.y), Some(1));
        assert_eq!(
            no_chips.timeline().map(|pane| pane.y),
            Some(1 + DENSITY_HEIGHT)
        );
    }

    #[test]
    fn tiny_terminals_are_too_small() {
        for (w, h) in [(1, 1), (10, 4), (MIN_WIDTH - 1, 40), (120, MIN_HEIGHT - 1)] {
            assert!(matches!(
                Screen::new(Rect::new(0, 0, w, h), false, 2, 1),
                Screen::TooSmall(_)
            ));
        }
        assert!(matches!(
            Screen::new(Rect::new(0, 0, MIN_WIDTH, MIN_HEIGHT), false, 2, 1),
            Screen::Panes { .. }
        ));
    }

    #[test]
    fn the_chart_spans_the_width_over_the_detail_and_fills_a_narrow_screen() {
        let needs = ChartNeeds {
            lanes: 6,
            undated: 3,
            ..ChartNeeds::default()
        };
        let wide = Screen::with_chart(Rect::new(0, 0, 120, 40), false, 2, 1, &needs);
        let (chart, detail) = (wide.timeline().unwrap(), wide.detail().unwrap());
        assert_eq!(wide.density(), None, "the chart is its own time axis");
        assert_eq!((chart.x, chart.width, detail.width), (0, 120, 120));
        assert_eq!(detail.y, chart.bottom());
        assert!(chart.height <= 37 * CHART_PERCENT / 100);
        let tall = Screen::with_chart(Rect::new(0, 0, 120, 80), false, 2, 1, &needs);
        assert_eq!(
            tall.timeline().unwrap().height,
            2 + 6 * 3 + 3,
            "as tall as it needs"
        );
        let narrow = Screen::with_chart(Rect::new(0, 0, 60, 20), false, 2, 1, &needs);
        assert_eq!(narrow.timeline(), Some(Rect::new(0, 2, 60, 17)));
        assert_eq!(narrow.detail(), None);
    }

    #[test]
    fn lanes_compress_then_scroll_to_the_selected_one() {
        let needs = |selected_lane| ChartNeeds {
            lanes: 6,
            undated: 0,
            longest_name: 20,
            selected_lane,
            selected_undated: None,
        };
        let roomy = ChartParts::lay_out(Rect::new(0, 0, 120, 25), &needs(None));
        assert_eq!((roomy.depth, roomy.lanes_shown), (3, 6));
        assert_eq!(roomy.labels.width, LANE_LABEL_WIDTH as u16);
        let low = ChartParts::lay_out(Rect::new(0, 0, 60, 9), &needs(Some(5)));
        assert_eq!((low.depth, low.lanes_shown), (1, 4));
        assert_eq!(low.first_lane, 2, "the selected lane stays in view");
        assert_eq!(low.lane_at(low.plot.y), Some(2));
        assert_eq!(low.lane_row(5), Some(low.plot.y + 3));
        assert_eq!(low.labels.width, SHORT_LANE_LABEL_WIDTH as u16);
    }

    #[test]
    fn rows_left_over_go_to_the_first_lanes_so_none_stands_empty() {
        let needs = ChartNeeds {
            lanes: 6,
            undated: 0,
            longest_name: 20,
            selected_lane: None,
            selected_undated: None,
        };
        // 11 rows for 6 lanes: five lanes of two rows, then one of one.
        let parts = ChartParts::lay_out(Rect::new(0, 0, 60, 16), &needs);
        assert_eq!(parts.plot.height, 11);
        assert_eq!((parts.depth, parts.deeper, parts.lanes_shown), (1, 5, 6));
        let depths: Vec<usize> = (0..6).map(|lane| parts.depth_of(lane)).collect();
        assert_eq!(depths, [2, 2, 2, 2, 2, 1]);
        let y = parts.plot.y;
        assert_eq!(parts.lane_row(1), Some(y + 2));
        assert_eq!(parts.lane_row(5), Some(y + 10));
        let lanes: Vec<Option<usize>> = (y..y + 12).map(|row| parts.lane_at(row)).collect();
        let expected = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5].map(Some);
        assert_eq!(lanes[..11], expected);
        assert_eq!(lanes[11], None, "below the plot");
    }

    #[test]
    fn the_related_list_never_takes_more_than_half_the_detail() {
        let (text, list) = detail_parts(Rect::new(0, 0, 40, 22), 50);
        assert_eq!(list.height, 10);
        assert_eq!(text.height, 10);
        let (_, none) = detail_parts(Rect::new(0, 0, 40, 22), 0);
        assert_eq!(none.height, 0);
    }
}
