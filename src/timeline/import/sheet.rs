//! The TimelineJS Google-Sheets template saved as CSV: one row per slide, columns named by the
//! header row (Year, Month, Day, Time, End Year, End Month, End Day, End Time, Display Date,
//! Headline, Text, Media, Media Credit, Media Caption, Media Thumbnail, Type, Group, Background),
//! in any order. Each row becomes the slide its JSON would hold, so [`slides`](super::slides)
//! converts both alike; a row's problems name its line.

use std::collections::HashMap;

use serde_json::Value;

use super::timelinejs::{Document, Loose, Parts, Slide, SlideMedia, SlideText};
use super::{Ignored, Imported};
use crate::timeline::load::{LoadError, Problem};
use crate::timeline::text::sanitize;

/// The columns this reader places; any other column is counted when a row fills it.
const COLUMNS: [&str; 18] = [
    "year",
    "month",
    "day",
    "time",
    "end year",
    "end month",
    "end day",
    "end time",
    "display date",
    "headline",
    "text",
    "media",
    "media credit",
    "media caption",
    "media thumbnail",
    "type",
    "group",
    "background",
];

/// Whether a first line looks like a spreadsheet's header row rather than the start of RON:
/// fields separated by commas, and none of RON's brackets or comments.
pub(super) fn is_header(line: &str) -> bool {
    line.matches(',').count() >= 2 && !line.contains('(') && !line.starts_with(['/', '#'])
}

/// A row's cells by column name.
struct Row<'a> {
    columns: &'a HashMap<String, usize>,
    record: &'a csv::StringRecord,
}

impl Row<'_> {
    fn get(&self, column: &str) -> Loose {
        let cell = self.columns.get(column).and_then(|&i| self.record.get(i));
        Loose(cell.filter(|c| !c.trim().is_empty()).map(str::to_string))
    }
}

/// Reads the spreadsheet template: a header naming at least Year and Headline, then a row per
/// slide.
pub(super) fn import(name: &str, text: &str) -> Imported {
    let at = |line: u64, message: String| {
        LoadError::single(
            name,
            Problem::Line {
                line: line as usize,
                message: sanitize(&message).into_owned(),
            },
        )
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|error| at(1, error.to_string()))?
        .clone();
    let columns: HashMap<String, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, header)| (header.trim().to_lowercase(), i))
        .collect();
    if !columns.contains_key("year") || !columns.contains_key("headline") {
        return Err(at(
            1,
            "looks like CSV, but the header row names no \"Year\" and \"Headline\" columns: \
             not a TimelineJS spreadsheet"
                .to_string(),
        ));
    }
    let mut document = Document::default();
    let mut ignored = Ignored::default();
    for record in reader.records() {
        let record = record.map_err(|error| {
            let line = error.position().map_or(1, |p| p.line());
            at(line, error.to_string())
        })?;
        let line = record.position().map_or(1, |p| p.line());
        let row = Row {
            columns: &columns,
            record: &record,
        };
        for (column, &i) in &columns {
            let filled = record.get(i).is_some_and(|c| !c.trim().is_empty());
            ignored.add_if(
                &format!("{column} column"),
                filled && !COLUMNS.contains(&&**column),
            );
        }
        let slide = slide(&row, line).map_err(|message| at(line, message))?;
        match row
            .get("type")
            .as_deref()
            .map(|t| t.trim().to_lowercase())
            .as_deref()
        {
            Some("title") if document.title.is_none() => document.title = Some(slide),
            Some("title") => ignored.add("extra title row"),
            Some("era") => document.eras.push(slide),
            _ => document.events.push(slide),
        }
    }
    let (raw, more) = super::slides::convert(name, document)?;
    ignored.merge(more);
    Ok((raw, ignored))
}

/// The slide a row describes (an event's, the title's or an era's).
fn slide(row: &Row<'_>, line: u64) -> Result<Slide, String> {
    let start = parts(row, "")?;
    let end = parts(row, "end ")?;
    let media = SlideMedia {
        url: row.get("media"),
        caption: row.get("media caption"),
        credit: row.get("media credit"),
        thumbnail: row.get("media thumbnail"),
        ..SlideMedia::default()
    };
    Ok(Slide {
        start_date: start,
        end_date: end,
        display_date: row.get("display date"),
        text: Some(SlideText {
            headline: row.get("headline"),
            text: row.get("text"),
        }),
        media: media.url.is_some().then_some(media),
        group: row.get("group"),
        background: row.get("background").0.map(Value::String),
        line: Some(line),
        ..Slide::default()
    })
}

/// The date in the columns starting with `prefix` ("" or "end "), if the row has one.
fn parts(row: &Row<'_>, prefix: &str) -> Result<Option<Parts>, String> {
    let cell = |column: &str| row.get(&format!("{prefix}{column}"));
    let time_column = format!("{prefix}time");
    let (hour, minute, second) = match cell("time").as_deref() {
        Some(time) => {
            let (h, m, s) =
                time_of_day(time).ok_or_else(|| format!("{time_column} {time:?}: {TIME_FORMS}"))?;
            let text = |n: u32| Loose(Some(n.to_string()));
            (text(h), text(m), Loose(s.map(|s| s.to_string())))
        }
        None => Default::default(),
    };
    let parts = Parts {
        year: cell("year"),
        month: cell("month"),
        day: cell("day"),
        hour,
        minute,
        second,
        ..Parts::default()
    };
    let any = [&parts.year, &parts.month, &parts.day, &parts.hour]
        .iter()
        .any(|part| part.is_some());
    Ok(any.then_some(parts))
}

/// What a time cell may hold.
const TIME_FORMS: &str = "is not a time of day: write 11:16, 11:16:05 or 9:05 PM";

/// `11:16`, `11:16:05`, `9:05 PM` or `9:05:30 am` as hour (0–23), minute and second.
fn time_of_day(text: &str) -> Option<(u32, u32, Option<u32>)> {
    let text = text.trim().to_ascii_lowercase();
    let (clock, afternoon) = match text
        .strip_suffix("pm")
        .or_else(|| text.strip_suffix("p.m."))
    {
        Some(clock) => (clock.trim_end(), Some(true)),
        None => match text
            .strip_suffix("am")
            .or_else(|| text.strip_suffix("a.m."))
        {
            Some(clock) => (clock.trim_end(), Some(false)),
            None => (text.as_str(), None),
        },
    };
    let number = |part: &str| part.trim().parse::<u32>().ok();
    let (hour, minute, second) = match clock.split(':').collect::<Vec<_>>().as_slice() {
        [h, m] => (number(h)?, number(m)?, None),
        [h, m, s] => (number(h)?, number(m)?, Some(number(s)?)),
        _ => return None,
    };
    if minute >= 60 || second.is_some_and(|s| s >= 60) {
        return None;
    }
    let hour = match afternoon {
        None if hour < 24 => hour,
        Some(pm) if (1..=12).contains(&hour) => hour % 12 + if pm { 12 } else { 0 },
        _ => return None,
    };
    Some((hour, minute, second))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_in_the_forms_a_sheet_holds() {
        assert_eq!(time_of_day("11:16"), Some((11, 16, None)));
        assert_eq!(time_of_day("11:16:05"), Some((11, 16, Some(5))));
        assert_eq!(time_of_day("9:05 PM"), Some((21, 5, None)));
        assert_eq!(time_of_day("12:30 am"), Some((0, 30, None)));
        assert_eq!(time_of_day("12:30 pm"), Some((12, 30, None)));
        for wrong in ["24:00", "11", "11:60", "13:00 pm", "noon", "1:2:3:4"] {
            assert_eq!(time_of_day(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn a_header_row_is_told_from_ron() {
        assert!(is_header("Year,Month,Day,Time,Headline"));
        assert!(!is_header("Timeline(title: \"a, b, c\")"));
        assert!(!is_header("// a, b, c"));
    }

    #[test]
    fn rows_problems_name_their_line() {
        let text = "Year,Month,Day,Time,Headline\n1900,1,2,,Fine\n1901,1,2,noon,Late\n";
        let error = import("s.csv", text).err().map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some(format!("s.csv:3: time \"noon\": {TIME_FORMS}").as_str())
        );
        let error = import("s.csv", "Name,Date,Place\nx,y,z\n")
            .err()
            .map(|e| e.to_string());
        assert!(error.is_some_and(|e| e.starts_with("s.csv:1: looks like CSV")));
    }
}
