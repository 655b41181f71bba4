//! Ranking events against a typed query, for the explorer's live search.
//!
//! A query is matched fuzzily (smart case, as in fzf) against each event's fields, weighted in order
//! of how much a match there says about the event: title, acronyms, the glossary expansions of those
//! acronyms, mechanisms, place, summary. An event whose acronym *is* the query (ignoring case) ranks
//! above every fuzzy match, so `JAIF` and `AJCEP` bring their events first whatever else mentions them.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::timeline::Timeline;

/// Added to the score of an event whose acronym equals the query; larger than any fuzzy score.
const EXACT_ACRONYM: i64 = 1 << 40;

/// Field weights, highest first: title, acronyms, expansions, mechanisms, place, summary.
const WEIGHTS: [i64; 6] = [6, 5, 4, 3, 2, 1];

/// An event that matched, with how well.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`Timeline::events`].
    pub event: usize,
    pub score: i64,
}

/// Searchable text prepared once per timeline, so a keystroke only matches.
pub struct Index {
    matcher: SkimMatcherV2,
    /// Per event: its acronyms, their expansions, and its mechanisms, each joined by spaces.
    prepared: Vec<[String; 3]>,
}

impl Index {
    pub fn new(timeline: &Timeline) -> Self {
        let prepared = timeline
            .events
            .iter()
            .map(|event| {
                let expansions: Vec<&str> = event
                    .acronyms
                    .iter()
                    .filter_map(|acronym| timeline.expansion(acronym))
                    .collect();
                [
                    event.acronyms.join(" "),
                    expansions.join(" "),
                    event.mechanisms.join(" "),
                ]
            })
            .collect();
        Index {
            matcher: SkimMatcherV2::default(),
            prepared,
        }
    }

    /// The events among `candidates` that match `query`, best first; ties keep candidate order.
    /// An empty query matches every candidate with score 0.
    pub fn rank(
        &self,
        timeline: &Timeline,
        query: &str,
        candidates: impl Iterator<Item = usize>,
    ) -> Vec<Hit> {
        let query = query.trim();
        let folded = query.to_lowercase();
        let mut hits: Vec<Hit> = candidates
            .filter_map(|event| {
                let score = if query.is_empty() {
                    0
                } else {
                    self.score(timeline, event, query, &folded)?
                };
                Some(Hit { event, score })
            })
            .collect();
        // Stable: equal scores stay in candidate (timeline) order.
        hits.sort_by_key(|hit| std::cmp::Reverse(hit.score));
        hits
    }

    /// `folded` is the query in lowercase, for the case-insensitive acronym comparison.
    fn score(&self, timeline: &Timeline, index: usize, query: &str, folded: &str) -> Option<i64> {
        let event = &timeline.events[index];
        let [acronyms, expansions, mechanisms] = &self.prepared[index];
        let fields = [
            event.title.as_str(),
            acronyms,
            expansions,
            mechanisms,
            event.place.as_deref().unwrap_or(""),
            &event.summary,
        ];
        let fuzzy = fields
            .iter()
            .zip(WEIGHTS)
            .filter(|(text, _)| !text.is_empty())
            .filter_map(|(text, weight)| Some(self.matcher.fuzzy_match(text, query)? * weight))
            .max();
        let exact = event
            .acronyms
            .iter()
            .any(|acronym| acronym.to_lowercase() == folded);
        match (exact, fuzzy) {
            (true, fuzzy) => Some(EXACT_ACRONYM + fuzzy.unwrap_or(0)),
            (false, fuzzy) => fuzzy,
        }
    }

    /// Char positions in `title` that match `query`, for highlighting; empty when none match.
    pub fn title_matches(&self, title: &str, query: &str) -> Vec<usize> {
        let query = query.trim();
        if query.is_empty() {
            return Vec::new();
        }
        self.matcher
            .fuzzy_indices(title, query)
            .map(|(_, positions)| positions)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::bundled;

    fn top_ids(query: &str, n: usize) -> Vec<String> {
        let timeline = bundled().unwrap();
        let index = Index::new(&timeline);
        index
            .rank(&timeline, query, 0..timeline.events.len())
            .into_iter()
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
    fn an_empty_query_keeps_every_candidate_in_order() {
        let timeline = bundled().unwrap();
        let index = Index::new(&timeline);
        let hits = index.rank(&timeline, "  ", [5, 2, 9].into_iter());
        assert_eq!(hits.iter().map(|h| h.event).collect::<Vec<_>>(), [5, 2, 9]);
    }

    #[test]
    fn title_matches_are_char_positions() {
        let timeline = bundled().unwrap();
        let index = Index::new(&timeline);
        assert_eq!(index.title_matches("日本 JAIF", "jaif"), [3, 4, 5, 6]);
        assert!(index.title_matches("abc", "").is_empty());
        assert!(index.title_matches("abc", "xyz").is_empty());
    }

    #[test]
    fn places_and_expansions_are_searched() {
        assert_eq!(top_ids("Bagan", 1), ["defence-ministers-informal-2014"]);
        let fund = top_ids("Integration Fund", 3);
        assert!(fund.contains(&"jaif-established".to_string()), "{fund:?}");
    }
}
