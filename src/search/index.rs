//! Matching and ranking events against a [`Query`].
//!
//! Ranking follows what a reader means by "best": an event whose acronym *is* the term comes
//! first; then the term written out in a field — the title (as its start or a whole word, then
//! anywhere), acronyms, their expansions, mechanisms, place, summary, in that order, a whole word
//! counting more than part of one; then the term's letters scattered in order through a field
//! (fzf's fuzzy match), title first. A contiguous match anywhere outranks a scattered one, so
//! `bagan` finds the meeting in Bagan before a title whose letters happen to spell it. Ties go to
//! the shorter title, then to timeline order. A query's score adds its terms' scores.
//!
//! Speed comes from preparing per event a 64-bit mask of the characters it holds (most events
//! fail a term on the mask alone), glossary ids instead of lookups, postings for exact acronyms,
//! and splitting large scans across cores. `fuzzy-matcher` (SkimMatcherV2) supplies the
//! highlighted positions for the rows on screen.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use chrono::Datelike;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::accents::fold_str;
use super::best::Best;
use super::field::Field;
use super::folded::{
    Folded, Sought, anchored, fold, items, letters_in_an_item, occurrence, subsequence,
    subsequence_end,
};
use super::parallel::{PARALLEL_FROM, cores, in_parts, join};
use super::query::{Query, Term, TermKind, TextMode, YearRange};
use super::text::{
    Anchor, Needle, TitleMatch, bytes_mask, char_mask, contains_normalized, normalize,
};
use crate::timeline::{Event, EventId, Timeline};
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use memchr::memmem::Finder;

mod many;
use many::Plan;

/// Score of a term that equals one of the event's acronyms (or names its spelled-out expansion).
const EXACT_ACRONYM: u32 = 100;
/// A title that starts with the term (or holds it as a whole word).
const TITLE_START: u32 = 90;
/// What a whole word adds to the score of a term written out in a [`Field`].
const WORD_BONUS: u32 = 2;

/// What a search found.
#[derive(Default)]
pub struct Matches {
    /// Every hit, in timeline order.
    pub hits: Hits,
    /// The events of the best hits, as many as were asked for, in ranked order (as
    /// [`Index::ranked`] orders them).
    pub first: Vec<EventId>,
}

/// An event that matched, with how well.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hit {
    pub event: EventId,
    pub score: u32,
    /// Where the query's last term first occurs in the event's searchable text, for the next,
    /// longer query to resume from (see [`Candidate`]): private to the index, which
    /// alone knows the encoding.
    from: u32,
}

/// A search's hits, in timeline order, kept so that a query typed onto this one can narrow
/// them ([`Candidates::Narrow`]) rather than search every event again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hits(Vec<Hit>);

impl Hits {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every hit, in timeline order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &Hit> {
        self.0.iter()
    }

    /// The events hit, ascending.
    pub fn events(&self) -> impl ExactSizeIterator<Item = EventId> + '_ {
        self.0.iter().map(|hit| hit.event)
    }

    /// Every hit, in timeline order, for a binary search by event.
    pub fn as_slice(&self) -> &[Hit] {
        &self.0
    }
}

/// Hits on `events` (ascending) with no score, as a search that only filters finds them; a
/// query narrowing them searches each in full.
impl FromIterator<EventId> for Hits {
    fn from_iter<I: IntoIterator<Item = EventId>>(events: I) -> Self {
        let hit = |event| Hit {
            event,
            score: 0,
            from: 0,
        };
        Hits(events.into_iter().map(hit).collect())
    }
}

/// The events a search considers, in ascending order.
#[derive(Clone, Copy, Debug)]
pub enum Candidates<'a> {
    /// These events, each searched in full.
    Events(&'a [EventId]),
    /// For a query that narrows ([`extends`](super::query::extends)) the one that found
    /// `previous`: those hits, each searched from where that query left off, and the events
    /// the new query `named` ([`Compiled::named_events`]), searched in full.
    Narrow {
        previous: &'a Hits,
        named: &'a [EventId],
    },
}

/// A hit as a candidate for a query that narrows this one.
impl From<Hit> for Candidate {
    fn from(hit: Hit) -> Self {
        Candidate {
            event: hit.event,
            from: hit.from,
        }
    }
}

/// An event to match, and what the previous, shorter query learnt about its last term there.
///
/// Typing onto a term can only move its first occurrence later, and its letters, matched in
/// order, extend the shorter term's. So a keystroke that grows the last term
/// ([`Query::grows_last_term`]) resumes each event's search where the previous one left off:
/// from the shorter term's first occurrence, or, where it occurred only letter by letter, from
/// where its letters ended; and where the shorter term's letters were not there at all, the
/// longer term's are not either.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Candidate {
    event: EventId,
    /// Where to resume, in the [`Resume`] encoding; 0 searches the event in full.
    from: u32,
}

/// An event to search in full.
impl From<EventId> for Candidate {
    fn from(event: EventId) -> Self {
        Candidate { event, from: 0 }
    }
}

/// The union of the previous query's hits and the events a query names (both ascending), as
/// candidates; of an event in both, the hit.
fn merge_candidates(hits: &[Hit], named: &[EventId]) -> Vec<Candidate> {
    let mut merged = Vec::with_capacity(hits.len() + named.len());
    let mut a = hits.iter().map(|&hit| Candidate::from(hit)).peekable();
    let mut b = named.iter().map(|&event| Candidate::from(event)).peekable();
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if y.event < x.event => b.next(),
            (Some(x), Some(y)) if y.event == x.event => {
                b.next();
                a.next()
            }
            (Some(_), _) => a.next(),
            (None, _) => b.next(),
        };
        match next {
            Some(candidate) => merged.push(candidate),
            None => return merged,
        }
    }
}

/// Where the search for a growing term resumes in one event (see [`Candidate`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Resume {
    /// The term can first occur, as written, at this byte of the event's folded text or later.
    Written(usize),
    /// The term is nowhere written; its letters are not known to occur in order.
    Unwritten,
    /// The term is nowhere written; the shorter term's letters, matched greedily through the
    /// short fields, end at this byte.
    Letters(usize),
    /// The term is neither written nor spelled letter by letter in the event's own text.
    Nowhere,
}

impl Resume {
    const UNWRITTEN: u32 = 1 << 30;
    const LETTERS: u32 = 1 << 31;
    const NOWHERE: u32 = u32::MAX;

    /// Events are far shorter than a gigabyte (the largest file read), so offsets fit below
    /// the markers.
    #[inline]
    fn encode(self) -> u32 {
        match self {
            Resume::Written(at) => at.min(Self::UNWRITTEN as usize - 1) as u32,
            Resume::Letters(end) if end < Self::UNWRITTEN as usize => Self::LETTERS + end as u32,
            Resume::Letters(_) | Resume::Unwritten => Self::UNWRITTEN,
            Resume::Nowhere => Self::NOWHERE,
        }
    }

    #[inline]
    fn decode(from: u32) -> Self {
        match from {
            Self::NOWHERE => Resume::Nowhere,
            _ if from >= Self::LETTERS => Resume::Letters((from - Self::LETTERS) as usize),
            Self::UNWRITTEN.. => Resume::Unwritten,
            _ => Resume::Written(from as usize),
        }
    }
}

/// Searchable facts about a timeline, prepared once so each keystroke only matches.
pub struct Index {
    /// The timeline the index was built from, owned so that it is the only one it is ever
    /// asked about.
    timeline: Arc<Timeline>,
    /// Per event: the [`char_mask`] of all its searchable text, so an event that lacks a
    /// character of the term is never read.
    masks: Vec<u64>,
    /// The events' text, folded and laid end to end for fast scanning.
    folded: Folded,
    /// Per glossary id: the expansion, folded, and its [`bytes_mask`].
    folded_expansions: Vec<Vec<u8>>,
    expansion_masks: Vec<u64>,
    /// Per event: its title's length in chars, for the shorter-title tie-break.
    title_lengths: Vec<u16>,
    /// Per event: its pillar, kept compact so filtering by pillar reads little memory.
    pillars: Vec<u16>,
    /// Glossary entries as `(key, expansion)`, in the timeline's (sorted) order.
    glossary: Vec<(String, String)>,
    /// Glossary ids of each event's acronyms: event `e` has `acronym_ids[starts[e]..starts[e+1]]`.
    acronym_ids: Vec<u32>,
    starts: Vec<u32>,
    /// Normalized acronym → the events that list it, ascending.
    by_acronym: HashMap<String, Vec<EventId>>,
    /// Normalized glossary key → its id (the first, of keys that normalize alike).
    glossary_ids: HashMap<String, usize>,
    /// Glossary id → events whose text spells out the expansion, found on first use.
    spelled_out: Mutex<HashMap<usize, Arc<Vec<EventId>>>>,
    matcher: SkimMatcherV2,
}

impl Index {
    /// An index of `timeline`, which it keeps (shared, not copied).
    pub fn new(timeline: impl Into<Arc<Timeline>>) -> Self {
        let timeline: Arc<Timeline> = timeline.into();
        let glossary: Vec<(String, String)> = timeline
            .glossary
            .iter()
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        let ids: HashMap<&str, u32> = glossary
            .iter()
            .enumerate()
            .map(|(id, (key, _))| (key.as_str(), id as u32))
            .collect();
        let count = timeline.events.len();
        let folded = Folded::new(&timeline);
        let folded_expansions: Vec<Vec<u8>> = glossary
            .iter()
            .map(|(_, expansion)| fold(expansion))
            .collect();
        // Folding can make an expansion ASCII; its mask still says it holds non-ASCII text.
        let expansion_masks: Vec<u64> = folded_expansions
            .iter()
            .zip(&glossary)
            .map(|(folded, (_, expansion))| bytes_mask(folded) | char_mask(expansion))
            .collect();
        // Postings per glossary id, then keyed by the normalized acronym (several keys, such as
        // `ADMM-Plus` and `ADMM Plus`, may normalize alike).
        let mut postings: Vec<Vec<EventId>> = vec![Vec::new(); glossary.len()];
        let mut acronym_ids = Vec::with_capacity(count);
        let mut starts = Vec::with_capacity(count + 1);
        let mut masks = Vec::with_capacity(count);
        starts.push(0);
        for (number, event) in timeline.events.iter().enumerate() {
            // Folded text holds every field but the expansions, whose masks are known.
            let mut mask = folded.mask(number);
            for acronym in &event.acronyms {
                // The loader guarantees every acronym is a glossary key.
                if let Some(&id) = ids.get(&**acronym) {
                    acronym_ids.push(id);
                    mask |= expansion_masks[id as usize];
                    postings[id as usize].push(EventId::at(number));
                }
            }
            masks.push(mask);
            starts.push(acronym_ids.len() as u32);
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
        Index {
            masks,
            glossary_ids,
            pillars: timeline.events.iter().map(|e| e.pillar as u16).collect(),
            title_lengths: timeline
                .events
                .iter()
                .map(|e| e.title().chars().count().min(u16::MAX as usize) as u16)
                .collect(),
            folded,
            folded_expansions,
            expansion_masks,
            acronym_ids,
            starts,
            by_acronym,
            spelled_out: Mutex::new(HashMap::new()),
            matcher: SkimMatcherV2::default(),
            glossary,
            timeline,
        }
    }

    /// The timeline this index was built from.
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    fn expansion_ids(&self, event: usize) -> &[u32] {
        &self.acronym_ids[self.starts[event] as usize..self.starts[event + 1] as usize]
    }

    fn expansions<'a>(&'a self, event: usize) -> impl Iterator<Item = &'a str> + 'a {
        self.expansion_ids(event)
            .iter()
            .map(|&id| self.glossary[id as usize].1.as_str())
    }

    /// Per glossary id, the score of a term (searched with `finder`, matched as `mode`) in that
    /// entry's folded expansion, as the expansions field of an event scores it; 0 where absent.
    /// Empty when no expansion holds the term, so events need not look theirs up.
    fn expansion_scores(&self, finder: &Finder, mode: TextMode) -> Vec<u32> {
        let (written, scattered) = (Field::Expansions.written(), Field::Expansions.scattered());
        let needle = finder.needle();
        // An expansion without all the term's characters holds it in no way: most, for a
        // query of many terms, each looked for in every expansion.
        let needs = bytes_mask(needle);
        let scores: Vec<u32> = self
            .folded_expansions
            .iter()
            .zip(&self.expansion_masks)
            .map(|(text, &holds)| match mode {
                _ if needs & !holds != 0 => 0,
                TextMode::Fuzzy | TextMode::Substring => match occurrence(text, finder) {
                    Some(found) => written + if found.word { WORD_BONUS } else { 0 },
                    None if mode == TextMode::Fuzzy && subsequence(text, needle) => {
                        scattered.unwrap_or(0)
                    }
                    None => 0,
                },
                _ => u32::from(anchored(text, needle, mode)) * written,
            })
            .collect();
        if scores.iter().any(|&score| score > 0) {
            scores
        } else {
            Vec::new()
        }
    }

    /// Events whose title or summary spells out glossary entry `id`'s expansion.
    fn spelled_out(&self, id: usize) -> Arc<Vec<EventId>> {
        let mut cache = self.spelled_out.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(id)
            .or_insert_with(|| {
                let expansion = normalize(&self.glossary[id].1);
                let events = if expansion.len() < 6 {
                    Vec::new()
                } else {
                    self.events_spelling(&expansion)
                };
                Arc::new(events)
            })
            .clone()
    }

    /// Finds which events spell out each of the glossary entries `ids` not yet known, in one
    /// scan for them all, so that a query naming many acronyms costs one scan, not one each;
    /// false when `stop` stopped it. Entries with an expansion that is not ASCII are left to
    /// [`Index::spelled_out`].
    fn spell_out(&self, ids: &[usize], stop: &(dyn Fn() -> bool + Sync)) -> bool {
        let timeline = self.timeline();
        let mut cache = self.spelled_out.lock().unwrap_or_else(|e| e.into_inner());
        let mut wanted: Vec<(usize, String)> = Vec::new();
        for &id in ids {
            let expansion = normalize(&self.glossary[id].1);
            if cache.contains_key(&id) || wanted.iter().any(|(known, _)| *known == id) {
                continue;
            }
            if expansion.len() < 6 {
                cache.insert(id, Arc::new(Vec::new()));
            } else if expansion.is_ascii() {
                wanted.push((id, expansion));
            }
        }
        if wanted.is_empty() {
            return true;
        }
        // One expansion is sought as before, letter by letter from its first; several with an
        // automaton that reads each text once.
        let single = match wanted.as_slice() {
            [(_, only)] => Some(only.as_bytes()),
            _ => None,
        };
        let automaton = match single {
            Some(_) => None,
            None => {
                let expansions = || wanted.iter().map(|(_, expansion)| expansion);
                let built = AhoCorasick::builder()
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(expansions())
                    .or_else(|_| AhoCorasick::new(expansions()));
                match built {
                    Ok(automaton) => Some(automaton),
                    Err(_) => return true,
                }
            }
        };
        let stopped = AtomicBool::new(false);
        let found: Vec<(u32, EventId)> =
            in_parts(timeline.events.len(), |events| {
                let (mut found, mut here, mut letters) = (Vec::new(), Vec::new(), Vec::new());
                for e in events {
                    if (e + 1) % EVENTS_BETWEEN_STOPS == 0
                        && (stopped.load(Ordering::Relaxed) || stop())
                    {
                        stopped.store(true, Ordering::Relaxed);
                        break;
                    }
                    let event = self.folded.fields_of(e);
                    let (title, summary) = (event.field(Field::Title), event.field(Field::Summary));
                    here.clear();
                    if !(title.is_ascii() && summary.is_ascii()) {
                        let event = &timeline.events[e];
                        here.extend(wanted.iter().enumerate().filter_map(
                            |(at, (_, expansion))| {
                                (contains_normalized(event.title(), expansion)
                                    || contains_normalized(event.summary(), expansion))
                                .then_some(at as u32)
                            },
                        ));
                    } else if let Some(only) = single {
                        if contains_folded(title, only) || contains_folded(summary, only) {
                            here.push(0);
                        }
                    } else if let Some(automaton) = &automaton {
                        for text in [title, summary] {
                            letters.clear();
                            letters.extend(text.iter().filter(|b| b.is_ascii_alphanumeric()));
                            let matched = automaton.find_overlapping_iter(&letters);
                            here.extend(matched.map(|m| m.pattern().as_u32()));
                        }
                        here.sort_unstable();
                        here.dedup();
                    }
                    found.extend(here.iter().map(|&pattern| (pattern, EventId::at(e))));
                }
                found
            })
            .concat();
        if stopped.load(Ordering::Relaxed) {
            return false;
        }
        let mut events: Vec<Vec<EventId>> = vec![Vec::new(); wanted.len()];
        for (pattern, event) in found {
            events[pattern as usize].push(event);
        }
        for ((id, _), events) in wanted.into_iter().zip(events) {
            cache.insert(id, Arc::new(events));
        }
        true
    }

    /// Events whose title or summary, normalized, contains `expansion` (normalized), split
    /// across cores. ASCII texts are read folded, skipping punctuation byte by byte; others
    /// take the general path.
    fn events_spelling(&self, expansion: &str) -> Vec<EventId> {
        let timeline = self.timeline();
        let needle = expansion.as_bytes();
        let spells = |e: usize| {
            let event = self.folded.fields_of(e);
            let (title, summary) = (event.field(Field::Title), event.field(Field::Summary));
            if title.is_ascii() && summary.is_ascii() && expansion.is_ascii() {
                contains_folded(title, needle) || contains_folded(summary, needle)
            } else {
                let event = &timeline.events[e];
                contains_normalized(event.title(), expansion)
                    || contains_normalized(event.summary(), expansion)
            }
        };
        in_parts(timeline.events.len(), |events| {
            events
                .filter(|&e| spells(e))
                .map(EventId::at)
                .collect::<Vec<EventId>>()
        })
        .concat()
    }

    /// The glossary acronyms that a term of four or more letters, naming none, misspells by one
    /// typo — a letter added, dropped or changed, or two letters swapped (`ajecp` for AJCEP) —
    /// with the events that list them, ascending. Only acronyms some event lists count, and a
    /// term whose letters run in order through one of them is its abbreviation (`ajcp`), which
    /// ranking already puts first, not a typo.
    fn misspelled_acronyms(&self, term: &str) -> Option<(Correction, Vec<EventId>)> {
        let typed = normalize(term);
        let length = typed.chars().count();
        let abbreviates = |acronym: &str| {
            let mut letters = acronym.chars();
            typed.chars().all(|wanted| letters.any(|c| c == wanted))
        };
        if length < 4 || self.by_acronym.keys().any(|acronym| abbreviates(acronym)) {
            return None;
        }
        // Normalized acronyms that events list, compared without allocating; sorted, so the
        // note reads the same each time.
        let mut near: Vec<&String> = self
            .by_acronym
            .keys()
            .filter(|acronym| {
                acronym.chars().count().abs_diff(length) <= 1
                    && strsim::osa_distance(&typed, acronym) == 1
            })
            .collect();
        if near.is_empty() {
            return None;
        }
        near.sort();
        let mut events: Vec<EventId> = near
            .iter()
            .flat_map(|acronym| self.by_acronym[*acronym].iter().copied())
            .collect();
        let acronyms = near
            .iter()
            .filter_map(|acronym| {
                let (key, _) = self
                    .glossary
                    .iter()
                    .find(|(key, _)| normalize(key) == **acronym)?;
                Some(key.clone())
            })
            .collect();
        events.sort_unstable();
        events.dedup();
        let typed = term.to_string();
        Some((Correction { typed, acronyms }, events))
    }

    /// Prepares `query` for matching against this index's timeline.
    pub fn compile(&self, query: &Query) -> Compiled {
        let never = || false;
        self.spell_out(&self.named_entries(query), &never);
        self.prepare(query)
    }

    /// [`Index::compile`], giving up (`None`) as soon as `stop` says so (see
    /// [`Index::matches_until`]): a query naming many acronyms first scans the timeline for
    /// the events that spell them out.
    pub fn compile_until(
        &self,
        query: &Query,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<Compiled> {
        self.spell_out(&self.named_entries(query), stop)
            .then(|| self.prepare(query))
    }

    /// The glossary ids of the entries the query's terms name, whose spelled-out events they
    /// match.
    fn named_entries(&self, query: &Query) -> Vec<usize> {
        query
            .terms()
            .filter_map(|term| match &term.kind {
                TermKind::Text { text, mode } if !term.negated && *mode != TextMode::Suffix => {
                    self.glossary_ids.get(&normalize(text)).copied()
                }
                _ => None,
            })
            .collect()
    }

    /// [`Index::compile`], once the events spelling out what the query names are known.
    fn prepare(&self, query: &Query) -> Compiled {
        let timeline = self.timeline();
        let glossary_id = |term: &str| self.glossary_ids.get(&normalize(term)).copied();
        let postings = |term: &str| {
            self.by_acronym
                .get(&normalize(term))
                .cloned()
                .unwrap_or_default()
        };
        // Identical terms in a group are one term (`jaif | jaif | …`), compiled once; the last of
        // them is kept, so the query's last term stays last.
        let distinct: Vec<Vec<&Term>> = query
            .groups
            .iter()
            .map(|group| {
                let mut seen = HashSet::new();
                let mut kept: Vec<&Term> = group
                    .iter()
                    .rev()
                    .filter(|term| seen.insert(*term))
                    .collect();
                kept.reverse();
                kept
            })
            .collect();
        let groups: Vec<Vec<CompiledTerm>> = distinct
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|term| {
                        let negated = term.negated;
                        let test = match &term.kind {
                            TermKind::Text { text, mode } => {
                                let exact = !negated && *mode != TextMode::Suffix;
                                let needle = Needle::new(text);
                                let sought = needle.folds_ascii().then(|| Sought::new(&fold(text)));
                                let mut acronym = if exact { postings(text) } else { Vec::new() };
                                let typo = (!negated
                                    && *mode == TextMode::Fuzzy
                                    && acronym.is_empty()
                                    && glossary_id(text).is_none())
                                .then(|| self.misspelled_acronyms(text))
                                .flatten()
                                .map(|(correction, events)| {
                                    acronym = events;
                                    correction
                                });
                                Test::Text(Box::new(TextTest {
                                    mask: needle.mask(),
                                    in_expansions: sought
                                        .as_ref()
                                        .map(|sought| self.expansion_scores(&sought.finder, *mode))
                                        .unwrap_or_default(),
                                    sought,
                                    needle,
                                    mode: *mode,
                                    acronym,
                                    typo,
                                    spelled_out: glossary_id(text)
                                        .filter(|_| exact)
                                        .map(|id| self.spelled_out(id)),
                                }))
                            }
                            TermKind::Pillar(text) => {
                                let needle = Needle::new(text);
                                Test::Pillar(
                                    timeline
                                        .pillars
                                        .iter()
                                        .map(|p| needle.fuzzy(&p.id) || needle.fuzzy(&p.name))
                                        .collect(),
                                )
                            }
                            TermKind::Acronym(text) => Test::Acronym(postings(text)),
                            TermKind::Place(text) => Test::Place(Needle::new(text)),
                            TermKind::Year(range) => Test::Year(*range),
                        };
                        CompiledTerm { negated, test }
                    })
                    .collect()
            })
            .collect();
        // `admm plus` names the acronym `ADMM-Plus` once its spaces are dropped.
        let plain_words: Option<Vec<&str>> = distinct
            .iter()
            .flatten()
            .map(|term| match &term.kind {
                TermKind::Text {
                    text,
                    mode: TextMode::Fuzzy,
                } if !term.negated => Some(text.as_str()),
                _ => None,
            })
            .collect();
        let whole_acronym = plain_words
            .filter(|words| words.len() > 1)
            .map(|words| postings(&words.concat()))
            .unwrap_or_default();
        // The last term, when it is a text term searched in the folded text, can resume.
        let resumable = groups.last().and_then(|group: &Vec<CompiledTerm>| {
            let term = group.last()?;
            let resumes = matches!(&term.test, Test::Text(text)
                if text.sought.is_some()
                    && matches!(text.mode, TextMode::Fuzzy | TextMode::Substring));
            (resumes && !term.negated).then(|| (groups.len() - 1, group.len() - 1))
        });
        // A group matches when one of its terms does: the characters all its terms need are
        // needed, unless a term is no positive text term (a field, an exclusion).
        let required = groups
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|term| match &term.test {
                        Test::Text(text) if !term.negated => text.mask,
                        _ => 0,
                    })
                    .fold(u64::MAX, |all, mask| all & mask)
            })
            .filter(|&mask| mask != u64::MAX)
            .fold(0, |all, mask| all | mask);
        let lone = matches!(groups.as_slice(), [group] if matches!(group.as_slice(),
            [term] if !term.negated && matches!(&term.test, Test::Text(text) if text.sought.is_some())));
        let events = timeline.events.len();
        let plans = groups
            .iter()
            .enumerate()
            .map(|(g, group)| Plan::new(events, group, |t| resumable == Some((g, t))))
            .collect();
        let mut compiled = Compiled {
            lone,
            groups,
            plans,
            whole_acronym,
            required,
            named: Vec::new(),
            resumable,
            resumed: None,
        };
        compiled.named = compiled.find_named_events(events);
        compiled
    }

    /// The events among `candidates` that match, in timeline order, and the best `first` of
    /// them in ranked order.
    pub fn matches(&self, query: &Compiled, candidates: Candidates<'_>, first: usize) -> Matches {
        let never = || false;
        self.matches_until(query, candidates, first, &never)
            .unwrap_or_default()
    }

    /// [`Index::matches`], giving up (`None`) as soon as `stop` says so: an explorer asks it
    /// whether the user has pressed a key, so a long search never keeps a key waiting. Every
    /// matching thread asks it every few thousand term tests (a fraction of a millisecond).
    pub fn matches_until(
        &self,
        query: &Compiled,
        candidates: Candidates<'_>,
        first: usize,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<Matches> {
        match candidates {
            Candidates::Events(events) => self.match_among(query, events, first, stop),
            // The previous hits, as they are, when the query names no event beyond them.
            Candidates::Narrow {
                previous,
                named: [],
            } => self.match_among(query, &previous.0, first, stop),
            Candidates::Narrow { previous, named } => {
                let merged = merge_candidates(&previous.0, named);
                self.match_among(query, &merged, first, stop)
            }
        }
    }

    /// [`Index::matches_until`] among `candidates`, ascending: events, or what a previous
    /// query learnt of them.
    fn match_among<C>(
        &self,
        query: &Compiled,
        candidates: &[C],
        first: usize,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<Matches>
    where
        C: Copy + Sync + Into<Candidate>,
    {
        // Each thread writes its hits into its own part of one buffer, and the parts are then
        // closed up: no per-thread vectors to allocate, fault in and copy together, and no
        // clearing of the buffer first (16 MB at a million candidates).
        let lone = query.lone_folded_term();
        let stopped = AtomicBool::new(false);
        let every = (TESTS_BETWEEN_STOPS / query.tests_per_candidate()).max(1);
        let scan = |chunk: &[C], out: &mut [MaybeUninit<Hit>], best: &mut Best| -> Option<usize> {
            let mut found = 0;
            let mut until_asked = every;
            for &candidate in chunk {
                until_asked -= 1;
                if until_asked == 0 {
                    until_asked = every;
                    if stopped.load(Ordering::Relaxed) || stop() {
                        stopped.store(true, Ordering::Relaxed);
                        return None;
                    }
                }
                let candidate: Candidate = candidate.into();
                // A lone term is scored here, inlined, rather than behind the general scorer:
                // it is every query while the first word is typed, over the most candidates.
                let scored = match lone {
                    Some((text, sought)) => query
                        .has_characters(self, candidate.event)
                        .then(|| query.score_lone(self, text, sought, candidate))
                        .flatten(),
                    None => query.score(self, candidate),
                };
                if let Some((score, from)) = scored {
                    let event = candidate.event;
                    out[found].write(Hit { event, score, from });
                    found += 1;
                    best.offer(score, event, || self.title_lengths[event.index()]);
                }
            }
            Some(found)
        };
        let mut hits: Vec<Hit> = Vec::with_capacity(candidates.len());
        let out = &mut hits.spare_capacity_mut()[..candidates.len()];
        let threads = cores();
        if candidates.len() < PARALLEL_FROM || threads < 2 {
            let mut best = Best::new(first);
            let found = scan(candidates, out, &mut best)?;
            // SAFETY: `scan` wrote the first `found` hits.
            unsafe { hits.set_len(found) };
            let first = Best::merged([best], first);
            return Some(Matches {
                hits: Hits(hits),
                first,
            });
        }
        // Threads take small parts in turn rather than one half each: on a shared machine one
        // core is often slower for a while, and the other then does more of the work.
        let parts = Mutex::new(
            candidates
                .chunks(MATCH_PART)
                .zip(out.chunks_mut(MATCH_PART))
                .enumerate(),
        );
        let mut found = vec![0; candidates.len().div_ceil(MATCH_PART)];
        let done: Vec<(Vec<(usize, usize)>, Best)> = std::thread::scope(|scope| {
            let take = || {
                let (mut done, mut best) = (Vec::new(), Best::new(first));
                loop {
                    let next = parts.lock().unwrap_or_else(|e| e.into_inner()).next();
                    let Some((part, (chunk, out))) = next else {
                        return (done, best);
                    };
                    let Some(found) = scan(chunk, out, &mut best) else {
                        return (done, best);
                    };
                    done.push((part, found));
                }
            };
            let handles: Vec<_> = (0..threads).map(|_| scope.spawn(take)).collect();
            handles.into_iter().map(join).collect()
        });
        if stopped.load(Ordering::Relaxed) {
            return None;
        }
        let mut bests = Vec::new();
        for (parts, best) in done {
            for (part, count) in parts {
                found[part] = count;
            }
            bests.push(best);
        }
        let out = hits.spare_capacity_mut();
        let mut end = 0;
        for (part, found) in found.into_iter().enumerate() {
            let start = part * MATCH_PART;
            out.copy_within(start..start + found, end);
            end += found;
        }
        // SAFETY: each part's first hits were written, and are now the first `end` together.
        unsafe { hits.set_len(end) };
        let first = Best::merged(bests, first);
        Some(Matches {
            hits: Hits(hits),
            first,
        })
    }

    /// Matches `query` among `candidates` (ascending event indices) and orders the hits: by
    /// relevance when the query has text to rank by, else in timeline order.
    pub fn search(&self, query: &Compiled, candidates: &[EventId]) -> Vec<Hit> {
        let Hits(mut hits) = self.matches(query, Candidates::Events(candidates), 0).hits;
        if query.ranks() {
            self.rank(&mut hits);
        }
        hits
    }

    /// The events whose pillar `shows`, ascending.
    pub fn in_pillars(&self, shows: impl Fn(usize) -> bool) -> Vec<EventId> {
        let shown: Vec<bool> = (0..=self.pillars.iter().copied().max().unwrap_or(0))
            .map(|pillar| shows(pillar as usize))
            .collect();
        (0..self.pillars.len())
            .filter(|&event| shown[self.pillars[event] as usize])
            .map(EventId::at)
            .collect()
    }

    /// Orders hits best first: score, then shorter title, then timeline order.
    ///
    /// Scores and title lengths take few distinct values, so one stable counting sort on the
    /// pair orders a million hits in a few milliseconds, where a comparison sort takes ten times
    /// longer. Hits must arrive in timeline order, as [`Index::matches`] returns them for
    /// ascending candidates; stability keeps that order among ties.
    fn rank(&self, hits: &mut Vec<Hit>) {
        *hits = self.ranked_by(hits, Hit::default(), |hit| *hit);
    }

    /// The events of `hits`, best first: score, then shorter title, then timeline order (by
    /// one stable counting sort, as [`Index::search`] ranks). What a list shows, at a third of
    /// the memory the hits take.
    pub fn ranked(&self, hits: &Hits) -> Vec<EventId> {
        self.ranked_by(&hits.0, EventId::default(), |hit| hit.event)
    }

    /// Each hit's ranking key (best first: higher score, then shorter title) and how many keys
    /// there can be, or `None` without hits.
    fn rank_key(&self, hits: &[Hit]) -> Option<(impl Fn(&Hit) -> usize + '_, usize)> {
        let top = hits.iter().map(|hit| hit.score).max()?;
        let key = move |hit: &Hit| {
            (top - hit.score) as usize * 256
                + usize::from(self.title_lengths[hit.event.index()].min(255))
        };
        Some((key, (top as usize + 1) * 256))
    }

    /// What `pick` takes of each hit, in ranked order; `blank` fills the output before it is
    /// written (zero, for memory the system hands over already cleared).
    fn ranked_by<T: Copy>(&self, hits: &[Hit], blank: T, pick: impl Fn(&Hit) -> T) -> Vec<T> {
        debug_assert!(
            hits.is_sorted_by_key(|hit| hit.event),
            "hits come in timeline order"
        );
        let Some((key, buckets)) = self.rank_key(hits) else {
            return Vec::new();
        };
        if buckets > MAX_BUCKETS {
            // Scores this high come only from very long queries, with few hits.
            let mut sorted = hits.to_vec();
            sorted.sort_by_key(key);
            return sorted.iter().map(pick).collect();
        }
        let mut ordered = vec![blank; hits.len()];
        counting_sort(hits, &mut ordered, buckets, key, pick);
        ordered
    }

    /// Char positions in `title` that the query's terms match, for highlighting.
    pub fn highlights(&self, title: &str, query: &Compiled) -> Vec<usize> {
        let mut positions: Vec<usize> = Vec::new();
        for term in query.groups.iter().flatten().filter(|term| !term.negated) {
            let Test::Text(text) = &term.test else {
                continue;
            };
            let (needle, mode) = (&text.needle, text.mode);
            if mode == TextMode::Fuzzy {
                // The matcher allocates and scores: asked only of titles that hold the letters
                // (told cheaply for ASCII), which for a query of many terms are few.
                if needle.folds_ascii() && title.is_ascii() && !needle.fuzzy(title) {
                    continue;
                }
                // Accents fold one char to one char, so positions in the folded title are
                // positions in the title.
                let (title, term): (Cow<str>, Cow<str>) = if needle.normalizes() {
                    (fold_str(title), fold_str(needle.text()))
                } else {
                    (title.into(), needle.text().into())
                };
                if let Some((_, found)) = self.matcher.fuzzy_indices(&title, &term) {
                    positions.extend(found);
                }
            } else if let Some((start, end)) = needle.locate(title, mode.anchor()) {
                let first = title[..start].chars().count();
                positions.extend(first..first + title[start..end].chars().count());
            }
        }
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

/// Whether ASCII-folded `hay`, with everything but letters and digits dropped, contains
/// `needle` (lowercase letters and digits): [`contains_normalized`] for ASCII text.
fn contains_folded(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&head, tail)) = needle.split_first() else {
        return false;
    };
    memchr::memchr_iter(head, hay).any(|start| {
        let mut rest = hay[start + 1..]
            .iter()
            .filter(|b| b.is_ascii_alphanumeric());
        tail.iter().all(|wanted| rest.next() == Some(wanted))
    })
}

/// A stable sort of `items` by a small integer key below `buckets`, writing what `pick` takes
/// of each into `out` (same length).
fn counting_sort<T, U>(
    items: &[T],
    out: &mut [U],
    buckets: usize,
    key: impl Fn(&T) -> usize,
    pick: impl Fn(&T) -> U,
) {
    let mut starts = vec![0usize; buckets + 1];
    for item in items {
        starts[key(item) + 1] += 1;
    }
    for bucket in 1..=buckets {
        starts[bucket] += starts[bucket - 1];
    }
    for item in items {
        let slot = &mut starts[key(item)];
        out[*slot] = pick(item);
        *slot += 1;
    }
}

/// Above this many ranking keys (very long queries, with few hits), hits are sorted by
/// comparison rather than counted.
const MAX_BUCKETS: usize = 1 << 20;
/// How many candidates a matching thread takes at a time.
const MATCH_PART: usize = 16_384;
/// About how many term tests a matching thread makes between asking whether to stop (see
/// [`Index::matches_until`]): tens of microseconds of work for plain terms.
const TESTS_BETWEEN_STOPS: usize = 4096;
/// How many events a scan for spelled-out expansions reads between asking whether to stop.
const EVENTS_BETWEEN_STOPS: usize = 1024;

/// A term read as the glossary acronyms it misspells: their events rank first, as if the term
/// had named them, and the explorer says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    /// The term as typed.
    pub typed: String,
    /// The acronyms, as the glossary writes them.
    pub acronyms: Vec<String>,
}

impl fmt::Display for Correction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "showing {} for \"{}\"",
            self.acronyms.join(", "),
            self.typed
        )
    }
}

/// A query prepared against one index.
pub struct Compiled {
    groups: Vec<Vec<CompiledTerm>>,
    /// Per group, which terms are scored together and which alone.
    plans: Vec<Plan>,
    /// Events whose acronym is the whole query with its spaces removed.
    whole_acronym: Vec<EventId>,
    /// The characters (as a [`char_mask`]) every matching event holds, apart from the
    /// [`Compiled::named_events`]: most events are ruled out by this one test.
    required: u64,
    /// [`Compiled::named_events`], ascending.
    named: Vec<EventId>,
    /// The group and position of the last term, if it can resume (see [`Candidate`]).
    resumable: Option<(usize, usize)>,
    /// Set by [`Compiled::resume`]: the length of the last term in the query whose hits are
    /// the candidates.
    resumed: Option<usize>,
    /// Whether the query is one positive text term (see [`Compiled::lone_folded_term`]).
    lone: bool,
}

struct CompiledTerm {
    negated: bool,
    test: Test,
}

/// A text term, prepared.
struct TextTest {
    needle: Needle,
    /// The needle's [`Needle::mask`].
    mask: u64,
    /// For a case-insensitive ASCII term: how to search for it in [`Folded`] text.
    sought: Option<Sought>,
    /// With `sought`: per glossary id, the term's score in that expansion (0: absent), worked
    /// out once per query rather than once per event that lists the acronym; empty when no
    /// expansion holds the term.
    in_expansions: Vec<u32>,
    mode: TextMode,
    /// Events with an acronym equal to the term, or else with one it misspells (see `typo`).
    acronym: Vec<EventId>,
    /// Events that spell out the expansion of the acronym the term names.
    spelled_out: Option<Arc<Vec<EventId>>>,
    /// The acronyms the term misspells, whose events are then [`TextTest::acronym`].
    typo: Option<Correction>,
}

enum Test {
    Text(Box<TextTest>),
    /// Per pillar: whether the term matches it.
    Pillar(Vec<bool>),
    Acronym(Vec<EventId>),
    Place(Needle),
    Year(YearRange),
}

fn mode_matches(needle: &Needle, mode: TextMode, hay: &str) -> bool {
    match mode {
        TextMode::Fuzzy => needle.fuzzy(hay),
        TextMode::Substring => needle.substring(hay),
        TextMode::Prefix => needle.prefix(hay),
        TextMode::Suffix => needle.suffix(hay),
        TextMode::Whole => needle.whole(hay),
    }
}

impl Compiled {
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Roughly how many terms each candidate is tested against: a group's terms matched
    /// together count as a few.
    fn tests_per_candidate(&self) -> usize {
        let together = self.plans.iter().filter(|plan| plan.together.is_some());
        let alone: usize = self.plans.iter().map(|plan| plan.alone.len()).sum();
        (alone + 8 * together.count()).max(1)
    }

    /// Whether results can differ in relevance: only text terms score; field terms and
    /// exclusions only filter, and results of a query without text keep timeline order.
    pub fn ranks(&self) -> bool {
        self.groups
            .iter()
            .flatten()
            .any(|term| !term.negated && matches!(term.test, Test::Text(_)))
    }

    /// Lets a search among [`Candidates::Narrow`] resume from what the previous query found
    /// in each event, when that query was this one with `shorter` bytes of its last term typed
    /// ([`Query::grows_last_term`]). Without this, candidates are searched in full.
    pub fn resume(&mut self, shorter: Option<usize>) {
        self.resumed = shorter;
    }

    /// The terms read as acronyms they misspell, in query order.
    pub fn corrections(&self) -> impl Iterator<Item = &Correction> {
        self.groups
            .iter()
            .flatten()
            .filter_map(|term| match &term.test {
                Test::Text(text) => text.typo.as_ref(),
                _ => None,
            })
    }

    /// Events this query matches by name rather than by its text: those listing an acronym a
    /// term names, those spelling out its expansion, and those whose acronym is the whole query.
    /// A query that [`extends`](super::query::extends) another matches only events the other
    /// matched and these, so narrowing searches the previous results and these alone.
    pub fn named_events(&self) -> &[EventId] {
        &self.named
    }

    /// [`Compiled::named_events`], of a timeline of `count` events.
    fn find_named_events(&self, count: usize) -> Vec<EventId> {
        let mut events = self.whole_acronym.clone();
        for term in self.groups.iter().flatten() {
            if let Test::Text(text) = &term.test {
                events.extend(&text.acronym);
                events.extend(text.spelled_out.iter().flat_map(|found| found.iter()));
            }
        }
        if events.len() < count / 16 {
            events.sort_unstable();
            events.dedup();
            return events;
        }
        // Many terms naming many acronyms name much of the timeline, often more than once:
        // marking the events is quicker than sorting the lists together.
        let mut marked = vec![0u64; count.div_ceil(64)];
        for &event in &events {
            if let Some(word) = marked.get_mut(event.index() / 64) {
                *word |= 1 << (event.index() % 64);
            }
        }
        events.clear();
        for (at, &word) in marked.iter().enumerate() {
            let mut left = word;
            while left != 0 {
                events.push(EventId::at(at * 64 + left.trailing_zeros() as usize));
                left &= left - 1;
            }
        }
        events
    }

    /// Whether `event` holds every character a match needs, or is matched by name: the test
    /// that rules out most events before any text is read.
    #[inline]
    fn has_characters(&self, index: &Index, event: EventId) -> bool {
        index.masks[event.index()] & self.required == self.required
            || self.named.binary_search(&event).is_ok()
    }

    /// The event's score and where its last term first occurs, or `None` when it does not
    /// match. A query of one [`Compiled::lone_folded_term`] is scored by
    /// [`Compiled::score_lone`] instead.
    fn score(&self, index: &Index, candidate: Candidate) -> Option<(u32, u32)> {
        let event = candidate.event.index();
        if !self.has_characters(index, candidate.event) {
            return None;
        }
        if self.whole_acronym.binary_search(&candidate.event).is_ok() {
            return Some((EXACT_ACRONYM * self.groups.len() as u32, 0));
        }
        let from_scratch = (Resume::Written(0), 0);
        // Only the last term learns where to resume; the others search in full.
        let score = |g: usize, t: usize, term: &CompiledTerm| {
            if self.resumable != Some((g, t)) {
                return (term.score(index, event, from_scratch).0, None);
            }
            let resume = match self.resumed {
                Some(shorter) => (Resume::decode(candidate.from), shorter),
                None => from_scratch,
            };
            let (score, found) = term.score(index, event, resume);
            (score, Some(found))
        };
        let encode = |found: Option<Resume>| found.unwrap_or(Resume::Written(0)).encode();
        // The commonest query, a single term, without the walk over groups.
        if let [group] = self.groups.as_slice()
            && let [term] = group.as_slice()
        {
            let (score, found) = score(0, 0, term);
            return score.map(|score| (score, encode(found)));
        }
        let mut total = 0;
        let mut next = None;
        for (g, (group, plan)) in self.groups.iter().zip(&self.plans).enumerate() {
            let mut best = plan
                .together
                .as_ref()
                .and_then(|together| together.score(index, group, event));
            for &t in &plan.alone {
                let (score, found) = score(g, t, &group[t]);
                next = found.or(next);
                best = best.max(score);
            }
            total += best?;
        }
        Some((total, encode(next)))
    }
}

impl Compiled {
    /// The query's only term, when it is a positive text term searched in the folded text: the
    /// commonest query (every query while its first word is typed), which
    /// [`Compiled::score_lone`] scores without the walk over groups and kinds of term.
    fn lone_folded_term(&self) -> Option<(&TextTest, &Sought)> {
        if !self.lone {
            return None;
        }
        match &self.groups[0][0].test {
            Test::Text(text) => Some((text, text.sought.as_ref()?)),
            _ => None,
        }
    }

    /// [`Compiled::score`] of an event that passed the character test, for a query of one
    /// [`lone_folded_term`](Compiled::lone_folded_term).
    #[inline]
    fn score_lone(
        &self,
        index: &Index,
        text: &TextTest,
        sought: &Sought,
        candidate: Candidate,
    ) -> Option<(u32, u32)> {
        let listed = |events: &[EventId]| events.binary_search(&candidate.event).is_ok();
        if !self.named.is_empty()
            && (listed(&text.acronym) || text.spelled_out.as_deref().is_some_and(|e| listed(e)))
        {
            return Some((EXACT_ACRONYM, 0));
        }
        let resume = match (self.resumable, self.resumed) {
            (Some(_), Some(shorter)) => (Resume::decode(candidate.from), shorter),
            _ => (Resume::Written(0), 0),
        };
        let event = candidate.event.index();
        let (score, found) =
            folded_score(index, event, sought, &text.in_expansions, text.mode, resume);
        score.map(|score| (score, found.encode()))
    }
}

impl CompiledTerm {
    /// The term's score in event `number`, or `None`, and what a longer term can resume from
    /// (see [`folded_score`]).
    fn score(
        &self,
        index: &Index,
        number: usize,
        resume: (Resume, usize),
    ) -> (Option<u32>, Resume) {
        let event = &index.timeline.events[number];
        let mut next = Resume::Written(0);
        let found = match &self.test {
            Test::Text(text) => {
                let TextTest {
                    needle,
                    mask,
                    sought,
                    mode,
                    acronym,
                    spelled_out,
                    ..
                } = text.as_ref();
                let listed =
                    |events: &[EventId]| events.binary_search(&EventId::at(number)).is_ok();
                if listed(acronym) || spelled_out.as_deref().is_some_and(|e| listed(e)) {
                    Some(EXACT_ACRONYM)
                } else {
                    if index.masks[number] & mask != *mask {
                        next = Resume::Nowhere;
                        None
                    } else if self.negated && mode.anchor() != Anchor::None {
                        // An anchored exclusion reads the title, the line the list shows, as
                        // fzf reads its one line: `!^asean` drops titles starting with ASEAN.
                        let title = match sought {
                            Some(sought) => anchored(
                                index.folded.fields_of(number).field(Field::Title),
                                sought.finder.needle(),
                                *mode,
                            ),
                            None => mode_matches(needle, *mode, event.title()),
                        };
                        title.then_some(0)
                    } else {
                        let mode = *mode;
                        match sought {
                            Some(sought) => {
                                let (score, found) = folded_score(
                                    index,
                                    number,
                                    sought,
                                    &text.in_expansions,
                                    mode,
                                    resume,
                                );
                                next = found;
                                score
                            }
                            None => text_score(index, event, number, needle, mode),
                        }
                    }
                }
            }
            Test::Pillar(shown) => shown[event.pillar].then_some(0),
            Test::Acronym(events) => events
                .binary_search(&EventId::at(number))
                .is_ok()
                .then_some(0),
            Test::Place(needle) => event
                .place()
                .is_some_and(|place| needle.fuzzy(place))
                .then_some(0),
            Test::Year(range) => overlaps(event, *range).then_some(0),
        };
        let score = match (self.negated, found) {
            (false, found) => found,
            (true, Some(_)) => None,
            (true, None) => Some(0),
        };
        (score, next)
    }
}

fn overlaps(event: &Event, range: YearRange) -> bool {
    event.date.earliest().year() <= range.last && range.first <= event.date.latest().year()
}

/// Calls `visit` with each text of `field` of one event.
fn each_text(
    index: &Index,
    event: &Event,
    number: usize,
    field: Field,
    mut visit: impl FnMut(&str),
) {
    match field {
        Field::Title => visit(event.title()),
        Field::Acronyms => event.acronyms.iter().for_each(|text| visit(text)),
        Field::Expansions => index.expansions(number).for_each(visit),
        Field::Mechanisms => event.mechanisms.iter().for_each(|text| visit(text)),
        Field::Place => event.place().iter().for_each(|text| visit(text)),
        Field::Summary => visit(event.summary()),
    }
}

/// The best score of a case-insensitive ASCII term in one event, scanning its [`Folded`] text,
/// and what a longer term can resume from (see [`Candidate`]). `resume` is what the query
/// before, whose last term was this term's first `shorter` bytes, found.
/// `in_expansions` is the term's [`Index::expansion_scores`] (empty: in none).
#[inline]
fn folded_score(
    index: &Index,
    number: usize,
    sought: &Sought,
    in_expansions: &[u32],
    mode: TextMode,
    (resume, shorter): (Resume, usize),
) -> (Option<u32>, Resume) {
    let mut found = Resume::Unwritten;
    // Scored in a closure so that every early return still hands back what was found.
    let mut score = || -> Option<u32> {
        let needle = sought.finder.needle();
        let bonus = |word: bool| if word { WORD_BONUS } else { 0 };
        let expansions = || {
            if in_expansions.is_empty() {
                return None;
            }
            index
                .expansion_ids(number)
                .iter()
                .map(|&id| in_expansions[id as usize])
                .max()
                .filter(|&score| score > 0)
        };
        if matches!(mode, TextMode::Fuzzy | TextMode::Substring) {
            // One search over the whole event finds the first field that holds the term; only the
            // expansions, which live in the glossary, can rank between acronyms and the rest.
            let located = match resume {
                Resume::Written(from) => index.folded.first_field(number, sought, from),
                _ => None,
            };
            if let Some((_, occurrence)) = &located {
                found = Resume::Written(occurrence.at);
            }
            match located {
                Some((Field::Title, found)) => {
                    let start = found.first == 0 || found.word;
                    return Some(if mode == TextMode::Fuzzy && start {
                        TITLE_START
                    } else {
                        Field::Title.written() + bonus(found.word)
                    });
                }
                Some((field @ Field::Acronyms, found)) => {
                    return Some(field.written() + bonus(found.word));
                }
                _ => {}
            }
            let expansion = expansions();
            let written = |score: &u32| *score >= Field::Expansions.written();
            if let Some(score) = expansion.filter(written) {
                return Some(score);
            }
            if let Some((field, found)) = located {
                return Some(field.written() + bonus(found.word));
            }
            if mode == TextMode::Substring {
                return None;
            }
            // Letters scattered within one field are scattered within all the short fields together:
            // most events fail this single pass. Matched greedily, letters that end within the title
            // are scattered through the title itself.
            let event = index.folded.fields_of(number);
            let short_fields = event.short_fields();
            let letters = match resume {
                Resume::Nowhere => None,
                Resume::Letters(end) => needle
                    .get(shorter..)
                    .and_then(|rest| subsequence_end(short_fields.get(end..)?, rest))
                    .map(|more| end + more),
                _ => subsequence_end(short_fields, needle),
            };
            found = letters.map_or(Resume::Nowhere, Resume::Letters);
            let Some(end) = letters else {
                return expansion;
            };
            if end <= event.field(Field::Title).len() {
                return Field::Title.scattered();
            }
            // Any letters held in one item end no sooner than the greedy match through all the
            // fields, so the fields that end before it are passed over unread.
            let from = event.start(event.field_at(end - 1));
            let mechanisms = event.start(Field::Mechanisms);
            let held_in = |items: &[u8]| letters_in_an_item(items, needle).is_some();
            if from < mechanisms && held_in(&short_fields[from..mechanisms]) {
                return Field::Acronyms.scattered();
            }
            if expansion.is_some() {
                return expansion;
            }
            let from = from.max(mechanisms);
            let held = letters_in_an_item(&short_fields[from..], needle);
            return held.and_then(|end| event.field_at(from + end - 1).scattered());
        }
        // Anchored: the fields in ranking order, the expansions (in the glossary) between
        // the acronyms and the mechanisms.
        let in_folded = |fields: &[Field]| {
            fields.iter().find_map(|&field| {
                folded_field_has(index, number, field, needle, mode).then_some(field.written())
            })
        };
        in_folded(&[Field::Title, Field::Acronyms])
            .or_else(expansions)
            .or_else(|| in_folded(&[Field::Mechanisms, Field::Place, Field::Summary]))
    };
    let score = score();
    (score, found)
}

/// Whether `field` (one held in folded text, not the expansions) of one event holds `needle`
/// as a prefix, suffix or whole text, as `mode` says: the field's text, or one of its items.
fn folded_field_has(
    index: &Index,
    number: usize,
    field: Field,
    needle: &[u8],
    mode: TextMode,
) -> bool {
    let fits = |text: &[u8]| anchored(text, needle, mode);
    let text = index.folded.fields_of(number).field(field);
    match field {
        Field::Acronyms | Field::Mechanisms => items(text).any(fits),
        _ => fits(text),
    }
}

/// The best score of a text term in one event, matched on the original text: the path for terms
/// that are case-sensitive or not ASCII. [`folded_score`] is the fast path for the rest.
fn text_score(
    index: &Index,
    event: &Event,
    number: usize,
    needle: &Needle,
    mode: TextMode,
) -> Option<u32> {
    if mode == TextMode::Fuzzy {
        match needle.find_in_title(event.title()) {
            Some(TitleMatch::Start | TitleMatch::Inside { word: true }) => {
                return Some(TITLE_START);
            }
            Some(TitleMatch::Inside { word: false }) => return Some(Field::Title.written()),
            None => {}
        }
    }
    // Written-out matches first: any of them outranks every scattered one.
    for field in Field::ALL {
        if field == Field::Title && mode == TextMode::Fuzzy {
            continue;
        }
        let written = field.written();
        let mut best = None;
        each_text(index, event, number, field, |text| {
            let found = match mode {
                TextMode::Fuzzy | TextMode::Substring => {
                    needle.find(text).map(|_| needle.word(text))
                }
                _ => mode_matches(needle, mode, text).then_some(false),
            };
            if let Some(word) = found {
                best = best.max(Some(written + if word { WORD_BONUS } else { 0 }));
            }
        });
        if best.is_some() {
            return best;
        }
    }
    if mode != TextMode::Fuzzy {
        return None;
    }
    Field::ALL.into_iter().find_map(|field| {
        let scattered = field.scattered()?;
        let mut found = false;
        each_text(index, event, number, field, |text| {
            found = found || needle.fuzzy(text)
        });
        found.then_some(scattered)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::bundled;

    #[test]
    fn an_event_named_by_the_query_passes_the_character_filter() {
        // The second event spells out QX's expansion without holding a `q` or an `x`.
        let timeline = crate::timeline::load_str(
            "t.ron",
            r#"Timeline(title: "t", pillars: [Pillar(id: "p", name: "P", color: "red")],
                glossary: {"QX": "Alpha Beta"},
                events: [
                    Event(id: "listed", date: "2000", title: "QX talks", pillar: "p", acronyms: ["QX"]),
                    Event(id: "spelled", date: "2001", title: "Alpha Beta meets", pillar: "p"),
                    Event(id: "other", date: "2002", title: "Gamma", pillar: "p"),
                ])"#,
        )
        .unwrap();
        let index = Index::new(timeline);
        let timeline = index.timeline();
        let query = Query::parse("qx").unwrap();
        let compiled = index.compile(&query);
        assert_ne!(compiled.required, 0, "the query needs a q and an x");
        let hits = index.search(&compiled, &[0, 1, 2].map(EventId::at));
        let ids: Vec<&str> = hits
            .iter()
            .map(|hit| timeline.event(hit.event).id())
            .collect();
        assert_eq!(ids, ["listed", "spelled"]);
    }

    #[test]
    fn matching_split_across_threads_keeps_every_hit_in_order() {
        let count = 3 * MATCH_PART + 123;
        let events: String = (0..count)
            .map(|n| {
                let word = if n % 3 == 0 { "alpha" } else { "beta" };
                format!(
                    "Event(id: \"e{n}\", date: \"2000\", title: \"{word} {n}\", pillar: \"p\"),"
                )
            })
            .collect();
        let timeline = crate::timeline::load_str(
            "t.ron",
            &format!(
                "Timeline(title: \"t\", pillars: [Pillar(id: \"p\", name: \"P\", color: \"red\")], \
                 events: [{events}])"
            ),
        )
        .unwrap();
        let index = Index::new(timeline);
        let timeline = index.timeline();
        let compiled = index.compile(&Query::parse("alpha").unwrap());
        let candidates: Vec<EventId> = timeline.event_ids().collect();
        let found = index.matches(&compiled, Candidates::Events(&candidates), 300);
        let events: Vec<EventId> = found.hits.iter().map(|hit| hit.event).collect();
        let expected: Vec<EventId> = timeline
            .event_ids()
            .filter(|&e| timeline.event(e).title().starts_with("alpha"))
            .collect();
        assert_eq!(events.len(), count.div_ceil(3));
        assert_eq!(events, expected);
        // The best picked by each thread, merged, are the top of the full ranking.
        assert_eq!(found.first, index.ranked(&found.hits)[..300]);
    }

    proptest::proptest! {
        /// The best hits picked while matching, in parts, are the first rows of the full
        /// ranking.
        #[test]
        fn the_best_picked_in_parts_are_the_top_of_the_ranking(
            scores in proptest::collection::vec(proptest::option::of(0u32..4), 56),
            count in 0usize..70,
            part in 1usize..30,
        ) {
            let timeline = bundled().unwrap();
            let index = Index::new(timeline);
            // Few distinct scores, so ties (broken by title length, then timeline order) abound.
            let hits: Vec<Hit> = scores
                .iter()
                .enumerate()
                .filter_map(|(event, score)| {
                    score.map(|score| Hit { event: EventId::at(event), score: score * 30, from: 0 })
                })
                .collect();
            let all = index.ranked(&Hits(hits.clone()));
            let parts = hits.chunks(part).map(|hits| {
                let mut best = Best::new(count);
                for hit in hits {
                    best.offer(hit.score, hit.event, || index.title_lengths[hit.event.index()]);
                }
                best
            });
            let first = Best::merged(parts, count);
            proptest::prop_assert_eq!(first.as_slice(), &all[..count.min(all.len())]);
        }
    }

    #[test]
    fn counting_sort_is_a_stable_sort() {
        for len in [0, 1, 100_000] {
            // (key, position) pairs with keys repeating, so stability shows.
            let items: Vec<(usize, usize)> = (0..len).map(|i| ((i * 7919) % 613, i)).collect();
            let mut out = vec![(0, 0); len];
            counting_sort(&items, &mut out, 613, |item| item.0, |item| *item);
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            assert_eq!(out, expected, "{len} items");
        }
    }

    fn top_ids(query: &str, n: usize) -> Vec<String> {
        let timeline = bundled().unwrap();
        let index = Index::new(timeline);
        let timeline = index.timeline();
        let compiled = index.compile(&Query::parse(query).unwrap());
        let all: Vec<EventId> = timeline.event_ids().collect();
        index
            .matches(&compiled, Candidates::Events(&all), n)
            .first
            .into_iter()
            .map(|event| timeline.event(event).id().to_string())
            .collect()
    }

    #[test]
    fn exact_acronyms_rank_first() {
        let timeline = bundled().unwrap();
        let mut jaif_events: Vec<&str> = timeline
            .events
            .iter()
            .filter(|e| e.acronyms.iter().any(|a| &**a == "JAIF"))
            .map(|e| e.id())
            .collect();
        assert!(jaif_events.len() >= 2);
        jaif_events.sort();
        for query in ["JAIF", "jaif", " Jaif "] {
            let mut top = top_ids(query, jaif_events.len());
            top.sort();
            assert_eq!(top, jaif_events, "{query}");
        }
        let ajcep = top_ids("AJCEP", 5);
        assert!(ajcep.iter().all(|id| id.contains("ajcep")), "{ajcep:?}");
    }

    #[test]
    fn highlights_are_char_positions() {
        let timeline = bundled().unwrap();
        let index = Index::new(timeline);
        let query = |q: &str| index.compile(&Query::parse(q).unwrap());
        assert_eq!(index.highlights("日本 JAIF", &query("jaif")), [3, 4, 5, 6]);
        assert_eq!(index.highlights("日本 JAIF", &query("'AI")), [4, 5]);
        assert!(index.highlights("abc", &query("")).is_empty());
        assert!(index.highlights("abc", &query("xyz")).is_empty());
        assert!(index.highlights("abc", &query("!abc")).is_empty());
        // Accents folded for a term without them; positions are the title's chars.
        assert_eq!(
            index.highlights("Summit in Tōkyō", &query("tokyo")),
            [10, 11, 12, 13, 14]
        );
        assert_eq!(
            index.highlights("Meeting in Hà Nội", &query("'ha\\ noi")),
            [11, 12, 13, 14, 15, 16]
        );
        assert_eq!(index.highlights("Việt Nam", &query("nam$")), [5, 6, 7]);
        // Anchored terms highlight where they hold, past surrounding spaces.
        assert_eq!(index.highlights("  AbC", &query("^abc")), [2, 3, 4]);
        assert_eq!(index.highlights("abc xabc", &query("abc$")), [5, 6, 7]);
    }

    fn matching(timeline: &Timeline, query: &str) -> Vec<String> {
        let index = Index::new(timeline.clone());
        let compiled = index.compile(&Query::parse(query).unwrap());
        let all: Vec<EventId> = timeline.event_ids().collect();
        let mut ids: Vec<String> = index
            .search(&compiled, &all)
            .into_iter()
            .map(|hit| timeline.event(hit.event).id().to_string())
            .collect();
        ids.sort();
        ids
    }

    #[test]
    fn anchored_exclusions_read_the_title_as_fzf_reads_its_line() {
        let timeline = bundled().unwrap();
        let titles_not_starting = timeline
            .events
            .iter()
            .filter(|e| !e.title().to_lowercase().starts_with("asean"))
            .count();
        assert_eq!(titles_not_starting, 38);
        assert_eq!(matching(&timeline, "!^asean").len(), 38);
        let summit_last = timeline
            .events
            .iter()
            .filter(|e| e.title().to_lowercase().ends_with("summit"))
            .count();
        assert_eq!(
            matching(&timeline, "!summit$").len(),
            timeline.events.len() - summit_last
        );
        // Unanchored exclusions still read every field: `!jaif` drops events listing JAIF.
        assert!(
            !matching(&timeline, "!jaif").contains(&"jmt-established".to_string()),
            "listed as JAIF"
        );
    }

    #[test]
    fn a_quoted_exclusion_drops_fuzzy_matches() {
        let timeline = small_timeline(
            &[
                ["abc".into(), "".into(), "x".into(), "x".into(), "".into()],
                ["a b c".into(), "".into(), "x".into(), "x".into(), "".into()],
                ["cab".into(), "".into(), "x".into(), "x".into(), "".into()],
            ],
            &[],
        );
        assert_eq!(matching(&timeline, "!abc"), ["e1", "e2"]);
        assert_eq!(matching(&timeline, "!'abc"), ["e2"]);
    }

    /// A lowercase ASCII timeline built from words over a small alphabet, so terms match often,
    /// in every field and every way.
    pub(super) fn small_timeline(events: &[[String; 5]], glossary: &[String]) -> Timeline {
        let glossary_ron: String = glossary
            .iter()
            .enumerate()
            .map(|(id, expansion)| format!("\"k{id}\": \"{expansion}\","))
            .collect();
        let events_ron: String = events
            .iter()
            .enumerate()
            .map(|(n, [title, summary, mechanism, place, acronym])| {
                let acronym = acronym.len() % glossary.len().max(1);
                let acronyms = if glossary.is_empty() {
                    String::new()
                } else {
                    format!("\"k{acronym}\"")
                };
                format!(
                    "Event(id: \"e{n}\", date: \"2000\", title: \"{title}\", pillar: \"p\", \
                     summary: \"{summary}\", mechanisms: [\"{mechanism}\"], place: \"{place}\", \
                     acronyms: [{acronyms}]),"
                )
            })
            .collect();
        crate::timeline::load_str(
            "t.ron",
            &format!(
                "Timeline(title: \"t\", pillars: [Pillar(id: \"p\", name: \"P\", color: \"red\")], \
                 glossary: {{{glossary_ron}}}, events: [{events_ron}])"
            ),
        )
        .unwrap()
    }

    proptest::proptest! {
        /// The fast path over folded text scores every event exactly as the path over the
        /// original text does, in every mode.
        #[test]
        fn folded_and_original_text_agree(
            events in proptest::collection::vec(
                proptest::array::uniform5("[abc][abcáĀ -]{0,12}"), 1..8),
            glossary in proptest::collection::vec("[abc][abcáĀ -]{0,10}", 0..4),
            needle in "[abc]{1,3}",
            more in "[abc]{0,2}",
            mode in proptest::sample::select(vec![
                TextMode::Fuzzy, TextMode::Substring, TextMode::Prefix,
                TextMode::Suffix, TextMode::Whole,
            ]),
        ) {
            let timeline = small_timeline(&events, &glossary);
            let index = Index::new(timeline);
            let timeline = index.timeline();
            let sought = Sought::new(needle.as_bytes());
            let in_expansions = index.expansion_scores(&sought.finder, mode);
            let original = Needle::new(&needle);
            let longer = format!("{needle}{more}");
            let longer_sought = Sought::new(longer.as_bytes());
            let longer_in_expansions = index.expansion_scores(&longer_sought.finder, mode);
            for number in 0..timeline.events.len() {
                let event = &timeline.events[number];
                let from_scratch = (Resume::Written(0), 0);
                let (score, found) =
                    folded_score(&index, number, &sought, &in_expansions, mode, from_scratch);
                proptest::prop_assert_eq!(
                    score,
                    text_score(&index, event, number, &original, mode),
                    "event {:?}, needle {:?}, {:?}", event, needle, mode
                );
                // Typing more resumes where the shorter term first occurred, and loses nothing.
                if matches!(mode, TextMode::Fuzzy | TextMode::Substring) {
                    let score = |resume| {
                        folded_score(&index, number, &longer_sought, &longer_in_expansions, mode, resume).0
                    };
                    let resumed = (Resume::decode(found.encode()), needle.len());
                    proptest::prop_assert_eq!(
                        score(resumed), score(from_scratch), "{:?} after {:?}", longer, needle
                    );
                }
            }
        }
    }

    #[test]
    fn spelled_out_ignores_punctuation_and_case() {
        assert!(contains_folded(
            b"the japan-asean integration fund",
            b"japanaseanintegrationfund"
        ));
        assert!(contains_folded(
            b"japan asean (integration) fund",
            b"japanaseanintegrationfund"
        ));
        assert!(!contains_folded(
            b"japan asean integration",
            b"japanaseanintegrationfund"
        ));
        assert!(!contains_folded(b"", b"a"));
        assert!(!contains_folded(b"abc", b""));
    }

    proptest::proptest! {
        /// On ASCII text the folded check agrees with the general one.
        #[test]
        fn folded_spelling_agrees_with_normalized(hay in "[aBc -]{0,20}", needle in "[abc]{1,4}") {
            proptest::prop_assert_eq!(
                contains_folded(&fold(&hay), needle.as_bytes()),
                contains_normalized(&hay, &needle)
            );
        }
    }

    #[test]
    fn a_term_one_typo_from_an_acronym_reads_as_it() {
        let timeline = bundled().unwrap();
        let index = Index::new(timeline);
        let corrections = |q: &str| -> Vec<String> {
            let compiled = index.compile(&Query::parse(q).unwrap());
            compiled.corrections().map(ToString::to_string).collect()
        };
        assert_eq!(corrections("ajecp"), [r#"showing AJCEP for "ajecp""#]);
        assert_eq!(corrections("summit jiaf"), [r#"showing JAIF for "jiaf""#]);
        assert_eq!(top_ids("ajecp", 5).len(), 5);
        assert!(top_ids("ajecp", 5).iter().all(|id| id.contains("ajcep")));
        // Acronyms, their abbreviations, short terms, exact and excluded terms are no typos.
        for query in [
            "ajcep", "ajcp", "aje", "'ajecp", "!ajecp", "ajecp$", "summit",
        ] {
            assert!(corrections(query).is_empty(), "{query}");
        }
    }

    #[test]
    fn places_and_expansions_are_searched() {
        assert_eq!(top_ids("Bagan", 1), ["defence-ministers-informal-2014"]);
        let fund = top_ids("Integration Fund", 3);
        assert!(fund.contains(&"jaif-established".to_string()), "{fund:?}");
    }
}
