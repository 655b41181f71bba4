//! The chart pane: a lane per pillar with shown dated events (its glyph and name in its colour,
//! then its sub-rows of marks, bars and counts), the time axis with ticks that adapt to the
//! zoom, the selected event's date and title, and the undated entries beside or under it.
//! Events are binned per column ([`crate::chart::lanes`]) and the cells written straight to the
//! buffer: a frame costs a pass over the shown events and a few rows of cells, never a widget
//! per event.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::timeline::fit;
use crate::app::geometry::ChartParts;
use crate::app::keys::ActionName;
use crate::app::{App, Focus};
use crate::chart::lanes::{self, Cell, Lanes};
use crate::chart::text::{axis_rows, cell_char, glyph};
use crate::chart::{Axis, Mark};
use crate::timeline::compact_year;

/// From this many columns a lane label cut short ends in an ellipsis.
const LONG_LABEL: usize = 10;

pub fn render(app: &App, frame: &mut Frame, pane: Rect) {
    let theme = app.theme();
    let focused = app.focus() == Focus::Timeline;
    let title = match app.chart_span() {
        Some((start, end)) => {
            // The window's end is the start of the moment after it: `2008..2023` ends at
            // 2024.0, and shows as 2023.
            let last = end - end.abs().max(1.0) * f64::EPSILON;
            let (first, last) = (start.floor() as i64, last.floor() as i64);
            // Zoomed within a year, the year once: the ticks name the months or days.
            let years = if first == last {
                compact_year(first)
            } else {
                format!("{}–{}", compact_year(first), compact_year(last))
            };
            format!(" Chart · {} ", theme.glyphs.dates(years))
        }
        None => " Chart ".to_string(),
    };
    let inside = super::bordered_pane(frame, theme, pane, &title, focused);
    if inside.is_empty() {
        return;
    }
    if app.row_count() == 0 {
        super::timeline::render_empty(app, frame, inside);
        return;
    }
    let parts = ChartParts::lay_out(pane, &app.chart_needs());
    let buffer = frame.buffer_mut();
    match app.chart_axis(parts.plot.width) {
        Some(axis) if !parts.plot.is_empty() => {
            let shown = &app.extent().pillars;
            let depth = |pillar| {
                let lane = shown.iter().position(|&shown| shown == pillar);
                lane.map_or(1, |lane| parts.depth_of(lane))
            };
            let lanes = lanes::bin_marking(
                app.placed_in_time(),
                app.timeline().pillars.len(),
                &axis,
                depth,
                app.selected_in_time(),
            );
            draw_lanes(app, buffer, &parts, &lanes);
            draw_axis(app, buffer, &parts, &axis);
        }
        _ => {
            let note = "No dated event shown";
            buffer.set_stringn(
                parts.plot.x,
                parts.plot.y,
                note,
                usize::from(parts.plot.width),
                theme.dim,
            );
        }
    }
    draw_label(app, buffer, parts.label);
    if let Some(note) = parts.note {
        draw_note(app, buffer, note);
    }
    if let Some(column) = parts.undated {
        draw_undated(app, buffer, &parts, column);
    }
}

/// Each lane shown: its label, then its sub-rows, then the selected event on top.
fn draw_lanes(app: &App, buffer: &mut Buffer, parts: &ChartParts, lanes: &Lanes) {
    let theme = app.theme();
    let ascii = theme.glyphs.ascii_only;
    let pillars = &app.timeline().pillars;
    let shown = &app.extent().pillars;
    let label_width = usize::from(parts.labels.width.saturating_sub(1));
    for lane in parts.first_lane..parts.first_lane + parts.lanes_shown {
        let (Some(&pillar), Some(y)) = (shown.get(lane), parts.lane_row(lane)) else {
            continue;
        };
        let Some(info) = pillars.get(pillar) else {
            continue;
        };
        let style = theme.pillar(info);
        let mark = glyph(pillar, ascii);
        let label = format!("{mark} {}", info.name);
        // A short label reads as an abbreviation (`● Eco`); a longer one says it was cut.
        let label = if label_width >= LONG_LABEL {
            fit(&label, label_width)
        } else {
            label.into()
        };
        buffer.set_stringn(parts.labels.x, y, label, label_width, style);
        let Ok(at) = lanes
            .lanes
            .binary_search_by_key(&pillar, |lane| lane.pillar)
        else {
            continue;
        };
        for (nth, row) in lanes.lanes[at].rows.iter().enumerate() {
            let y = y + nth as u16;
            if y >= parts.plot.bottom() {
                break;
            }
            for (x, &cell) in (parts.plot.x..parts.plot.right()).zip(row) {
                if cell != Cell::Empty {
                    buffer[(x, y)]
                        .set_char(cell_char(cell, mark, ascii))
                        .set_style(style);
                }
            }
        }
    }
    if let Some(mark) = lanes.mark {
        draw_selected(app, buffer, parts, lanes, mark);
    }
}

/// The selected event in its own shape over the cells it covers, highlighted: visible even
/// where it was counted rather than drawn (then over the lane's last sub-row).
fn draw_selected(app: &App, buffer: &mut Buffer, parts: &ChartParts, lanes: &Lanes, mark: Mark) {
    let theme = app.theme();
    let Some(lane) = lanes.lanes.get(mark.lane) else {
        return;
    };
    let Some(y) = (app.extent().pillars.iter())
        .position(|&pillar| pillar == lane.pillar)
        .and_then(|at| parts.lane_row(at))
    else {
        return;
    };
    let row = mark.row.unwrap_or(lane.rows.len().saturating_sub(1));
    let y = y + row as u16;
    if y >= parts.plot.bottom() {
        return;
    }
    let style = if app.focus() == Focus::Timeline {
        theme.selected
    } else {
        theme.selected_unfocused
    };
    let pillar_style = app
        .timeline()
        .pillars
        .get(lane.pillar)
        .map_or(Style::new(), |pillar| theme.pillar(pillar));
    let glyph = glyph(lane.pillar, theme.glyphs.ascii_only);
    for column in mark.first..=mark.last {
        let cell = match column {
            _ if mark.first == mark.last => Cell::Point,
            _ if column == mark.first => Cell::Start,
            _ if column == mark.last => Cell::End,
            _ => Cell::Middle,
        };
        let Some(x) = u16::try_from(column)
            .ok()
            .map(|column| parts.plot.x + column)
            .filter(|&x| x < parts.plot.right())
        else {
            break;
        };
        buffer[(x, y)]
            .set_char(cell_char(cell, glyph, theme.glyphs.ascii_only))
            .set_style(pillar_style.patch(style));
    }
}

/// The axis line and its tick labels under the plot.
fn draw_axis(app: &App, buffer: &mut Buffer, parts: &ChartParts, axis: &Axis) {
    let theme = app.theme();
    let [rule, labels] = axis_rows(axis, theme.glyphs.ascii_only);
    let width = usize::from(parts.axis.width);
    for (nth, text) in [rule, labels].iter().enumerate() {
        let y = parts.axis.y + nth as u16;
        if y < parts.axis.bottom() {
            buffer.set_stringn(parts.axis.x, y, text, width, theme.dim);
        }
    }
}

/// The selected event's glyph, date and title.
fn draw_label(app: &App, buffer: &mut Buffer, area: Rect) {
    let theme = app.theme();
    let Some(event) = app.selected_event() else {
        return;
    };
    let glyph = glyph(event.pillar, theme.glyphs.ascii_only);
    let style =
        (app.timeline().pillars.get(event.pillar)).map_or(Style::new(), |p| theme.pillar(p));
    let date = event.date.as_ref().map_or_else(
        || "undated".to_string(),
        |date| theme.glyphs.dates(date.to_string()),
    );
    let width = usize::from(area.width);
    let (x, _) = buffer.set_stringn(area.x, area.y, format!("{glyph} "), width, style);
    let used = usize::from(x - area.x);
    let (x, _) = buffer.set_stringn(x, area.y, &date, width - used, theme.label);
    let used = usize::from(x - area.x);
    let title = format!("  {}", event.title());
    let room = width - used;
    buffer.set_stringn(x, area.y, fit(&title, room), room, theme.title);
}

/// How many undated entries are shown and how to reach them, when they get no column.
fn draw_note(app: &App, buffer: &mut Buffer, area: Rect) {
    let count = app.undated_row_count();
    let later = app.keys().first_label(ActionName::LATER_EVENT);
    let how = later.map_or(String::new(), |key| format!(" — {key} past the last event"));
    let text = format!("{count} undated{how}");
    let width = usize::from(area.width);
    buffer.set_stringn(area.x, area.y, text, width, app.theme().dim);
}

/// The undated entries shown, under their count, the selected one highlighted.
fn draw_undated(app: &App, buffer: &mut Buffer, parts: &ChartParts, column: Rect) {
    let theme = app.theme();
    let ascii = theme.glyphs.ascii_only;
    let undated = app.undated_row_count();
    // A space between the plot and the column.
    let area = Rect {
        x: column.x + 1,
        width: column.width.saturating_sub(1),
        ..column
    };
    let width = usize::from(area.width);
    let title = format!("Undated ({undated})");
    buffer.set_stringn(area.x, area.y, title, width, theme.label);
    let selected = app.selected_id();
    let entries = app.undated_shown();
    let rows = (area.y + 1..area.bottom()).zip(entries.skip(parts.undated_offset));
    for (y, (id, event)) in rows {
        let style =
            (app.timeline().pillars.get(event.pillar)).map_or(Style::new(), |p| theme.pillar(p));
        let line = format!("{} {}", glyph(event.pillar, ascii), event.title());
        let style = if Some(id) == selected {
            style.patch(theme.selected)
        } else {
            style
        };
        buffer.set_stringn(area.x, y, fit(&line, width), width, style);
    }
}
