//! A timeline and its ignored tally in a payload: its title and the like, pillars, glossary
//! and eras, each checked as the loader checks them, around its events ([`events`]). Every
//! string is refused if it holds what the loader removes from strings.

use std::collections::BTreeMap;
use std::io;

use ratatui::style::Color;

use super::Corrupt;
use super::bytes::{Reader, Sink};
use super::events;
use crate::timeline::text::needs_care;
use crate::timeline::{Era, EventDate, Ignored, PartialDate, Pillar, Timeline};

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
    events::write(sink, &timeline.events)?;
    sink.len(ignored.counts().len())?;
    for (kind, count) in ignored.counts() {
        sink.str(kind)?;
        sink.u64(count as u64)?;
    }
    Ok(())
}

/// The word of an interval's end, 0 for a single date (or none).
pub(super) fn end_bits(date: Option<&EventDate>) -> u64 {
    let end = date.filter(|date| date.is_interval());
    end.map_or(0, |date| date.end().to_bits())
}

/// A string from the payload, refused when it holds what the loader removes from every string
/// (control characters but line breaks, which descriptions and summaries keep; bidi controls).
pub(super) fn clean<'a>(reader: &mut Reader<'a>, what: &str) -> Result<&'a str, Corrupt> {
    let text = reader.str(what)?;
    checked(text, what)
}

pub(super) fn checked<'a>(text: &'a str, what: &str) -> Result<&'a str, Corrupt> {
    // Most text is plain: a byte scan settles it, and only the lead bytes of C1 and bidi
    // controls (0xC2, 0xE2) need the characters they start looked at.
    let bytes = text.as_bytes();
    // Without branches, so that it runs many bytes at a time.
    let control = |b: u8| u8::from(b < 0x20 && b != b'\n') | u8::from(b == 0x7F);
    let plain = bytes
        .chunks(4096)
        .all(|chunk| chunk.iter().fold(0, |found, &b| found | control(b)) == 0);
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
    let events = events::read(reader, pillars.len(), &glossary)?;
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
pub(super) fn event_date([start, end]: [u64; 2]) -> Result<Option<EventDate>, Corrupt> {
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
