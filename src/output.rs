//! Headless output for scripts: the same events and glossary the explorer shows, as aligned text,
//! JSON, CSV or a Markdown table.
//!
//! Every string here comes from a validated [`Timeline`], so it is already free of control
//! characters; this module only lays it out. The only escape sequences it writes are its own
//! colours, and only when asked to.

use std::cell::Cell;
use std::io::{self, Write};

use ratatui::style::Color;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::app::prose;
use crate::timeline::{Event, Timeline, years_label};

/// The formats headless commands can write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for reading.
    #[default]
    Text,
    /// Pretty-printed JSON for programs.
    Json,
    /// CSV with a header row, for spreadsheets.
    Csv,
    /// A Markdown table, for notes and reports.
    Markdown,
}

/// An event as the JSON and CSV formats write it: the stable, documented record for scripts.
#[derive(Serialize)]
pub struct EventRecord<'a> {
    pub id: &'a str,
    /// EDTF, as written in the data file; `null` for an undated entry, as are the next three.
    pub date: Option<String>,
    /// Earliest possible day, `YYYY-MM-DD`.
    pub start: Option<String>,
    /// Latest possible day, `YYYY-MM-DD`.
    pub end: Option<String>,
    /// `year`, `month` or `day`.
    pub precision: Option<&'static str>,
    pub title: &'a str,
    pub summary: &'a str,
    /// The pillar's id.
    pub pillar: &'a str,
    pub acronyms: Vec<&'a str>,
    pub mechanisms: Vec<&'a str>,
    pub place: Option<&'a str>,
    pub source: Option<u32>,
    /// Relevance, for search results only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<u32>,
}

impl<'a> EventRecord<'a> {
    pub fn new(timeline: &'a Timeline, event: &'a Event, score: Option<u32>) -> Self {
        let date = event.date.as_ref();
        EventRecord {
            id: event.id(),
            date: date.map(|date| date.edtf().to_string()),
            start: date.map(|date| date.start().bound_text(false)),
            end: date.map(|date| date.end().bound_text(true)),
            precision: date.map(|date| date.precision().as_str()),
            title: event.title(),
            summary: event.summary(),
            pillar: &timeline.pillar_of(event).id,
            acronyms: event.acronyms.iter().map(|name| &**name).collect(),
            mechanisms: event.mechanisms.iter().map(|name| &**name).collect(),
            place: event.place(),
            source: event.source,
            score,
        }
    }
}

/// One event to write, with its search score when it comes from a search.
pub struct Row<'a> {
    pub event: &'a Event,
    pub score: Option<u32>,
}

/// Writes events in the order given. `color` asks for pillar colours in the text format.
pub fn write_events<'a>(
    out: &mut impl Write,
    timeline: &'a Timeline,
    rows: &[Row<'a>],
    format: Format,
    color: bool,
) -> io::Result<()> {
    write_events_until(out, timeline, rows, format, color, &|_| true)
}

/// [`write_events`], telling `going_on` how many rows are written before each next one (and
/// all of them at the end), and stopping with [`io::ErrorKind::Interrupted`] as soon as it
/// answers false: an export of a million rows off the explorer's loop shows its progress and
/// can be cancelled. What was written by then is incomplete, to be thrown away.
pub fn write_events_until<'a>(
    out: &mut impl Write,
    timeline: &'a Timeline,
    rows: &[Row<'a>],
    format: Format,
    color: bool,
    going_on: &dyn Fn(usize) -> bool,
) -> io::Result<()> {
    let go_on = |done: usize| {
        if going_on(done) {
            Ok(())
        } else {
            Err(stopped())
        }
    };
    let record = |row: &Row<'a>| EventRecord::new(timeline, row.event, row.score);
    match format {
        Format::Json => {
            let records = Records {
                timeline,
                rows,
                going_on,
                stopped: Cell::new(false),
            };
            match write_json(out, &records) {
                Err(_) if records.stopped.get() => Err(stopped()),
                Err(error) => Err(error),
                Ok(()) => go_on(rows.len()),
            }
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            let mut header = vec![
                "id",
                "date",
                "start",
                "end",
                "precision",
                "title",
                "summary",
                "pillar",
                "acronyms",
                "mechanisms",
                "place",
                "source",
            ];
            let scored = rows.iter().any(|row| row.score.is_some());
            if scored {
                header.push("score");
            }
            writer.write_record(&header)?;
            for (done, row) in rows.iter().enumerate() {
                go_on(done)?;
                let r = record(row);
                let mut fields = vec![
                    r.id.to_string(),
                    r.date.unwrap_or_default(),
                    r.start.unwrap_or_default(),
                    r.end.unwrap_or_default(),
                    r.precision.unwrap_or_default().to_string(),
                    r.title.to_string(),
                    r.summary.to_string(),
                    r.pillar.to_string(),
                    r.acronyms.join("; "),
                    r.mechanisms.join("; "),
                    r.place.unwrap_or_default().to_string(),
                    r.source.map(|s| s.to_string()).unwrap_or_default(),
                ];
                if scored {
                    fields.push(r.score.map(|s| s.to_string()).unwrap_or_default());
                }
                writer.write_record(&fields)?;
            }
            go_on(rows.len())?;
            writer.flush()
        }
        Format::Markdown => {
            writeln!(out, "| Date | Pillar | Title | Place | ¶ |")?;
            writeln!(out, "|---|---|---|---|---|")?;
            for (done, row) in rows.iter().enumerate() {
                go_on(done)?;
                let event = row.event;
                writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    markdown_cell(&event.when().to_string()),
                    markdown_cell(&timeline.pillar_of(event).name),
                    markdown_cell(event.title()),
                    markdown_cell(event.place().unwrap_or("")),
                    event.source.map(|s| s.to_string()).unwrap_or_default(),
                )?;
            }
            go_on(rows.len())
        }
        Format::Text => {
            let mut cells: Vec<[String; 3]> = Vec::with_capacity(rows.len());
            for (done, row) in rows.iter().enumerate() {
                go_on(done)?;
                cells.push([
                    row.event.when().to_string(),
                    timeline.pillar_of(row.event).id.clone(),
                    row.event.title().to_string(),
                ]);
            }
            go_on(rows.len())?;
            let colors: Vec<Option<Color>> = rows
                .iter()
                .map(|row| color.then(|| timeline.pillar_of(row.event).color))
                .collect();
            write_columns(out, &cells, &colors)
        }
    }
}

/// What [`write_events_until`] fails with when it was told to stop.
fn stopped() -> io::Error {
    io::Error::new(io::ErrorKind::Interrupted, "stopped before the end")
}

/// The rows as the JSON format writes them: an array of [`EventRecord`]s, made one at a time
/// (a million records need not all be held at once), each after asking `going_on`.
struct Records<'r, 'a> {
    timeline: &'a Timeline,
    rows: &'r [Row<'a>],
    going_on: &'r dyn Fn(usize) -> bool,
    /// Whether `going_on` said to stop: the serializer's error says no more than that it failed.
    stopped: Cell<bool>,
}

impl Serialize for Records<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut records = serializer.serialize_seq(Some(self.rows.len()))?;
        for (done, row) in self.rows.iter().enumerate() {
            if !(self.going_on)(done) {
                self.stopped.set(true);
                return Err(S::Error::custom("stopped"));
            }
            records.serialize_element(&EventRecord::new(self.timeline, row.event, row.score))?;
        }
        records.end()
    }
}

/// Writes the glossary in alphabetical order of acronyms, ignoring case (`Smart JAMP` before
/// `SOMTC`, as a reader looks them up).
pub fn write_glossary(out: &mut impl Write, timeline: &Timeline, format: Format) -> io::Result<()> {
    let mut entries: Vec<(&String, &String)> = timeline.glossary.iter().collect();
    entries.sort_by_cached_key(|(acronym, _)| (acronym.to_lowercase(), acronym.to_string()));
    let entries = entries.into_iter();
    match format {
        Format::Json => write_json(out, &timeline.glossary),
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(["acronym", "expansion"])?;
            for (acronym, expansion) in entries {
                writer.write_record([acronym, expansion])?;
            }
            writer.flush()
        }
        Format::Markdown => {
            writeln!(out, "| Acronym | Expansion |")?;
            writeln!(out, "|---|---|")?;
            for (acronym, expansion) in entries {
                writeln!(
                    out,
                    "| {} | {} |",
                    markdown_cell(acronym),
                    markdown_cell(expansion)
                )?;
            }
            Ok(())
        }
        Format::Text => {
            let rows: Vec<[String; 2]> = entries
                .map(|(acronym, expansion)| {
                    let expansion = if expansion.is_empty() {
                        "(not spelled out in the source)"
                    } else {
                        expansion
                    };
                    [acronym.clone(), expansion.to_string()]
                })
                .collect();
            write_columns(out, &rows, &[])
        }
    }
}

/// One line for `ajtl check`: `61 events · 6 pillars · 64 acronyms · 1973–2023`.
pub fn summary(timeline: &Timeline) -> String {
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut counts = vec![count(timeline.dated_count(), "event", "events")];
    if timeline.undated_count() > 0 {
        counts.push(format!("{} undated", timeline.undated_count()));
    }
    counts.push(count(timeline.pillars.len(), "pillar", "pillars"));
    counts.push(count(timeline.glossary.len(), "acronym", "acronyms"));
    let mut line = counts.join(" · ");
    if let Some((first, last)) = timeline.year_span() {
        line += &format!(" · {}", years_label(first, last));
    }
    line
}

fn write_json(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// A table cell: on one line (a line break would end the row) and with `|` escaped so it
/// cannot end the cell.
fn markdown_cell(text: &str) -> String {
    prose::one_line(text).replace('|', "\\|")
}

/// Left-aligned columns separated by two spaces, padded by display width so CJK stays aligned.
/// The last column is not padded. A row with a colour has its second column (the pillar) in it.
fn write_columns<const N: usize>(
    out: &mut impl Write,
    rows: &[[String; N]],
    colors: &[Option<Color>],
) -> io::Result<()> {
    let mut widths = [0; N];
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    for (index, row) in rows.iter().enumerate() {
        let color = colors.get(index).copied().flatten();
        let mut line = String::new();
        for (column, cell) in row.iter().enumerate() {
            match color.and_then(sgr).filter(|_| column == 1) {
                Some(code) => line.push_str(&format!("\x1b[{code}m{cell}\x1b[0m")),
                None => line.push_str(cell),
            }
            if column + 1 < N {
                line.extend(std::iter::repeat_n(' ', widths[column] - cell.width() + 2));
            }
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The SGR parameters that set `color` as the foreground, if it is a colour at all.
fn sgr(color: Color) -> Option<String> {
    let code = match color {
        Color::Reset => return None,
        Color::Black => "30".into(),
        Color::Red => "31".into(),
        Color::Green => "32".into(),
        Color::Yellow => "33".into(),
        Color::Blue => "34".into(),
        Color::Magenta => "35".into(),
        Color::Cyan => "36".into(),
        Color::Gray => "37".into(),
        Color::DarkGray => "90".into(),
        Color::LightRed => "91".into(),
        Color::LightGreen => "92".into(),
        Color::LightYellow => "93".into(),
        Color::LightBlue => "94".into(),
        Color::LightMagenta => "95".into(),
        Color::LightCyan => "96".into(),
        Color::White => "97".into(),
        Color::Rgb(r, g, b) => format!("38;2;{r};{g};{b}"),
        Color::Indexed(i) => format!("38;5;{i}"),
    };
    Some(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::bundled;

    #[test]
    fn json_written_a_record_at_a_time_is_the_whole_array_pretty_printed() {
        let timeline = bundled().unwrap();
        let rows: Vec<Row> = (timeline.events.iter().rev())
            .map(|event| Row { event, score: None })
            .collect();
        let records: Vec<EventRecord> = (rows.iter())
            .map(|row| EventRecord::new(&timeline, row.event, None))
            .collect();
        let mut whole = serde_json::to_vec_pretty(&records).unwrap();
        whole.push(b'\n');
        let mut written = Vec::new();
        write_events(&mut written, &timeline, &rows, Format::Json, false).unwrap();
        assert_eq!(
            String::from_utf8(written).unwrap(),
            String::from_utf8(whole).unwrap()
        );
    }

    #[test]
    fn writing_stops_when_told_and_says_how_far_it_got() {
        let timeline = bundled().unwrap();
        let rows: Vec<Row> = (timeline.events.iter())
            .map(|event| Row { event, score: None })
            .collect();
        for format in [Format::Json, Format::Csv, Format::Markdown, Format::Text] {
            let asked = std::cell::RefCell::new(Vec::new());
            let going_on = |done| {
                asked.borrow_mut().push(done);
                done < 3
            };
            let mut out = Vec::new();
            let error = write_events_until(&mut out, &timeline, &rows, format, false, &going_on)
                .unwrap_err();
            assert_eq!(error.kind(), io::ErrorKind::Interrupted, "{format:?}");
            assert_eq!(*asked.borrow(), [0, 1, 2, 3], "{format:?}");
            let asked = std::cell::RefCell::new(Vec::new());
            let going_on = |done| {
                asked.borrow_mut().push(done);
                true
            };
            write_events_until(&mut out, &timeline, &rows, format, false, &going_on).unwrap();
            let all: Vec<usize> = (0..=rows.len()).collect();
            assert_eq!(*asked.borrow(), all, "{format:?}");
        }
    }

    #[test]
    fn columns_align_by_display_width() {
        let rows = vec![
            ["日本".to_string(), "x".to_string()],
            ["abcde".to_string(), "y".to_string()],
        ];
        let mut out = Vec::new();
        write_columns(&mut out, &rows, &[]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "日本   x\nabcde  y\n");
    }

    #[test]
    fn colour_wraps_only_the_pillar_column() {
        let rows = vec![["1973".to_string(), "p".to_string(), "T".to_string()]];
        let mut out = Vec::new();
        write_columns(&mut out, &rows, &[Some(Color::Red)]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "1973  \x1b[31mp\x1b[0m  T\n"
        );
    }

    #[test]
    fn markdown_cells_escape_bars() {
        assert_eq!(markdown_cell("a | b"), "a \\| b");
    }

    #[test]
    fn markdown_cells_hold_paragraphs_and_items_on_one_line() {
        assert_eq!(
            markdown_cell("Opened.\n\n• a | b\n• c"),
            "Opened. • a \\| b • c"
        );
    }
}
