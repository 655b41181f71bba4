//! The timeline as TimelineJS3 JSON (<https://timeline.knightlab.com/docs/json-format.html>):
//! a title slide, one slide per dated event with its date parts as numbers, eras, and `ajtl`
//! keys, which TimelineJS ignores, carrying what it has no place for (pillar ids and colours,
//! the glossary, acronyms, mechanisms, places, source paragraphs, links and the undated
//! entries), so ajtl's TimelineJS importer reads back the same timeline.

use std::collections::BTreeMap;
use std::io;

use serde::Serialize;

use super::html::{escape, to_html};
use super::{PillarRecord, has_implicit_pillar, pillar_records};
use crate::timeline::{Event, EventDate, Media, PartialDate, Precision, Timeline};

/// Years beyond this are written on TimelineJS's `cosmological` scale: its `human` scale keeps
/// dates as JavaScript dates, which end about 271,821 years either side of 1970.
const HUMAN_SCALE_YEARS: i64 = 200_000;

/// The version of the `ajtl` keys, for importers to tell a future layout apart.
const EXTENSION_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    title: Slide<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scale: Option<&'static str>,
    events: Vec<Slide<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    eras: Vec<EraSlide>,
    ajtl: Extension<'a>,
}

/// A TimelineJS slide: the title slide, an event, or (without dates) an undated entry.
#[derive(Serialize, Default)]
struct Slide<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    unique_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<DateParts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<DateParts>,
    text: Text,
    /// The pillar's name, escaped: TimelineJS reads a group as HTML and shows its text.
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<JsMedia<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ajtl: Option<EventExtension<'a>>,
}

#[derive(Serialize, Default)]
struct Text {
    headline: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    text: String,
}

#[derive(Serialize)]
struct EraSlide {
    start_date: DateParts,
    end_date: DateParts,
    text: Text,
}

/// TimelineJS reads a caption and a credit as HTML, so they are escaped; the URL is a URL.
#[derive(Serialize)]
struct JsMedia<'a> {
    url: &'a str,
    #[serde(skip_serializing_if = "String::is_empty")]
    caption: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    credit: String,
}

/// A date as TimelineJS takes it: the parts the date has, as numbers.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(super) struct DateParts {
    pub(super) year: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) day: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) hour: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) minute: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) second: Option<u32>,
    /// Only ever written for an era of a single second (see [`era_span`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    millisecond: Option<u32>,
}

impl DateParts {
    /// The parts `date` has, no more.
    pub(super) fn of(date: &PartialDate) -> Self {
        let time = date.time();
        DateParts {
            year: date.year(),
            month: date.month(),
            day: date.day(),
            hour: time.map(|time| time.hour()),
            minute: time.map(|time| time.minute()),
            second: time.and_then(|time| time.second()),
            millisecond: None,
        }
    }
}

#[derive(Serialize)]
struct EventExtension<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pillar: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    acronyms: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    mechanisms: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<u32>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    links: &'a [String],
}

#[derive(Serialize)]
struct Extension<'a> {
    version: u32,
    #[serde(skip_serializing_if = "str::is_empty")]
    source: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pillars: Vec<PillarRecord<'a>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    glossary: &'a BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    undated: Vec<Slide<'a>>,
}

/// The timeline as TimelineJS3 JSON, pretty-printed.
pub(super) fn to_json(timeline: &Timeline) -> io::Result<String> {
    let implicit = has_implicit_pillar(timeline);
    let slide = |event| event_slide(timeline, event, implicit);
    let events: Vec<Slide> = timeline.dated().iter().map(slide).collect();
    let undated = timeline.events[timeline.dated_count()..]
        .iter()
        .map(slide)
        .collect();
    let eras = timeline
        .eras
        .iter()
        .map(|era| {
            let (start_date, end_date) = era_span(&era.date);
            EraSlide {
                start_date,
                end_date,
                text: Text {
                    headline: escape(&era.title),
                    text: String::new(),
                },
            }
        })
        .collect();
    let deep_time = timeline
        .dated()
        .iter()
        .filter_map(|event| event.date)
        .chain(timeline.eras.iter().map(|era| era.date))
        .flat_map(|date| [date.start(), date.end()])
        .any(|date| date.year().abs() > HUMAN_SCALE_YEARS);
    let document = Document {
        title: Slide {
            text: Text {
                headline: escape(&timeline.title),
                text: to_html(&timeline.description),
            },
            ..Slide::default()
        },
        scale: deep_time.then_some("cosmological"),
        events,
        eras,
        ajtl: Extension {
            version: EXTENSION_VERSION,
            source: &timeline.source,
            pillars: pillar_records(timeline),
            glossary: &timeline.glossary,
            undated,
        },
    };
    let mut text = serde_json::to_string_pretty(&document).map_err(io::Error::other)?;
    text.push('\n');
    Ok(text)
}

fn event_slide<'a>(timeline: &'a Timeline, event: &'a Event, implicit: bool) -> Slide<'a> {
    let pillar = (!implicit).then(|| timeline.pillar_of(event));
    Slide {
        unique_id: Some(event.id()),
        start_date: event.date.map(|date| DateParts::of(&date.start())),
        end_date: event
            .date
            .filter(EventDate::is_interval)
            .map(|date| DateParts::of(&date.end())),
        text: Text {
            headline: escape(event.title()),
            text: to_html(event.summary()),
        },
        group: pillar.map(|pillar| escape(&pillar.name)),
        media: event.media().map(js_media),
        ajtl: Some(EventExtension {
            pillar: pillar.map(|pillar| pillar.id.as_str()),
            acronyms: event.acronyms.iter().map(|name| &**name).collect(),
            mechanisms: event.mechanisms.iter().map(|name| &**name).collect(),
            place: event.place(),
            source: event.source,
            links: event.links(),
        })
        .filter(|extension| !extension.is_empty()),
    }
}

impl EventExtension<'_> {
    fn is_empty(&self) -> bool {
        self.pillar.is_none()
            && self.acronyms.is_empty()
            && self.mechanisms.is_empty()
            && self.place.is_none()
            && self.source.is_none()
            && self.links.is_empty()
    }
}

fn js_media(media: &Media) -> JsMedia<'_> {
    JsMedia {
        url: &media.url,
        caption: escape(&media.caption),
        credit: escape(&media.credit),
    }
}

/// An era's start and end. TimelineJS requires both, and drops an end equal to the start (then
/// refuses the era), so an era of a single date is written as its first and last part one
/// unit finer: `1973` as January to December 1973, March 1977 as its first to its last day, a
/// day from 00:00 to 23:59, a minute from its second 0 to 59, a second from its millisecond 0
/// to 999. Each covers the same time as the date. A deep-time year has no months: its era runs
/// to the next year.
pub(super) fn era_span(date: &EventDate) -> (DateParts, DateParts) {
    let (start, end) = (DateParts::of(&date.start()), DateParts::of(&date.end()));
    if date.is_interval() {
        return (start, end);
    }
    match date.precision() {
        Precision::Year if start.year.abs() <= 9999 => (
            DateParts {
                month: Some(1),
                ..start
            },
            DateParts {
                month: Some(12),
                ..start
            },
        ),
        Precision::Year => (
            start,
            DateParts {
                year: start.year + 1,
                ..start
            },
        ),
        Precision::Month => {
            let month = start.month.unwrap_or(1);
            (
                DateParts {
                    day: Some(1),
                    ..start
                },
                DateParts {
                    day: Some(days_in_month(start.year, month)),
                    ..start
                },
            )
        }
        Precision::Day => (
            DateParts {
                hour: Some(0),
                minute: Some(0),
                ..start
            },
            DateParts {
                hour: Some(23),
                minute: Some(59),
                ..start
            },
        ),
        Precision::Minute => (
            DateParts {
                second: Some(0),
                ..start
            },
            DateParts {
                second: Some(59),
                ..start
            },
        ),
        Precision::Second => (
            DateParts {
                millisecond: Some(0),
                ..start
            },
            DateParts {
                millisecond: Some(999),
                ..start
            },
        ),
    }
}

/// Days in a month of the proleptic Gregorian calendar, which ajtl's dates follow.
fn days_in_month(year: i64, month: u32) -> u32 {
    let leap = year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str) -> (DateParts, DateParts) {
        era_span(&EventDate::parse(text).unwrap())
    }

    fn parts(year: i64, month: Option<u32>, day: Option<u32>) -> DateParts {
        DateParts {
            year,
            month,
            day,
            ..DateParts::default()
        }
    }

    #[test]
    fn an_era_of_one_date_spans_it_with_distinct_ends() {
        assert_eq!(
            span("1973"),
            (parts(1973, Some(1), None), parts(1973, Some(12), None))
        );
        assert_eq!(
            span("2024-02"),
            (
                parts(2024, Some(2), Some(1)),
                parts(2024, Some(2), Some(29))
            )
        );
        let (start, end) = span("2011-05-26");
        assert_eq!((start.hour, start.minute), (Some(0), Some(0)));
        assert_eq!((end.hour, end.minute), (Some(23), Some(59)));
        let (start, end) = span("2013-03-30T11:16");
        assert_eq!((start.second, end.second), (Some(0), Some(59)));
        let (start, end) = span("2013-03-30T11:16:05");
        assert_eq!((start.millisecond, end.millisecond), (Some(0), Some(999)));
        assert_eq!(
            span("Y-13800000000"),
            (
                parts(-13_800_000_000, None, None),
                parts(-13_799_999_999, None, None)
            )
        );
        assert_eq!(
            span("1973/1977"),
            (parts(1973, None, None), parts(1977, None, None))
        );
    }

    #[test]
    fn february_follows_the_gregorian_leap_years() {
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(-4, 2), 29);
        assert_eq!(days_in_month(2023, 11), 30);
    }
}
