//! Compiling a query against the index: each term becomes a test prepared once per query —
//! its needle and character mask, its scores in the expansions and the pillars' names, the
//! events that list or spell out the acronym it names — so scoring an event only reads.

use std::collections::HashSet;
use std::sync::Arc;

use super::Index;
use super::many::Plan;
use super::score::written_in;
use super::typo::Correction;
use crate::search::field::Field;
use crate::search::folded::{Sought, anchored, fold, occurrence, subsequence};
use crate::search::query::{Query, Term, TermKind, TextMode, YearRange};
use crate::search::text::{Needle, bytes_mask, normalize};
use crate::timeline::{EventId, PillarSet};
use memchr::memmem::Finder;

/// A query prepared against one index.
pub struct Compiled {
    pub(super) groups: Vec<Vec<CompiledTerm>>,
    /// Per group, which terms are scored together and which alone.
    pub(super) plans: Vec<Plan>,
    /// Events whose acronym is the whole query with its spaces removed.
    pub(super) whole_acronym: Vec<EventId>,
    /// Events listing the bare acronym of the "+" form the whole query names, spaces removed
    /// (`telmin + japan`: those listing TELMIN; see [`TextTest::related`]).
    pub(super) whole_related: Vec<EventId>,
    /// The characters (as a [`char_mask`](crate::search::text::char_mask)) every matching event
    /// holds, apart from the [`Compiled::named_events`]: most events are ruled out by this one
    /// test.
    pub(super) required: u64,
    /// [`Compiled::named_events`], ascending.
    pub(super) named: Vec<EventId>,
    /// The group and position of the last term, if it can resume (see
    /// [`Candidate`](super::hits::Candidate)).
    pub(super) resumable: Option<(usize, usize)>,
    /// Set by [`Compiled::resume`]: the length of the last term in the query whose hits are
    /// the candidates.
    pub(super) resumed: Option<usize>,
    /// Whether the query is one positive text term (see [`Compiled::lone_folded_term`]).
    pub(super) lone: bool,
    /// Whether a term can match by letters scattered through a field, so a hit can be loose
    /// (see [`Index::is_loose`]): the query has a positive fuzzy text term.
    pub(super) loosens: bool,
}

pub(super) struct CompiledTerm {
    pub(super) negated: bool,
    pub(super) test: Test,
}

/// A text term, prepared.
pub(super) struct TextTest {
    pub(super) needle: Needle,
    /// The needle's [`Needle::mask`].
    pub(super) mask: u64,
    /// For a case-insensitive ASCII term: how to search for it in
    /// [`Folded`](crate::search::folded::Folded) text.
    pub(super) sought: Option<Sought>,
    /// With `sought`: the term's scores in the expansions and the pillars' names.
    pub(super) shared: Shared,
    pub(super) mode: TextMode,
    /// Events with an acronym equal to the term, or else with one it misspells (see `typo`).
    pub(super) acronym: Vec<EventId>,
    /// Events that spell out the expansion of the acronym the term names.
    pub(super) spelled_out: Option<Arc<Vec<EventId>>>,
    /// The acronyms the term misspells, whose events are then [`TextTest::acronym`].
    pub(super) typo: Option<Correction>,
    /// For a term naming a "+" form of an acronym (`TELMIN+Japan`), the events listing the
    /// bare acronym (`TELMIN`), ascending: found too, below the form's own events.
    pub(super) related: Vec<EventId>,
}

impl TextTest {
    /// The events the term names: those listing the acronym it names (or misspells) and those
    /// spelling out its expansion.
    pub(super) fn named(&self) -> impl Iterator<Item = EventId> + '_ {
        let spelled_out = self.spelled_out.iter().flat_map(|events| events.iter());
        self.acronym.iter().chain(spelled_out).copied()
    }

    /// Whether `event` lists the bare acronym of the "+" form the term names (see
    /// [`TextTest::related`]).
    #[inline]
    pub(super) fn relates(&self, event: EventId) -> bool {
        !self.related.is_empty() && self.related.binary_search(&event).is_ok()
    }

    /// Whether the term names `event` (see [`TextTest::named`]).
    #[inline]
    pub(super) fn names(&self, event: EventId) -> bool {
        let listed = |events: &[EventId]| events.binary_search(&event).is_ok();
        listed(&self.acronym) || self.spelled_out.as_deref().is_some_and(|e| listed(e))
    }
}

/// A term's scores in the texts events share rather than hold in their folded text, worked out
/// once per query rather than once per event: per glossary id, in that entry's expansion; per
/// pillar, in its name (0: absent). Each is empty when none holds the term, so events need not
/// look theirs up.
#[derive(Clone, Debug, Default)]
pub(super) struct Shared {
    pub(super) expansions: Vec<u32>,
    pub(super) pillars: Vec<u32>,
}

impl Shared {
    /// The best of each table of `self` and `other`, for terms matched together.
    pub(super) fn merge(&mut self, other: &Shared) {
        let best_of = |mine: &mut Vec<u32>, theirs: &[u32]| {
            if theirs.is_empty() {
                return;
            }
            mine.resize(theirs.len(), 0);
            for (best, &score) in mine.iter_mut().zip(theirs) {
                *best = (*best).max(score);
            }
        };
        best_of(&mut self.expansions, &other.expansions);
        best_of(&mut self.pillars, &other.pillars);
    }
}

pub(super) enum Test {
    Text(Box<TextTest>),
    /// Per pillar: whether the term matches it.
    Pillar(PillarSet),
    Acronym(Vec<EventId>),
    Place(Needle),
    Year(YearRange),
}

impl Index {
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
                    self.glossary_id(text)
                }
                _ => None,
            })
            .collect()
    }

    /// The glossary id of the entry whose key `term` names, ignoring case and punctuation.
    fn glossary_id(&self, term: &str) -> Option<usize> {
        self.glossary_ids.get(&normalize(term)).copied()
    }

    /// [`Index::compile`], once the events spelling out what the query names are known.
    fn prepare(&self, query: &Query) -> Compiled {
        let timeline = self.timeline();
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
                                    && self.glossary_id(text).is_none())
                                .then(|| self.misspelled_acronyms(text))
                                .flatten()
                                .map(|(correction, events)| {
                                    acronym = events;
                                    correction
                                });
                                Test::Text(Box::new(TextTest {
                                    mask: needle.mask(),
                                    shared: sought
                                        .as_ref()
                                        .map(|sought| self.shared_scores(&sought.finder, *mode))
                                        .unwrap_or_default(),
                                    sought,
                                    needle,
                                    mode: *mode,
                                    acronym,
                                    typo,
                                    related: if exact {
                                        self.related_to(text)
                                    } else {
                                        Vec::new()
                                    },
                                    spelled_out: self
                                        .glossary_id(text)
                                        .filter(|_| exact)
                                        .map(|id| self.spelled_out(id)),
                                }))
                            }
                            TermKind::Pillar(text) => {
                                let needle = Needle::new(text);
                                Test::Pillar(PillarSet::matching(&timeline.pillars, |p| {
                                    needle.fuzzy(&p.id) || needle.fuzzy(&p.name)
                                }))
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
        let whole = plain_words
            .filter(|words| words.len() > 1)
            .map(|words| words.concat());
        let whole_acronym = whole.as_deref().map(postings).unwrap_or_default();
        let whole_related = whole
            .as_deref()
            .map(|whole| self.related_to(whole))
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
        let loosens = groups.iter().flatten().any(|term| {
            !term.negated && matches!(&term.test, Test::Text(text) if text.mode == TextMode::Fuzzy)
        });
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
            loosens,
            groups,
            plans,
            whole_acronym,
            whole_related,
            required,
            named: Vec::new(),
            resumable,
            resumed: None,
        };
        compiled.named = compiled.find_named_events(events);
        compiled
    }

    /// A term's (searched with `finder`, matched as `mode`) [`Shared`] scores: in each
    /// glossary entry's folded expansion and each pillar's folded name, as those fields of an
    /// event score it.
    pub(super) fn shared_scores(&self, finder: &Finder, mode: TextMode) -> Shared {
        Shared {
            expansions: scores_in(
                Field::Expansions,
                &self.folded_expansions,
                &self.expansion_masks,
                finder,
                mode,
            ),
            pillars: scores_in(
                Field::Pillar,
                &self.folded_pillars,
                &self.pillar_masks,
                finder,
                mode,
            ),
        }
    }
}

/// Per text of `texts` (folded, with their `masks`), the score of a term (searched with
/// `finder`, matched as `mode`) in it, as `field` of an event scores it; 0 where absent. Empty
/// when no text holds the term.
fn scores_in(
    field: Field,
    texts: &[Vec<u8>],
    masks: &[u64],
    finder: &Finder,
    mode: TextMode,
) -> Vec<u32> {
    let (written, scattered) = (field.written(), field.scattered());
    let needle = finder.needle();
    // A text without all the term's characters holds it in no way: most, for a query of many
    // terms, each looked for in every text.
    let needs = bytes_mask(needle);
    let scores: Vec<u32> = texts
        .iter()
        .zip(masks)
        .map(|(text, &holds)| match mode {
            _ if needs & !holds != 0 => 0,
            TextMode::Fuzzy | TextMode::Substring => match occurrence(text, finder) {
                Some(found) => written_in(field, found.word),
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

impl Compiled {
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Roughly how many terms each candidate is tested against: a group's terms matched
    /// together count as a few.
    pub(super) fn tests_per_candidate(&self) -> usize {
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

    /// Lets a search among [`Candidates::Narrow`](super::Candidates::Narrow) resume from what the
    /// previous query found in each event, when that query was this one with `shorter` bytes of its
    /// last term typed ([`Query::grows_last_term`]). Without this, candidates are searched in full.
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

    /// Events this query matches by name rather than by its text: those listing an acronym a term
    /// names (or the bare acronym of the "+" form it names), those spelling out its expansion, and
    /// those whose acronym is the whole query (or its bare acronym). A query
    /// that [`extends`](crate::search::query::extends) another matches only events the other
    /// matched and these, so narrowing searches the previous results and these alone.
    pub fn named_events(&self) -> &[EventId] {
        &self.named
    }

    /// [`Compiled::named_events`], of a timeline of `count` events.
    fn find_named_events(&self, count: usize) -> Vec<EventId> {
        let mut events = self.whole_acronym.clone();
        events.extend(&self.whole_related);
        for term in self.groups.iter().flatten() {
            if let Test::Text(text) = &term.test {
                events.extend(text.named());
                events.extend(&text.related);
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
}
