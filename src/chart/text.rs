//! The chart as lines of text, for `ajtl chart --format text`: the timeline's title, a lane per
//! pillar (a label column, then up to [`DEPTH`] sub-rows of marks), the axis with its tick
//! labels, and how many undated entries were left out. Unicode by default, plain ASCII on
//! request; pillars are told apart by a glyph, so the chart reads without colour.

use super::lanes::{self, Cell, Lanes};
use super::{Axis, Tick};
use crate::timeline::text::ascii_stand_in;
use crate::timeline::{Event, Timeline};

/// Sub-rows per lane before events are counted instead.
pub const DEPTH: usize = 3;

/// The widest lane label, glyph and separator included.
const MAX_LABEL: usize = 18;

/// A glyph per pillar, in the timeline's pillar order (repeating after the last).
const GLYPHS: [char; 9] = ['●', '■', '▲', '◆', '★', '✚', '◉', '▼', '♣'];
const ASCII_GLYPHS: [char; 9] = ['o', '#', '^', '*', '+', 'x', '@', 'v', '%'];

/// What to draw and how.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The whole chart's width in columns, label column included.
    pub width: usize,
    pub ascii: bool,
    /// The span to show in fractional years; `None` for the span of the events given.
    pub span: Option<(f64, f64)>,
}

/// The glyph that marks the pillar at `pillar` in the timeline's pillar order.
pub fn glyph(pillar: usize, ascii: bool) -> char {
    let glyphs = if ascii { &ASCII_GLYPHS } else { &GLYPHS };
    glyphs[pillar % glyphs.len()]
}

/// The first and last moment, in fractional years, that any of `events` covers.
pub fn span_of<'a>(events: impl IntoIterator<Item = &'a Event>) -> Option<(f64, f64)> {
    events
        .into_iter()
        .filter_map(|event| event.date.as_ref())
        .map(|date| (date.earliest().as_years(), date.latest().as_years()))
        .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))
}

/// The chart of `events` (some of `timeline`'s) as lines at most `options.width` columns wide.
pub fn render<'a>(
    timeline: &Timeline,
    events: impl IntoIterator<Item = &'a Event> + Clone,
    options: Options,
) -> Vec<String> {
    let width = options.width.max(1);
    let ascii = options.ascii;
    let mut lines = vec![cut(&plain(&timeline.title, ascii), width, ascii)];
    let label_width = label_width(timeline, width);
    let plot = width.saturating_sub(label_width).max(1);
    let Some((start, end)) = options.span.or_else(|| span_of(events.clone())) else {
        lines.push("no dated events".to_string());
        let undated = events.into_iter().filter(|e| e.date.is_none()).count();
        lines.extend(undated_line(undated));
        return lines;
    };
    let axis = Axis::new(start, end, plot);
    let lanes = lanes::bin(events, timeline.pillars.len(), &axis, DEPTH);
    lines.extend(lane_lines(timeline, &lanes, label_width, options.ascii));
    lines.extend(axis_lines(&axis, label_width, options.ascii));
    lines.extend(undated_line(lanes.undated));
    lines
}

/// Columns for lane labels: enough for the longest pillar name, at most [`MAX_LABEL`] and a
/// quarter of the width, at least the glyph and the separator.
fn label_width(timeline: &Timeline, width: usize) -> usize {
    let longest = timeline
        .pillars
        .iter()
        .map(|pillar| pillar.name.chars().count())
        .max()
        .unwrap_or(0);
    // glyph, space, name, space, separator
    (longest + 4).min(MAX_LABEL).min(width / 4).max(2)
}

fn lane_lines(timeline: &Timeline, lanes: &Lanes, label_width: usize, ascii: bool) -> Vec<String> {
    let separator = if ascii { '|' } else { '│' };
    let mut lines = Vec::new();
    for lane in &lanes.lanes {
        let mark = glyph(lane.pillar, ascii);
        let name = timeline
            .pillars
            .get(lane.pillar)
            .map_or("", |pillar| pillar.name.as_str());
        for (index, row) in lane.rows.iter().enumerate() {
            let mut line = String::new();
            let label = if index == 0 {
                format!("{mark} {}", plain(name, ascii))
            } else {
                String::new()
            };
            line.push_str(&pad(&label, label_width - 1, ascii));
            line.push(separator);
            for &cell in row {
                line.push(cell_char(cell, mark, ascii));
            }
            lines.push(line.trim_end().to_string());
        }
    }
    lines
}

/// The character that draws `cell` of a lane marked `mark`: the explorer draws the same.
pub fn cell_char(cell: Cell, mark: char, ascii: bool) -> char {
    match (cell, ascii) {
        (Cell::Empty, _) => ' ',
        (Cell::Point, _) => mark,
        (Cell::Start, false) => '├',
        (Cell::Middle, false) => '─',
        (Cell::End, false) => '┤',
        (Cell::Start | Cell::End, true) => '|',
        (Cell::Middle, true) => '-',
        (Cell::Count(count @ 0..=9), _) => char::from_digit(count, 10).unwrap_or('+'),
        (Cell::Count(_), _) => '+',
    }
}

/// The axis line after the lane labels' corner, and the tick labels under it.
fn axis_lines(axis: &Axis, label_width: usize, ascii: bool) -> [String; 2] {
    let corner = if ascii { '+' } else { '└' };
    let [rule_text, label_text] = axis_rows(axis, ascii);
    let indent = " ".repeat(label_width - 1);
    [
        format!("{indent}{corner}{rule_text}"),
        format!("{indent} {label_text}").trim_end().to_string(),
    ]
}

/// The axis line with a mark at each tick, and the labels under it, each starting at its
/// tick (the last may end at it); a label that would run into the one before is left out. Both as
/// wide as the axis; the explorer draws the same.
pub fn axis_rows(axis: &Axis, ascii: bool) -> [String; 2] {
    let (rule, tick) = if ascii { ('-', '+') } else { ('─', '┴') };
    let ticks = axis.ticks();
    let mut rule_line: Vec<char> = vec![rule; axis.width()];
    for Tick { column, .. } in &ticks {
        rule_line[*column] = tick;
    }
    let mut labels: Vec<char> = vec![' '; axis.width()];
    let mut free_from = 0;
    for Tick { column, label } in &ticks {
        // A label that would run past the end ends at it instead, still under its tick, and
        // then keeps two spaces from the one before, which it no longer starts after a gap.
        let length = label.chars().count();
        let start = (*column).min(axis.width().saturating_sub(length));
        let shifted = usize::from(start < *column);
        if start < free_from + shifted || start + length > axis.width() || start + length <= *column
        {
            continue;
        }
        for (offset, ch) in label.chars().enumerate() {
            labels[start + offset] = ch;
        }
        free_from = start + length + 1;
    }
    [
        rule_line.into_iter().collect(),
        labels.into_iter().collect(),
    ]
}

/// What a chart says of the `undated` entries it leaves out, if any: the text chart's last
/// line, the SVG's note.
pub fn undated_line(undated: usize) -> Option<String> {
    match undated {
        0 => None,
        1 => Some("1 undated entry not shown".to_string()),
        n => Some(format!("{n} undated entries not shown")),
    }
}

/// `text`, with what has an ASCII stand-in made plain when `ascii` (other scripts are left
/// alone, as in the explorer).
fn plain(text: &str, ascii: bool) -> String {
    if !ascii {
        return text.to_string();
    }
    text.chars()
        .map(|c| ascii_stand_in(c).unwrap_or(c))
        .collect()
}

/// `text` cut to `width` characters, with an ellipsis (`~` in ASCII) when cut.
pub fn cut(text: &str, width: usize, ascii: bool) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push(if ascii { '~' } else { '…' });
    cut
}

/// `text` cut or padded to exactly `width` characters.
fn pad(text: &str, width: usize, ascii: bool) -> String {
    let cut = cut(text, width, ascii);
    let length = cut.chars().count();
    format!("{cut}{}", " ".repeat(width - length))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::bundled;

    #[test]
    fn any_width_draws_without_panicking_and_labels_fit() {
        let timeline = bundled().unwrap();
        for width in [1, 2, 5, 20, 37, 300] {
            let options = Options {
                width,
                ascii: false,
                span: None,
            };
            let lines = render(&timeline, &timeline.events, options);
            assert_eq!(
                lines[0].chars().count().min(width),
                lines[0].chars().count()
            );
            assert!(lines.last().unwrap().ends_with("not shown"));
        }
    }

    #[test]
    fn the_last_tick_label_ends_at_the_edge_rather_than_be_left_out() {
        let axis = Axis::new(1973.0, 2030.0, 83);
        let [rule, labels] = axis_rows(&axis, false);
        assert!(rule.ends_with('┴'), "{rule}");
        assert!(labels.ends_with("2020       2030"), "{labels}");
        // Too close to the label before: left out.
        let axis = Axis::new(2008.0, 2024.0, 72);
        let [_, labels] = axis_rows(&axis, false);
        assert!(labels.trim_end().ends_with("2022"), "{labels}");
    }

    #[test]
    fn nothing_dated_says_so() {
        let timeline = bundled().unwrap();
        let undated = &timeline.events[timeline.dated_count()..];
        let options = Options {
            width: 40,
            ascii: true,
            span: None,
        };
        let lines = render(&timeline, undated, options);
        assert_eq!(lines[1], "no dated events");
        assert_eq!(
            lines[2],
            format!("{} undated entries not shown", undated.len())
        );
    }
}
