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

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::Datelike;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::query::{Query, TermKind, TextMode, YearRange};
use super::text::{Needle, char_mask, contains_normalized, normalize};
use crate::timeline::{Event, Timeline};

/// Score of a term that equals one of the event's acronyms (or names its spelled-out expansion).
const EXACT_ACRONYM: u32 = 100;
/// A title that starts with the term (or holds it as a whole word).
const TITLE_START: u32 = 90;
/// Per field, in order — title, acronyms, expansions, mechanisms, place, summary — the score of
/// the term written out in it, and of its letters scattered through it (`None`: not matched
/// that way, as prose would match almost anything). A whole word adds [`WORD_BONUS`].
const FIELD_SCORES: [(u32, Option<u32>); 6] = [
    (80, Some(30)),
    (70, Some(25)),
    (60, Some(20)),
    (50, Some(15)),
    (40, Some(10)),
    (30, None),
];
const WORD_BONUS: u32 = 2;
/// Candidate lists longer than this are split across threads.
const PARALLEL_FROM: usize = 50_000;

/// An event that matched, with how well.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`Timeline::events`].
    pub event: usize,
    pub score: u32,
}

/// Searchable facts about a timeline, prepared once so each keystroke only matches.
pub struct Index {
    /// Per event: [`char_mask`] of all its searchable text.
    masks: Vec<u64>,
    /// Per event: its title's length in chars, for the shorter-title tie-break.
    title_lengths: Vec<u16>,
    /// Glossary entries as `(key, expansion)`, in the timeline's (sorted) order.
    glossary: Vec<(String, String)>,
    /// Glossary ids of each event's acronyms: event `e` has `acronym_ids[starts[e]..starts[e+1]]`.
    acronym_ids: Vec<u32>,
    starts: Vec<u32>,
    /// Normalized acronym → the events that list it, ascending.
    by_acronym: HashMap<String, Vec<u32>>,
    /// Glossary id → events whose text spells out the expansion, found on first use.
    spelled_out: Mutex<HashMap<usize, Arc<Vec<u32>>>>,
    matcher: SkimMatcherV2,
}

impl Index {
    pub fn new(timeline: &Timeline) -> Self {
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
        let mut index = Index {
            masks: Vec::with_capacity(count),
            title_lengths: Vec::with_capacity(count),
            acronym_ids: Vec::with_capacity(count),
            starts: Vec::with_capacity(count + 1),
            by_acronym: HashMap::new(),
            spelled_out: Mutex::new(HashMap::new()),
            matcher: SkimMatcherV2::default(),
            glossary: Vec::new(),
        };
        index.starts.push(0);
        for (number, event) in timeline.events.iter().enumerate() {
            let mut mask = char_mask(&event.title) | char_mask(&event.summary);
            for acronym in &event.acronyms {
                mask |= char_mask(acronym);
                // The loader guarantees every acronym is a glossary key.
                if let Some(&id) = ids.get(acronym.as_str()) {
                    index.acronym_ids.push(id);
                    mask |= char_mask(&glossary[id as usize].1);
                }
                index
                    .by_acronym
                    .entry(normalize(acronym))
                    .or_default()
                    .push(number as u32);
            }
            for text in event.mechanisms.iter().chain(&event.place) {
                mask |= char_mask(text);
            }
            index.masks.push(mask);
            index
                .title_lengths
                .push(event.title.chars().count().min(u16::MAX as usize) as u16);
            index.starts.push(index.acronym_ids.len() as u32);
        }
        index.glossary = glossary;
        index
    }

    fn expansions<'a>(&'a self, event: usize) -> impl Iterator<Item = &'a str> + 'a {
        let ids = &self.acronym_ids[self.starts[event] as usize..self.starts[event + 1] as usize];
        ids.iter().map(|&id| self.glossary[id as usize].1.as_str())
    }

    /// Events whose title or summary spells out glossary entry `id`'s expansion.
    fn spelled_out(&self, timeline: &Timeline, id: usize) -> Arc<Vec<u32>> {
        let mut cache = self.spelled_out.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(id)
            .or_insert_with(|| {
                let expansion = normalize(&self.glossary[id].1);
                let events = if expansion.len() < 6 {
                    Vec::new()
                } else {
                    (0..timeline.events.len())
                        .filter(|&e| {
                            let event = &timeline.events[e];
                            contains_normalized(&event.title, &expansion)
                                || contains_normalized(&event.summary, &expansion)
                        })
                        .map(|e| e as u32)
                        .collect()
                };
                Arc::new(events)
            })
            .clone()
    }

    /// Prepares `query` for matching against this index's timeline.
    pub fn compile(&self, timeline: &Timeline, query: &Query) -> Compiled {
        let glossary_id = |term: &str| {
            let wanted = normalize(term);
            self.glossary
                .iter()
                .position(|(key, _)| normalize(key) == wanted)
        };
        let postings = |term: &str| {
            self.by_acronym
                .get(&normalize(term))
                .cloned()
                .unwrap_or_default()
        };
        let groups = query
            .groups
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
                                Test::Text {
                                    mask: needle.mask(),
                                    needle,
                                    mode: *mode,
                                    acronym: if exact { postings(text) } else { Vec::new() },
                                    spelled_out: glossary_id(text)
                                        .filter(|_| exact)
                                        .map(|id| self.spelled_out(timeline, id)),
                                }
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
        let plain_words: Option<Vec<&str>> = query
            .terms()
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
        Compiled {
            groups,
            whole_acronym,
        }
    }

    /// The events among `candidates` (ascending event indices) that match, unordered.
    pub fn matches(&self, timeline: &Timeline, query: &Compiled, candidates: &[u32]) -> Vec<Hit> {
        let scan = |chunk: &[u32]| -> Vec<Hit> {
            chunk
                .iter()
                .filter_map(|&event| {
                    let event = event as usize;
                    query
                        .score(self, timeline, event)
                        .map(|score| Hit { event, score })
                })
                .collect()
        };
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        if candidates.len() < PARALLEL_FROM || threads < 2 {
            return scan(candidates);
        }
        let chunk = candidates.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = candidates
                .chunks(chunk)
                .map(|part| scope.spawn(move || scan(part)))
                .collect();
            handles
                .into_iter()
                .flat_map(|handle| handle.join().unwrap_or_default())
                .collect()
        })
    }

    /// Matches `query` among `candidates` (ascending event indices) and orders the hits: by
    /// relevance when the query has text to rank by, else in timeline order.
    pub fn search(&self, timeline: &Timeline, query: &Compiled, candidates: &[u32]) -> Vec<Hit> {
        let mut hits = self.matches(timeline, query, candidates);
        if query.ranks() {
            self.rank(&mut hits);
        }
        hits
    }

    /// Orders hits best first: score, then shorter title, then timeline order.
    pub fn rank(&self, hits: &mut [Hit]) {
        hits.sort_unstable_by_key(|hit| {
            (
                std::cmp::Reverse(hit.score),
                self.title_lengths[hit.event],
                hit.event,
            )
        });
    }

    /// Char positions in `title` that the query's terms match, for highlighting.
    pub fn highlights(&self, title: &str, query: &Compiled) -> Vec<usize> {
        let mut positions: Vec<usize> = Vec::new();
        for term in query.groups.iter().flatten().filter(|term| !term.negated) {
            let Test::Text { needle, mode, .. } = &term.test else {
                continue;
            };
            if *mode == TextMode::Fuzzy {
                if let Some((_, found)) = self.matcher.fuzzy_indices(title, needle.text()) {
                    positions.extend(found);
                }
            } else if let Some((start, end)) = needle.find(title)
                && mode_matches(needle, *mode, title)
            {
                let first = title[..start].chars().count();
                positions.extend(first..first + title[start..end].chars().count());
            }
        }
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

/// A query prepared against one index.
pub struct Compiled {
    groups: Vec<Vec<CompiledTerm>>,
    /// Events whose acronym is the whole query with its spaces removed.
    whole_acronym: Vec<u32>,
}

struct CompiledTerm {
    negated: bool,
    test: Test,
}

enum Test {
    Text {
        needle: Needle,
        /// The needle's [`Needle::mask`].
        mask: u64,
        mode: TextMode,
        /// Events with an acronym equal to the term.
        acronym: Vec<u32>,
        /// Events that spell out the expansion of the acronym the term names.
        spelled_out: Option<Arc<Vec<u32>>>,
    },
    /// Per pillar: whether the term matches it.
    Pillar(Vec<bool>),
    Acronym(Vec<u32>),
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

    /// Whether results can differ in relevance: only text terms score; field terms and
    /// exclusions only filter, and results of a query without text keep timeline order.
    pub fn ranks(&self) -> bool {
        self.groups
            .iter()
            .flatten()
            .any(|term| !term.negated && matches!(term.test, Test::Text { .. }))
    }

    /// Whether results for a longer query can be found among this query's results alone: false
    /// when matches may come from outside them (acronyms named in full, spelled-out expansions).
    pub fn narrows_safely(&self) -> bool {
        self.whole_acronym.is_empty()
            && self.groups.iter().flatten().all(|term| {
                !matches!(&term.test, Test::Text { acronym, spelled_out, .. }
                    if !acronym.is_empty() || spelled_out.is_some())
            })
    }

    /// The event's score, or `None` when it does not match.
    fn score(&self, index: &Index, timeline: &Timeline, event: usize) -> Option<u32> {
        if self.whole_acronym.binary_search(&(event as u32)).is_ok() {
            return Some(EXACT_ACRONYM * self.groups.len() as u32);
        }
        let mut total = 0;
        for group in &self.groups {
            total += group
                .iter()
                .filter_map(|term| term.score(index, timeline, event))
                .max()?;
        }
        Some(total)
    }
}

impl CompiledTerm {
    fn score(&self, index: &Index, timeline: &Timeline, number: usize) -> Option<u32> {
        let event = &timeline.events[number];
        let found = match &self.test {
            Test::Text {
                needle,
                mask,
                mode,
                acronym,
                spelled_out,
            } => {
                let listed = |events: &[u32]| events.binary_search(&(number as u32)).is_ok();
                if listed(acronym) || spelled_out.as_deref().is_some_and(|e| listed(e)) {
                    Some(EXACT_ACRONYM)
                } else {
                    if index.masks[number] & mask != *mask {
                        None
                    } else if self.negated {
                        // Exclusions are exact, whatever field holds the text.
                        text_score(index, event, number, needle, TextMode::Substring)
                    } else {
                        text_score(index, event, number, needle, *mode)
                    }
                }
            }
            Test::Pillar(shown) => shown[event.pillar].then_some(0),
            Test::Acronym(events) => events.binary_search(&(number as u32)).is_ok().then_some(0),
            Test::Place(needle) => event
                .place
                .as_deref()
                .is_some_and(|place| needle.fuzzy(place))
                .then_some(0),
            Test::Year(range) => overlaps(event, *range).then_some(0),
        };
        match (self.negated, found) {
            (false, found) => found,
            (true, Some(_)) => None,
            (true, None) => Some(0),
        }
    }
}

fn overlaps(event: &Event, range: YearRange) -> bool {
    event.date.earliest().year() <= range.last && range.first <= event.date.latest().year()
}

/// Calls `visit` with each text of field `field` (in [`FIELD_SCORES`] order) of one event.
fn each_text(
    index: &Index,
    event: &Event,
    number: usize,
    field: usize,
    mut visit: impl FnMut(&str),
) {
    match field {
        0 => visit(&event.title),
        1 => event.acronyms.iter().for_each(|text| visit(text)),
        2 => index.expansions(number).for_each(visit),
        3 => event.mechanisms.iter().for_each(|text| visit(text)),
        4 => event.place.iter().for_each(|text| visit(text)),
        _ => visit(&event.summary),
    }
}

/// The best score of a text term in one event.
fn text_score(
    index: &Index,
    event: &Event,
    number: usize,
    needle: &Needle,
    mode: TextMode,
) -> Option<u32> {
    if mode == TextMode::Fuzzy && (needle.prefix(&event.title) || needle.word(&event.title)) {
        return Some(TITLE_START);
    }
    // Written-out matches first: any of them outranks every scattered one.
    for (field, (written, _)) in FIELD_SCORES.into_iter().enumerate() {
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
    FIELD_SCORES
        .into_iter()
        .enumerate()
        .find_map(|(field, (_, scattered))| {
            let scattered = scattered?;
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

    fn top_ids(query: &str, n: usize) -> Vec<String> {
        let timeline = bundled().unwrap();
        let index = Index::new(&timeline);
        let compiled = index.compile(&timeline, &Query::parse(query).unwrap());
        let all: Vec<u32> = (0..timeline.events.len() as u32).collect();
        let mut hits = index.matches(&timeline, &compiled, &all);
        index.rank(&mut hits);
        hits.into_iter()
            .take(n)
            .map(|hit| timeline.events[hit.event].id.clone())
            .collect()
    }

    #[test]
    fn exact_acronyms_rank_first() {
        let timeline = bundled().unwrap();
        let mut jaif_events: Vec<&str> = timeline
            .events
            .iter()
            .filter(|e| e.acronyms.iter().any(|a| a == "JAIF"))
            .map(|e| e.id.as_str())
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
        let index = Index::new(&timeline);
        let query = |q: &str| index.compile(&timeline, &Query::parse(q).unwrap());
        assert_eq!(index.highlights("日本 JAIF", &query("jaif")), [3, 4, 5, 6]);
        assert_eq!(index.highlights("日本 JAIF", &query("'AI")), [4, 5]);
        assert!(index.highlights("abc", &query("")).is_empty());
        assert!(index.highlights("abc", &query("xyz")).is_empty());
        assert!(index.highlights("abc", &query("!abc")).is_empty());
    }

    #[test]
    fn places_and_expansions_are_searched() {
        assert_eq!(top_ids("Bagan", 1), ["defence-ministers-informal-2014"]);
        let fund = top_ids("Integration Fund", 3);
        assert!(fund.contains(&"jaif-established".to_string()), "{fund:?}");
    }
}
