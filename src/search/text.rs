//! Matching primitives for one term against one field, without allocating where the text is
//! ASCII: smart case as in fzf (a term with a capital letter matches case exactly), Latin accents
//! folded as in fzf (when the term has none, see the `accents` module), ASCII fast paths,
//! and a 64-bit mask of the characters a text holds so most non-matches are rejected without
//! reading the text.

use std::borrow::Cow;

use super::accents;

/// A term ready to be matched against fields.
#[derive(Clone, Debug)]
pub struct Needle {
    /// The term as typed.
    text: String,
    /// The term, lowercased unless case-sensitive, with its accents folded if it folds them.
    folded: String,
    case_sensitive: bool,
    /// Whether accented Latin letters of a text match their base letter: the term has none.
    normalize: bool,
    ascii: bool,
    /// Folds a text byte the term's way: ASCII lowercase unless the term is case-sensitive.
    table: Box<[u8; 256]>,
}

impl Needle {
    pub fn new(text: &str) -> Self {
        let case_sensitive = text.chars().any(char::is_uppercase);
        let lower = text.to_lowercase();
        let normalize = !accents::has_foldable(&lower);
        let cased = if case_sensitive {
            text.to_string()
        } else {
            lower
        };
        // As in fzf, a folding term is folded too: a capital such as `İ`, whose lowercase does
        // not fold, does.
        let folded = if normalize {
            accents::fold_str(&cased).into_owned()
        } else {
            cased
        };
        let ascii = folded.is_ascii();
        Needle {
            text: text.to_string(),
            folded,
            table: Box::new(std::array::from_fn(|b| {
                let b = b as u8;
                if case_sensitive {
                    b
                } else {
                    b.to_ascii_lowercase()
                }
            })),
            case_sensitive,
            normalize,
            ascii,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the term can be matched on ASCII-folded (and accent-folded) text: ASCII and
    /// case-insensitive (so it is its folded self).
    pub fn folds_ascii(&self) -> bool {
        self.ascii && !self.case_sensitive
    }

    /// Whether accented letters of a text match the term's plain ones (see `Needle::view`).
    pub fn normalizes(&self) -> bool {
        self.normalize
    }

    /// The characters every matching text must hold, as a [`char_mask`].
    pub fn mask(&self) -> u64 {
        self.folded
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .fold(0, |mask, b| mask | byte_bit(b))
            | if self.ascii { 0 } else { NON_ASCII }
    }

    fn bytes(&self) -> &[u8] {
        self.folded.as_bytes()
    }

    /// Appends `c` as the term compares it: lowercased (fully) unless the term is
    /// case-sensitive, then with its accent folded when the term folds them.
    fn fold_char(&self, c: char, out: &mut String) {
        let mut push = |c: char| {
            let c = if self.normalize {
                accents::base(c).unwrap_or(c)
            } else {
                c
            };
            out.push(c);
        };
        if self.case_sensitive {
            push(c);
        } else {
            c.to_lowercase().for_each(push);
        }
    }

    /// `hay` as the term compares it. ASCII text against an ASCII term is borrowed as it is (its
    /// bytes are folded one by one with the table); other text is folded char by char, as fzf
    /// folds it (case, then accents), so an ASCII term finds `tokyo` in `Tōkyō`.
    fn view<'h>(&self, hay: &'h str) -> Cow<'h, str> {
        if self.ascii && hay.is_ascii() {
            return hay.into();
        }
        let mut folded = String::with_capacity(hay.len());
        hay.chars().for_each(|c| self.fold_char(c, &mut folded));
        folded.into()
    }

    /// The byte range of `hay` whose folded chars hold `view[start..end]`, for a view of it
    /// made by [`Needle::view`].
    fn in_original(&self, hay: &str, view: Cow<str>, range: (usize, usize)) -> (usize, usize) {
        match view {
            Cow::Borrowed(_) => range,
            Cow::Owned(_) => self.folded_to_original(hay, range),
        }
    }

    /// The byte range of `hay` whose chars, folded by [`Needle::fold_char`], hold bytes
    /// `start..end` of the folded text.
    fn folded_to_original(&self, hay: &str, (start, end): (usize, usize)) -> (usize, usize) {
        let (mut at, mut from, mut to) = (0, hay.len(), hay.len());
        let mut one = String::new();
        for (offset, c) in hay.char_indices() {
            one.clear();
            self.fold_char(c, &mut one);
            let next = at + one.len();
            if from == hay.len() && start < next {
                from = offset;
            }
            if end <= next {
                to = offset + c.len_utf8();
                break;
            }
            at = next;
        }
        (from, to.max(from))
    }

    /// The term's characters appear in `hay` in order (fzf's fuzzy match, without the scoring).
    pub fn fuzzy(&self, hay: &str) -> bool {
        let view = self.view(hay);
        if !self.ascii {
            let mut wanted = self.folded.chars();
            let mut next = wanted.next();
            for c in view.chars() {
                if Some(c) == next {
                    next = wanted.next();
                }
            }
            return next.is_none();
        }
        let hay = view.as_bytes();
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
        let view = self.view(hay);
        let found = self.find_from(&view, 0)?;
        Some(self.in_original(hay, view, found))
    }

    /// The byte range of `hay` that the term matches as `mode` asks (the first occurrence of a
    /// fuzzy or exact term, as there is no scored alignment here), for highlighting.
    pub fn locate(&self, hay: &str, anchored: Anchor) -> Option<(usize, usize)> {
        let view = self.view(hay);
        let n = self.folded.len();
        let found = match anchored {
            Anchor::None => self.find_from(&view, 0)?,
            Anchor::Start => {
                let start = view.len() - self.trim_start(&view).len();
                self.prefix_in(&view).then_some((start, start + n))?
            }
            Anchor::End => {
                let end = self.trim_end(&view).len();
                self.suffix_in(&view).then_some((end - n, end))?
            }
            Anchor::Both => {
                let start = view.len() - self.trim_start(&view).len();
                self.whole_in(&view).then_some((start, start + n))?
            }
        };
        Some(self.in_original(hay, view, found))
    }

    /// The first occurrence at or after byte `from` of a [`Needle::view`].
    fn find_from(&self, hay: &str, from: usize) -> Option<(usize, usize)> {
        if !self.ascii {
            let wanted = self.folded.as_str();
            let start = from + hay[from..].find(wanted)?;
            return Some((start, start + wanted.len()));
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
        self.find_from(&self.view(hay), 0).is_some()
    }

    /// As in fzf, anchored terms skip a text's leading whitespace unless they start with
    /// whitespace themselves.
    fn trim_start<'h>(&self, view: &'h str) -> &'h str {
        if self.folded.starts_with(char::is_whitespace) {
            view
        } else {
            view.trim_start()
        }
    }

    /// As in fzf, anchored terms skip a text's trailing whitespace unless they end with
    /// whitespace themselves.
    fn trim_end<'h>(&self, view: &'h str) -> &'h str {
        if self.folded.ends_with(char::is_whitespace) {
            view
        } else {
            view.trim_end()
        }
    }

    pub fn prefix(&self, hay: &str) -> bool {
        self.prefix_in(&self.view(hay))
    }

    fn prefix_in(&self, view: &str) -> bool {
        let text = self.trim_start(view);
        let n = self.folded.len();
        text.len() >= n && self.same(&text.as_bytes()[..n])
    }

    pub fn suffix(&self, hay: &str) -> bool {
        self.suffix_in(&self.view(hay))
    }

    fn suffix_in(&self, view: &str) -> bool {
        let text = self.trim_end(view);
        let n = self.folded.len();
        text.len() >= n && self.same(&text.as_bytes()[text.len() - n..])
    }

    pub fn whole(&self, hay: &str) -> bool {
        self.whole_in(&self.view(hay))
    }

    fn whole_in(&self, view: &str) -> bool {
        let text = self.trim_end(self.trim_start(view));
        self.same(text.as_bytes())
    }

    /// `bytes` (of a [`Needle::view`]) equals the term, folded the term's way.
    fn same(&self, bytes: &[u8]) -> bool {
        bytes.len() == self.folded.len()
            && bytes
                .iter()
                .zip(self.bytes())
                .all(|(&b, &w)| self.same_byte(b, w))
    }

    /// How the term sits in a title, found in one pass: at its start, inside it (as a whole word
    /// or not), or not at all.
    pub fn find_in_title(&self, title: &str) -> Option<TitleMatch> {
        let view = self.view(title);
        let (start, end) = self.find_from(&view, 0)?;
        if start == 0 && end > 0 {
            return Some(TitleMatch::Start);
        }
        let word = is_word_at(view.as_bytes(), start, end)
            || self.word_from(&view, next_char(&view, start));
        Some(TitleMatch::Inside { word })
    }

    /// The term occurs in `hay` as a whole word (or words), bounded by non-alphanumerics.
    pub fn word(&self, hay: &str) -> bool {
        self.word_from(&self.view(hay), 0)
    }

    /// Whether the term occurs in a [`Needle::view`] as a whole word at or after byte `from`.
    fn word_from(&self, view: &str, from: usize) -> bool {
        let bytes = view.as_bytes();
        let mut from = from;
        while let Some((start, end)) = self.find_from(view, from) {
            if is_word_at(bytes, start, end) {
                return true;
            }
            from = next_char(view, start);
        }
        false
    }
}

/// Where an anchored term must sit in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    None,
    Start,
    End,
    Both,
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
pub(super) fn is_word_at(bytes: &[u8], start: usize, end: usize) -> bool {
    let before = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
    let after = end == bytes.len() || !bytes[end].is_ascii_alphanumeric();
    before && after
}

/// The [`char_mask`] bit of every non-ASCII character.
pub const NON_ASCII: u64 = 1 << 63;

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
    fn accents_fold_when_the_term_has_none_as_in_fzf() {
        assert!(Needle::new("tokyo").fuzzy("Tōkyō"));
        assert!(Needle::new("tokyo").substring("Summit in TŌKYŌ"));
        assert!(Needle::new("viet nam").substring("Việt Nam"));
        assert!(Needle::new("ha noi").substring("Hà Nội"));
        assert!(
            Needle::new("Tokyo").substring("Tōkyō"),
            "case-sensitive, still folded"
        );
        // fzf's test_normalized_match: a term with accents matches them exactly.
        let matching = |term: &str| -> Vec<&str> {
            let needle = Needle::new(term);
            ["a", "á", "A", "Á"]
                .into_iter()
                .filter(|text| needle.fuzzy(text))
                .collect()
        };
        assert_eq!(matching("a"), ["a", "á", "A", "Á"]);
        assert_eq!(matching("á"), ["á", "Á"]);
        assert_eq!(matching("A"), ["A", "Á"]);
        assert_eq!(matching("Á"), ["Á"]);
        assert!(!Needle::new("tōkyō").substring("Tokyo"));
    }

    #[test]
    fn positions_are_in_the_original_text() {
        let title = "Meeting in Hà Nội";
        let (start, end) = Needle::new("noi").find(title).unwrap();
        assert_eq!(&title[start..end], "Nội");
        let (start, end) = Needle::new("ha noi").find(title).unwrap();
        assert_eq!(&title[start..end], "Hà Nội");
        let title = "İstanbul İİ";
        let (start, end) = Needle::new("i̇i̇").find(title).unwrap();
        assert_eq!(&title[start..end], "İİ");
    }

    #[test]
    fn anchored_terms_skip_the_texts_surrounding_whitespace_as_in_fzf() {
        let abc = Needle::new("abc");
        assert!(abc.prefix("  AbC"));
        assert!(abc.suffix("AbC  "));
        assert!(abc.whole(" AbC "));
        assert!(abc.whole("\u{3000}AbC"));
        assert_eq!(abc.locate("  AbC", Anchor::Start), Some((2, 5)));
        assert_eq!(abc.locate("abc xabc ", Anchor::End), Some((5, 8)));
        // A term that starts (ends) with a space keeps the text's.
        assert!(!Needle::new(" ab").prefix("  ab"));
        assert!(Needle::new(" ab").prefix(" ab"));
        assert!(!Needle::new("fo").prefix("     f"));
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
