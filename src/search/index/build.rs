//! Building the index from a timeline, once: the folded text, the folded pillar names,
//! per-event masks and title lengths, glossary ids of each event's acronyms, and postings from
//! acronyms to events.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use fuzzy_matcher::skim::SkimMatcherV2;

use super::Index;
use super::parts::SearchParts;
use crate::search::folded::{Folded, fold};
use crate::search::text::{bytes_mask, char_mask, normalize};
use crate::timeline::{EventId, Timeline};

/// What an index derives from a timeline's glossary and pillars, cheaply, whether its
/// expensive parts are built or come from a snapshot.
pub(super) struct Cheap {
    /// Glossary entries as `(key, expansion)`, in the timeline's (sorted) order.
    glossary: Vec<(String, String)>,
    folded_expansions: Vec<Vec<u8>>,
    expansion_masks: Vec<u64>,
    folded_pillars: Vec<Vec<u8>>,
    pillar_masks: Vec<u64>,
}

impl Cheap {
    pub(super) fn of(timeline: &Timeline) -> Self {
        let glossary: Vec<(String, String)> = timeline
            .glossary
            .iter()
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        let folded_expansions: Vec<Vec<u8>> = glossary
            .iter()
            .map(|(_, expansion)| fold(expansion))
            .collect();
        // Folding can make an expansion ASCII; its mask still says it holds non-ASCII text.
        let expansion_masks = folded_expansions
            .iter()
            .zip(&glossary)
            .map(|(folded, (_, expansion))| bytes_mask(folded) | char_mask(expansion))
            .collect();
        let folded_pillars: Vec<Vec<u8>> = timeline.pillars.iter().map(|p| fold(&p.name)).collect();
        let pillar_masks = folded_pillars
            .iter()
            .zip(&timeline.pillars)
            .map(|(folded, pillar)| bytes_mask(folded) | char_mask(&pillar.name))
            .collect();
        Cheap {
            glossary,
            folded_expansions,
            expansion_masks,
            folded_pillars,
            pillar_masks,
        }
    }
}

impl SearchParts {
    /// The expensive parts of an index of `timeline`, built from its events' text and what
    /// `cheap` derived from it.
    fn build(timeline: &Timeline, cheap: &Cheap) -> Self {
        let ids: HashMap<&str, u32> = timeline
            .glossary
            .keys()
            .enumerate()
            .map(|(id, key)| (key.as_str(), id as u32))
            .collect();
        let count = timeline.events.len();
        let folded = Folded::new(timeline);
        // Read from the events once; the loops after read this compact copy.
        let pillars: Vec<u16> = timeline.events.iter().map(|e| e.pillar as u16).collect();
        let mut acronym_ids = Vec::with_capacity(count);
        let mut acronym_starts = Vec::with_capacity(count + 1);
        acronym_starts.push(0);
        for event in &timeline.events {
            // The loader guarantees every acronym is a glossary key.
            acronym_ids.extend(event.acronyms.iter().filter_map(|a| ids.get(&**a).copied()));
            acronym_starts.push(acronym_ids.len() as u32);
        }
        // Folded text holds every field but the expansions and the pillar's name, whose masks
        // are held once each and added here.
        let masks: Vec<u64> = (0..count)
            .map(|e| {
                let pillar = pillars[e] as usize;
                let own = folded.mask(e) | cheap.pillar_masks.get(pillar).copied().unwrap_or(0);
                let ids = &acronym_ids[acronym_starts[e] as usize..acronym_starts[e + 1] as usize];
                ids.iter()
                    .fold(own, |mask, &id| mask | cheap.expansion_masks[id as usize])
            })
            .collect();
        let title_lengths = timeline.events.iter().map(|e| e.title().chars().count());
        let title_lengths: Vec<u16> = title_lengths
            .map(|n| n.min(u16::MAX as usize) as u16)
            .collect();
        SearchParts {
            masks: masks.into(),
            pillars: pillars.into(),
            folded,
            acronym_ids: acronym_ids.into(),
            acronym_starts: acronym_starts.into(),
            title_lengths: title_lengths.into(),
        }
    }
}

impl Index {
    /// An index of `timeline`, which it keeps (shared, not copied).
    pub fn new(timeline: impl Into<Arc<Timeline>>) -> Self {
        let timeline: Arc<Timeline> = timeline.into();
        let cheap = Cheap::of(&timeline);
        let parts = SearchParts::build(&timeline, &cheap);
        Index::assemble(timeline, parts, cheap)
    }

    /// The index from its expensive `parts`, which must fit `timeline` (built from it, or
    /// checked by [`Index::with_parts`]), and the `cheap` ones derived from it. The parts are
    /// only read: they may lie in a snapshot's map.
    pub(super) fn assemble(timeline: Arc<Timeline>, parts: SearchParts, cheap: Cheap) -> Self {
        let SearchParts {
            folded,
            masks,
            acronym_ids,
            acronym_starts: starts,
            title_lengths,
            pillars,
        } = parts;
        let Cheap {
            glossary,
            folded_expansions,
            expansion_masks,
            folded_pillars,
            pillar_masks,
        } = cheap;
        let mut pillar_sizes = vec![0; timeline.pillars.len()];
        for &pillar in pillars.iter() {
            if let Some(size) = pillar_sizes.get_mut(pillar as usize) {
                *size += 1;
            }
        }
        // Postings per glossary id, then keyed by the normalized acronym (several keys, such as
        // `ADMM-Plus` and `ADMM Plus`, may normalize alike).
        let mut postings: Vec<Vec<EventId>> = vec![Vec::new(); glossary.len()];
        for (number, pair) in starts.windows(2).enumerate() {
            for &id in &acronym_ids[pair[0] as usize..pair[1] as usize] {
                postings[id as usize].push(EventId::at(number));
            }
        }
        let mut by_acronym: HashMap<String, Vec<EventId>> = HashMap::new();
        for ((key, _), events) in glossary.iter().zip(postings) {
            if !events.is_empty() {
                let merged = by_acronym.entry(normalize(key)).or_default();
                merged.extend(events);
                merged.sort_unstable();
                merged.dedup();
            }
        }
        let mut glossary_ids: HashMap<String, usize> = HashMap::new();
        for (id, (key, _)) in glossary.iter().enumerate() {
            glossary_ids.entry(normalize(key)).or_insert(id);
        }
        let related = related_acronyms(&glossary, &by_acronym);
        Index {
            related,
            masks,
            glossary_ids,
            pillars,
            pillar_sizes,
            title_lengths,
            folded,
            folded_expansions,
            expansion_masks,
            folded_pillars,
            pillar_masks,
            acronym_ids,
            starts,
            by_acronym,
            spelled_out: Mutex::new(HashMap::new()),
            matcher: SkimMatcherV2::default(),
            glossary,
            timeline,
        }
    }

    /// The events listing the bare acronym of the "+" form `term` names (see
    /// [`related_acronyms`]); empty when it names none.
    pub(super) fn related_to(&self, term: &str) -> Vec<EventId> {
        self.related
            .get(&normalize(term))
            .cloned()
            .unwrap_or_default()
    }

    pub(super) fn expansion_ids(&self, event: usize) -> &[u32] {
        &self.acronym_ids[self.starts[event] as usize..self.starts[event + 1] as usize]
    }

    /// The best of `scores` (per glossary id, as [`Index::expansion_scores`] gives them) over
    /// event `event`'s expansions: 0 when it has none, or `scores` is empty (no expansion
    /// holds the term).
    #[inline]
    pub(super) fn best_expansion_score(&self, event: usize, scores: &[u32]) -> u32 {
        if scores.is_empty() {
            return 0;
        }
        let ids = self.expansion_ids(event).iter();
        ids.map(|&id| scores[id as usize]).max().unwrap_or(0)
    }

    /// `scores` (per pillar, as [`Index::shared_scores`] gives them) for event `event`'s
    /// pillar: 0 when `scores` is empty (no pillar's name holds the term).
    #[inline]
    pub(super) fn pillar_score(&self, event: usize, scores: &[u32]) -> u32 {
        let pillar = self.pillars[event] as usize;
        scores.get(pillar).copied().unwrap_or(0)
    }

    pub(super) fn expansions<'a>(&'a self, event: usize) -> impl Iterator<Item = &'a str> + 'a {
        self.expansion_ids(event)
            .iter()
            .map(|&id| self.glossary[id as usize].1.as_str())
    }
}

/// Per "+ Japan" form in the glossary — a key whose part before its `+` is itself a key and
/// whose part after it starts with Japan, as the source writes the ASEAN and Japan meetings
/// (`TELMIN+Japan`, `ASOD + Japan`, `SOMTC + Japan Consultation`) beside the ASEAN-only ones
/// (`TELMIN`, `ASOD`, `SOMTC`) — the form's normalized key and the events listing the bare key.
/// Each event lists the form its source uses, so a reader searching for either form would
/// otherwise miss the other's events; a term naming the bare key already finds the form's
/// events, where the key is written in them. Other "+" keys (`ASEAN+1`) name no meeting of
/// the bare key's and are left alone.
fn related_acronyms(
    glossary: &[(String, String)],
    by_acronym: &HashMap<String, Vec<EventId>>,
) -> HashMap<String, Vec<EventId>> {
    glossary
        .iter()
        .filter_map(|(key, _)| {
            let (bare, with) = key.split_once('+')?;
            let with = with.trim_start().get(..JAPAN.len())?;
            if !with.eq_ignore_ascii_case(JAPAN) {
                return None;
            }
            let events = by_acronym.get(&normalize(bare))?;
            Some((normalize(key), events.clone()))
        })
        .collect()
}

/// What follows the `+` of a form [`related_acronyms`] relates to its bare acronym.
const JAPAN: &str = "Japan";
