//! A timeline and its ignored tally in a payload. The events are stored column by column —
//! lengths, cuts, dates, pillars, sources, names — with all their text in one block, so that
//! decoding reads each column in order, checks the block's UTF-8 once, and gives each event
//! its one text allocation. Acronyms and mechanisms are ids into a table of distinct names,
//! so the decoded events share one `Name` per name, as the loader's do.

use std::collections::{BTreeMap, HashMap};
use std::io;

use ratatui::style::Color;

use super::Corrupt;
use super::bytes::{Reader, Sink, u32s, u64s};
use crate::timeline::text::needs_care;
use crate::timeline::{
    Era, Event, EventDate, EventText, Ignored, Media, Moment, Name, PartialDate, Pillar, Timeline,
};

/// The bytes every event takes in the columns, so a count of events can be checked against
/// what is left of the payload before anything is reserved for them.
const EVENT_BYTES: usize = 4 + 12 + 16 + 4 + 4 + 1 + 8;

/// The flag of an event whose source paragraph is known.
const HAS_SOURCE: u8 = 1;

pub(super) fn encode(
    sink: &mut Sink<'_>,
    timeline: &Timeline,
    ignored: &Ignored,
) -> io::Result<()> {
    sink.str(&timeline.title)?;
    sink.str(&timeline.description)?;
    sink.str(&timeline.source)?;
    sink.len(timeline.pillars.len())?;
    for pillar in &timeline.pillars {
        sink.str(&pillar.id)?;
        sink.str(&pillar.name)?;
        sink.str(&pillar.color.to_string())?;
    }
    sink.len(timeline.glossary.len())?;
    for (key, expansion) in &timeline.glossary {
        sink.str(key)?;
        sink.str(expansion)?;
    }
    sink.len(timeline.eras.len())?;
    for era in &timeline.eras {
        sink.str(&era.title)?;
        sink.u64(era.date.start().to_bits())?;
        sink.u64(end_bits(Some(&era.date)))?;
    }
    write_events(sink, &timeline.events)?;
    sink.len(ignored.counts().len())?;
    for (kind, count) in ignored.counts() {
        sink.str(kind)?;
        sink.u64(count as u64)?;
    }
    Ok(())
}

/// The word of an interval's end, 0 for a single date (or none).
fn end_bits(date: Option<&EventDate>) -> u64 {
    let end = date.filter(|date| date.is_interval());
    end.map_or(0, |date| date.end().to_bits())
}

fn write_events(sink: &mut Sink<'_>, events: &[Event]) -> io::Result<()> {
    let mut names: HashMap<&str, u32> = HashMap::new();
    let mut table: Vec<&str> = Vec::new();
    let mut ids: Vec<u32> = Vec::new();
    for event in events {
        for name in event.acronyms.iter().chain(&event.mechanisms) {
            let id = *names.entry(name).or_insert_with(|| {
                table.push(name);
                table.len() as u32 - 1
            });
            ids.push(id);
        }
    }
    sink.len(table.len())?;
    for name in table {
        sink.str(name)?;
    }
    sink.len(events.len())?;
    for event in events {
        sink.len(event.text_parts().0.len())?;
    }
    for event in events {
        for start in event.text_parts().1 {
            sink.u32(start)?;
        }
    }
    for event in events {
        sink.u64(event.date.map_or(0, |date| date.start().to_bits()))?;
    }
    for event in events {
        sink.u64(end_bits(event.date.as_ref()))?;
    }
    for event in events {
        sink.len(event.pillar)?;
    }
    for event in events {
        sink.u32(event.source.unwrap_or(0))?;
    }
    for event in events {
        sink.u8(if event.source.is_some() {
            HAS_SOURCE
        } else {
            0
        })?;
    }
    for event in events {
        sink.len(event.acronyms.len())?;
    }
    for event in events {
        sink.len(event.mechanisms.len())?;
    }
    sink.len(ids.len())?;
    for id in ids {
        sink.u32(id)?;
    }
    let text: usize = events.iter().map(|e| e.text_parts().0.len()).sum();
    sink.u64(text as u64)?;
    for event in events {
        sink.bytes(event.text_parts().0.as_bytes())?;
    }
    write_attachments(sink, events)
}

/// The links and media of the few events that have any, each after its event's position.
fn write_attachments(sink: &mut Sink<'_>, events: &[Event]) -> io::Result<()> {
    let attached = || {
        let events = events.iter().enumerate();
        events.filter(|(_, event)| !event.links().is_empty() || event.media().is_some())
    };
    sink.len(attached().count())?;
    for (position, event) in attached() {
        sink.len(position)?;
        sink.len(event.links().len())?;
        for link in event.links() {
            sink.str(link)?;
        }
        sink.u8(u8::from(event.media().is_some()))?;
        if let Some(media) = event.media() {
            sink.str(&media.url)?;
            sink.str(&media.caption)?;
            sink.str(&media.credit)?;
        }
    }
    Ok(())
}

/// A string from the payload, refused when it holds what the loader removes from every string
/// (control characters but line breaks, which descriptions and summaries keep; bidi controls).
fn clean<'a>(reader: &mut Reader<'a>, what: &str) -> Result<&'a str, Corrupt> {
    let text = reader.str(what)?;
    checked(text, what)
}

fn checked<'a>(text: &'a str, what: &str) -> Result<&'a str, Corrupt> {
    // Most text is plain: a byte scan settles it, and only the lead bytes of C1 and bidi
    // controls (0xC2, 0xE2) need the characters they start looked at.
    let bytes = text.as_bytes();
    let plain = bytes
        .iter()
        .all(|&b| (b >= 0x20 && b != 0x7F) || b == b'\n');
    let unsafe_char = memchr::memchr2_iter(0xC2, 0xE2, bytes)
        .filter_map(|at| text.get(at..)?.chars().next())
        .any(needs_care);
    if plain && !unsafe_char {
        Ok(text)
    } else {
        Err(Corrupt(format!("{what} holds control characters")))
    }
}

pub(super) fn decode(reader: &mut Reader<'_>) -> Result<(Timeline, Ignored), Corrupt> {
    let title = clean(reader, "the title")?.to_string();
    let description = clean(reader, "the description")?.to_string();
    let source = clean(reader, "the source")?.to_string();
    let pillars = (0..reader.count(12, "the pillars")?)
        .map(|_| pillar(reader))
        .collect::<Result<Vec<_>, _>>()?;
    let glossary = glossary(reader)?;
    let eras = eras(reader)?;
    let events = read_events(reader, pillars.len(), &glossary)?;
    let ignored = (0..reader.count(12, "the ignored tally")?)
        .map(|_| {
            Ok((
                clean(reader, "an ignored kind")?,
                reader.u64("a count")? as usize,
            ))
        })
        .collect::<Result<Vec<_>, Corrupt>>()?;
    let timeline = Timeline {
        title,
        description,
        source,
        pillars,
        glossary,
        eras,
        events,
    };
    Ok((timeline, Ignored::from_counts(ignored)))
}

fn pillar(reader: &mut Reader<'_>) -> Result<Pillar, Corrupt> {
    let id = clean(reader, "a pillar's id")?.to_string();
    let name = clean(reader, "a pillar's name")?.to_string();
    let color = reader.str("a pillar's colour")?;
    let color = color
        .parse::<Color>()
        .map_err(|_| Corrupt("a pillar's colour is not a colour".to_string()))?;
    Ok(Pillar { id, name, color })
}

/// The glossary, whose keys must come in the map's order: the index numbers entries in it.
fn glossary(reader: &mut Reader<'_>) -> Result<BTreeMap<String, String>, Corrupt> {
    let mut entries = Vec::new();
    for _ in 0..reader.count(8, "the glossary")? {
        let key = clean(reader, "an acronym")?;
        let expansion = clean(reader, "an expansion")?;
        entries.push((key, expansion));
    }
    if !entries.windows(2).all(|pair| pair[0].0 < pair[1].0) {
        return Err(Corrupt("the glossary is out of order".to_string()));
    }
    let owned = entries
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()));
    Ok(owned.collect())
}

fn eras(reader: &mut Reader<'_>) -> Result<Vec<Era>, Corrupt> {
    let mut eras = Vec::new();
    for _ in 0..reader.count(20, "the eras")? {
        let title = clean(reader, "an era's title")?.to_string();
        let words = [reader.u64("an era's date")?, reader.u64("an era's date")?];
        let date = event_date(words)?.ok_or_else(|| Corrupt("an era has no date".to_string()))?;
        eras.push(Era { title, date });
    }
    if !eras
        .windows(2)
        .all(|pair| pair[0].date.timeline_cmp(&pair[1].date).is_le())
    {
        return Err(Corrupt("the eras are out of order".to_string()));
    }
    Ok(eras)
}

/// The date two words hold (start, end; 0 for none), checked as the loader checks dates.
fn event_date([start, end]: [u64; 2]) -> Result<Option<EventDate>, Corrupt> {
    let bad = || Corrupt("a date is not a valid date".to_string());
    if start == 0 {
        return if end == 0 { Ok(None) } else { Err(bad()) };
    }
    let start = PartialDate::from_bits(start).ok_or_else(bad)?;
    let end = match end {
        0 => None,
        end => Some(PartialDate::from_bits(end).ok_or_else(bad)?),
    };
    EventDate::new(start, end).map(Some).map_err(|_| bad())
}

/// The names table: each distinct acronym and mechanism once, and whether it is a glossary key
/// (which every acronym must be).
fn names(
    reader: &mut Reader<'_>,
    glossary: &BTreeMap<String, String>,
) -> Result<(Vec<Name>, Vec<bool>), Corrupt> {
    let mut names = Vec::new();
    let mut keys = Vec::new();
    for _ in 0..reader.count(4, "the names")? {
        let name = clean(reader, "a name")?;
        keys.push(glossary.contains_key(name));
        names.push(Name::from(name));
    }
    Ok((names, keys))
}

fn read_events(
    reader: &mut Reader<'_>,
    pillars: usize,
    glossary: &BTreeMap<String, String>,
) -> Result<Vec<Event>, Corrupt> {
    let (names, keys) = names(reader, glossary)?;
    let count = reader.count(EVENT_BYTES, "the events")?;
    let lengths = u32s(reader.items(count, "the events' lengths")?);
    let cuts = reader.items::<4>(count.saturating_mul(3), "the events' cuts")?;
    let starts = u64s(reader.items(count, "the events' dates")?);
    let ends = u64s(reader.items(count, "the events' dates")?);
    let pillar_column = u32s(reader.items(count, "the events' pillars")?);
    let sources = u32s(reader.items(count, "the events' sources")?);
    let flags = reader.take(count, "the events' flags")?;
    let acronym_counts = u32s(reader.items(count, "the events' acronyms")?);
    let mechanism_counts = u32s(reader.items(count, "the events' mechanisms")?);
    let listed = reader.count(4, "the names listed")?;
    let ids = reader.items::<4>(listed, "the names listed")?;
    let text_len = usize::try_from(reader.u64("the events' text")?).unwrap_or(usize::MAX);
    let text = std::str::from_utf8(reader.take(text_len, "the events' text")?)
        .map_err(|_| Corrupt("the events' text is not UTF-8".to_string()))?;
    let text = checked(text, "the events' text")?;
    let mut attached = read_attachments(reader, count)?.into_iter().peekable();

    let bad = |what: &str| Corrupt(format!("an event's {what} is out of range"));
    let name_list = |ids: &[[u8; 4]], acronyms: bool| -> Result<Box<[Name]>, Corrupt> {
        u32s(ids)
            .map(|id| {
                let id = id as usize;
                let name = names.get(id).filter(|_| !acronyms || keys[id]);
                name.cloned().ok_or_else(|| bad("name"))
            })
            .collect()
    };
    let mut events = Vec::with_capacity(count);
    let (mut at, mut listed_at) = (0usize, 0usize);
    let mut order = Order::default();
    let columns = lengths
        .zip(cuts.as_chunks::<3>().0)
        .zip(starts.zip(ends))
        .zip(pillar_column.zip(sources).zip(flags))
        .zip(acronym_counts.zip(mechanism_counts));
    for (position, row) in columns.enumerate() {
        let ((((length, cut), date), ((pillar, source), flags)), (acronyms, mechanisms)) = row;
        let end = at.saturating_add(length as usize);
        let own = text.get(at..end).ok_or_else(|| bad("text"))?;
        at = end;
        let listed_end = listed_at
            .saturating_add(acronyms as usize)
            .saturating_add(mechanisms as usize);
        let own_ids = ids.get(listed_at..listed_end).ok_or_else(|| bad("names"))?;
        listed_at = listed_end;
        let (acronym_ids, mechanism_ids) = own_ids.split_at(acronyms as usize);
        let date = event_date(date.into())?;
        order.next(date.as_ref())?;
        if pillar as usize >= pillars {
            return Err(bad("pillar"));
        }
        let event = Event::new(
            NO_TEXT,
            date,
            pillar as usize,
            name_list(acronym_ids, true)?,
            name_list(mechanism_ids, false)?,
            (flags & HAS_SOURCE != 0).then_some(source),
        );
        let mut event = event
            .with_text_parts(own.into(), cut.map(u32::from_le_bytes))
            .filter(|event| !event.id().is_empty())
            .ok_or_else(|| bad("text"))?;
        if let Some((_, (links, media))) = attached.next_if(|(owner, _)| *owner == position) {
            event = event.with_attachments(links, media);
        }
        events.push(event);
    }
    if at != text.len() || listed_at != ids.len() || attached.next().is_some() {
        return Err(Corrupt("the events leave data unread".to_string()));
    }
    Ok(events)
}

/// The text an event is made with before its stored text replaces it.
const NO_TEXT: EventText<'static> = EventText {
    id: "",
    title: "",
    summary: "",
    place: None,
};

/// Checks that events come in timeline order, as the loader sorts them: dated events by
/// their bounds, then the undated entries.
#[derive(Default)]
struct Order {
    previous: Option<(Moment, Moment)>,
    undated: bool,
}

impl Order {
    fn next(&mut self, date: Option<&EventDate>) -> Result<(), Corrupt> {
        let out_of_order = || Corrupt("the events are out of order".to_string());
        match date {
            Some(_) if self.undated => return Err(out_of_order()),
            Some(date) => {
                let bounds = (date.earliest(), date.latest());
                if self.previous.is_some_and(|previous| previous > bounds) {
                    return Err(out_of_order());
                }
                self.previous = Some(bounds);
            }
            None => self.undated = true,
        }
        Ok(())
    }
}

type Attached = (usize, (Vec<String>, Option<Media>));

/// The attachments, each with its event's position, ascending.
fn read_attachments(reader: &mut Reader<'_>, events: usize) -> Result<Vec<Attached>, Corrupt> {
    let mut attached: Vec<Attached> = Vec::new();
    for _ in 0..reader.count(9, "the attachments")? {
        let position = reader.u32("an attachment's event")? as usize;
        let follows = attached.last().is_none_or(|(last, _)| *last < position);
        if !follows || position >= events {
            return Err(Corrupt("an attachment's event is out of range".to_string()));
        }
        let links = (0..reader.count(4, "an event's links")?)
            .map(|_| Ok(clean(reader, "a link")?.to_string()))
            .collect::<Result<Vec<_>, Corrupt>>()?;
        let media = match reader.u8("an event's media")? {
            0 => None,
            1 => Some(Media {
                url: clean(reader, "a media url")?.to_string(),
                caption: clean(reader, "a caption")?.to_string(),
                credit: clean(reader, "a credit")?.to_string(),
            }),
            _ => return Err(Corrupt("an event's media flag is not 0 or 1".to_string())),
        };
        attached.push((position, (links, media)));
    }
    Ok(attached)
}
