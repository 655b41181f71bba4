//! The events in a payload, column by column — lengths, cuts, dates, pillars, sources, name
//! counts — then the names they list, all their text in one block, and the attachments of the
//! few that have any. Events are rebuilt on every core, each core taking a run of rows and
//! checking its part of the text block (UTF-8, no control characters) in one pass; that part
//! is the run's events' text, shared by them where it lies in the payload (or copied out once,
//! as [`Keep`](super::Keep) says), so no event has a text allocation of its own. Acronyms and
//! mechanisms are ids into a table of distinct names, so the decoded events share one `Name`
//! per name, as the loader's do.

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::ops::Range;
use std::sync::Arc;

use super::bytes::{Reader, Sink, u32s};
use super::timeline::{checked, clean, end_bits, event_date};
use super::{Corrupt, Payload};
use crate::search::parallel::in_parts;
use crate::timeline::{Event, EventDate, EventText, Facts, Laid, Media, Name};

/// The bytes every event takes in the columns, so a count of events can be checked against
/// what is left of the payload before anything is reserved for them.
const EVENT_BYTES: usize = 4 + 12 + 16 + 4 + 4 + 1 + 8;

/// The flag of an event whose source paragraph is known.
const HAS_SOURCE: u8 = 1;

/// Writes the names table, then the events' columns, their text and their attachments.
pub(super) fn write(sink: &mut Sink<'_>, events: &[Event]) -> io::Result<()> {
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
        sink.u8(HAS_SOURCE * u8::from(event.source.is_some()))?;
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

/// The events' columns as sliced from the payload: row `i` of each is event `i`'s.
struct Columns<'a> {
    lengths: &'a [[u8; 4]],
    cuts: &'a [[[u8; 4]; 3]],
    starts: &'a [[u8; 8]],
    ends: &'a [[u8; 8]],
    pillars: &'a [[u8; 4]],
    sources: &'a [[u8; 4]],
    flags: &'a [u8],
    acronyms: &'a [[u8; 4]],
    mechanisms: &'a [[u8; 4]],
}

/// What the rows refer into.
struct Referred<'a> {
    /// Every event's text, end to end: each run checks that its part is UTF-8.
    text: &'a [u8],
    /// The payload the text lies in, and where it starts there.
    payload: &'a Payload,
    text_at: usize,
    /// The names every event lists, end to end, as ids into `names`.
    ids: &'a [[u8; 4]],
    names: Vec<&'a str>,
    /// Per name: whether it is a glossary key, as every acronym must be.
    keys: Vec<bool>,
    pillars: usize,
}

/// An event's place in timeline order: dated events by their bounds, then the undated entries
/// (in file order, which the payload cannot be checked against).
type Key = (bool, i64, i64);

fn key(date: Option<&EventDate>) -> Key {
    date.map_or((true, 0, 0), |date| {
        (false, date.earliest().key(), date.latest().key())
    })
}

/// A run of events rebuilt from their rows, with what joining it to its neighbours checks.
struct Run {
    events: Vec<Event>,
    /// The keys of its first and last events.
    keys: Option<(Key, Key)>,
    /// Where its text and its names end.
    text_end: usize,
    ids_end: usize,
}

fn out_of_range(what: &str) -> Corrupt {
    Corrupt(format!("an event's {what} is out of range"))
}

fn out_of_order() -> Corrupt {
    Corrupt("the events are out of order".to_string())
}

/// The events: each checked as the loader checks what it builds (pillars in range, acronyms in
/// the glossary, text cut on character boundaries, valid dates, timeline order).
pub(super) fn read(
    reader: &mut Reader<'_>,
    pillars: usize,
    glossary: &BTreeMap<String, String>,
) -> Result<Vec<Event>, Corrupt> {
    let (names, keys) = names(reader, glossary)?;
    let count = reader.count(EVENT_BYTES, "the events")?;
    let columns = Columns {
        lengths: reader.items(count, "the events' lengths")?,
        cuts: reader
            .items::<4>(count.saturating_mul(3), "the events' cuts")?
            .as_chunks()
            .0,
        starts: reader.items(count, "the events' dates")?,
        ends: reader.items(count, "the events' dates")?,
        pillars: reader.items(count, "the events' pillars")?,
        sources: reader.items(count, "the events' sources")?,
        flags: reader.take(count, "the events' flags")?,
        acronyms: reader.items(count, "the events' acronyms")?,
        mechanisms: reader.items(count, "the events' mechanisms")?,
    };
    let listed = reader.count(4, "the names listed")?;
    let ids = reader.items::<4>(listed, "the names listed")?;
    let text_len = usize::try_from(reader.u64("the events' text")?).unwrap_or(usize::MAX);
    let text_at = reader.offset();
    let shared = Referred {
        text: reader.take(text_len, "the events' text")?,
        payload: reader.payload(),
        text_at,
        ids,
        names,
        keys,
        pillars,
    };
    let attached = read_attachments(reader, count)?;

    let runs = in_parts(count, |rows| read_run(&columns, &shared, rows));
    let mut events: Vec<Event> = Vec::new();
    let mut last: Option<Key> = None;
    let mut ends = (0, 0);
    for run in runs {
        let run = run?;
        if let Some((first, end)) = run.keys {
            if last.is_some_and(|last| last > first) {
                return Err(out_of_order());
            }
            last = Some(end);
        }
        ends = (run.text_end, run.ids_end);
        if events.is_empty() {
            events = run.events;
        } else {
            events.extend(run.events);
        }
    }
    if ends != (shared.text.len(), ids.len()) {
        return Err(Corrupt("the events leave text or names unread".to_string()));
    }
    for (position, (links, media)) in attached {
        // In range: the attachments were checked against the count of events.
        let slot = &mut events[position];
        let event = std::mem::replace(slot, Event::new(NO_TEXT, Facts::default()));
        *slot = event.with_attachments(links, media);
    }
    Ok(events)
}

/// The events of `rows`, whose text and names start after the rows before them. Each run
/// checks its own text, so that the checks too run on every core.
fn read_run(
    columns: &Columns<'_>,
    shared: &Referred<'_>,
    rows: Range<usize>,
) -> Result<Run, Corrupt> {
    let sum = |column: &[[u8; 4]], rows: Range<usize>| -> usize {
        let counts = u32s(column.get(rows).unwrap_or_default());
        counts.map(|n| n as usize).sum()
    };
    let begin = sum(columns.lengths, 0..rows.start);
    let text_end = begin.saturating_add(sum(columns.lengths, rows.clone()));
    if shared.text.get(begin..text_end).is_none() {
        return Err(out_of_range("text"));
    }
    let block = shared
        .payload
        .share_str(shared.text_at + begin..shared.text_at + text_end)
        .ok_or_else(|| Corrupt("the events' text is not UTF-8".to_string()))?;
    // One count per run, so that the cores do not take turns at one counter.
    let block = Arc::new(block);
    checked(&block, "the events' text")?;
    let mut at = 0usize;
    let mut listed_at =
        sum(columns.acronyms, 0..rows.start) + sum(columns.mechanisms, 0..rows.start);
    // The run's own copy of each name it lists, made when first listed: events clone it
    // by the thousand, and a count that only this core touches is not fought over.
    let mut names: Vec<Option<Name>> = vec![None; shared.names.len()];
    let mut name_list = |ids: &[[u8; 4]], acronyms: bool| -> Result<Box<[Name]>, Corrupt> {
        // Checked first, so that the list is collected at its exact size.
        let keys = &shared.keys;
        let known = |id: u32| keys.get(id as usize).is_some_and(|&key| key || !acronyms);
        if !u32s(ids).all(known) {
            return Err(out_of_range("name"));
        }
        Ok(u32s(ids)
            .map(|id| {
                let name = &mut names[id as usize];
                Name::clone(name.get_or_insert_with(|| Name::from(shared.names[id as usize])))
            })
            .collect())
    };
    // Whole runs of events share a date: the last one is read once.
    let mut last_date: Option<([u64; 2], Option<EventDate>)> = None;
    let mut keys: Option<(Key, Key)> = None;
    // The first run's events take the others' after them, so it is made large enough.
    let capacity = if rows.start == 0 {
        columns.flags.len()
    } else {
        rows.len()
    };
    let mut events = Vec::with_capacity(capacity);
    for row in rows {
        let length = u32::from_le_bytes(columns.lengths[row]) as usize;
        let end = at.saturating_add(length);
        // Within the run's text, whose length is the sum of these.
        let range = at..end;
        at = end;
        let [acronyms, mechanisms] = [columns.acronyms[row], columns.mechanisms[row]]
            .map(|n| u32::from_le_bytes(n) as usize);
        let listed_end = listed_at
            .saturating_add(acronyms)
            .saturating_add(mechanisms);
        let ids = shared.ids.get(listed_at..listed_end);
        let ids = ids.ok_or_else(|| out_of_range("names"))?;
        listed_at = listed_end;
        let (acronym_ids, mechanism_ids) = ids.split_at(acronyms);
        let words = [columns.starts[row], columns.ends[row]].map(u64::from_le_bytes);
        let date = match last_date {
            Some((last, date)) if last == words => date,
            _ => {
                let date = event_date(words)?;
                last_date = Some((words, date));
                date
            }
        };
        let here = key(date.as_ref());
        keys = match keys {
            Some((_, last)) if last > here => return Err(out_of_order()),
            Some((first, _)) => Some((first, here)),
            None => Some((here, here)),
        };
        let pillar = u32::from_le_bytes(columns.pillars[row]) as usize;
        if pillar >= shared.pillars {
            return Err(out_of_range("pillar"));
        }
        let source = u32::from_le_bytes(columns.sources[row]);
        let text = Laid {
            block: &block,
            range,
            starts: columns.cuts[row].map(u32::from_le_bytes),
        };
        let facts = Facts {
            date,
            pillar,
            acronyms: name_list(acronym_ids, true)?,
            mechanisms: name_list(mechanism_ids, false)?,
            source: (columns.flags[row] & HAS_SOURCE != 0).then_some(source),
        };
        let event = Event::in_block(text, facts);
        let event = event
            .filter(|event| !event.id().is_empty())
            .ok_or_else(|| out_of_range("text"))?;
        events.push(event);
    }
    Ok(Run {
        events,
        keys,
        text_end,
        ids_end: listed_at,
    })
}

/// The text of the event an attached one is swapped with while its attachments are added.
const NO_TEXT: EventText<'static> = EventText {
    id: "",
    title: "",
    summary: "",
    place: None,
};

/// The names table: each distinct acronym and mechanism once, and whether it is a glossary key.
fn names<'a>(
    reader: &mut Reader<'a>,
    glossary: &BTreeMap<String, String>,
) -> Result<(Vec<&'a str>, Vec<bool>), Corrupt> {
    let mut names = Vec::new();
    let mut keys = Vec::new();
    for _ in 0..reader.count(4, "the names")? {
        let name = clean(reader, "a name")?;
        keys.push(glossary.contains_key(name));
        names.push(name);
    }
    Ok((names, keys))
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::shared::Bytes;
    use crate::snapshot::codec::{Keep, Payload, decode, encode};
    use crate::timeline::{Ignored, load_str};

    const EVENTS: &str = r#"Timeline(title: "T", events: [
        Event(id: "one", date: "2001", title: "First", summary: "Tōkyō", place: "Here"),
        Event(id: "two", date: "2002", title: "Second"),
    ])"#;

    #[test]
    fn events_kept_in_place_read_their_text_in_the_payload_and_copied_do_not() {
        let timeline = load_str("t.ron", EVENTS).unwrap();
        let mut bytes = Vec::new();
        encode(&mut bytes, &timeline, &Ignored::default(), None).unwrap();
        let owner = Arc::new(Bytes::new(bytes));
        let len = owner.as_ref().as_ref().len();
        for keep in [Keep::InPlace, Keep::Copied] {
            let payload = Payload::new(Arc::clone(&owner), 0..len, keep).unwrap();
            let decoded = decode(&payload, false).unwrap().timeline;
            assert_eq!(decoded, timeline);
            let inside = payload.bytes().as_ptr_range();
            for event in &decoded.events {
                let text = event.text_parts().0.as_bytes().as_ptr_range();
                let lies_in_payload = inside.contains(&text.start) && text.end <= inside.end;
                assert_eq!(lies_in_payload, keep == Keep::InPlace, "{keep:?}");
            }
        }
    }
}
