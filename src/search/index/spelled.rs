//! Which events spell out a glossary entry's expansion (`Japan-ASEAN Integration Fund` for
//! JAIF), so a term naming the acronym finds them too. Found by a scan of the timeline the
//! first time a query names the entry, then kept: many entries named at once share one scan.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::Index;
use crate::search::field::Field;
use crate::search::parallel::in_parts;
use crate::search::text::{contains_normalized, normalize};
use crate::timeline::EventId;

impl Index {
    /// Events whose title or summary spells out glossary entry `id`'s expansion.
    pub(super) fn spelled_out(&self, id: usize) -> Arc<Vec<EventId>> {
        let mut cache = self.spelled_out.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(id)
            .or_insert_with(|| {
                let events = self
                    .spellable(id)
                    .map(|expansion| self.events_spelling(&expansion));
                Arc::new(events.unwrap_or_default())
            })
            .clone()
    }

    /// Glossary entry `id`'s expansion, normalized, when it is long enough to look for: a
    /// shorter one is spelled out by chance in too many texts to name anything.
    fn spellable(&self, id: usize) -> Option<String> {
        let expansion = normalize(&self.glossary[id].1);
        (expansion.len() >= MIN_SPELLED_OUT).then_some(expansion)
    }

    /// Finds which events spell out each of the glossary entries `ids` not yet known, in one
    /// scan for them all, so that a query naming many acronyms costs one scan, not one each;
    /// false when `stop` stopped it. Entries with an expansion that is not ASCII are left to
    /// [`Index::spelled_out`].
    pub(super) fn spell_out(&self, ids: &[usize], stop: &(dyn Fn() -> bool + Sync)) -> bool {
        let timeline = self.timeline();
        let mut cache = self.spelled_out.lock().unwrap_or_else(|e| e.into_inner());
        let mut wanted: Vec<(usize, String)> = Vec::new();
        for &id in ids {
            if cache.contains_key(&id) || wanted.iter().any(|(known, _)| *known == id) {
                continue;
            }
            match self.spellable(id) {
                None => {
                    cache.insert(id, Arc::new(Vec::new()));
                }
                Some(expansion) if expansion.is_ascii() => wanted.push((id, expansion)),
                Some(_) => {}
            }
        }
        if wanted.is_empty() {
            return true;
        }
        // One expansion is sought as before, letter by letter from its first; several with an
        // automaton that reads each text once.
        let automaton = if wanted.len() == 1 {
            None
        } else {
            let expansions = || wanted.iter().map(|(_, expansion)| expansion);
            let built = AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .build(expansions())
                .or_else(|_| AhoCorasick::new(expansions()));
            match built {
                Ok(automaton) => Some(automaton),
                Err(_) => return true,
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
                    here.clear();
                    // The automaton reads ASCII texts only; others are read for each expansion.
                    let ascii = automaton.as_ref().and_then(|automaton| {
                        let event = self.folded.fields_of(e);
                        let texts = [event.field(Field::Title), event.field(Field::Summary)];
                        let ascii = self.folded.is_ascii(e) || texts.iter().all(|t| t.is_ascii());
                        ascii.then_some((automaton, texts))
                    });
                    if let Some((automaton, texts)) = ascii {
                        for text in texts {
                            letters.clear();
                            letters.extend(text.iter().filter(|b| b.is_ascii_alphanumeric()));
                            let matched = automaton.find_overlapping_iter(&letters);
                            here.extend(matched.map(|m| m.pattern().as_u32()));
                        }
                        here.sort_unstable();
                        here.dedup();
                    } else {
                        here.extend(wanted.iter().enumerate().filter_map(
                            |(at, (_, expansion))| self.spells(e, expansion).then_some(at as u32),
                        ));
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
    /// across cores.
    fn events_spelling(&self, expansion: &str) -> Vec<EventId> {
        in_parts(self.timeline.events.len(), |events| {
            events
                .filter(|&e| self.spells(e, expansion))
                .map(EventId::at)
                .collect::<Vec<EventId>>()
        })
        .concat()
    }

    /// Whether event `e`'s title or summary, normalized, contains `expansion` (normalized).
    /// ASCII texts are read folded, skipping punctuation byte by byte; others take the general
    /// path.
    fn spells(&self, e: usize, expansion: &str) -> bool {
        let event = self.folded.fields_of(e);
        let (title, summary) = (event.field(Field::Title), event.field(Field::Summary));
        // An event all ASCII is known so without reading it (most are).
        let ascii = self.folded.is_ascii(e) || (title.is_ascii() && summary.is_ascii());
        if ascii && expansion.is_ascii() {
            let needle = expansion.as_bytes();
            contains_folded(title, needle) || contains_folded(summary, needle)
        } else {
            let event = &self.timeline.events[e];
            contains_normalized(event.title(), expansion)
                || contains_normalized(event.summary(), expansion)
        }
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

/// The fewest letters and digits an expansion needs for the events that spell it out to count.
const MIN_SPELLED_OUT: usize = 6;
/// How many events a scan for spelled-out expansions reads between asking whether to stop.
const EVENTS_BETWEEN_STOPS: usize = 1024;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::folded::fold;
    use crate::timeline::bundled;

    #[test]
    pub(super) fn spelled_out_ignores_punctuation_and_case() {
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
    fn expansions_spelled_out_are_found_in_one_scan_as_one_by_one() {
        let timeline = bundled().unwrap();
        let index = Index::new(timeline);
        let ids: Vec<usize> = (0..index.glossary.len()).collect();
        assert!(index.spell_out(&ids, &|| false));
        let together = index.spelled_out.lock().unwrap().clone();
        let mut spelled = 0;
        for id in ids {
            let expansion = index.spellable(id);
            let alone = expansion
                .as_ref()
                .map(|expansion| index.events_spelling(expansion))
                .unwrap_or_default();
            spelled += alone.len();
            if let Some(found) = together.get(&id) {
                assert_eq!(**found, alone, "{expansion:?}");
            }
        }
        assert!(spelled > 0, "the bundled data spells some expansions out");
    }
}
