//! The timeline as the TimelineJS Google-Sheets template, in CSV: the template's header row, a
//! `title` row for the timeline's title and introduction, an `era` row per era and a row per
//! dated event. A sheet has no column for an undated entry's missing date nor for the glossary,
//! pillar colours, the timeline's source, acronyms, mechanisms, places, source paragraphs and
//! links; those are counted in [`Omitted`].

use std::io;

use super::html::{escape, to_html};
use super::timelinejs::{DateParts, era_span};
use super::{Converted, Omitted, has_implicit_pillar};
use crate::timeline::{Event, EventDate, Precision, Timeline};

/// The published template's columns, in its order.
const HEADER: [&str; 18] = [
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
];

/// One row, column by column as in [`HEADER`]. TimelineJS reads the headline, text, caption,
/// credit and group as HTML, so they are escaped.
#[derive(Default)]
struct Row {
    start: [String; 4],
    end: [String; 4],
    headline: String,
    text: String,
    media: [String; 3],
    kind: &'static str,
    group: String,
}

impl Row {
    fn cells(&self) -> Vec<&str> {
        let mut cells: Vec<&str> = Vec::with_capacity(HEADER.len());
        cells.extend(self.start.iter().map(String::as_str));
        cells.extend(self.end.iter().map(String::as_str));
        cells.push(""); // Display Date: ajtl shows dates its own way.
        cells.push(&self.headline);
        cells.push(&self.text);
        cells.extend(self.media.iter().map(String::as_str));
        cells.push(""); // Media Thumbnail
        cells.push(self.kind);
        cells.push(&self.group);
        cells.push(""); // Background
        cells
    }
}

/// The year, month, day and time cells of a date; empty for the parts it does not have.
fn date_cells(parts: &DateParts) -> [String; 4] {
    let part = |value: Option<u32>| value.map(|v| v.to_string()).unwrap_or_default();
    let time = match (parts.hour, parts.minute, parts.second) {
        (Some(hour), Some(minute), Some(second)) => format!("{hour:02}:{minute:02}:{second:02}"),
        (Some(hour), Some(minute), None) => format!("{hour:02}:{minute:02}"),
        _ => String::new(),
    };
    [
        parts.year.to_string(),
        part(parts.month),
        part(parts.day),
        time,
    ]
}

/// The timeline as the TimelineJS sheet template, and what the sheet could not hold.
pub(super) fn to_csv(timeline: &Timeline) -> io::Result<Converted> {
    let implicit = has_implicit_pillar(timeline);
    let mut rows = vec![Row {
        headline: escape(&timeline.title),
        text: to_html(&timeline.description),
        kind: "title",
        ..Row::default()
    }];
    // A sheet's times stop at seconds, so an era of one second has no end apart from its start.
    let (eras, single_seconds): (Vec<_>, Vec<_>) = timeline
        .eras
        .iter()
        .partition(|era| era.date.is_interval() || era.date.precision() != Precision::Second);
    rows.extend(eras.into_iter().map(|era| {
        let (start, end) = era_span(&era.date);
        Row {
            start: date_cells(&start),
            end: date_cells(&end),
            headline: escape(&era.title),
            kind: "era",
            ..Row::default()
        }
    }));
    let mut omitted = Omitted {
        undated: timeline.undated_count(),
        second_eras: single_seconds.len(),
        glossary: timeline.glossary.len(),
        colours: if implicit { 0 } else { timeline.pillars.len() },
        source: !timeline.source.is_empty(),
        no_dated_event: timeline.dated_count() == 0,
        ..Omitted::default()
    };
    for event in timeline.dated() {
        if has_details(event) {
            omitted.details += 1;
        }
        rows.push(event_row(timeline, event, implicit));
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADER)?;
    for row in &rows {
        writer.write_record(row.cells())?;
    }
    let bytes = writer.into_inner().map_err(|error| error.into_error())?;
    let text = String::from_utf8(bytes).map_err(io::Error::other)?;
    Ok(Converted { text, omitted })
}

fn event_row(timeline: &Timeline, event: &Event, implicit: bool) -> Row {
    let (start, end) = event
        .date
        .as_ref()
        .map(|date: &EventDate| {
            let end = if date.is_interval() {
                date_cells(&DateParts::of(&date.end()))
            } else {
                Default::default()
            };
            (date_cells(&DateParts::of(&date.start())), end)
        })
        .unwrap_or_default();
    let media = event
        .media()
        .map(|media| {
            [
                media.url.clone(),
                escape(&media.credit),
                escape(&media.caption),
            ]
        })
        .unwrap_or_default();
    Row {
        start,
        end,
        headline: escape(event.title()),
        text: to_html(event.summary()),
        media,
        kind: "",
        group: if implicit {
            String::new()
        } else {
            escape(&timeline.pillar_of(event).name)
        },
    }
}

/// Whether the event holds something the sheet has no column for.
fn has_details(event: &Event) -> bool {
    !event.acronyms.is_empty()
        || !event.mechanisms.is_empty()
        || event.place().is_some()
        || event.source.is_some()
        || !event.links().is_empty()
}
