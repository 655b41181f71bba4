//! A term read as the glossary acronym it misspells by one typo (`ajecp` for AJCEP): its
//! events rank first, as if the term had named it, and the explorer says so.

use std::fmt;

use super::Index;
use crate::search::text::normalize;
use crate::timeline::EventId;

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

impl Index {
    /// The glossary acronyms that a term of four or more letters, naming none, misspells by one
    /// typo — a letter added, dropped or changed, or two letters swapped (`ajecp` for AJCEP) —
    /// with the events that list them, ascending. Only acronyms some event lists count, and a
    /// term whose letters run in order through one of them is its abbreviation (`ajcp`), which
    /// ranking already puts first, not a typo.
    pub(super) fn misspelled_acronyms(&self, term: &str) -> Option<(Correction, Vec<EventId>)> {
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
}

#[cfg(test)]
mod tests {
    use super::super::tests::top_ids;
    use crate::search::Query;
    use crate::search::index::Index;
    use crate::timeline::bundled;

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
}
