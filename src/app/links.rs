//! Which events name each acronym and each mechanism, and which fall in each era: the related
//! events of the detail, the counts of the index view, and the events an index entry narrows
//! the timeline to.

use std::collections::{BTreeSet, HashMap};

use super::index_view::{Kind, Scope};
use crate::timeline::{Era, Event, EventDate, EventId, Name, Timeline};

/// Events by the acronyms and mechanisms they name and the eras they fall in, looked up once
/// per timeline.
pub struct Links {
    /// Acronym (as the glossary writes it) → events listing it, ascending.
    by_acronym: HashMap<Name, Vec<EventId>>,
    /// Mechanism → events naming it, ascending.
    by_mechanism: HashMap<Name, Vec<EventId>>,
    /// Era title → events it covers, ascending; two eras of one title are one entry.
    by_era: HashMap<Name, Vec<EventId>>,
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

impl Links {
    pub fn new(timeline: &Timeline) -> Self {
        let mut by_acronym: HashMap<Name, Vec<EventId>> = HashMap::new();
        let mut by_mechanism: HashMap<Name, Vec<EventId>> = HashMap::new();
        for (index, event) in timeline.events.iter().enumerate() {
            for name in &event.acronyms {
                by_acronym
                    .entry(name.clone())
                    .or_default()
                    .push(EventId::at(index));
            }
            for name in &event.mechanisms {
                by_mechanism
                    .entry(name.clone())
                    .or_default()
                    .push(EventId::at(index));
            }
        }
        Links {
            by_acronym,
            by_mechanism,
            by_era: by_era(timeline),
        }
    }

    /// The events listing `acronym`, ascending.
    pub fn acronym(&self, acronym: &str) -> &[EventId] {
        self.by_acronym.get(acronym).map_or(&[], Vec::as_slice)
    }

    /// The events naming `mechanism`, ascending.
    pub fn mechanism(&self, mechanism: &str) -> &[EventId] {
        self.by_mechanism.get(mechanism).map_or(&[], Vec::as_slice)
    }

    /// The events an index scope narrows the timeline to, ascending.
    pub fn events_of(&self, scope: &Scope) -> &[EventId] {
        match scope.kind {
            Kind::Acronym => self.acronym(&scope.name),
            Kind::Mechanism => self.mechanism(&scope.name),
            Kind::Era => self.era(&scope.name),
        }
    }

    /// The events the era (or eras) titled `title` cover, ascending.
    pub fn era(&self, title: &str) -> &[EventId] {
        self.by_era.get(title).map_or(&[], Vec::as_slice)
    }

    /// Every mechanism named, with its events.
    pub fn mechanisms(&self) -> impl Iterator<Item = (&Name, &[EventId])> {
        self.by_mechanism
            .iter()
            .map(|(name, events)| (name, events.as_slice()))
    }

    /// The other events sharing an acronym or a mechanism with `event`, in timeline order.
    pub fn related(&self, id: EventId, event: &Event) -> Vec<EventId> {
        let acronyms = event.acronyms.iter().map(|name| self.acronym(name));
        let mechanisms = event.mechanisms.iter().map(|name| self.mechanism(name));
        let related: BTreeSet<EventId> = acronyms
            .chain(mechanisms)
            .flatten()
            .copied()
            .filter(|&other| other != id)
            .collect();
        related.into_iter().collect()
    }
}

/// Per era title, the events its eras cover. Dated events come first in timeline order, by
/// their earliest day: those starting after an era ends are skipped without being looked at.
fn by_era(timeline: &Timeline) -> HashMap<Name, Vec<EventId>> {
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
        events.sort_unstable();
        events.dedup();
    }
    by_era
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::load_str;

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
        let ids = |events: &[EventId]| -> Vec<&str> {
            events.iter().map(|&at| timeline.event(at).id()).collect()
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
