//! The timeline file format as written, before validation: structs that mirror the format's
//! fields, read by `ron` here or by the fast parser in `fast.rs`. Both parsers produce these, so
//! validation has one input whichever read the file.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};

use super::load::{LoadError, Problem};
use super::text::sanitize;

/// How deeply values may nest; the format itself needs four levels.
const RECURSION_LIMIT: usize = 64;

/// The general parser: reads everything the RON format allows, and reports what it cannot read.
pub(super) fn parse_with_ron<'a>(name: &str, text: &'a str) -> Result<RawTimeline<'a>, LoadError> {
    let options = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT);
    options.from_str(text).map_err(|error| {
        LoadError::single(
            name,
            Problem::At {
                line: error.span.start.line,
                col: error.span.start.col,
                message: sanitize(&error.code.to_string()).into_owned(),
            },
        )
    })
}

/// The file format as written, before validation. Field names here are the format's field names.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename = "Timeline", deny_unknown_fields)]
pub(super) struct RawTimeline<'a> {
    pub(super) title: String,
    /// The timeline's own introduction, plain text; paragraphs are separated by a blank line.
    #[serde(default)]
    pub(super) description: String,
    #[serde(default)]
    pub(super) source: String,
    /// May be left out: a timeline without groups gets one implicit pillar.
    #[serde(default)]
    pub(super) pillars: Vec<RawPillar>,
    #[serde(default)]
    pub(super) glossary: GlossaryEntries,
    #[serde(default)]
    pub(super) eras: Vec<RawEra>,
    #[serde(default, borrow)]
    pub(super) events: Vec<RawEvent<'a>>,
}

/// A named span of time (a reign, a period) shown behind the events it covers.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename = "Era", deny_unknown_fields)]
pub(super) struct RawEra {
    pub(super) title: String,
    pub(super) date: String,
}

/// A picture, video or page an event shows, as TimelineJS and the Timeline app attach them.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename = "Media", deny_unknown_fields)]
pub(super) struct RawMedia {
    pub(super) url: String,
    #[serde(default)]
    pub(super) caption: String,
    #[serde(default)]
    pub(super) credit: String,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename = "Pillar", deny_unknown_fields)]
pub(super) struct RawPillar {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) color: String,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename = "Event", deny_unknown_fields)]
pub(super) struct RawEvent<'a> {
    /// Text is read in place (borrowed from the file's text where it has no escapes): each
    /// event's text is then allocated once, when validated, rather than field by field while
    /// parsing, between temporaries whose freed space would be left scattered.
    #[serde(borrow)]
    pub(super) id: Cow<'a, str>,
    #[serde(borrow)]
    pub(super) date: Cow<'a, str>,
    #[serde(borrow)]
    pub(super) title: Cow<'a, str>,
    #[serde(default, borrow)]
    pub(super) summary: Cow<'a, str>,
    /// Required when the timeline has pillars, and left out when it has none.
    #[serde(default, borrow)]
    pub(super) pillar: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub(super) acronyms: Vec<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub(super) mechanisms: Vec<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub(super) place: Option<Cow<'a, str>>,
    #[serde(default)]
    pub(super) source: Option<u32>,
    /// Web addresses the event's text refers to.
    #[serde(default)]
    pub(super) links: Vec<String>,
    /// Boxed: few events have media, and a million raw events are held at once while loading.
    #[serde(default)]
    pub(super) media: Option<Box<RawMedia>>,
}

/// The glossary map in file order, duplicates kept, so a repeated key can be reported instead of
/// silently replacing the first.
#[derive(Debug, PartialEq, Default)]
pub(super) struct GlossaryEntries(pub(super) Vec<(String, String)>);

impl<'de> Deserialize<'de> for GlossaryEntries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = GlossaryEntries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of acronym to expansion")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(GlossaryEntries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
}
