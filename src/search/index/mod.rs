//! Matching and ranking events against a [`Query`](super::Query).
//!
//! Ranking follows what a reader means by "best": an event whose acronym *is* the term comes
//! first; then the term written out in a field — the title (as its start or a whole word, then
//! anywhere), acronyms, their expansions, mechanisms, place, the name of the event's pillar,
//! summary, in that order, a whole word
//! counting more than part of one; then the term's letters scattered in order through a field
//! (fzf's fuzzy match), title first. A contiguous match anywhere outranks a scattered one, so
//! `bagan` finds the meeting in Bagan before a title whose letters happen to spell it. Ties go to
//! the shorter title, then to timeline order. A query's score adds its terms' scores. A term
//! naming a "+" form of an acronym (`TELMIN+Japan`) also finds the events listing the bare
//! acronym (`TELMIN`), scored as the term `TELMIN` scores the form's events: as the acronym
//! written among theirs.
//!
//! Speed comes from preparing per event a 64-bit mask of the characters it holds (most events
//! fail a term on the mask alone), glossary ids instead of lookups, postings for exact acronyms,
//! and splitting large scans across cores. `fuzzy-matcher` (SkimMatcherV2) supplies the
//! highlighted positions for the rows on screen.
//!
//! The index is built once ([`build`](mod@build), with the events that spell out glossary
//! entries found on first use in [`spelled`]); a query is compiled against it ([`compile`], with
//! misspelt acronyms read in [`typo`]); each candidate event is scored ([`score`], many ORed
//! terms at once in [`many`]), across cores ([`matching`]); and the hits are ranked ([`rank`])
//! and their titles highlighted ([`highlight`]). Hits and what they tell the next, longer query
//! are in [`hits`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use fuzzy_matcher::skim::SkimMatcherV2;

use super::folded::Folded;
use crate::shared::Shared;
use crate::timeline::{EventId, PillarSet, Timeline};

mod build;
mod compile;
mod highlight;
mod hits;
mod loose;
mod many;
mod matching;
mod parts;
mod rank;
mod score;
mod spelled;
#[cfg(test)]
mod tests;
mod typo;

pub use compile::Compiled;
pub use hits::{Candidates, Hit, Hits, Matches};
pub use parts::SearchParts;
pub use typo::Correction;

/// Searchable facts about a timeline, prepared once so each keystroke only matches.
pub struct Index {
    /// The timeline the index was built from, owned so that it is the only one it is ever
    /// asked about.
    timeline: Arc<Timeline>,
    /// Per event: the [`char_mask`](super::text::char_mask) of all its searchable text, so an event
    /// that lacks a character of the term is never read.
    masks: Shared<u64>,
    /// The events' text, folded and laid end to end for fast scanning.
    folded: Folded,
    /// Per glossary id: the expansion, folded, and its [`bytes_mask`](super::text::bytes_mask).
    folded_expansions: Vec<Vec<u8>>,
    expansion_masks: Vec<u64>,
    /// Per pillar: its name, folded, and its [`bytes_mask`](super::text::bytes_mask), held once
    /// for all its events as the expansions are.
    folded_pillars: Vec<Vec<u8>>,
    pillar_masks: Vec<u64>,
    /// Per event: its title's length in chars, for the shorter-title tie-break.
    title_lengths: Shared<u16>,
    /// Per event: its pillar, kept compact so filtering by pillar reads little memory.
    pillars: Shared<u16>,
    /// Per pillar: how many events it holds.
    pillar_sizes: Vec<usize>,
    /// Glossary entries as `(key, expansion)`, in the timeline's (sorted) order.
    glossary: Vec<(String, String)>,
    /// Glossary ids of each event's acronyms: event `e` has `acronym_ids[starts[e]..starts[e+1]]`.
    acronym_ids: Shared<u32>,
    starts: Shared<u32>,
    /// Normalized acronym → the events that list it, ascending.
    by_acronym: HashMap<String, Vec<EventId>>,
    /// Normalized glossary key of a "+" form (`TELMIN+Japan`, `SOMTC + Japan Consultation`)
    /// → the events that list its bare acronym (`TELMIN`, `SOMTC`), ascending: a term naming
    /// the form finds them too, below the form's own (see [`build`](mod@build)).
    related: HashMap<String, Vec<EventId>>,
    /// Normalized glossary key → its id (the first, of keys that normalize alike).
    glossary_ids: HashMap<String, usize>,
    /// Glossary id → events whose text spells out the expansion, found on first use.
    spelled_out: Mutex<HashMap<usize, Arc<Vec<EventId>>>>,
    matcher: SkimMatcherV2,
}

impl Index {
    /// The timeline this index was built from.
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// How many events pillar `pillar` holds (0 for no such pillar): the pillar picker shows
    /// it, so that a pillar without events is known before it is picked.
    pub fn pillar_size(&self, pillar: usize) -> usize {
        self.pillar_sizes.get(pillar).copied().unwrap_or(0)
    }

    /// Per event, its pillar, compact: for code outside the index that reads the pillars of
    /// many events (the density strip), without keeping its own copy.
    pub fn pillars(&self) -> &[u16] {
        &self.pillars
    }

    /// The events of the pillars `shown` holds, ascending.
    pub fn in_pillars(&self, shown: &PillarSet) -> Vec<EventId> {
        let pillars: &[u16] = &self.pillars;
        (0..pillars.len())
            .filter(|&event| shown.shows(pillars[event] as usize))
            .map(EventId::at)
            .collect()
    }
}
