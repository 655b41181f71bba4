//! Headless output for scripts: the same events and glossary the explorer shows, as text or JSON.
//!
//! Every string here comes from a validated [`Timeline`], so it is already free of control
//! characters; this module only lays it out.

use std::io::{self, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::timeline::{Event, Timeline};

/// The formats headless commands can write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for reading.
    #[default]
    Text,
    /// Pretty-printed JSON for programs.
    Json,
}

/// An event as `ajtl list --format json` writes it: the stable, documented record for scripts.
#[derive(Serialize)]
pub struct EventRecord<'a> {
    pub id: &'a str,
    /// EDTF, as written in the data file.
    pub date: String,
    /// Earliest possible day, `YYYY-MM-DD`.
    pub start: String,
    /// Latest possible day, `YYYY-MM-DD`.
    pub end: String,
    /// `year`, `month` or `day`.
    pub precision: &'static str,
    pub title: &'a str,
    pub summary: &'a str,
    /// The pillar's id.
    pub pillar: &'a str,
    pub acronyms: &'a [String],
    pub mechanisms: &'a [String],
    pub place: Option<&'a str>,
    pub source: Option<u32>,
}

impl<'a> EventRecord<'a> {
    pub fn new(timeline: &'a Timeline, event: &'a Event) -> Self {
        EventRecord {
            id: &event.id,
            date: event.date.edtf().to_string(),
            start: event.date.earliest().format("%Y-%m-%d").to_string(),
            end: event.date.latest().format("%Y-%m-%d").to_string(),
            precision: event.date.precision().as_str(),
            title: &event.title,
            summary: &event.summary,
            pillar: &timeline.pillar_of(event).id,
            acronyms: &event.acronyms,
            mechanisms: &event.mechanisms,
            place: event.place.as_deref(),
            source: event.source,
        }
    }
}

/// Writes events in the order given.
pub fn write_events<'a>(
    out: &mut impl Write,
    timeline: &'a Timeline,
    events: &[&'a Event],
    format: Format,
) -> io::Result<()> {
    match format {
        Format::Json => {
            let records: Vec<EventRecord> = events
                .iter()
                .map(|event| EventRecord::new(timeline, event))
                .collect();
            write_json(out, &records)
        }
        Format::Text => {
            let rows: Vec<[String; 3]> = events
                .iter()
                .map(|event| {
                    [
                        event.date.to_string(),
                        timeline.pillar_of(event).id.clone(),
                        event.title.clone(),
                    ]
                })
                .collect();
            write_columns(out, &rows)
        }
    }
}

/// Writes the glossary in alphabetical order of acronyms.
pub fn write_glossary(out: &mut impl Write, timeline: &Timeline, format: Format) -> io::Result<()> {
    match format {
        Format::Json => write_json(out, &timeline.glossary),
        Format::Text => {
            let rows: Vec<[String; 2]> = timeline
                .glossary
                .iter()
                .map(|(acronym, expansion)| {
                    let expansion = if expansion.is_empty() {
                        "(not spelled out in the source)"
                    } else {
                        expansion
                    };
                    [acronym.clone(), expansion.to_string()]
                })
                .collect();
            write_columns(out, &rows)
        }
    }
}

/// One line for `ajtl check`: `61 events · 6 pillars · 64 acronyms · 1973–2023`.
pub fn summary(timeline: &Timeline) -> String {
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut line = [
        count(timeline.events.len(), "event", "events"),
        count(timeline.pillars.len(), "pillar", "pillars"),
        count(timeline.glossary.len(), "acronym", "acronyms"),
    ]
    .join(" · ");
    if let Some((first, last)) = timeline.year_span() {
        if first == last {
            line += &format!(" · {first}");
        } else {
            line += &format!(" · {first}–{last}");
        }
    }
    line
}

fn write_json(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// Left-aligned columns separated by two spaces, padded by display width so CJK stays aligned.
/// The last column is not padded.
fn write_columns<const N: usize>(out: &mut impl Write, rows: &[[String; N]]) -> io::Result<()> {
    let mut widths = [0; N];
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    for row in rows {
        let mut line = String::new();
        for (column, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if column + 1 < N {
                line.extend(std::iter::repeat_n(' ', widths[column] - cell.width() + 2));
            }
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_by_display_width() {
        let rows = vec![
            ["日本".to_string(), "x".to_string()],
            ["abcde".to_string(), "y".to_string()],
        ];
        let mut out = Vec::new();
        write_columns(&mut out, &rows).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "日本   x\nabcde  y\n");
    }
}
