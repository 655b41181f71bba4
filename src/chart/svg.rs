//! The chart as one self-contained SVG document, for `ajtl chart --format svg`: the timeline's
//! title as a heading; a lane per pillar with events, a light band labelled with the pillar's
//! shape and name; each event a mark whose `<title>` gives its date and title (a browser shows
//! it on hover): a span or a year-precision event a bar over the time it covers with its
//! pillar's shape at its start, a day a shape alone; overlapping marks stacked in up to
//! [`MAX_ROWS`] sub-rows, then drawn over the last one with a count beside them; the time axis
//! with the ticks [`Axis::ticks`] picks; and how many undated entries were left out.
//!
//! Written with quick-xml's writer, already a dependency for reading Timeline app files, so
//! every title and name is escaped by the writer rather than by hand. No fonts, images or
//! style sheets are referred to: generic font families and an inline style only.

mod paint;
mod stack;
mod ticks;

use std::borrow::Cow;
use std::io;

use quick_xml::Writer;
use quick_xml::events::BytesText;

use self::paint::{INK, fit, number, shape, web_color};
use self::stack::{Cluster, Stack};
use self::ticks::draw_axis;
use super::Axis;
use super::text::{glyph, span_of, undated_line};
use crate::timeline::{Event, Timeline};

/// The width in pixels when none is asked for.
pub const DEFAULT_WIDTH: usize = 1200;
/// The narrowest chart in pixels that still leaves room for labels and an axis.
pub const MIN_WIDTH: usize = 320;
/// Sub-rows per lane; marks past them are drawn over the last one and counted.
pub const MAX_ROWS: usize = 8;

const MARGIN: f64 = 16.0;
/// Room at the right for the last tick's label.
const RIGHT_MARGIN: f64 = 32.0;
const HEADING_SIZE: f64 = 20.0;
const HEADING_ROOM: f64 = 44.0;
const TEXT_SIZE: f64 = 12.0;
const SMALL_SIZE: f64 = 10.0;
/// The widest lane label column.
const MAX_LABEL: f64 = 180.0;
/// Between a lane's label and its band.
const LABEL_GAP: f64 = 6.0;
const ROW: f64 = 16.0;
const LANE_PAD: f64 = 4.0;
const LANE_GAP: f64 = 6.0;
/// From a mark's centre to its edge.
const MARK_RADIUS: f64 = 4.5;
const BAR_HEIGHT: f64 = 8.0;
/// Pixels per column of the axis that picks ticks: about a character of a tick label, so that
/// its spacing rule (labels never closer than their length) holds in pixels too.
const TICK_COLUMN: f64 = 7.0;
/// Under the lanes: the tick marks and their labels.
const AXIS_ROOM: f64 = 26.0;
/// A line of notes.
const NOTE_ROOM: f64 = 18.0;

/// What to draw.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The picture's width in pixels (taken as at least [`MIN_WIDTH`]).
    pub width: usize,
    /// The span to show in fractional years; `None` for the span of the events given.
    pub span: Option<(f64, f64)>,
}

/// An event's mark, placed.
struct Mark<'a> {
    event: &'a Event,
    /// Where its bar starts and ends; both at its centre for a point.
    from: f64,
    to: f64,
    row: usize,
}

/// A lane, placed.
struct Lane<'a> {
    pillar: usize,
    marks: Vec<Mark<'a>>,
    rows: usize,
    clusters: Vec<Cluster>,
}

/// What is drawn when there are dated events: the axis that picks the ticks, where the plot
/// stands, and the lanes placed in it.
struct Plot<'a> {
    axis: Axis,
    frame: Frame,
    lanes: Vec<Lane<'a>>,
}

/// The plot's place on the page and the time it shows.
struct Frame {
    left: f64,
    right: f64,
    start: f64,
    end: f64,
}

impl Frame {
    /// The x of `time`, kept within the plot.
    fn x(&self, time: f64) -> f64 {
        let share = (time - self.start) / (self.end - self.start);
        (self.left + share * (self.right - self.left)).clamp(self.left, self.right)
    }
}

/// The chart of `events` (some of `timeline`'s, in timeline order) as an SVG document.
pub fn render<'a>(
    timeline: &Timeline,
    events: impl IntoIterator<Item = &'a Event>,
    options: Options,
) -> String {
    let events: Vec<&Event> = events.into_iter().collect();
    let width = options.width.max(MIN_WIDTH) as f64;
    let label_room = (width / 4.0).min(MAX_LABEL);
    let span = options.span.or_else(|| span_of(events.iter().copied()));
    let plot = span.map(|(start, end)| {
        // Inside the band by a mark's radius, so marks at either end stay on it.
        let left = MARGIN + label_room + MARK_RADIUS;
        let right = width - RIGHT_MARGIN - MARK_RADIUS;
        let axis = Axis::new(start, end, ((right - left) / TICK_COLUMN) as usize);
        let frame = Frame {
            left,
            right,
            start: axis.start(),
            end: axis.end(),
        };
        let lanes = place(timeline, &events, &frame);
        Plot { axis, frame, lanes }
    });
    let undated = events.iter().filter(|event| event.date.is_none()).count();
    let chart_height: f64 = plot.as_ref().map_or(NOTE_ROOM, |plot| {
        plot.lanes.iter().map(lane_height).sum::<f64>() + AXIS_ROOM
    });
    let note_height = if undated > 0 { NOTE_ROOM } else { 0.0 };
    let height = MARGIN + HEADING_ROOM + chart_height + note_height + MARGIN;
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 1);
    let page = Page {
        width,
        height,
        label_room,
        plot: plot.as_ref(),
        undated,
    };
    // Writing to memory cannot fail.
    let _ = page.write(&mut writer, timeline);
    String::from_utf8_lossy(&writer.into_inner()).into_owned()
}

/// The events with dates placed in a lane per pillar, in pillar order; pillars without events
/// get none.
fn place<'a>(timeline: &Timeline, events: &[&'a Event], frame: &Frame) -> Vec<Lane<'a>> {
    let mut lanes: Vec<(Stack, Vec<Mark>)> = (0..timeline.pillars.len())
        .map(|_| (Stack::new(MAX_ROWS), Vec::new()))
        .collect();
    for &event in events {
        let (Some(date), Some((stack, marks))) = (&event.date, lanes.get_mut(event.pillar)) else {
            continue;
        };
        let from = frame.x(date.earliest().as_years());
        let to = frame.x(date.latest().as_years());
        let (from, to, left, right) = if to - from < 2.0 * MARK_RADIUS {
            let middle = (from + to) / 2.0;
            (middle, middle, middle - MARK_RADIUS, middle + MARK_RADIUS)
        } else {
            (from, to, from - MARK_RADIUS, to)
        };
        let row = stack.place(left, right);
        marks.push(Mark {
            event,
            from,
            to,
            row,
        });
    }
    lanes
        .into_iter()
        .enumerate()
        .filter(|(_, (_, marks))| !marks.is_empty())
        .map(|(pillar, (stack, marks))| {
            let (rows, clusters) = stack.finish();
            Lane {
                pillar,
                marks,
                rows,
                clusters,
            }
        })
        .collect()
}

/// The writer the document goes to.
type Out = Writer<Vec<u8>>;

/// The page's measures and what goes on it.
struct Page<'p, 'a> {
    width: f64,
    height: f64,
    label_room: f64,
    plot: Option<&'p Plot<'a>>,
    undated: usize,
}

impl Page<'_, '_> {
    fn write(&self, out: &mut Out, timeline: &Timeline) -> io::Result<()> {
        let (width, height) = (number(self.width), number(self.height));
        let view_box = format!("0 0 {width} {height}");
        out.create_element("svg")
            .with_attributes([
                ("xmlns", "http://www.w3.org/2000/svg"),
                ("width", width.as_str()),
                ("height", height.as_str()),
                ("viewBox", view_box.as_str()),
                ("role", "img"),
                ("aria-labelledby", "heading"),
                ("font-family", "sans-serif"),
                ("font-size", &number(TEXT_SIZE)),
            ])
            .write_inner_content(|out| self.body(out, timeline))?;
        Ok(())
    }

    fn body(&self, out: &mut Out, timeline: &Timeline) -> io::Result<()> {
        let style = format!("text{{fill:{INK}}}.count,.note{{font-style:italic}}");
        out.create_element("style")
            .write_text_content(BytesText::new(&style))?;
        out.create_element("rect")
            .with_attributes([("width", "100%"), ("height", "100%"), ("fill", "#ffffff")])
            .write_empty()?;
        let heading = fit(
            &xml_chars(&timeline.title),
            HEADING_SIZE,
            self.width - 2.0 * MARGIN,
        );
        out.create_element("text")
            .with_attributes([
                ("id", "heading"),
                ("x", number(MARGIN).as_str()),
                ("y", number(MARGIN + HEADING_SIZE).as_str()),
                ("font-size", number(HEADING_SIZE).as_str()),
                ("font-weight", "bold"),
            ])
            .write_text_content(BytesText::new(&heading))?;
        let top = MARGIN + HEADING_ROOM;
        let Some(Plot { axis, frame, lanes }) = self.plot else {
            text(out, "note", MARGIN, top + TEXT_SIZE, "no dated events")?;
            return self.undated(out, top + NOTE_ROOM + TEXT_SIZE);
        };
        let bottom = top + lanes.iter().map(lane_height).sum::<f64>();
        // The axis first, so that its grid lines run behind the marks.
        draw_axis(out, axis, frame, top, bottom)?;
        let mut y = top;
        for lane in lanes {
            self.lane(out, timeline, lane, frame, y)?;
            y += lane_height(lane);
        }
        self.undated(out, bottom + AXIS_ROOM + TEXT_SIZE)
    }

    /// A lane's band, its label, its marks and their counts, from `top`.
    fn lane(
        &self,
        out: &mut Out,
        timeline: &Timeline,
        lane: &Lane,
        frame: &Frame,
        top: f64,
    ) -> io::Result<()> {
        let Some(pillar) = timeline.pillars.get(lane.pillar) else {
            return Ok(());
        };
        let color = web_color(pillar.color);
        let glyph = glyph(lane.pillar, false);
        let row_y = |row: usize| top + LANE_PAD + (row as f64 + 0.5) * ROW;
        let band = [
            ("class", "band".to_string()),
            ("x", number(frame.left - MARK_RADIUS)),
            ("y", number(top)),
            (
                "width",
                number(frame.right - frame.left + 2.0 * MARK_RADIUS),
            ),
            ("height", number(lane.rows as f64 * ROW + 2.0 * LANE_PAD)),
            ("fill-opacity", "0.1".to_string()),
        ];
        out.create_element("g")
            .with_attributes([("class", "lane"), ("fill", color.as_str())])
            .write_inner_content(|out| {
                out.create_element("rect")
                    .with_attributes(band.iter().map(|(key, value)| (*key, value.as_str())))
                    .write_empty()?;
                // The shape, then the name, up to a little before the band.
                let (shape_x, label_y) = (MARGIN + MARK_RADIUS, row_y(0));
                let name_x = shape_x + ROW;
                let room = MARGIN + self.label_room - LABEL_GAP - name_x;
                let name = fit(&xml_chars(&pillar.name), TEXT_SIZE, room);
                outlined(out, glyph, shape_x, label_y)?;
                text(out, "label", name_x, label_y + 4.0, &name)?;
                for mark in &lane.marks {
                    draw_mark(out, glyph, mark, row_y(mark.row))?;
                }
                let last = row_y(lane.rows - 1) + 3.5;
                for cluster in &lane.clusters {
                    let count = format!("+{}", cluster.count);
                    text(out, "count", cluster.right + 2.0, last, &count)?;
                }
                Ok(())
            })?;
        Ok(())
    }

    /// The note on undated entries, when there are any, with its baseline at `y`.
    fn undated(&self, out: &mut Out, y: f64) -> io::Result<()> {
        match undated_line(self.undated) {
            Some(note) => text(out, "note", MARGIN, y, &note),
            None => Ok(()),
        }
    }
}

fn lane_height(lane: &Lane) -> f64 {
    lane.rows as f64 * ROW + 2.0 * LANE_PAD + LANE_GAP
}

/// `text` with what XML cannot hold replaced by U+FFFD: loading has already made the data's
/// text free of control characters, but the noncharacters U+FFFE and U+FFFF, which XML forbids
/// too, may remain.
fn xml_chars(text: &str) -> Cow<'_, str> {
    let forbidden = ['\u{fffe}', '\u{ffff}'];
    if text.contains(forbidden) {
        Cow::Owned(text.replace(forbidden, "\u{fffd}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A line of text of `class`, starting at `x` with its baseline at `y`.
fn text(out: &mut Out, class: &str, x: f64, y: f64, content: &str) -> io::Result<()> {
    out.create_element("text")
        .with_attributes([
            ("class", class),
            ("x", number(x).as_str()),
            ("y", number(y).as_str()),
        ])
        .write_text_content(BytesText::new(content))?;
    Ok(())
}

/// The pillar's shape for `glyph` at `(x, y)`, outlined in ink so it reads in grey.
fn outlined(out: &mut Out, glyph: char, x: f64, y: f64) -> io::Result<()> {
    let (path, even_odd) = shape(glyph, x, y, MARK_RADIUS);
    let rule = if even_odd { "evenodd" } else { "nonzero" };
    out.create_element("path")
        .with_attributes([
            ("d", path.as_str()),
            ("fill-rule", rule),
            ("stroke", INK),
            ("stroke-width", "0.75"),
        ])
        .write_empty()?;
    Ok(())
}

/// An event's mark, with its date and title as a `<title>` for a browser to show on hover: a
/// bar with the pillar's shape at its start, or the shape alone for a point.
fn draw_mark(out: &mut Out, glyph: char, mark: &Mark, y: f64) -> io::Result<()> {
    let title = format!("{}: {}", mark.event.when(), xml_chars(mark.event.title()));
    out.create_element("g")
        .with_attribute(("class", "event"))
        .write_inner_content(|out| {
            out.create_element("title")
                .write_text_content(BytesText::new(&title))?;
            if mark.to > mark.from {
                out.create_element("rect")
                    .with_attributes([
                        ("x", number(mark.from).as_str()),
                        ("y", number(y - BAR_HEIGHT / 2.0).as_str()),
                        ("width", number(mark.to - mark.from).as_str()),
                        ("height", number(BAR_HEIGHT).as_str()),
                        ("fill-opacity", "0.5"),
                        ("stroke", INK),
                        ("stroke-width", "0.5"),
                    ])
                    .write_empty()?;
            }
            outlined(out, glyph, mark.from, y)
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::bundled;

    #[test]
    fn nothing_dated_says_so_and_counts_the_undated() {
        let timeline = bundled().unwrap();
        let undated = &timeline.events[timeline.dated_count()..];
        let options = Options {
            width: 10,
            span: None,
        };
        let svg = render(&timeline, undated, options);
        assert!(svg.contains(r#"width="320""#), "{svg}");
        assert!(svg.contains(">no dated events</text>"), "{svg}");
        let note = format!(">{} undated entries not shown</text>", undated.len());
        assert!(svg.contains(&note), "{svg}");
        assert!(!svg.contains("<title>"), "{svg}");
    }

    #[test]
    fn characters_xml_forbids_are_replaced() {
        let ron = "Timeline(title: \"A\u{ffff}\", \
            pillars: [Pillar(id: \"p\", name: \"P\u{fffe}\", color: \"red\")], \
            events: [Event(id: \"e\", date: \"2001\", title: \"E\u{ffff}\", pillar: \"p\")])";
        let timeline = crate::timeline::load_str("t.ron", ron).unwrap();
        assert!(timeline.title.ends_with('\u{ffff}'));
        let options = Options {
            width: DEFAULT_WIDTH,
            span: None,
        };
        let svg = render(&timeline, &timeline.events, options);
        assert!(!svg.contains(['\u{fffe}', '\u{ffff}']), "{svg}");
        for text in ["A\u{fffd}", "P\u{fffd}", "2001: E\u{fffd}"] {
            assert!(svg.contains(&format!(">{text}<")), "{svg}");
        }
    }
}
