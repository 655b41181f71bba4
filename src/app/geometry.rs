//! Where each pane sits for a given terminal size. Shared by `App::update` (page sizes, mouse hit
//! tests) and the renderer, so both always agree on what is on screen.

use ratatui::layout::{Constraint, Layout, Margin, Rect};

/// Below this size the explorer shows a "too small" note instead of panes.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// Below this width the timeline and the detail take turns on the whole screen.
pub const NARROW_WIDTH: u16 = 80;
/// Share of the width the timeline takes in the two-pane layout.
const TIMELINE_PERCENT: u16 = 55;
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
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return Screen::TooSmall(area);
        }
        let density_height = if area.height >= DENSITY_FROM_HEIGHT {
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
        let (timeline, detail) = if is_narrow(area) {
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
    fn the_related_list_never_takes_more_than_half_the_detail() {
        let (text, list) = detail_parts(Rect::new(0, 0, 40, 22), 50);
        assert_eq!(list.height, 10);
        assert_eq!(text.height, 10);
        let (_, none) = detail_parts(Rect::new(0, 0, 40, 22), 0);
        assert_eq!(none.height, 0);
    }
}
