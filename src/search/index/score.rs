//! Scoring one event against a compiled query: each term's best score over the event's fields
//! ([`Field`]), the fast path over folded text and the general one over the original text, and
//! what the last term tells a longer query about where to resume.

use super::compile::{CompiledTerm, Shared, Test, TextTest};
use super::hits::{Candidate, FROM_SCRATCH, Resume};
use super::{Compiled, Index};
use crate::search::field::Field;
use crate::search::folded::{Sought, anchored, items, letters_in_an_item, subsequence_end};
use crate::search::query::TextMode;
use crate::search::text::{Anchor, Needle, TitleMatch};
use crate::timeline::{Event, EventId};

/// Score of a term that equals one of the event's acronyms (or names its spelled-out expansion).
pub(super) const EXACT_ACRONYM: u32 = 100;

/// Score of a term that names a "+" form of an acronym (`TELMIN+Japan`) in an event listing the
/// bare acronym (`TELMIN`): as though the bare acronym were written as a word among its
/// acronyms, which is how a term naming the bare acronym scores the form's events.
pub(super) const RELATED_ACRONYM: u32 = written_in(Field::Acronyms, true);

/// A title that starts with the term (or holds it as a whole word).
pub(super) const TITLE_START: u32 = 90;

/// What a whole word adds to the score of a term written out in a [`Field`].
const WORD_BONUS: u32 = 2;

/// The score of a term written out in `field`, as a whole word or as part of one.
#[inline]
pub(super) const fn written_in(field: Field, word: bool) -> u32 {
    field.written() + if word { WORD_BONUS } else { 0 }
}

impl Compiled {
    /// Whether `event` holds every character a match needs, or is matched by name: the test
    /// that rules out most events before any text is read.
    #[inline]
    pub(super) fn has_characters(&self, index: &Index, event: EventId) -> bool {
        index.masks[event.index()] & self.required == self.required
            || self.named.binary_search(&event).is_ok()
    }

    /// The event's score and where its last term first occurs, or `None` when it does not
    /// match. A query of one [`Compiled::lone_folded_term`] is scored by
    /// [`Compiled::score_lone`] instead.
    #[inline]
    pub(super) fn score(&self, index: &Index, candidate: Candidate) -> Option<(u32, u32)> {
        let event = candidate.event.index();
        if !self.has_characters(index, candidate.event) {
            return None;
        }
        if self.whole_acronym.binary_search(&candidate.event).is_ok() {
            return Some((EXACT_ACRONYM * self.groups.len() as u32, 0));
        }
        if self.whole_related.binary_search(&candidate.event).is_ok() {
            return Some((RELATED_ACRONYM * self.groups.len() as u32, 0));
        }
        // Only the last term learns where to resume; the others search in full.
        let score = |g: usize, t: usize, term: &CompiledTerm| {
            if self.resumable != Some((g, t)) {
                return (term.score(index, event, FROM_SCRATCH).0, None);
            }
            let resume = match self.resumed {
                Some(shorter) => (Resume::decode(candidate.from), shorter),
                None => FROM_SCRATCH,
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
    pub(super) fn lone_folded_term(&self) -> Option<(&TextTest, &Sought)> {
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
    pub(super) fn score_lone(
        &self,
        index: &Index,
        text: &TextTest,
        sought: &Sought,
        candidate: Candidate,
    ) -> Option<(u32, u32)> {
        if !self.named.is_empty() && text.names(candidate.event) {
            return Some((EXACT_ACRONYM, 0));
        }
        if text.relates(candidate.event) {
            return Some((RELATED_ACRONYM, 0));
        }
        let resume = match (self.resumable, self.resumed) {
            (Some(_), Some(shorter)) => (Resume::decode(candidate.from), shorter),
            _ => FROM_SCRATCH,
        };
        let event = candidate.event.index();
        let (score, found) = folded_score(index, event, sought, &text.shared, text.mode, resume);
        score.map(|score| (score, found.encode()))
    }
}

impl CompiledTerm {
    /// The term's score in event `number`, or `None`, and what a longer term can resume from
    /// (see [`folded_score`]).
    pub(super) fn score(
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
                    ..
                } = text.as_ref();
                if text.names(EventId::at(number)) {
                    Some(EXACT_ACRONYM)
                } else if text.relates(EventId::at(number)) {
                    Some(RELATED_ACRONYM)
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
                                let (score, found) =
                                    folded_score(index, number, sought, &text.shared, mode, resume);
                                next = found;
                                score
                            }
                            None => text_score(index, event, number, needle, mode),
                        }
                    }
                }
            }
            Test::Pillar(shown) => shown.shows(event.pillar).then_some(0),
            Test::Acronym(events) => events
                .binary_search(&EventId::at(number))
                .is_ok()
                .then_some(0),
            Test::Place(needle) => event
                .place()
                .is_some_and(|place| needle.fuzzy(place))
                .then_some(0),
            Test::Year(range) => range.admits(event.date.as_ref()).then_some(0),
        };
        let score = match (self.negated, found) {
            (false, found) => found,
            (true, Some(_)) => None,
            (true, None) => Some(0),
        };
        (score, next)
    }
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
        Field::Pillar => visit(&index.timeline.pillar_of(event).name),
        Field::Summary => visit(event.summary()),
    }
}

/// The best score of a case-insensitive ASCII term in one event, scanning its
/// [`Folded`](crate::search::folded::Folded) text, and what a longer term can resume from (see
/// [`Candidate`]). `resume` is what the query before, whose last term was this term's first
/// `shorter` bytes, found. `shared` is the term's [`Index::shared_scores`].
#[inline]
pub(super) fn folded_score(
    index: &Index,
    number: usize,
    sought: &Sought,
    shared: &Shared,
    mode: TextMode,
    (resume, shorter): (Resume, usize),
) -> (Option<u32>, Resume) {
    let mut found = Resume::Unwritten;
    // Scored in a closure so that every early return still hands back what was found.
    let mut score = || -> Option<u32> {
        let needle = sought.finder.needle();
        let expansions = || {
            let best = index.best_expansion_score(number, &shared.expansions);
            (best > 0).then_some(best)
        };
        let pillar = || {
            let score = index.pillar_score(number, &shared.pillars);
            (score > 0).then_some(score)
        };
        if matches!(mode, TextMode::Fuzzy | TextMode::Substring) {
            // One search over the whole event finds the first field that holds the term; only the
            // expansions, which live in the glossary, can rank between acronyms and the rest, and
            // the pillar's name between the place and the summary.
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
                        written_in(Field::Title, found.word)
                    });
                }
                Some((field @ Field::Acronyms, found)) => {
                    return Some(written_in(field, found.word));
                }
                _ => {}
            }
            let expansion = expansions();
            let written = |score: &u32| *score >= Field::Expansions.written();
            if let Some(score) = expansion.filter(written) {
                return Some(score);
            }
            let in_located = located
                .as_ref()
                .map(|(field, found)| (*field, written_in(*field, found.word)));
            if let Some((field, score)) = in_located
                && field != Field::Summary
            {
                return Some(score);
            }
            // A pillar's name holds no scattered scores: any is written out.
            if let Some(score) = pillar() {
                return Some(score);
            }
            if let Some((_, score)) = in_located {
                return Some(score);
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
        // the acronyms and the mechanisms, the pillar's name between the place and the summary.
        let in_folded = |fields: &[Field]| {
            fields.iter().find_map(|&field| {
                folded_field_has(index, number, field, needle, mode).then_some(field.written())
            })
        };
        in_folded(&[Field::Title, Field::Acronyms])
            .or_else(expansions)
            .or_else(|| in_folded(&[Field::Mechanisms, Field::Place]))
            .or_else(pillar)
            .or_else(|| in_folded(&[Field::Summary]))
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
pub(super) fn text_score(
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
        let mut best = None;
        each_text(index, event, number, field, |text| {
            let found = match mode {
                TextMode::Fuzzy | TextMode::Substring => {
                    needle.find(text).map(|_| needle.word(text))
                }
                _ => mode_matches(needle, mode, text).then_some(false),
            };
            if let Some(word) = found {
                best = best.max(Some(written_in(field, word)));
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
    use super::super::tests::small_timeline;
    use super::*;
    use crate::search::text::Needle;

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
            let shared = index.shared_scores(&sought.finder, mode);
            let original = Needle::new(&needle);
            let longer = format!("{needle}{more}");
            let longer_sought = Sought::new(longer.as_bytes());
            let longer_shared = index.shared_scores(&longer_sought.finder, mode);
            for number in 0..timeline.events.len() {
                let event = &timeline.events[number];
                let (score, found) =
                    folded_score(&index, number, &sought, &shared, mode, FROM_SCRATCH);
                proptest::prop_assert_eq!(
                    score,
                    text_score(&index, event, number, &original, mode),
                    "event {:?}, needle {:?}, {:?}", event, needle, mode
                );
                // Typing more resumes where the shorter term first occurred, and loses nothing.
                if matches!(mode, TextMode::Fuzzy | TextMode::Substring) {
                    let score = |resume| {
                        folded_score(&index, number, &longer_sought, &longer_shared, mode, resume).0
                    };
                    let resumed = (Resume::decode(found.encode()), needle.len());
                    proptest::prop_assert_eq!(
                        score(resumed), score(FROM_SCRATCH), "{:?} after {:?}", longer, needle
                    );
                }
            }
        }
    }
}
