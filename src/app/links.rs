//! Which events name each acronym and each mechanism, and which fall in each era: the related
//! events of the detail, the counts of the index view, and the events an index entry narrows
//! the timeline to.

use std::collections::HashMap;

use super::index_view::{Kind, Scope};
use crate::timeline::{Era, Event, EventDate, EventId, Name, Timeline};

/// Events by the acronyms and mechanisms they name and the eras they fall in, looked up once
/// per timeline.
pub struct Links {
    /// Acronym (as the glossary writes it) → events listing it.
    by_acronym: Postings,
    /// Mechanism → events naming it.
    by_mechanism: Postings,
    /// Era title → events it covers; two eras of one title are one entry.
    by_era: Postings,
}

/// Per name, the events naming it, ascending, each written as its distance from the one after
/// the previous (the first from event 0) in seven-bit groups, low first, the high bit saying
/// another follows (LEB128); every name's laid end to end in one allocation.
///
/// Every event names an acronym or a mechanism or two, so plain lists hold four bytes per
/// naming, a million events' worth of them: 17 MB with their spare capacity at 1M events.
/// Events naming one name lie a few hundred to a few thousand apart, two bytes each, and are
/// only ever read in order (a related list, a count, a scope), so this keeps under a quarter of
/// that; one allocation rather than one per name leaves no partly used pages behind.
#[derive(Debug, Default)]
struct Postings {
    bytes: Box<[u8]>,
    names: HashMap<Name, Span>,
}

/// Where a name's events lie in [`Postings::bytes`], and how many there are.
#[derive(Clone, Copy, Debug)]
struct Span {
    start: u32,
    end: u32,
    len: u32,
}

impl Postings {
    /// Each name's events, as its encoder wrote them.
    fn new(encoders: HashMap<Name, Encoder>) -> Self {
        let total = encoders.values().map(|encoder| encoder.bytes.len()).sum();
        let mut bytes = Vec::with_capacity(total);
        let names = encoders
            .into_iter()
            .map(|(name, encoder)| {
                let start = bytes.len() as u32;
                bytes.extend_from_slice(&encoder.bytes);
                let end = bytes.len() as u32;
                let len = encoder.len;
                (name, Span { start, end, len })
            })
            .collect();
        Postings {
            bytes: bytes.into_boxed_slice(),
            names,
        }
    }

    /// The events naming `name`; none for a name no event has.
    fn get(&self, name: &str) -> Events<'_> {
        self.names
            .get(name)
            .map_or_else(Events::default, |&span| self.events(span))
    }

    /// Every name, with its events.
    fn iter(&self) -> impl Iterator<Item = (&Name, Events<'_>)> {
        self.names
            .iter()
            .map(|(name, &span)| (name, self.events(span)))
    }

    fn events(&self, span: Span) -> Events<'_> {
        Events {
            len: span.len,
            bytes: &self.bytes[span.start as usize..span.end as usize],
        }
    }
}

/// Writes [`Postings`], an ascending event at a time.
#[derive(Default)]
struct Encoder {
    len: u32,
    /// The smallest event the next may be: one past the last written.
    next: u32,
    bytes: Vec<u8>,
}

impl Encoder {
    /// Adds `event`, unless it is not past the last one added (an event listing a name twice
    /// counts once).
    fn push(&mut self, event: EventId) {
        let Some(mut gap) = (event.index() as u32).checked_sub(self.next) else {
            return;
        };
        self.next = event.index() as u32 + 1;
        self.len += 1;
        while gap >= 0x80 {
            self.bytes.push(gap as u8 | 0x80);
            gap >>= 7;
        }
        self.bytes.push(gap as u8);
    }
}

/// Events an acronym, mechanism or era has, ascending: read in order, as [`Postings`] keeps them.
#[derive(Clone, Copy, Debug, Default)]
pub struct Events<'a> {
    len: u32,
    bytes: &'a [u8],
}

impl<'a> Events<'a> {
    pub fn len(self) -> usize {
        self.len as usize
    }

    pub fn is_empty(self) -> bool {
        self.len == 0
    }

    /// The events, ascending.
    pub fn iter(self) -> impl Iterator<Item = EventId> + 'a {
        let mut bytes = self.bytes.iter();
        let mut next = 0u32;
        std::iter::from_fn(move || {
            let mut gap = 0u32;
            let mut shift = 0;
            loop {
                let byte = *bytes.next()?;
                gap |= u32::from(byte & 0x7f) << shift;
                shift += 7;
                if byte & 0x80 == 0 {
                    break;
                }
            }
            let event = next + gap;
            next = event + 1;
            Some(EventId::at(event as usize))
        })
    }

    pub fn to_vec(self) -> Vec<EventId> {
        let mut events = Vec::with_capacity(self.len());
        events.extend(self.iter());
        events
    }
}

/// Whether an era spanning `era` covers an event dated `event`: whether their spans overlap,
/// so that an event running into an era, or an era within an event, counts.
pub fn covers(era: &EventDate, event: &EventDate) -> bool {
    era.earliest() <= event.latest() && event.earliest() <= era.latest()
}

/// The eras of `eras` that cover an event dated `date`, in their order; none for an undated one.
pub fn eras_covering<'a>(
    eras: &'a [Era],
    date: Option<&'a EventDate>,
) -> impl Iterator<Item = &'a Era> {
    eras.iter()
        .filter(move |era| date.is_some_and(|date| covers(&era.date, date)))
}

/// Per name, the events naming it, from `names` giving each event's names in timeline order.
fn postings<'a>(names: impl Iterator<Item = &'a [Name]>) -> Postings {
    let mut encoders: HashMap<Name, Encoder> = HashMap::new();
    for (index, names) in names.enumerate() {
        for name in names {
            let encoder = match encoders.get_mut(&**name) {
                Some(encoder) => encoder,
                None => encoders.entry(name.clone()).or_default(),
            };
            encoder.push(EventId::at(index));
        }
    }
    Postings::new(encoders)
}

impl Links {
    pub fn new(timeline: &Timeline) -> Self {
        let events = &timeline.events;
        Links {
            by_acronym: postings(events.iter().map(|event| &*event.acronyms)),
            by_mechanism: postings(events.iter().map(|event| &*event.mechanisms)),
            by_era: by_era(timeline),
        }
    }

    /// The events listing `acronym`.
    pub fn acronym(&self, acronym: &str) -> Events<'_> {
        self.by_acronym.get(acronym)
    }

    /// The events naming `mechanism`.
    pub fn mechanism(&self, mechanism: &str) -> Events<'_> {
        self.by_mechanism.get(mechanism)
    }

    /// The events an index scope narrows the timeline to.
    pub fn events_of(&self, scope: &Scope) -> Events<'_> {
        match scope.kind {
            Kind::Acronym => self.acronym(&scope.name),
            Kind::Mechanism => self.mechanism(&scope.name),
            Kind::Era => self.era(&scope.name),
        }
    }

    /// The events the era (or eras) titled `title` cover.
    pub fn era(&self, title: &str) -> Events<'_> {
        self.by_era.get(title)
    }

    /// Every mechanism named, with its events.
    pub fn mechanisms(&self) -> impl Iterator<Item = (&Name, Events<'_>)> {
        self.by_mechanism.iter()
    }

    /// The other events sharing an acronym or a mechanism with `event`, in timeline order.
    pub fn related(&self, id: EventId, event: &Event) -> Vec<EventId> {
        let acronyms = event.acronyms.iter().map(|name| self.acronym(name));
        let mechanisms = event.mechanisms.iter().map(|name| self.mechanism(name));
        let mut related: Vec<EventId> = acronyms
            .chain(mechanisms)
            .flat_map(Events::iter)
            .filter(|&other| other != id)
            .collect();
        related.sort_unstable();
        related.dedup();
        related
    }
}

/// Per era title, the events its eras cover. Dated events come first in timeline order, by
/// their earliest day: those starting after an era ends are skipped without being looked at.
fn by_era(timeline: &Timeline) -> Postings {
    let dated = timeline.dated();
    let mut by_era: HashMap<Name, Vec<EventId>> = HashMap::new();
    for era in &timeline.eras {
        let started = dated.partition_point(|event| {
            event
                .date
                .as_ref()
                .is_some_and(|date| date.earliest() <= era.date.latest())
        });
        let covered = dated[..started]
            .iter()
            .enumerate()
            .filter(|(_, event)| {
                event
                    .date
                    .as_ref()
                    .is_some_and(|date| covers(&era.date, date))
            })
            .map(|(index, _)| EventId::at(index));
        let events = by_era.entry(Name::from(era.title.as_str())).or_default();
        events.extend(covered);
    }
    let encoders = by_era.into_iter().map(|(title, mut events)| {
        events.sort_unstable();
        let mut encoder = Encoder::default();
        events.into_iter().for_each(|event| encoder.push(event));
        (title, encoder)
    });
    Postings::new(encoders.collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::load_str;

    #[test]
    fn postings_read_back_each_event_written_once_in_order() {
        let events = [
            0,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            2_000_000,
            u32::MAX as usize - 1,
        ];
        let events = events.map(EventId::at);
        let mut encoder = Encoder::default();
        for event in events {
            // An event listing a name twice counts once.
            encoder.push(event);
            encoder.push(event);
        }
        let postings = Postings::new(HashMap::from([(Name::from("A"), encoder)]));
        let read = postings.get("A");
        assert_eq!(read.len(), events.len());
        assert_eq!(read.to_vec(), events);
        assert!(postings.get("B").is_empty());
        assert_eq!(postings.get("B").iter().count(), 0);
    }

    #[test]
    fn an_era_covers_the_events_whose_spans_overlap_it() {
        let timeline = load_str(
            "eras.ron",
            r#"Timeline(
                title: "Eras",
                eras: [Era(title: "Middle", date: "1990/1999"), Era(title: "Late", date: "2010-06")],
                events: [
                    Event(id: "before", date: "1980/1989", title: "Before"),
                    Event(id: "into", date: "1985/1991", title: "Runs into it"),
                    Event(id: "inside", date: "1995-03-02", title: "Inside"),
                    Event(id: "around", date: "2009/2011", title: "Around the late era"),
                    Event(id: "none", date: "undated", title: "Undated"),
                ],
            )"#,
        )
        .unwrap();
        let ids = |events: Events| -> Vec<&str> {
            events.iter().map(|at| timeline.event(at).id()).collect()
        };
        let links = Links::new(&timeline);
        assert_eq!(ids(links.era("Middle")), ["into", "inside"]);
        assert_eq!(ids(links.era("Late")), ["around"]);
        assert!(links.era("Unknown").is_empty());
        let titles = |at: usize| -> Vec<String> {
            let date = timeline.events[at].date.as_ref();
            eras_covering(&timeline.eras, date)
                .map(|era| era.title.clone())
                .collect()
        };
        assert_eq!(titles(1), ["Middle"]);
        assert!(titles(0).is_empty());
        assert!(titles(4).is_empty());
    }
}
