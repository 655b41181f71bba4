//! The validated timeline: what every view and every output format reads.
//!
//! A [`Timeline`] only exists after the loader has checked it, so code that holds one may rely on
//! its invariants: events in timeline order, unique non-empty ids, every pillar index valid, every
//! acronym a glossary key, every string free of control characters.

use std::collections::BTreeMap;
use std::sync::Arc;

use ratatui::style::Color;

use super::date::EventDate;

/// An acronym or mechanism name. Events repeat a few names many times, so each distinct name is
/// stored once and shared.
pub type Name = Arc<str>;

/// A loaded, validated and sanitised timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    pub title: String,
    /// The document the timeline is drawn from, for citations (may be empty).
    pub source: String,
    /// In the order the file gives; the explorer numbers them 1–9 in this order.
    pub pillars: Vec<Pillar>,
    /// Acronym → expansion; an empty expansion means the source uses the acronym without spelling it out.
    pub glossary: BTreeMap<String, String>,
    /// In timeline order: earliest possible day, then latest possible day, then file order.
    pub events: Vec<Event>,
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
    /// Stable and unique: bookmarks and links key on it.
    pub id: Box<str>,
    pub date: EventDate,
    pub title: Box<str>,
    pub summary: Box<str>,
    /// Index into [`Timeline::pillars`].
    pub pillar: usize,
    /// Glossary keys.
    pub acronyms: Box<[Name]>,
    pub mechanisms: Box<[Name]>,
    pub place: Option<Box<str>>,
    /// Paragraph number in the source document.
    pub source: Option<u32>,
}

impl Timeline {
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

    /// The first and last year any event reaches, or `None` for a timeline without events.
    pub fn year_span(&self) -> Option<(i32, i32)> {
        use chrono::Datelike;
        let first = self.events.first()?.date.earliest().year();
        let last = self.events.iter().map(|e| e.date.latest().year()).max()?;
        Some((first, last))
    }
}
