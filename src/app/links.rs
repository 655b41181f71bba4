//! Which events name each acronym and each mechanism: the related events of the detail, the
//! counts of the index view, and the events an index entry narrows the timeline to.

use std::collections::{BTreeSet, HashMap};

use super::index_view::{Kind, Scope};
use crate::timeline::{Event, EventId, Name, Timeline};

/// Events by the acronyms and mechanisms they name, looked up once per timeline.
pub struct Links {
    /// Acronym (as the glossary writes it) → events listing it, ascending.
    by_acronym: HashMap<Name, Vec<EventId>>,
    /// Mechanism → events naming it, ascending.
    by_mechanism: HashMap<Name, Vec<EventId>>,
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
        }
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
