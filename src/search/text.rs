//! Matching primitives for one term against one field, without allocating: smart case as in fzf
//! (a term with a capital letter matches case exactly), ASCII fast paths, and a 64-bit mask of the
//! characters a text holds so most non-matches are rejected without reading the text.

use std::borrow::Cow;

/// A term ready to be matched against fields.
#[derive(Clone, Debug)]
pub struct Needle {
    /// The term as typed.
    text: String,
    /// The term, lowercased unless case-sensitive.
    folded: String,
    case_sensitive: bool,
    ascii: bool,
    /// Folds a text byte the term's way: ASCII lowercase unless the term is case-sensitive.
    table: Box<[u8; 256]>,
}

impl Needle {
    pub fn new(text: &str) -> Self {
        let case_sensitive = text.chars().any(char::is_uppercase);
        let folded: Cow<str> = if case_sensitive {
            text.into()
        } else {
            text.to_lowercase().into()
        };
        Needle {
            text: text.to_string(),
            folded: folded.into_owned(),
            table: Box::new(std::array::from_fn(|b| {
                let b = b as u8;
                if case_sensitive {
                    b
                } else {
                    b.to_ascii_lowercase()
                }
            })),
            case_sensitive,
            ascii: text.is_ascii(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the term can be matched on ASCII-folded text: ASCII and case-insensitive.
    pub fn folds_ascii(&self) -> bool {
        self.ascii && !self.case_sensitive
    }

    /// The characters every matching text must hold, as a [`char_mask`].
    pub fn mask(&self) -> u64 {
        self.text
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .fold(0, |mask, b| mask | byte_bit(b))
            | if self.ascii { 0 } else { NON_ASCII }
    }

    fn bytes(&self) -> &[u8] {
        self.folded.as_bytes()
    }

    fn fold(&self, b: u8) -> u8 {
        if self.case_sensitive {
            b
        } else {
            b.to_ascii_lowercase()
        }
    }

    /// For non-ASCII terms: the haystack folded the same way as the term.
    fn folded<'h>(&self, hay: &'h str) -> Cow<'h, str> {
        if self.case_sensitive {
            hay.into()
        } else {
            hay.to_lowercase().into()
        }
    }

    /// The term's characters appear in `hay` in order (fzf's fuzzy match, without the scoring).
    pub fn fuzzy(&self, hay: &str) -> bool {
        if !self.ascii {
            let hay = self.folded(hay);
            let mut wanted = self.folded.chars();
            let mut next = wanted.next();
            for c in hay.chars() {
                if Some(c) == next {
                    next = wanted.next();
                }
            }
            return next.is_none();
        }
        let hay = hay.as_bytes();
        if hay.len() < SHORT {
            // One pass over a short text beats a vectorised search per character.
            let mut wanted = self.bytes().iter();
            let mut next = wanted.next();
            for &b in hay {
                if next.is_some_and(|&w| self.same_byte(b, w)) {
                    next = wanted.next();
                }
            }
            return next.is_none();
        }
        let mut at = 0;
        for &wanted in self.bytes() {
            let found = if self.case_sensitive || !wanted.is_ascii_alphabetic() {
                memchr::memchr(wanted, &hay[at..])
            } else {
                memchr::memchr2(wanted, wanted.to_ascii_uppercase(), &hay[at..])
            };
            match found {
                Some(offset) => at += offset + 1,
                None => return false,
            }
        }
        true
    }

    /// Whether text byte `b` matches term byte `w` (already folded the term's way), without a
    /// branch: a table folds the byte.
    fn same_byte(&self, b: u8, w: u8) -> bool {
        self.table[b as usize] == w
    }

    /// The byte range of the first occurrence of the term in `hay`.
    pub fn find(&self, hay: &str) -> Option<(usize, usize)> {
        self.find_from(hay, 0)
    }

    fn find_from(&self, hay: &str, from: usize) -> Option<(usize, usize)> {
        if !self.ascii {
            // Lowercasing can change byte lengths, so positions are found on chars.
            let wanted = self.folded.as_str();
            let folded = self.folded(&hay[from..]);
            let start = folded.find(wanted)?;
            if folded.len() != hay.len() - from {
                // Positions in a folded text with other lengths are not positions in `hay`.
                return Some((from, from));
            }
            return Some((from + start, from + start + wanted.len()));
        }
        let bytes = hay.as_bytes();
        let n = self.bytes().len();
        let first = self.bytes()[0];
        let matches_at = |start: usize| {
            bytes[start..start + n]
                .iter()
                .zip(self.bytes())
                .all(|(&b, &w)| self.same_byte(b, w))
        };
        if bytes.len() < SHORT {
            return (from..(bytes.len() + 1).saturating_sub(n))
                .find(|&start| self.same_byte(bytes[start], first) && matches_at(start))
                .map(|start| (start, start + n));
        }
        let mut at = from;
        while at + n <= bytes.len() {
            let offset = if self.case_sensitive || !first.is_ascii_alphabetic() {
                memchr::memchr(first, &bytes[at..])?
            } else {
                memchr::memchr2(first, first.to_ascii_uppercase(), &bytes[at..])?
            };
            let start = at + offset;
            if start + n > bytes.len() {
                return None;
            }
            if matches_at(start) {
                return Some((start, start + n));
            }
            at = start + 1;
        }
        None
    }

    pub fn substring(&self, hay: &str) -> bool {
        self.find(hay).is_some()
    }

    pub fn prefix(&self, hay: &str) -> bool {
        if !self.ascii {
            return self.folded(hay).starts_with(self.folded.as_str());
        }
        let n = self.folded.len();
        hay.len() >= n && self.same(&hay.as_bytes()[..n])
    }

    pub fn suffix(&self, hay: &str) -> bool {
        if !self.ascii {
            return self.folded(hay).ends_with(self.folded.as_str());
        }
        let n = self.folded.len();
        hay.len() >= n && self.same(&hay.as_bytes()[hay.len() - n..])
    }

    pub fn whole(&self, hay: &str) -> bool {
        if !self.ascii {
            return self.folded(hay) == self.folded.as_str();
        }
        self.same(hay.as_bytes())
    }

    /// `bytes` equals the term, folded the term's way.
    fn same(&self, bytes: &[u8]) -> bool {
        bytes.len() == self.folded.len()
            && bytes
                .iter()
                .zip(self.bytes())
                .all(|(&b, &w)| self.fold(b) == w)
    }

    /// How the term sits in a title, found in one pass: at its start, inside it (as a whole word
    /// or not), or not at all.
    pub fn find_in_title(&self, title: &str) -> Option<TitleMatch> {
        let (start, end) = self.find(title)?;
        if start == 0 && end > 0 {
            return Some(TitleMatch::Start);
        }
        let word = is_word_at(title.as_bytes(), start, end)
            || self.word_from(title, next_char(title, start));
        Some(TitleMatch::Inside { word })
    }

    /// The term occurs in `hay` as a whole word (or words), bounded by non-alphanumerics.
    pub fn word(&self, hay: &str) -> bool {
        self.word_from(hay, 0)
    }

    fn word_from(&self, hay: &str, from: usize) -> bool {
        let bytes = hay.as_bytes();
        let mut from = from;
        while let Some((start, end)) = self.find_from(hay, from) {
            if start == end {
                return false;
            }
            if is_word_at(bytes, start, end) {
                return true;
            }
            from = next_char(hay, start);
        }
        false
    }
}

/// Where a term was found in a title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleMatch {
    Start,
    Inside { word: bool },
}

/// The byte index of the char after the one at `at`.
fn next_char(text: &str, at: usize) -> usize {
    at + text[at..].chars().next().map_or(1, char::len_utf8)
}

/// Whether `bytes[start..end]` is bounded by non-alphanumerics (or the ends of the text).
fn is_word_at(bytes: &[u8], start: usize, end: usize) -> bool {
    let before = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
    let after = end == bytes.len() || !bytes[end].is_ascii_alphanumeric();
    before && after
}

const NON_ASCII: u64 = 1 << 63;

/// Texts shorter than this are searched byte by byte; longer ones with `memchr`.
const SHORT: usize = 96;

const fn byte_bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'A'..=b'Z' => 1 << (b - b'A'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        0x80.. => NON_ASCII,
        _ => 0,
    }
}

/// [`byte_bit`] for every byte, so masks are built without branching.
const BYTE_BITS: [u64; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = byte_bit(b as u8);
        b += 1;
    }
    table
};

/// The letters (case-folded) and digits `text` holds, and whether it holds anything non-ASCII.
pub fn char_mask(text: &str) -> u64 {
    bytes_mask(text.as_bytes())
}

/// [`char_mask`] of raw bytes.
pub fn bytes_mask(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0, |mask, &b| mask | BYTE_BITS[b as usize])
}

/// Lowercase letters and digits only: `ADMM-Plus`, `admm plus` and `admmplus` all become
/// `admmplus`, so acronyms match however their punctuation and spacing are typed.
pub fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `hay`, normalized, contains `needle` (already normalized), without allocating.
pub fn contains_normalized(hay: &str, needle: &str) -> bool {
    let Some(first) = needle.chars().next() else {
        return false;
    };
    // Cheap rejection: the first letter must occur at all (ASCII needles, the common case).
    if first.is_ascii() && !hay.bytes().any(|b| b.to_ascii_lowercase() == first as u8) {
        return false;
    }
    hay.char_indices()
        .filter(|(_, c)| c.is_alphanumeric() && c.to_lowercase().next() == Some(first))
        .any(|(start, _)| {
            let mut rest = hay[start..]
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase);
            needle.chars().all(|wanted| rest.next() == Some(wanted))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case_fuzzy() {
        assert!(Needle::new("jaif").fuzzy("Japan-ASEAN Integration Fund"));
        assert!(Needle::new("ajcp").fuzzy("AJCEP Agreement"));
        assert!(!Needle::new("JAIF").fuzzy("japan-asean integration fund"));
        assert!(Needle::new("JAIF").fuzzy("JAIF Management Team"));
        assert!(!Needle::new("fiaj").fuzzy("JAIF"));
        assert!(Needle::new("日本").fuzzy("日x本"));
        assert!(Needle::new("é").fuzzy("Café"));
    }

    #[test]
    fn find_prefix_suffix_whole_and_words() {
        let n = Needle::new("bali");
        assert_eq!(n.find("the Bali Declaration"), Some((4, 8)));
        assert!(n.word("the Bali Declaration"));
        assert!(!n.word("Balinese"));
        assert!(Needle::new("asean").prefix("ASEAN-Japan"));
        assert!(!Needle::new("japan").prefix("ASEAN-Japan"));
        assert!(Needle::new("force").suffix("enters into force"));
        assert!(Needle::new("jaif").whole("JAIF"));
        assert!(!Needle::new("jaif").whole("JAIFs"));
        assert!(Needle::new("241.1").substring("USD 241.1 billion"));
        assert!(!Needle::new("Bali").substring("bali"));
    }

    #[test]
    fn masks_reject_texts_missing_a_character() {
        let text = char_mask("JAIF Management Team");
        let needle = Needle::new("jmt").mask();
        assert_eq!(text & needle, needle);
        let missing = Needle::new("xyz").mask();
        assert_ne!(text & missing, missing);
        assert_ne!(char_mask("日本") & Needle::new("日").mask(), 0);
    }

    #[test]
    fn normalized_acronyms_ignore_punctuation_and_case() {
        assert_eq!(normalize("ADMM-Plus"), "admmplus");
        assert_eq!(normalize("admm plus"), "admmplus");
        assert_eq!(normalize("AHA Centre"), "ahacentre");
        assert!(contains_normalized(
            "set up the Japan-ASEAN Integration Fund in 2006",
            "japanaseanintegrationfund"
        ));
        assert!(!contains_normalized(
            "Japan-ASEAN Integration",
            "japanaseanintegrationfund"
        ));
    }
}
