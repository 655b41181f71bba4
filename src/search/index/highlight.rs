//! Which characters of a title the query matches, for highlighting the rows on screen: asked
//! only of the few rows shown, so it can afford `fuzzy-matcher`'s positions.

use std::borrow::Cow;

use fuzzy_matcher::FuzzyMatcher;

use super::compile::Test;
use super::{Compiled, Index};
use crate::search::accents::fold_str;
use crate::search::query::TextMode;

impl Index {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Query;
    use crate::timeline::bundled;

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
}
