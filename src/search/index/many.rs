//! Many ORed text terms matched in about one pass over each event, not one pass per term.
//!
//! A pasted list of words (`jaif | ajcep | mekong | …`, hundreds of them) would otherwise search
//! each event once per term. A group's positive text terms are instead found together: one
//! Aho–Corasick automaton walks the event's folded text once and names the terms written there,
//! in order, so only those are scored (and only while one could still beat the best so far);
//! the terms' scores in the glossary's expansions are merged into one table per glossary entry;
//! the events that list or spell out an acronym a term names are one bit set. Letters scattered
//! through the short fields are sought only when no term is written, and only for terms whose
//! characters the short fields hold, tested with one mask per term. The result is the group's
//! score exactly as scoring each term and keeping the best gives it.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::Index;
use super::compile::{CompiledTerm, Shared, Test};
use super::hits::FROM_SCRATCH;
use super::score::{EXACT_ACRONYM, TITLE_START, folded_score, written_in};
use crate::search::field::Field;
use crate::search::query::TextMode;
use crate::search::text::bytes_mask;

/// From this many terms in a group, they are matched together; fewer are searched one by one,
/// which costs less than walking an automaton over the event (measured over 100k events: the
/// walk costs as much as 8 to 20 terms searched alone, as they are common or rare).
pub(super) const TOGETHER_FROM: usize = 16;

/// How a group's terms are scored: some together, the rest one by one.
pub(super) struct Plan {
    pub together: Option<Together>,
    /// Positions in the group of the terms scored one by one.
    pub alone: Vec<usize>,
}

impl Plan {
    /// Groups `group`'s positive text terms searched in folded text, when there are enough of
    /// them, except those `apart` says must be scored alone (the term that resumes).
    pub fn new(events: usize, group: &[CompiledTerm], apart: impl Fn(usize) -> bool) -> Self {
        let (together, alone): (Vec<usize>, Vec<usize>) = (0..group.len()).partition(|&t| {
            let term = &group[t];
            // A term naming a "+" form scores the bare form's events alone.
            !term.negated
                && !apart(t)
                && matches!(&term.test, Test::Text(text)
                    if text.sought.is_some() && text.related.is_empty())
        });
        match Together::new(events, group, &together) {
            Some(matched) => Plan {
                together: Some(matched),
                alone,
            },
            // Too few to gain, or too many for an automaton: each alone.
            _ => Plan {
                together: None,
                alone: (0..group.len()).collect(),
            },
        }
    }
}

/// Text terms of one group, prepared to be matched together.
pub(super) struct Together {
    /// Per pattern of `written`: the positions in the group of the terms searching for it.
    terms: Vec<Vec<usize>>,
    /// Finds every pattern written in an event's folded text, in order of where they end.
    written: AhoCorasick,
    /// The fuzzy terms' positions in the group, and the characters each needs.
    fuzzy: Vec<usize>,
    fuzzy_masks: Vec<u64>,
    /// The best scores any of the terms has in each expansion and pillar name.
    shared: Shared,
    /// A bit per event: whether it lists an acronym a term names, or spells out its expansion.
    listed: Vec<u64>,
}

/// The most a term can score when it is first written in `field`: once the best score so far
/// reaches the field's, no term written from there on can beat it.
const fn field_best(field: Field) -> u32 {
    match field {
        Field::Title => TITLE_START,
        _ => written_in(field, true),
    }
}

/// The most letters scattered through a field can score: a term written anywhere scores at
/// least this.
const SCATTERED_BEST: u32 = match Field::Title.scattered() {
    Some(score) => score,
    None => 0,
};

impl Together {
    fn new(events: usize, group: &[CompiledTerm], positions: &[usize]) -> Option<Self> {
        if positions.len() < TOGETHER_FROM {
            return None;
        }
        let mut patterns: Vec<&[u8]> = Vec::new();
        let mut numbers: HashMap<&[u8], usize> = HashMap::new();
        let mut terms: Vec<Vec<usize>> = Vec::new();
        let (mut fuzzy, mut fuzzy_masks) = (Vec::new(), Vec::new());
        let mut shared = Shared::default();
        let mut listed = Vec::new();
        for &t in positions {
            let Test::Text(text) = &group[t].test else {
                continue;
            };
            let Some(sought) = &text.sought else {
                continue;
            };
            let needle = sought.finder.needle();
            match numbers.entry(needle) {
                Entry::Occupied(known) => terms[*known.get()].push(t),
                Entry::Vacant(new) => {
                    new.insert(patterns.len());
                    patterns.push(needle);
                    terms.push(vec![t]);
                }
            }
            if text.mode == TextMode::Fuzzy {
                fuzzy.push(t);
                fuzzy_masks.push(text.mask);
            }
            shared.merge(&text.shared);
            for event in text.named() {
                if listed.is_empty() {
                    listed = vec![0u64; events.div_ceil(64)];
                }
                listed[event.index() / 64] |= 1 << (event.index() % 64);
            }
        }
        // A DFA: the fastest automaton to walk, and a thousand short terms make a small one.
        let written = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .or_else(|_| AhoCorasick::builder().build(&patterns))
            .ok()?;
        Some(Together {
            terms,
            written,
            fuzzy,
            fuzzy_masks,
            shared,
            listed,
        })
    }

    /// The best score of the terms in event `number`, or `None` when none matches: what
    /// scoring each term alone and keeping the best gives.
    pub fn score(&self, index: &Index, group: &[CompiledTerm], number: usize) -> Option<u32> {
        let listed = self
            .listed
            .get(number / 64)
            .is_some_and(|bits| bits & (1 << (number % 64)) != 0);
        if listed {
            return Some(EXACT_ACRONYM);
        }
        let score_term = |t: usize| {
            let Test::Text(text) = &group[t].test else {
                return 0;
            };
            let Some(sought) = &text.sought else {
                return 0;
            };
            folded_score(index, number, sought, &text.shared, text.mode, FROM_SCRATCH)
                .0
                .unwrap_or(0)
        };
        let mut best = index
            .best_expansion_score(number, &self.shared.expansions)
            .max(index.pillar_score(number, &self.shared.pillars));
        let event = index.folded.fields_of(number);
        let text = index.folded.event(number);
        // The patterns scored so far in this event (a few: the walk stops at the first field
        // that cannot beat the best).
        let mut scored: [u32; 16] = [u32::MAX; 16];
        let mut count = 0;
        for found in self.written.find_overlapping_iter(text) {
            if field_best(event.field_at(found.start())) <= best {
                break;
            }
            let pattern = found.pattern().as_u32();
            if scored[..count].contains(&pattern) {
                continue;
            }
            if count < scored.len() {
                scored[count] = pattern;
                count += 1;
            }
            for &t in &self.terms[pattern as usize] {
                best = best.max(score_term(t));
            }
        }
        if best < SCATTERED_BEST {
            // No term is written: letters may still be scattered through the short fields.
            let holds = bytes_mask(event.short_fields());
            for (at, mask) in self.fuzzy_masks.iter().enumerate() {
                if mask & !holds == 0 {
                    best = best.max(score_term(self.fuzzy[at]));
                    if best >= SCATTERED_BEST {
                        break;
                    }
                }
            }
        }
        (best > 0).then_some(best)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::small_timeline;
    use super::*;
    use crate::search::index::Candidates;
    use crate::search::query::Query;
    use crate::timeline::{EventId, bundled};
    use std::collections::BTreeMap;

    /// Each matching event's score, by event.
    fn scores(
        index: &Index,
        timeline: &crate::timeline::Timeline,
        query: &str,
    ) -> BTreeMap<EventId, u32> {
        let compiled = index.compile(&Query::parse(query).unwrap());
        let all: Vec<EventId> = timeline.event_ids().collect();
        let found = index.matches(&compiled, Candidates::Events(&all), 0).hits;
        found.iter().map(|hit| (hit.event, hit.score)).collect()
    }

    #[test]
    fn identical_terms_are_compiled_once() {
        let timeline = bundled().unwrap();
        let index = Index::new(timeline);
        let timeline = index.timeline();
        let query = vec!["jaif"; 1000].join(" | ");
        let compiled = index.compile(&Query::parse(&query).unwrap());
        assert_eq!(compiled.groups.len(), 1);
        assert_eq!(compiled.groups[0].len(), 1);
        assert_eq!(
            scores(&index, timeline, &query),
            scores(&index, timeline, "jaif")
        );
    }

    #[test]
    fn many_terms_are_matched_together() {
        let timeline = bundled().unwrap();
        let index = Index::new(timeline);
        let timeline = index.timeline();
        let words = [
            "jaif",
            "ajcep",
            "tokyo",
            "bali",
            "summit",
            "'fund",
            "^asean",
            "cyber",
            "mekong",
            "maritime",
            "youth",
            "defence",
            "jenesys",
            "energy",
            "hanoi",
            "ministers",
            "disaster$",
            "tsunami",
        ];
        assert!(words.len() > TOGETHER_FROM);
        let query = words.join(" | ");
        let compiled = index.compile(&Query::parse(&query).unwrap());
        let plan = &compiled.plans[0];
        assert!(plan.together.is_some());
        assert_eq!(
            plan.alone,
            [words.len() - 1],
            "the last term resumes, alone"
        );
        let mut best: BTreeMap<EventId, u32> = BTreeMap::new();
        for word in words {
            for (event, score) in scores(&index, timeline, word) {
                let kept = best.entry(event).or_default();
                *kept = (*kept).max(score);
            }
        }
        assert_eq!(scores(&index, timeline, &query), best);
    }

    proptest::proptest! {
        /// A group matched together scores every event as the best of its terms alone.
        #[test]
        fn together_scores_as_the_best_term_alone(
            events in proptest::collection::vec(
                proptest::array::uniform5("[abc][abcáĀ -]{0,12}"), 1..8),
            glossary in proptest::collection::vec("[abc][abcáĀ -]{5,10}", 0..4),
            terms in proptest::collection::vec(
                ("[abcá]{1,3}|k[0-3]", proptest::sample::select(vec!["", "'", "^", "$"])),
                TOGETHER_FROM + 1..TOGETHER_FROM + 8),
        ) {
            let timeline = small_timeline(&events, &glossary);
            let index = Index::new(timeline);
            let timeline = index.timeline();
            let terms: Vec<String> = terms
                .iter()
                .map(|(text, operator)| match *operator {
                    "$" => format!("{text}$"),
                    operator => format!("{operator}{text}"),
                })
                .collect();
            let mut best: BTreeMap<EventId, u32> = BTreeMap::new();
            for term in &terms {
                for (event, score) in scores(&index, timeline, term) {
                    let kept = best.entry(event).or_default();
                    *kept = (*kept).max(score);
                }
            }
            let query = terms.join(" | ");
            proptest::prop_assert_eq!(scores(&index, timeline, &query), best, "{}", query);
        }
    }
}
