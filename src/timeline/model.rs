//! The validated timeline: what every view and every output format reads.
//!
//! A [`Timeline`] only exists after the loader has checked it, so code that holds one may rely on
//! its invariants: events in timeline order (dated events by date, then undated entries in file
//! order), unique non-empty ids, every pillar index valid, every
//! acronym a glossary key, every string free of control characters.

use std::collections::BTreeMap;
use std::sync::Arc;

use ratatui::style::Color;

use std::fmt;

use super::date::EventDate;

/// An acronym or mechanism name. Events repeat a few names many times, so each distinct name is
/// stored once and shared.
pub type Name = Arc<str>;

/// An event's position in its timeline: an index into [`Timeline::events`].
///
/// Search and the explorer pass event positions around by the million (hits, candidates, rows),
/// so they are four bytes, and a type of their own so that a count, a row or a pillar cannot be
/// passed where an event is meant. A position is only meaningful in the timeline it was taken
/// from; the string [`Event::id`] is what names an event across reloads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(transparent)]
pub struct EventId(u32);

impl EventId {
    /// The event at `position` in its timeline. The loader reads files of at most a gigabyte,
    /// so a timeline holds far fewer than 2³² events and every position fits.
    pub const fn at(position: usize) -> Self {
        EventId(position as u32)
    }

    /// The position, to index [`Timeline::events`] with.
    pub const fn index(self) -> usize {
        self.0 as usize
    }
}

/// A loaded, validated and sanitised timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    pub title: String,
    /// The timeline's own introduction (TimelineJS's title slide), plain text with paragraphs
    /// separated by a blank line; may be empty.
    pub description: String,
    /// The document the timeline is drawn from, for citations (may be empty).
    pub source: String,
    /// In the order the file gives; the explorer numbers them 1–9 in this order.
    pub pillars: Vec<Pillar>,
    /// Acronym → expansion; an empty expansion means the source uses the acronym without spelling it out.
    pub glossary: BTreeMap<String, String>,
    /// Named spans of time (reigns, periods) in date order, shown behind the events they cover.
    pub eras: Vec<Era>,
    /// In timeline order: earliest possible day, then latest possible day, then file order.
    pub events: Vec<Event>,
}

/// A named span of time that events fall in, such as a reign or a period.
#[derive(Clone, Debug, PartialEq)]
pub struct Era {
    pub title: String,
    pub date: EventDate,
}

/// A picture, video or page an event shows: ajtl cannot show it in a terminal, but says where
/// it is (the URL can be copied) and credits it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Media {
    pub url: String,
    pub caption: String,
    pub credit: String,
}

/// What few events carry, kept out of line so the many events without it cost one pointer.
#[derive(Clone, Debug, PartialEq, Default)]
struct Attachments {
    links: Box<[String]>,
    media: Option<Media>,
}

/// The id of the one pillar a timeline without groups is given, so every event still has one.
pub const IMPLICIT_PILLAR: &str = "events";

impl Pillar {
    /// The one pillar a timeline without `pillars` is given, so every event still has one.
    pub fn implicit() -> Self {
        Pillar {
            id: IMPLICIT_PILLAR.to_string(),
            name: "Events".to_string(),
            color: Color::Reset,
        }
    }
}

/// A strand of the relationship (economic, socio-cultural, …) that events belong to.
#[derive(Clone, Debug, PartialEq)]
pub struct Pillar {
    pub id: String,
    pub name: String,
    pub color: Color,
}

/// One dated happening.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// The id, title, summary and place laid end to end: one allocation per event instead of
    /// four, which at a million events is both less memory and less fragmentation.
    text: Box<str>,
    /// Where the title, summary and place start in `text` (the id starts at 0, the place runs
    /// to the end; an empty place is no place).
    starts: [u32; 3],
    /// When it happened, or `None` for an entry the source gives no date (written
    /// `date: "undated"`): cooperation the source describes without dating it.
    pub date: Option<EventDate>,
    /// Index into [`Timeline::pillars`].
    pub pillar: usize,
    /// Glossary keys.
    pub acronyms: Box<[Name]>,
    pub mechanisms: Box<[Name]>,
    /// Paragraph number in the source document.
    pub source: Option<u32>,
    /// Links and media, for the events that have any.
    attachments: Option<Box<Attachments>>,
}

/// An event's own text, as [`Event::new`] takes it.
#[derive(Clone, Copy, Debug)]
pub struct EventText<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub place: Option<&'a str>,
}

impl Event {
    /// An event with the given text; the loader's validation makes its other fields consistent.
    ///
    /// The text must be shorter than 4 GiB, far beyond the largest file the loader reads.
    pub fn new(
        text: EventText<'_>,
        date: Option<EventDate>,
        pillar: usize,
        acronyms: Box<[Name]>,
        mechanisms: Box<[Name]>,
        source: Option<u32>,
    ) -> Self {
        let place = text.place.unwrap_or_default();
        let mut all = String::with_capacity(
            text.id.len() + text.title.len() + text.summary.len() + place.len(),
        );
        let mut push = |piece: &str| {
            let start = all.len() as u32;
            all.push_str(piece);
            start
        };
        push(text.id);
        let starts = [push(text.title), push(text.summary), push(place)];
        Event {
            text: all.into_boxed_str(),
            starts,
            date,
            pillar,
            acronyms,
            mechanisms,
            source,
            attachments: None,
        }
    }

    /// This event with the web addresses its text refers to and the media it shows.
    pub fn with_attachments(mut self, links: Vec<String>, media: Option<Media>) -> Self {
        self.attachments = (!links.is_empty() || media.is_some()).then(|| {
            Box::new(Attachments {
                links: links.into_boxed_slice(),
                media,
            })
        });
        self
    }

    /// The event's id, title, summary and place as the one string they are kept in, and where
    /// the title, summary and place start in it: what a snapshot stores, so that
    /// [`Event::with_text_parts`] rebuilds the event with one copy and no re-assembly.
    pub fn text_parts(&self) -> (&str, [u32; 3]) {
        (&self.text, self.starts)
    }

    /// This event with the text [`Event::text_parts`] gave, or `None` when `starts` do not cut
    /// `text` into its pieces (out of order, past its end, or inside a character): a snapshot's
    /// bytes are checked, not trusted.
    pub fn with_text_parts(mut self, text: Box<str>, starts: [u32; 3]) -> Option<Self> {
        let [title, summary, place] = starts.map(|start| start as usize);
        let cuts = title <= summary && summary <= place && place <= text.len();
        if !cuts || !starts.iter().all(|&at| text.is_char_boundary(at as usize)) {
            return None;
        }
        self.text = text;
        self.starts = starts;
        Some(self)
    }

    /// Web addresses the event's text refers to (HTML links, once imported, become these).
    pub fn links(&self) -> &[String] {
        self.attachments.as_ref().map_or(&[], |a| &a.links)
    }

    /// The picture, video or page the event shows, if any.
    pub fn media(&self) -> Option<&Media> {
        self.attachments.as_ref()?.media.as_ref()
    }

    /// Stable and unique: bookmarks and links key on it.
    pub fn id(&self) -> &str {
        &self.text[..self.starts[0] as usize]
    }

    pub fn title(&self) -> &str {
        &self.text[self.starts[0] as usize..self.starts[1] as usize]
    }

    pub fn summary(&self) -> &str {
        &self.text[self.starts[1] as usize..self.starts[2] as usize]
    }

    /// Where it happened, when the source says.
    pub fn place(&self) -> Option<&str> {
        Some(&self.text[self.starts[2] as usize..]).filter(|place| !place.is_empty())
    }

    /// The date as a reader reads it (`March 2006`), or `undated`.
    pub fn when(&self) -> When<'_> {
        When(self.date.as_ref())
    }
}

/// An event's date for display: the date's human form, or [`UNDATED`].
#[derive(Clone, Copy, Debug)]
pub struct When<'a>(Option<&'a EventDate>);

/// What an entry without a date is written and shown as.
pub const UNDATED: &str = "undated";

impl fmt::Display for When<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(date) => date.fmt(f),
            None => f.pad(UNDATED),
        }
    }
}

impl Timeline {
    /// The event at `id`, which must be a position taken from this timeline.
    pub fn event(&self, id: EventId) -> &Event {
        &self.events[id.index()]
    }

    /// Every event's position, in timeline order.
    pub fn event_ids(&self) -> impl ExactSizeIterator<Item = EventId> + use<> {
        (0..self.events.len()).map(EventId::at)
    }

    /// The pillar an event belongs to.
    pub fn pillar_of(&self, event: &Event) -> &Pillar {
        &self.pillars[event.pillar]
    }

    /// The expansion of an acronym, if the glossary spells it out.
    pub fn expansion(&self, acronym: &str) -> Option<&str> {
        self.glossary
            .get(acronym)
            .map(String::as_str)
            .filter(|expansion| !expansion.is_empty())
    }

    /// The dated events, in date order: all events but the undated entries after them.
    pub fn dated(&self) -> &[Event] {
        &self.events[..self.dated_count()]
    }

    /// How many events have a date; the rest, at the end, are undated.
    pub fn dated_count(&self) -> usize {
        self.events.partition_point(|event| event.date.is_some())
    }

    /// How many entries the source gives no date.
    pub fn undated_count(&self) -> usize {
        self.events.len() - self.dated_count()
    }

    /// The first and last year any dated event reaches, or `None` for a timeline without any.
    pub fn year_span(&self) -> Option<(i64, i64)> {
        let dated = self.dated();
        let first = dated.first()?.date.as_ref()?.earliest().year();
        let last = dated
            .iter()
            .filter_map(|event| event.date.as_ref())
            .map(|date| date.latest().year())
            .max()?;
        Some((first, last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(place: Option<&str>) -> Event {
        let text = EventText {
            id: "jaif",
            title: "JAIF established",
            summary: "Japan funds integration — ¥",
            place,
        };
        let date = EventDate::parse("2006").ok();
        Event::new(text, date, 0, Box::new([]), Box::new([]), None)
    }

    #[test]
    fn each_text_comes_back_whole_from_the_shared_allocation() {
        let with_place = event(Some("Kuala Lumpur"));
        assert_eq!(with_place.id(), "jaif");
        assert_eq!(with_place.title(), "JAIF established");
        assert_eq!(with_place.summary(), "Japan funds integration — ¥");
        assert_eq!(with_place.place(), Some("Kuala Lumpur"));
        assert_eq!(event(None).place(), None);
        assert_eq!(event(Some("")).place(), None);
    }
}
