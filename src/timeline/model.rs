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
use crate::shared::SharedStr;

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
    /// The id, title, summary and place laid end to end, in a block many events share: a
    /// loader lays every event's text in one block ([`TextPack`]) and a snapshot's decoder
    /// reads it where it lies, so a million events cost neither a million allocations nor,
    /// when read from a snapshot, a copy.
    text: Text,
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

/// What an event is besides its text, as its constructors take it: when, in which pillar,
/// what it lists, and where the source says it.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    pub date: Option<EventDate>,
    /// Index into [`Timeline::pillars`].
    pub pillar: usize,
    /// Glossary keys.
    pub acronyms: Box<[Name]>,
    pub mechanisms: Box<[Name]>,
    /// Paragraph number in the source document.
    pub source: Option<u32>,
}

impl Facts {
    /// An event dated `date` in the first pillar, listing nothing, of no known paragraph.
    pub fn dated(date: Option<EventDate>) -> Self {
        Facts {
            date,
            ..Facts::default()
        }
    }
}

/// An event's own text, as [`Event::new`] takes it.
#[derive(Clone, Copy, Debug)]
pub struct EventText<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub place: Option<&'a str>,
}

impl EventText<'_> {
    /// The bytes the four pieces take end to end.
    pub fn len(&self) -> usize {
        let place = self.place.map_or(0, str::len);
        self.id.len() + self.title.len() + self.summary.len() + place
    }

    /// Whether all four pieces are empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Appends the id, title, summary and place to `all`, and says where the last three start
/// after the id's start.
fn lay(all: &mut String, text: EventText<'_>) -> [u32; 3] {
    let at = all.len();
    let mut push = |piece: &str| {
        let start = (all.len() - at) as u32;
        all.push_str(piece);
        start
    };
    push(text.id);
    [
        push(text.title),
        push(text.summary),
        push(text.place.unwrap_or_default()),
    ]
}

/// An event's text where it lies, as [`Event::in_block`] takes it: `block`'s bytes in
/// `range`, with the title, summary and place starting at `starts` within them.
#[derive(Clone, Debug)]
pub struct Laid<'a> {
    pub block: &'a Arc<SharedStr>,
    pub range: std::ops::Range<usize>,
    pub starts: [u32; 3],
}

/// An event's text: a range of a block of text that many events share.
///
/// The block is behind an `Arc` of its own (kept small, so an event stays as large as with a
/// `Box<str>`): the events of a snapshot's decoding run share their run's block, so cloning it
/// touches a count no other core is counting.
#[derive(Clone)]
struct Text {
    block: Arc<SharedStr>,
    at: u32,
    len: u32,
}

impl Text {
    fn as_str(&self) -> &str {
        let range = self.at as usize..self.at as usize + self.len as usize;
        self.block.get(range).unwrap_or_default()
    }
}

/// Compared by text, never by block: an event decoded from a snapshot equals the one parsed.
impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Many events' text laid end to end in one block as a loader makes the events, so that a
/// file's events cost one allocation for all their text, not one each.
///
/// The events it makes read no text until [`TextPack::finish`] gives them the block.
pub(crate) struct TextPack {
    text: String,
    /// What the events point to until the block is finished.
    pending: Arc<SharedStr>,
}

impl TextPack {
    /// A pack with room for `bytes` of text (a hint: it grows as needed).
    pub fn with_capacity(bytes: usize) -> Self {
        TextPack {
            text: String::with_capacity(bytes),
            pending: Arc::default(),
        }
    }

    /// An event whose text is laid in this pack (see [`Event::new`] for the rest). The pack
    /// must stay under 4 GiB, far beyond the largest file the loader reads.
    pub fn event(&mut self, text: EventText<'_>, facts: Facts) -> Event {
        let at = self.text.len();
        let starts = lay(&mut self.text, text);
        let text = Text {
            block: Arc::clone(&self.pending),
            at: at as u32,
            len: (self.text.len() - at) as u32,
        };
        Event::with_text(text, starts, facts)
    }

    /// Gives `events`, every one made by this pack's [`TextPack::event`] in any order, their
    /// text.
    pub fn finish(self, events: &mut [Event]) {
        let block = Arc::new(SharedStr::owned(self.text));
        for event in events {
            event.text.block = Arc::clone(&block);
        }
    }
}

impl Event {
    /// An event with the given text, in a block of its own; the loader's validation makes its
    /// other fields consistent.
    ///
    /// The text must be shorter than 4 GiB, far beyond the largest file the loader reads.
    pub fn new(text: EventText<'_>, facts: Facts) -> Self {
        let mut all = String::with_capacity(text.len());
        let starts = lay(&mut all, text);
        let text = Text {
            len: all.len() as u32,
            block: Arc::new(SharedStr::owned(all)),
            at: 0,
        };
        Event::with_text(text, starts, facts)
    }

    /// An event whose text lies in a block, as [`Event::text_parts`] gave it, or `None` when
    /// `starts` do not cut it into its pieces (out of order, past its end, or inside a
    /// character) or its range is outside the block: a snapshot's bytes are checked, not
    /// trusted.
    pub fn in_block(text: Laid<'_>, facts: Facts) -> Option<Self> {
        let Laid {
            block,
            range,
            starts,
        } = text;
        let own = block.get(range.clone())?;
        let [title, summary, place] = starts.map(|start| start as usize);
        let cuts = title <= summary && summary <= place && place <= own.len();
        if !cuts || !starts.iter().all(|&at| own.is_char_boundary(at as usize)) {
            return None;
        }
        let text = Text {
            block: Arc::clone(block),
            at: u32::try_from(range.start).ok()?,
            len: u32::try_from(own.len()).ok()?,
        };
        Some(Event::with_text(text, starts, facts))
    }

    fn with_text(text: Text, starts: [u32; 3], facts: Facts) -> Self {
        let Facts {
            date,
            pillar,
            acronyms,
            mechanisms,
            source,
        } = facts;
        Event {
            text,
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
    /// [`Event::in_block`] rebuilds the event where its text lies.
    pub fn text_parts(&self) -> (&str, [u32; 3]) {
        (self.text.as_str(), self.starts)
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
        self.piece(0, self.starts[0])
    }

    pub fn title(&self) -> &str {
        self.piece(self.starts[0], self.starts[1])
    }

    pub fn summary(&self) -> &str {
        self.piece(self.starts[1], self.starts[2])
    }

    /// Where it happened, when the source says.
    pub fn place(&self) -> Option<&str> {
        let text = self.text.as_str();
        Some(self.piece(self.starts[2], text.len() as u32)).filter(|place| !place.is_empty())
    }

    /// The text between two cuts, which every way of making an event checks.
    fn piece(&self, from: u32, to: u32) -> &str {
        let text = self.text.as_str();
        text.get(from as usize..to as usize).unwrap_or_default()
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
        Event::new(text, Facts::dated(date))
    }

    #[test]
    fn an_event_is_no_larger_than_with_text_of_its_own() {
        // 104 bytes while the text was a `Box<str>`: a million events are a tenth of a
        // gigabyte, so a field that grows them shows in the explorer's memory.
        assert_eq!(size_of::<Event>(), 104);
    }

    #[test]
    fn events_packed_together_read_their_own_text_and_equal_events_made_alone() {
        let texts = [
            ("a", "First", "One"),
            ("b", "Second", ""),
            ("c", "Third", "Ünï"),
        ];
        let mut pack = TextPack::with_capacity(0);
        let mut packed: Vec<Event> = texts
            .iter()
            .map(|&(id, title, summary)| {
                let text = EventText {
                    id,
                    title,
                    summary,
                    place: Some(id).filter(|id| *id != "b"),
                };
                pack.event(text, Facts::default())
            })
            .collect();
        packed.reverse();
        pack.finish(&mut packed);
        assert_eq!(packed[0].id(), "c");
        assert_eq!(packed[0].summary(), "Ünï");
        assert_eq!(packed[1].place(), None);
        assert_eq!(packed[2].title(), "First");
        assert_eq!(packed[2].place(), Some("a"));
        let alone = |text| Event::new(text, Facts::default());
        let second = EventText {
            id: "b",
            title: "Second",
            summary: "",
            place: None,
        };
        assert_eq!(packed[1], alone(second));
        assert_ne!(packed[0], alone(second));
        assert!(Arc::ptr_eq(&packed[0].text.block, &packed[2].text.block));
    }

    #[test]
    fn text_laid_in_a_block_is_refused_when_its_cuts_do_not_fit() {
        let block = Arc::new(SharedStr::owned("xxidTitleé".to_string()));
        let laid = |range, starts| {
            let text = Laid {
                block: &block,
                range,
                starts,
            };
            Event::in_block(text, Facts::default())
        };
        let event = laid(2..11, [2, 7, 9]).unwrap();
        assert_eq!(
            (event.id(), event.title(), event.place()),
            ("id", "Title", None)
        );
        assert_eq!(event.summary(), "é");
        assert!(laid(2..12, [2, 7, 9]).is_none(), "past the block");
        assert!(laid(2..11, [7, 2, 9]).is_none(), "out of order");
        assert!(laid(2..11, [2, 7, 10]).is_none(), "past the text");
        assert!(laid(2..11, [2, 7, 8]).is_none(), "inside a character");
        assert!(laid(2..10, [2, 7, 7]).is_none(), "range inside a character");
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
