//! TimelineJS3's JSON, as its authoring tools and the TimelineJS3 repository's templates write
//! it: a `title` slide, `events` and `eras`, each with `start_date`/`end_date` parts, `text`
//! (HTML), `media`, `group` and `background`; and the `ajtl` keys that `ajtl convert` adds so
//! that a round trip keeps what TimelineJS has no place for. Published files write date parts
//! as numbers or as strings (`"year": "1900"`, `"month": ""`), and sometimes `null` where a
//! value was left out, so every scalar here is read loosely. [`slides`](super::slides) turns
//! what is read into the raw timeline.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::Imported;
use crate::timeline::load::{LoadError, Problem};
use crate::timeline::text::sanitize;

/// A scalar read as text whatever its JSON type; blank strings and `null` are absent.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Loose(pub(super) Option<String>);

impl Loose {
    pub(super) fn as_deref(&self) -> Option<&str> {
        self.0.as_deref()
    }

    pub(super) fn is_some(&self) -> bool {
        self.0.is_some()
    }
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Loose(match Value::deserialize(deserializer)? {
            Value::String(text) if !text.trim().is_empty() => Some(text),
            Value::Number(number) => Some(number.to_string()),
            Value::Bool(flag) => Some(flag.to_string()),
            _ => None,
        }))
    }
}

/// Keys this reader does not know, each counted as ignored by name.
pub(super) type Others = BTreeMap<String, Value>;

/// A whole TimelineJS file.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Document {
    pub(super) title: Option<Slide>,
    pub(super) events: Vec<Slide>,
    pub(super) eras: Vec<Slide>,
    /// `human` or `cosmological`: how TimelineJS computes dates; ajtl needs no such switch.
    pub(super) scale: Loose,
    pub(super) ajtl: Option<Extension>,
    #[serde(flatten)]
    pub(super) others: Others,
}

/// One slide: the title, an event or an era.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Slide {
    pub(super) start_date: Option<Parts>,
    pub(super) end_date: Option<Parts>,
    pub(super) display_date: Loose,
    pub(super) text: Option<SlideText>,
    pub(super) media: Option<SlideMedia>,
    pub(super) group: Loose,
    pub(super) background: Option<Value>,
    pub(super) unique_id: Loose,
    /// A map marker (TimelineJS's StoryMap heritage).
    pub(super) location: Option<Value>,
    pub(super) ajtl: Option<EventExtension>,
    #[serde(flatten)]
    pub(super) others: Others,
    /// The spreadsheet row the slide came from, so its problems can name the line.
    #[serde(skip)]
    pub(super) line: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct SlideText {
    pub(super) headline: Loose,
    pub(super) text: Loose,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct SlideMedia {
    pub(super) url: Loose,
    pub(super) caption: Loose,
    pub(super) credit: Loose,
    pub(super) thumbnail: Loose,
    /// Where a click on the media leads: kept as one of the event's links.
    pub(super) link: Loose,
    /// `_blank` and the like: how a browser opens `link`, nothing to keep.
    pub(super) link_target: Loose,
    #[serde(flatten)]
    pub(super) others: Others,
}

/// A date as TimelineJS writes it, part by part.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Parts {
    pub(super) year: Loose,
    pub(super) month: Loose,
    pub(super) day: Loose,
    pub(super) hour: Loose,
    pub(super) minute: Loose,
    pub(super) second: Loose,
    pub(super) millisecond: Loose,
    pub(super) display_date: Loose,
    pub(super) format: Loose,
    #[serde(flatten)]
    pub(super) others: Others,
}

/// The timeline's `ajtl` keys (written by `ajtl convert --to timelinejs`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Extension {
    pub(super) source: Loose,
    pub(super) pillars: Vec<ExtensionPillar>,
    pub(super) glossary: BTreeMap<String, String>,
    pub(super) undated: Vec<Slide>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ExtensionPillar {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) color: String,
}

/// An event's `ajtl` keys.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct EventExtension {
    pub(super) pillar: Loose,
    pub(super) acronyms: Vec<String>,
    pub(super) mechanisms: Vec<String>,
    pub(super) place: Loose,
    pub(super) source: Option<u32>,
    pub(super) links: Vec<String>,
}

/// What a JSON file that is not a TimelineJS timeline is told.
const NOT_A_TIMELINE: &str =
    "looks like JSON, but has no \"events\" array: not a TimelineJS timeline";

/// Reads a TimelineJS JSON file: syntax errors as `FILE:LINE:COL`, a JSON file of another kind
/// as such.
pub(super) fn import(name: &str, text: &str) -> Imported {
    let value: Value = serde_json::from_str(text).map_err(|error| {
        let (line, col) = (error.line(), error.column());
        // serde_json ends its message with the position, which the error already leads with.
        let message = error.to_string();
        let message = message.trim_end_matches(&format!(" at line {line} column {col}"));
        let message = sanitize(message).into_owned();
        LoadError::single(name, Problem::At { line, col, message })
    })?;
    let not_a_timeline = || LoadError::single(name, Problem::Read(NOT_A_TIMELINE.to_string()));
    if !value.get("events").is_some_and(Value::is_array) {
        return Err(not_a_timeline());
    }
    let document = Document::deserialize(value).map_err(|error| {
        let message = format!("not a TimelineJS timeline: {error}");
        LoadError::single(name, Problem::Read(sanitize(&message).into_owned()))
    })?;
    super::slides::convert(name, document)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_error(text: &str) -> String {
        import("t.json", text)
            .err()
            .map(|error| error.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn json_of_another_kind_is_named_as_such() {
        let expected = format!("t.json: {NOT_A_TIMELINE}");
        assert_eq!(first_error("{\"timeline\": {\"date\": []}}"), expected);
        assert_eq!(first_error("[1, 2]"), expected);
        assert_eq!(first_error("{\"events\": 3}"), expected);
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        assert_eq!(
            first_error("{\"events\": [\n  {,}]}"),
            "t.json:2:4: key must be a string"
        );
    }

    #[test]
    fn date_parts_are_read_from_numbers_and_strings() {
        let slide: Slide = serde_json::from_str(
            r#"{"start_date": {"year": -300, "month": "3", "day": "", "hour": null}}"#,
        )
        .unwrap();
        let parts = slide.start_date.unwrap();
        assert_eq!(parts.year.as_deref(), Some("-300"));
        assert_eq!(parts.month.as_deref(), Some("3"));
        assert!(!parts.day.is_some() && !parts.hour.is_some());
    }
}
