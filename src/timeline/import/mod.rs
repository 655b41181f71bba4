//! Other tools' timelines, read into the loader's raw structs so that the same `validate` checks
//! and sanitises every format: TimelineJS3's JSON ([`timelinejs`]) and its Google-Sheets CSV
//! template ([`sheet`]), and the Timeline desktop app's `.timeline` XML ([`timeline_app`]).
//! What a format holds and ajtl cannot is counted in an [`Ignored`] tally, never dropped silently.
//! docs/formats.md says where every field goes.

mod html;
mod ignored;
mod sheet;
mod slides;
mod timeline_app;
mod timelinejs;

use std::borrow::Cow;
use std::collections::HashSet;

pub use ignored::Ignored;

use super::date::{DateError, EventDate, PartialDate, TimeOfDay};
use super::load::LoadError;
use super::raw::{RawPillar, RawTimeline};

/// The formats a timeline file may be in, told apart by content rather than by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// ajtl's own format (docs/dataset-format.md).
    Ron,
    TimelineJs,
    Sheet,
    TimelineApp,
}

/// Which format `text` is in: JSON starts with `{` or `[`, XML with `<`, a spreadsheet with a
/// header row (whose reader then says whether it names Year and Headline, as the TimelineJS
/// template does); anything else is read as RON, whose parser then says what is wrong.
fn detect(text: &str) -> Format {
    let start = text.trim_start();
    match start.chars().next() {
        Some('{' | '[') => Format::TimelineJs,
        Some('<') => Format::TimelineApp,
        _ if sheet::is_header(start.lines().next().unwrap_or_default()) => Format::Sheet,
        _ => Format::Ron,
    }
}

/// What an importer gives the loader: the raw timeline for `validate`, and what it left out.
pub(super) type Imported = Result<(RawTimeline<'static>, Ignored), LoadError>;

/// Reads `text`, the file named `name`, into the raw structs `validate` checks, with the tally
/// of what could not be carried; `None` when it is in ajtl's own format, which the loader reads.
pub(super) fn import(name: &str, text: &str) -> Option<Imported> {
    match detect(text) {
        Format::TimelineJs => Some(timelinejs::import(name, text)),
        Format::Sheet => Some(sheet::import(name, text)),
        Format::TimelineApp => Some(timeline_app::import(name, text)),
        Format::Ron => None,
    }
}

/// A timeline needs a title; a file without one is called by its name, as a user would.
fn title_from_name(name: &str) -> String {
    let file = std::path::Path::new(name);
    file.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .filter(|stem| !stem.trim().is_empty())
        .unwrap_or_else(|| "Timeline".to_string())
}

/// A name as an id: lowercase letters and digits (any script), other runs become one `-`.
fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.truncate(slug.trim_end_matches('-').len());
    slug
}

/// Hands out ids that are unique within one file: a wanted id that is taken gets `-2`, `-3` …
#[derive(Default)]
struct Ids(HashSet<String>);

impl Ids {
    /// `wanted` if free, else the first free `wanted-N`; `fallback` when `wanted` is blank.
    fn claim(&mut self, wanted: &str, fallback: &str) -> String {
        let base = if wanted.trim().is_empty() {
            fallback
        } else {
            wanted
        };
        let mut id = base.to_string();
        let mut n = 2;
        while self.0.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.0.insert(id.clone());
        id
    }
}

/// Colours for groups that name none, distinct from each other on a dark or light terminal.
const PALETTE: [&str; 12] = [
    "cyan",
    "yellow",
    "green",
    "magenta",
    "light-blue",
    "light-red",
    "light-cyan",
    "light-yellow",
    "light-green",
    "light-magenta",
    "blue",
    "red",
];

/// Pillars made from group names in order of first appearance: id a unique slug of the name,
/// colour from [`PALETTE`] in turn.
#[derive(Default)]
struct Groups {
    ids: Ids,
    pillars: Vec<RawPillar>,
}

impl Groups {
    /// The id of the pillar named `name`, made on first sight.
    fn pillar(&mut self, name: &str) -> String {
        if let Some(pillar) = self.pillars.iter().find(|p| p.name == name) {
            return pillar.id.clone();
        }
        let id = self.ids.claim(&slug(name), "group");
        let color = PALETTE[self.pillars.len() % PALETTE.len()].to_string();
        self.pillars.push(RawPillar {
            id: id.clone(),
            name: name.to_string(),
            color,
        });
        id
    }
}

/// A date from its parts as a file gives them, checked as the loader checks dates; the error
/// says what is wrong in the loader's words.
fn date_from_parts(
    year: i64,
    month: Option<u32>,
    day: Option<u32>,
    time: Option<(u32, u32, Option<u32>)>,
) -> Result<PartialDate, String> {
    let time = match time {
        Some((hour, minute, second)) => {
            Some(TimeOfDay::new(hour, minute, second).ok_or_else(|| DateError::Time.to_string())?)
        }
        None => None,
    };
    PartialDate::from_parts(year, month, day, time).map_err(|error| error.to_string())
}

/// The text the raw event holds for a date from `start` to `end` (a single date when there is
/// no end or the end is the start): the form the loader reads back, `-0300`, `Y-13800000000`,
/// `2013-03-30T11:16:05`, `START/END`.
fn date_text(start: PartialDate, end: Option<PartialDate>) -> Result<String, String> {
    let date = EventDate::new(start, end.filter(|end| *end != start));
    date.map(|date| date.edtf().to_string())
        .map_err(|error| error.to_string())
}

fn owned(text: String) -> Cow<'static, str> {
    Cow::Owned(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content() {
        assert_eq!(detect("  {\"events\": []}"), Format::TimelineJs);
        assert_eq!(detect("[1]"), Format::TimelineJs);
        assert_eq!(
            detect("<?xml version=\"1.0\"?><timeline/>"),
            Format::TimelineApp
        );
        assert_eq!(
            detect("Year,Month,Day,Time,Headline,Text\n1900,,,,A,"),
            Format::Sheet
        );
        assert_eq!(detect("Timeline(title: \"x\")"), Format::Ron);
        assert_eq!(detect("// a comment\n(title: \"x\")"), Format::Ron);
    }

    #[test]
    fn slugs_keep_letters_of_any_script() {
        assert_eq!(slug("Social Media"), "social-media");
        assert_eq!(slug("  名人 / 事件 "), "名人-事件");
        assert_eq!(slug("!!"), "");
    }

    #[test]
    fn ids_are_unique_within_a_file() {
        let mut ids = Ids::default();
        assert_eq!(ids.claim("a", "event-1"), "a");
        assert_eq!(ids.claim("a", "event-2"), "a-2");
        assert_eq!(ids.claim("", "event-3"), "event-3");
    }

    #[test]
    fn groups_become_pillars_in_order_of_appearance() {
        let mut groups = Groups::default();
        assert_eq!(groups.pillar("Video"), "video");
        assert_eq!(groups.pillar("Audio"), "audio");
        assert_eq!(groups.pillar("Video"), "video");
        let colors: Vec<&str> = groups.pillars.iter().map(|p| p.color.as_str()).collect();
        assert_eq!(colors, ["cyan", "yellow"]);
    }

    #[test]
    fn dates_are_written_in_the_loaders_form() {
        let day = |year, month, day, time| date_from_parts(year, Some(month), Some(day), time);
        let text = |start, end| date_text(start, end).unwrap();
        assert_eq!(text(day(1969, 7, 20, None).unwrap(), None), "1969-07-20");
        let bce = date_from_parts(-300, None, None, None).unwrap();
        assert_eq!(text(bce, Some(bce)), "-0300");
        let big_bang = date_from_parts(-13_800_000_000, None, None, None).unwrap();
        assert_eq!(text(big_bang, None), "Y-13800000000");
        let start = day(1900, 1, 6, Some((6, 45, Some(56)))).unwrap();
        let end = day(1900, 1, 6, Some((7, 0, None))).unwrap();
        assert_eq!(
            text(start, Some(end)),
            "1900-01-06T06:45:56/1900-01-06T07:00"
        );
        assert_eq!(
            day(1900, 2, 30, None),
            Err("1900-02 has no day 30".to_string())
        );
        assert!(day(1900, 1, 1, Some((24, 0, None))).is_err());
        assert!(date_text(end, Some(start)).is_err());
    }
}
