//! Loose hits: events a query matches only because some term's letters are scattered in order
//! through a field (`covid` in "Forum on Cooperation, Visits and Ideas"), not because the term
//! is written out anywhere. The explorer sets them apart, so that a search whose every hit is
//! loose never passes for an answer.
//!
//! A hit is loose when one of the query's groups (terms ORed) is matched by none of its terms
//! written out: a term that names the event (its acronym, a misspelling of it, its expansion
//! spelled out, the bare acronym of the "+" form it names), occurs whole in a field, or is no
//! fuzzy text term at all (a field term, an exclusion, an exact or anchored term) and matches
//! as it always does. So `jaif covid` is loose where covid is only scattered, and
//! `jaif | covid` is not where JAIF is listed. Ranking is untouched: a loose hit can outrank a
//! written one (a title's scattered letters score as much as a term in the summary), which is
//! why the explorer marks rows rather than splitting them.

use super::compile::{CompiledTerm, Test};
use super::hits::{FROM_SCRATCH, Hits};
use super::score::{EXACT_ACRONYM, folded_score, text_score};
use super::{Compiled, Index};
use crate::search::field::Field;
use crate::search::query::TextMode;
use crate::timeline::EventId;

/// The most a term whose letters are scattered can score: the title's.
const MOST_SCATTERED: u32 = match Field::Title.scattered() {
    Some(score) => score,
    None => 0,
};

/// The least a term written out can score: in the summary, as part of a word.
const LEAST_WRITTEN: u32 = Field::Summary.written();

impl Index {
    /// Whether `query` (compiled against this index) matches `event` only loosely: some group
    /// of its terms matched by letters scattered through a field and by no term written out
    /// (see the [module](self)). `event` is one of the query's hits: of another event the
    /// answer means nothing.
    pub fn is_loose(&self, query: &Compiled, event: EventId) -> bool {
        query.loose_in(self, event)
    }

    /// Whether `query` found something and only loosely (`hits` are its hits): a search for
    /// what the timeline lacks. Asked once per search, not per hit while matching, and it stops
    /// at the first hit written out, which for most searches is one of the first looked at.
    pub fn all_loose(&self, query: &Compiled, hits: &Hits) -> bool {
        !hits.is_empty()
            && hits
                .iter()
                .all(|hit| query.hit_is_loose(self, hit.event, hit.score))
    }
}

impl Compiled {
    /// [`Index::is_loose`] of a hit scoring `score`, read from the score where it can be: a
    /// loose group scores at most [`MOST_SCATTERED`] and any other at most [`EXACT_ACRONYM`],
    /// so a higher total is written out; a lone term scoring below [`LEAST_WRITTEN`] is loose.
    /// Other hits are checked term by term.
    #[inline]
    pub(super) fn hit_is_loose(&self, index: &Index, event: EventId, score: u32) -> bool {
        if !self.loosens {
            return false;
        }
        let others = self.groups.len().saturating_sub(1) as u32;
        if score > MOST_SCATTERED.saturating_add(EXACT_ACRONYM.saturating_mul(others)) {
            return false;
        }
        if self.lone && score < LEAST_WRITTEN {
            return true;
        }
        self.loose_in(index, event)
    }

    /// [`Index::is_loose`], checked term by term.
    fn loose_in(&self, index: &Index, event: EventId) -> bool {
        let whole = [&self.whole_acronym, &self.whole_related];
        if !self.loosens
            || whole
                .iter()
                .any(|named| named.binary_search(&event).is_ok())
        {
            return false;
        }
        // Every group of a hit matches: one that matches with no term written out matches
        // loosely.
        let written = |group: &Vec<CompiledTerm>| group.iter().any(|t| t.written_in(index, event));
        !self.groups.iter().all(written)
    }
}

impl CompiledTerm {
    /// Whether the term matches `event` other than by scattered letters: a positive fuzzy
    /// text term if it names the event or is written out in a field, any other term if it
    /// matches at all.
    fn written_in(&self, index: &Index, event: EventId) -> bool {
        let number = event.index();
        let text = match &self.test {
            Test::Text(text) if !self.negated && text.mode == TextMode::Fuzzy => text,
            _ => return self.score(index, number, FROM_SCRATCH).0.is_some(),
        };
        if text.names(event) || text.relates(event) {
            return true;
        }
        if index.masks[number] & text.mask != text.mask {
            return false;
        }
        // Matched as an exact substring, the term is found only where it is written out; its
        // scattered scores in the expansions are passed over as such.
        match &text.sought {
            Some(sought) => {
                let mode = TextMode::Substring;
                let found = folded_score(index, number, sought, &text.shared, mode, FROM_SCRATCH);
                found.0.is_some()
            }
            None => {
                let original = &index.timeline.events[number];
                text_score(index, original, number, &text.needle, TextMode::Substring).is_some()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Query;
    use crate::search::index::Candidates;
    use crate::search::index::tests::small_timeline;
    use crate::timeline::{Timeline, load_str};

    /// A small timeline where `covid` is nowhere written but spelled by scattered letters, and
    /// JAIF is listed, spelled out and misspellable.
    fn timeline() -> Timeline {
        load_str(
            "t.ron",
            r#"Timeline(title: "t", pillars: [Pillar(id: "p", name: "P", color: "red")],
                glossary: {"JAIF": "Japan-ASEAN Integration Fund"},
                events: [
                    Event(id: "forum", date: "1977", title: "Forum on Cooperation, Visits and Ideas",
                        pillar: "p", summary: "Officials meet."),
                    Event(id: "jaif", date: "2006", title: "JAIF established", pillar: "p",
                        acronyms: ["JAIF"], summary: "A fund for integration."),
                    Event(id: "spelled", date: "2007", title: "First projects", pillar: "p",
                        summary: "The Japan-ASEAN Integration Fund funds projects."),
                    Event(id: "council", date: "2008", title: "Council of Vice Directors", pillar: "p",
                        summary: "Cooperation reviewed."),
                    Event(id: "undated", date: "undated", title: "Fund reviews", pillar: "p",
                        summary: "Reviews of the fund, undated."),
                ])"#,
        )
        .unwrap()
    }

    /// Each hit of `query`, best first, as its id and whether it is loose; and whether every
    /// hit is loose.
    fn searched(index: &Index, query: &str) -> (Vec<(String, bool)>, bool) {
        let timeline = index.timeline();
        let compiled = index.compile(&Query::parse(query).unwrap());
        let all: Vec<EventId> = timeline.event_ids().collect();
        let hits = index.matches(&compiled, Candidates::Events(&all), 0).hits;
        let ranked = index
            .ranked(&hits)
            .into_iter()
            .map(|event| {
                let id = timeline.event(event).id().to_string();
                (id, index.is_loose(&compiled, event))
            })
            .collect();
        (ranked, index.all_loose(&compiled, &hits))
    }

    fn ids(found: &[(String, bool)], loose: bool) -> Vec<&str> {
        let kept = found.iter().filter(|(_, is)| *is == loose);
        kept.map(|(id, _)| id.as_str()).collect()
    }

    #[test]
    fn covid_spelled_only_by_scattered_letters_is_loose_in_every_hit() {
        let index = Index::new(timeline());
        let (found, all_loose) = searched(&index, "covid");
        assert_eq!(ids(&found, true), ["council", "forum"]);
        assert_eq!(ids(&found, false), Vec::<&str>::new());
        assert!(all_loose);
    }

    #[test]
    fn an_acronym_listed_spelled_out_or_written_is_never_loose() {
        let index = Index::new(timeline());
        let (found, all_loose) = searched(&index, "jaif");
        assert_eq!(ids(&found, false), ["spelled", "jaif"]);
        assert!(!all_loose);
        // A misspelling read as the acronym it misspells names its events too.
        let (found, _) = searched(&index, "jiaf");
        assert_eq!(ids(&found, false), ["jaif"]);
    }

    #[test]
    fn written_and_loose_hits_are_told_apart_and_the_ranking_is_kept() {
        let index = Index::new(timeline());
        let (found, all_loose) = searched(&index, "fund");
        let order: Vec<&str> = found.iter().map(|(id, _)| id.as_str()).collect();
        // The forum's title spells f-u-n-d, scattered: the one loose hit, ranked last.
        assert_eq!(order, ["undated", "jaif", "spelled", "forum"]);
        assert_eq!(ids(&found, true), ["forum"]);
        assert!(!all_loose);
        // `vis` is written in the forum's title and scattered through two others, which tie
        // with each other (the shorter title first) and stay below it.
        let (found, all_loose) = searched(&index, "vis");
        assert_eq!(ids(&found, false), ["forum"]);
        assert_eq!(ids(&found, true), ["undated", "council"]);
        assert_eq!(found[0].0, "forum");
        assert!(!all_loose);
    }

    #[test]
    fn a_hit_is_loose_when_any_group_matches_only_loosely() {
        let index = Index::new(timeline());
        // Every term must match: the scattered one makes the hit loose.
        let (found, _) = searched(&index, "cooperation covid");
        assert_eq!(ids(&found, true), ["forum", "council"]);
        // Either term may match: a written one is enough.
        let (found, all_loose) = searched(&index, "covid | officials");
        assert_eq!(ids(&found, false), ["forum"]);
        assert_eq!(ids(&found, true), ["council"]);
        assert!(!all_loose);
        // Field terms and exclusions only filter: they are never loose.
        let (found, _) = searched(&index, "year:2006 !covid");
        assert_eq!(ids(&found, false), ["jaif"]);
        let (found, _) = searched(&index, "'ideas");
        assert_eq!(ids(&found, false), ["forum"]);
    }

    #[test]
    fn the_lone_term_shortcut_stands_at_the_scores_that_meet() {
        assert_eq!(MOST_SCATTERED, LEAST_WRITTEN);
        let scattered = Field::ALL.into_iter().filter_map(Field::scattered).max();
        let written = Field::ALL.into_iter().map(Field::written).min();
        assert_eq!(
            (scattered, written),
            (Some(MOST_SCATTERED), Some(LEAST_WRITTEN))
        );
    }

    proptest::proptest! {
        /// A hit is loose exactly when the query with every term quoted (matched only where it
        /// is written out) does not find it; and "every hit is loose" agrees with each hit.
        #[test]
        fn loose_hits_are_those_that_only_fuzzy_matching_finds(
            events in proptest::collection::vec(
                proptest::array::uniform5("[abc][abc -]{0,12}"), 1..8),
            glossary in proptest::collection::vec("[abc][abc -]{0,10}", 0..4),
            terms in proptest::collection::vec("[abc]{1,3}", 1..3),
            or in proptest::bool::ANY,
        ) {
            let index = Index::new(small_timeline(&events, &glossary));
            let join = if or { " | " } else { " " };
            let query = terms.join(join);
            let quoted: Vec<String> = terms.iter().map(|term| format!("'{term}")).collect();
            let (found, all_loose) = searched(&index, &query);
            let (written, _) = searched(&index, &quoted.join(join));
            let mut expected: Vec<&str> = written.iter().map(|(id, _)| id.as_str()).collect();
            let mut got = ids(&found, false);
            expected.sort_unstable();
            got.sort_unstable();
            proptest::prop_assert_eq!(got, expected, "{}", query);
            let every = !found.is_empty() && found.iter().all(|(_, loose)| *loose);
            proptest::prop_assert_eq!(all_loose, every);
        }
    }
}
