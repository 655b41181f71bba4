//! The timeline in ajtl's RON format (docs/dataset-format.md): serialisable mirrors of the
//! format's structs, written by `ron` itself so quoting and escapes are always right. Fields
//! holding their default are left out, as an author would write them, and the file loads back
//! to an equal [`Timeline`].

use std::collections::BTreeMap;
use std::io;

use ron::ser::PrettyConfig;
use serde::Serialize;

use super::{PillarRecord, has_implicit_pillar, pillar_records};
use crate::timeline::{Event, Media, Timeline, UNDATED};

#[derive(Serialize)]
#[serde(rename = "Timeline")]
struct RonTimeline<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    source: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pillars: Vec<PillarRecord<'a>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    glossary: &'a BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    eras: Vec<RonEra<'a>>,
    events: Vec<RonEvent<'a>>,
}

#[derive(Serialize)]
#[serde(rename = "Era")]
struct RonEra<'a> {
    title: &'a str,
    date: String,
}

#[derive(Serialize)]
#[serde(rename = "Event")]
struct RonEvent<'a> {
    id: &'a str,
    date: String,
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    /// Left out when the timeline has no pillars of its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pillar: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    acronyms: Vec<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    mechanisms: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<u32>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    links: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<RonMedia<'a>>,
}

#[derive(Serialize)]
#[serde(rename = "Media")]
struct RonMedia<'a> {
    url: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    caption: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    credit: &'a str,
}

/// The timeline as a RON file that loads back to an equal timeline.
pub(super) fn to_ron(timeline: &Timeline) -> io::Result<String> {
    let implicit = has_implicit_pillar(timeline);
    let eras = timeline
        .eras
        .iter()
        .map(|era| RonEra {
            title: &era.title,
            date: era.date.edtf().to_string(),
        })
        .collect();
    let events = timeline
        .events
        .iter()
        .map(|event| ron_event(timeline, event, implicit))
        .collect();
    let file = RonTimeline {
        title: &timeline.title,
        description: &timeline.description,
        source: &timeline.source,
        pillars: pillar_records(timeline),
        glossary: &timeline.glossary,
        eras,
        events,
    };
    let config = PrettyConfig::default()
        .struct_names(true)
        .indentor("    ".to_string());
    let mut text = ron::ser::to_string_pretty(&file, config).map_err(io::Error::other)?;
    text.push('\n');
    Ok(text)
}

fn ron_event<'a>(timeline: &'a Timeline, event: &'a Event, implicit: bool) -> RonEvent<'a> {
    RonEvent {
        id: event.id(),
        date: event
            .date
            .map_or_else(|| UNDATED.to_string(), |date| date.edtf().to_string()),
        title: event.title(),
        summary: event.summary(),
        pillar: (!implicit).then(|| timeline.pillar_of(event).id.as_str()),
        acronyms: event.acronyms.iter().map(|name| &**name).collect(),
        mechanisms: event.mechanisms.iter().map(|name| &**name).collect(),
        place: event.place(),
        source: event.source,
        links: event.links(),
        media: event.media().map(ron_media),
    }
}

fn ron_media(media: &Media) -> RonMedia<'_> {
    RonMedia {
        url: &media.url,
        caption: &media.caption,
        credit: &media.credit,
    }
}
