//! Every event's searchable text, ASCII-lowercased and laid end to end in one buffer, so a
//! keystroke scans memory in order with SIMD substring search (`memchr::memmem`) instead of
//! visiting each event's strings one by one, case-folding byte by byte.
//!
//! Per event the buffer holds its title, acronyms, mechanisms, place and summary, in that order
//! (the order of their weight in ranking), separated by NUL bytes — as is each acronym and
//! mechanism from the next — so no match can run from one text into another. Letters are
//! lowercased and Latin accents folded as fzf folds them (`Tōkyō` is held as `tokyo`), so offsets
//! here are not offsets in the original text: nothing maps them back. Terms with capitals
//! (matched case-sensitively) or with non-ASCII letters are matched on the original text instead.

use memchr::memmem::Finder;

use super::accents;
use super::field::Field;
use super::parallel::in_parts;
use super::query::TextMode;
use super::text::{NON_ASCII, bytes_mask};

use crate::timeline::Timeline;

const SEPARATOR: u8 = 0;

/// The folded text of a timeline's events.
pub struct Folded {
    text: Vec<u8>,
    /// Event `e` occupies `text[starts[e]..starts[e + 1]]`.
    starts: Vec<u32>,
    /// Per event: where its acronyms, mechanisms, place and summary begin, relative to its start.
    bounds: Vec<[u32; 4]>,
    /// Per event: the [`word_bits`] of the words of its title, and of its other fields. Most
    /// terms typed are not whole words of an event, and this says so without reading it.
    words: Vec<[WordBits; 2]>,
    /// Per event: whether its original text holds non-ASCII characters (folding may have made
    /// them ASCII here).
    non_ascii: Vec<bool>,
}

/// Where `field` sits among an event's folded fields ([`Field::FOLDED`]); the expansions,
/// which folded text does not hold, sit empty just before the mechanisms.
fn slot(field: Field) -> usize {
    match field {
        Field::Title => 0,
        Field::Acronyms => 1,
        Field::Expansions | Field::Mechanisms => 2,
        Field::Place => 3,
        Field::Summary => 4,
    }
}

impl Folded {
    pub fn new(timeline: &Timeline) -> Self {
        let total: usize = timeline
            .events
            .iter()
            .map(|e| {
                let listed: usize = e
                    .acronyms
                    .iter()
                    .chain(&e.mechanisms)
                    .map(|t| t.len() + 1)
                    .sum();
                e.title().len() + e.summary().len() + e.place().map_or(0, str::len) + listed + 4
            })
            .sum();
        let mut text = Vec::with_capacity(total);
        let mut starts = Vec::with_capacity(timeline.events.len() + 1);
        let mut bounds = Vec::with_capacity(timeline.events.len());
        let mut non_ascii = Vec::with_capacity(timeline.events.len());
        let held_non_ascii = std::cell::Cell::new(false);
        let push = |text: &mut Vec<u8>, piece: &str| {
            if piece.is_ascii() {
                let from = text.len();
                text.extend_from_slice(piece.as_bytes());
                text[from..].make_ascii_lowercase();
            } else {
                held_non_ascii.set(true);
                fold_into(text, piece);
            }
        };
        for event in &timeline.events {
            held_non_ascii.set(false);
            let start = text.len();
            starts.push(start as u32);
            let offset = |text: &Vec<u8>| (text.len() - start) as u32;
            push(&mut text, event.title());
            text.push(SEPARATOR);
            let acronyms = offset(&text);
            for acronym in &event.acronyms {
                push(&mut text, acronym);
                text.push(SEPARATOR);
            }
            let mechanisms = offset(&text);
            for mechanism in &event.mechanisms {
                push(&mut text, mechanism);
                text.push(SEPARATOR);
            }
            let place = offset(&text);
            if let Some(place) = &event.place() {
                push(&mut text, place);
            }
            text.push(SEPARATOR);
            let summary = offset(&text);
            push(&mut text, event.summary());
            bounds.push([acronyms, mechanisms, place, summary]);
            non_ascii.push(held_non_ascii.get());
        }
        starts.push(text.len() as u32);
        let mut folded = Folded {
            text,
            starts,
            bounds,
            words: Vec::new(),
            non_ascii,
        };
        folded.words = in_parts(timeline.events.len(), |events| {
            events
                .map(|e| {
                    // The separators between fields end words as any punctuation does.
                    let (title, rest) = folded.event(e).split_at(folded.bounds[e][0] as usize);
                    [word_bits(title), word_bits(rest)]
                })
                .collect::<Vec<_>>()
        })
        .concat();
        folded
    }

    /// The [`char_mask`](super::text::char_mask) of event `e`'s text, read here: its folded
    /// letters, and whether its original text holds non-ASCII characters.
    pub fn mask(&self, e: usize) -> u64 {
        bytes_mask(self.event(e)) | if self.non_ascii[e] { NON_ASCII } else { 0 }
    }

    /// All of event `e`'s folded text, fields and separators.
    pub fn event(&self, e: usize) -> &[u8] {
        &self.text[self.starts[e] as usize..self.starts[e + 1] as usize]
    }

    /// Event `e`'s folded text, ready to be cut into fields.
    pub fn fields_of(&self, e: usize) -> FoldedEvent<'_> {
        FoldedEvent {
            text: self.event(e),
            bounds: self.bounds[e],
        }
    }
}

/// One event's folded text and where its fields begin: looked up once, cut as needed.
#[derive(Clone, Copy)]
pub struct FoldedEvent<'a> {
    text: &'a [u8],
    bounds: [u32; 4],
}

impl<'a> FoldedEvent<'a> {
    /// The text before the summary: every field matched letter by letter.
    pub fn short_fields(self) -> &'a [u8] {
        &self.text[..self.bounds[3] as usize]
    }

    /// Where `field` begins in the event's text.
    pub fn start(self, field: Field) -> usize {
        match slot(field) {
            0 => 0,
            slot => self.bounds[slot - 1] as usize,
        }
    }

    /// The field that holds byte `at` of the event's text.
    pub fn field_at(self, at: usize) -> Field {
        Field::FOLDED[self.bounds.partition_point(|&start| start as usize <= at)]
    }

    /// `field`'s folded text, without its trailing separator: empty for the expansions.
    pub fn field(self, field: Field) -> &'a [u8] {
        if field == Field::Expansions {
            return &[];
        }
        let slot = slot(field);
        let start = self.start(field);
        let end = self
            .bounds
            .get(slot)
            .map_or(self.text.len(), |&next| next as usize);
        // Every field but the summary (the last) ends with a separator, unless it is empty.
        let end = if field != Field::Summary && end > start {
            end - 1
        } else {
            end
        };
        &self.text[start..end]
    }
}

impl Folded {
    /// The first field of event `e` that holds the `sought` term at or after byte `from` of
    /// the event's text, found with one search, and how it occurs there.
    pub fn first_field(
        &self,
        e: usize,
        sought: &Sought,
        from: usize,
    ) -> Option<(Field, Occurrence)> {
        let event = self.event(e);
        let rest = event.get(from..)?;
        let needle = sought.finder.needle();
        // A term typed onto mostly still occurs where the shorter one did, which then differs
        // from it only in its last bytes: one byte's comparison settles most events.
        let here = needle
            .last()
            .is_some_and(|last| rest.get(needle.len() - 1) == Some(last))
            && rest.starts_with(needle);
        let at = if here {
            from
        } else {
            from + sought.finder.find(rest)?
        };
        let [acronyms, mechanisms, place, summary] = self.bounds[e].map(|b| b as usize);
        // Each range keeps its trailing separator, which no term contains and which bounds words.
        let (field, start, end) = match at {
            _ if at < acronyms => (Field::Title, 0, acronyms),
            _ if at < mechanisms => (Field::Acronyms, acronyms, mechanisms),
            _ if at < place => (Field::Mechanisms, mechanisms, place),
            _ if at < summary => (Field::Place, place, summary),
            _ => (Field::Summary, summary, event.len()),
        };
        let first = at - start;
        let words = self.words[e][usize::from(field != Field::Title)];
        let word = sought.may_be_word_in(words)
            && has_word_from(&event[start..end], first, &sought.finder);
        Some((field, Occurrence { first, word, at }))
    }
}

/// A term to look for in [`Folded`] text.
pub struct Sought {
    pub finder: Finder<'static>,
    /// The term's [`word_bits`], or 0 when a whole-word occurrence of it would span several
    /// words (it holds characters other than letters and digits) and so cannot be filtered.
    word: WordBits,
}

impl Sought {
    /// `needle` must be folded.
    pub fn new(needle: &[u8]) -> Self {
        let word = if !needle.is_empty() && needle.iter().all(u8::is_ascii_alphanumeric) {
            word_bits(needle)
        } else {
            0
        };
        Sought {
            finder: Finder::new(needle).into_owned(),
            word,
        }
    }

    /// Whether the term can occur as a whole word in a text whose words have the `words` bits.
    fn may_be_word_in(&self, words: WordBits) -> bool {
        words & self.word == self.word
    }
}

/// A filter of the words of a text: two bits of 128 per word, set from a hash of it. A text of
/// 30 words sets about a third of the bits, so a word not in it passes one time in seven; with
/// one bit of 64 it passed one time in three, and then the text was searched in vain.
type WordBits = u128;

fn hash_step(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
}

/// Sets a word's two bits, from its `hash`, in a filter kept as two 64-bit halves (cheaper to
/// set than a 128-bit integer).
fn set_bits(halves: &mut [u64; 2], hash: u64) {
    for seed in [0x9E37_79B9_7F4A_7C15_u64, 0xC2B2_AE3D_27D4_EB4F] {
        let bit = hash.wrapping_mul(seed) >> 57;
        halves[(bit >> 6) as usize] |= 1 << (bit & 63);
    }
}

/// The bits of the words (runs of letters and digits) of `text` in a [`WordBits`] filter, in
/// one pass.
fn word_bits(text: &[u8]) -> WordBits {
    let (mut halves, mut hash, mut in_word) = ([0; 2], 0, false);
    for &byte in text {
        if byte.is_ascii_alphanumeric() {
            hash = hash_step(hash, byte);
            in_word = true;
        } else if in_word {
            set_bits(&mut halves, hash);
            (hash, in_word) = (0, false);
        }
    }
    if in_word {
        set_bits(&mut halves, hash);
    }
    WordBits::from(halves[1]) << 64 | WordBits::from(halves[0])
}

/// Folds a text as [`Folded`] text is folded.
pub fn fold(text: &str) -> Vec<u8> {
    let mut folded = Vec::with_capacity(text.len());
    fold_into(&mut folded, text);
    folded
}

/// Appends `text` lowercased (fully) and with its Latin accents folded, as fzf folds a text for
/// a term without capitals or accents.
fn fold_into(out: &mut Vec<u8>, text: &str) {
    if text.is_ascii() {
        out.extend(text.bytes().map(|b| b.to_ascii_lowercase()));
        return;
    }
    let mut buffer = [0; 4];
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = accents::base(c).unwrap_or(c);
        out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
    }
}

/// Whether folded `text` holds folded `needle` where an anchored `mode` says (prefix, suffix or
/// the whole text), skipping, as fzf does, the text's leading (trailing) whitespace unless the
/// needle starts (ends) with whitespace.
pub fn anchored(text: &[u8], needle: &[u8], mode: TextMode) -> bool {
    let start = |text| {
        if needle.first().is_some_and(u8::is_ascii_whitespace) {
            text
        } else {
            trim_start(text)
        }
    };
    let end = |text| {
        if needle.last().is_some_and(u8::is_ascii_whitespace) {
            text
        } else {
            trim_end(text)
        }
    };
    match mode {
        TextMode::Prefix => start(text).starts_with(needle),
        TextMode::Suffix => end(text).ends_with(needle),
        _ => end(start(text)) == needle,
    }
}

/// `text` (UTF-8) without its leading whitespace, Unicode's, reading only the chars it drops.
fn trim_start(text: &[u8]) -> &[u8] {
    let mut text = text;
    while let Some(&lead) = text.first() {
        let width = utf8_width(lead);
        match text.get(..width).and_then(|c| std::str::from_utf8(c).ok()) {
            Some(c) if c.starts_with(char::is_whitespace) => text = &text[width..],
            _ => break,
        }
    }
    text
}

/// `text` (UTF-8) without its trailing whitespace, Unicode's, reading only the chars it drops.
fn trim_end(text: &[u8]) -> &[u8] {
    let mut text = text;
    while !text.is_empty() {
        let lead = (text.len().saturating_sub(4)..text.len())
            .rev()
            .find(|&at| text[at] & 0xC0 != 0x80)
            .unwrap_or(0);
        match std::str::from_utf8(&text[lead..]) {
            Ok(c) if c.starts_with(char::is_whitespace) => text = &text[..lead],
            _ => break,
        }
    }
    text
}

/// The length of the UTF-8 char that starts with byte `lead`.
fn utf8_width(lead: u8) -> usize {
    match lead {
        0x00..=0xBF => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Whether `field[start..end]` is bounded by non-alphanumerics (or the field's ends).
pub fn is_word_at(field: &[u8], start: usize, end: usize) -> bool {
    let before = start == 0 || !field[start - 1].is_ascii_alphanumeric();
    let after = end == field.len() || !field[end].is_ascii_alphanumeric();
    before && after
}

/// Where a term first occurs in a field, and whether it occurs there as a whole word.
pub struct Occurrence {
    /// Byte offset in the field.
    pub first: usize,
    pub word: bool,
    /// Byte offset in the event's text (as `first` for a lone field).
    pub at: usize,
}

/// Finds `finder`'s needle in `field`, looking on for a whole-word occurrence if the first one
/// is not.
pub fn occurrence(field: &[u8], finder: &Finder) -> Option<Occurrence> {
    let first = finder.find(field)?;
    let word = has_word_from(field, first, finder);
    Some(Occurrence {
        first,
        word,
        at: first,
    })
}

/// Whether the needle, found at `first` in `field`, occurs there or later as a whole word.
///
/// Only a byte that starts a word can start a whole-word occurrence, so the later ones are found
/// by visiting the needle's first byte where it follows a non-alphanumeric: cheaper than a
/// substring search per occurrence, as most terms are parts of words.
fn has_word_from(field: &[u8], first: usize, finder: &Finder) -> bool {
    let needle = finder.needle();
    let n = needle.len();
    if is_word_at(field, first, first + n) {
        return true;
    }
    let Some((&head, tail)) = needle.split_first() else {
        return false;
    };
    memchr::memchr_iter(head, &field[first + 1..])
        .map(|at| first + 1 + at)
        .any(|at| {
            !field[at - 1].is_ascii_alphanumeric()
                && field.len() >= at + n
                && field[at + 1..at + n].iter().zip(tail).all(|(a, b)| a == b)
                && is_word_at(field, at, at + n)
        })
}

/// Each NUL-separated item of a field (an acronym, a mechanism).
pub fn items(field: &[u8]) -> impl Iterator<Item = &[u8]> {
    field
        .split(|&b| b == SEPARATOR)
        .filter(|item| !item.is_empty())
}

/// The needle's bytes appear in `hay` in order: fzf's fuzzy match, one `memchr` per byte.
pub fn subsequence(hay: &[u8], needle: &[u8]) -> bool {
    subsequence_end(hay, needle).is_some()
}

/// Where the needle's bytes, in order within one NUL-separated item of `field` (an acronym, a
/// mechanism), first end: one pass over the field, starting the needle again at each item.
pub fn letters_in_an_item(field: &[u8], needle: &[u8]) -> Option<usize> {
    let (mut matched, mut at) = (0, 0);
    while let Some(&wanted) = needle.get(matched) {
        at += find_either(&field[at..], wanted, SEPARATOR)? + 1;
        matched = if field[at - 1] == wanted {
            matched + 1
        } else {
            0
        };
    }
    Some(at)
}

/// Where the leftmost (greedy) match of the needle's bytes, in order, ends in `hay`: the
/// smallest `end` such that `hay[..end]` holds the needle as a subsequence.
pub fn subsequence_end(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let mut at = 0;
    for &wanted in needle {
        at += find_either(&hay[at..], wanted, wanted)? + 1;
    }
    Some(at)
}

/// The first position of `one` or `other` in `hay`. Letters are sought in short fields, tens of
/// bytes, where a few SSE2 instructions beat `memchr`, whose dispatch costs more than the scan.
#[cfg(target_arch = "x86_64")]
#[inline]
fn find_either(hay: &[u8], one: u8, other: u8) -> Option<usize> {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    let Some(last) = hay.len().checked_sub(16) else {
        return hay.iter().position(|&b| b == one || b == other);
    };
    // SAFETY: SSE2 is part of every x86_64 processor, and each load reads the 16 bytes
    // `hay[at..at + 16]`, with `at <= last`.
    let equal = |at: usize| unsafe {
        let bytes = _mm_loadu_si128(hay.as_ptr().add(at).cast::<__m128i>());
        let one = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(one as i8));
        let other = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(other as i8));
        _mm_movemask_epi8(_mm_or_si128(one, other)) as u32
    };
    let mut start = 0;
    while start < last {
        let found = equal(start);
        if found != 0 {
            return Some(start + found.trailing_zeros() as usize);
        }
        start += 16;
    }
    // The last 16 bytes: any of them already seen holds neither byte.
    let found = equal(last);
    (found != 0).then(|| last + found.trailing_zeros() as usize)
}

#[cfg(not(target_arch = "x86_64"))]
fn find_either(hay: &[u8], one: u8, other: u8) -> Option<usize> {
    memchr::memchr2(one, other, hay)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::bundled;

    #[test]
    fn fields_come_back_folded_and_apart() {
        let timeline = bundled().unwrap();
        let folded = Folded::new(&timeline);
        let jmt = timeline
            .events
            .iter()
            .position(|e| e.id() == "jmt-established")
            .unwrap();
        let event = folded.fields_of(jmt);
        let [title, acronyms, mechanisms, place, summary] = Field::FOLDED.map(|f| event.field(f));
        assert_eq!(title, b"jaif management team (jmt) established in jakarta");
        assert_eq!(
            items(acronyms).collect::<Vec<_>>(),
            [b"jmt".as_slice(), b"jaif"]
        );
        assert_eq!(
            items(mechanisms).collect::<Vec<_>>(),
            [
                b"jaif management team".as_slice(),
                b"japan-asean integration fund"
            ]
        );
        assert_eq!(place, b"jakarta");
        assert!(summary.starts_with(b"in 2011 asean and japan"));
        let first = folded.fields_of(0);
        assert_eq!(first.field(Field::Acronyms), b"");
        assert_eq!(first.field(Field::Place), b"");
        assert_eq!(first.field(Field::Expansions), b"", "held in the glossary");
    }

    #[test]
    fn occurrences_prefer_whole_words() {
        let finder = Finder::new(b"in");
        let found = occurrence(b"joint plan in bali", &finder).unwrap();
        assert_eq!(found.first, 2);
        assert!(found.word);
        assert!(!occurrence(b"joint", &finder).unwrap().word);
        assert!(occurrence(b"bali", &finder).is_none());
    }

    #[test]
    fn the_first_field_and_word_are_judged_on_the_whole_field() {
        let timeline = crate::timeline::load_str(
            "t.ron",
            r#"Timeline(title: "t", pillars: [Pillar(id: "p", name: "P", color: "red")],
                events: [Event(id: "a", date: "2000", title: "Kbali notes", pillar: "p",
                               summary: "the bali meeting")])"#,
        )
        .unwrap();
        let folded = Folded::new(&timeline);
        let (field, found) = folded.first_field(0, &Sought::new(b"bali"), 0).unwrap();
        assert_eq!((field, found.first), (Field::Title, 1));
        assert!(!found.word, "\"kbali\" holds bali, but not as a word");
        let (field, found) = folded.first_field(0, &Sought::new(b"meeting"), 0).unwrap();
        assert_eq!((field, found.first), (Field::Summary, 9));
        assert!(found.word);
    }

    #[test]
    fn word_filters_never_rule_out_a_whole_word() {
        let words = word_bits(b"the admm-plus meeting in bali");
        for word in ["the", "admm", "plus", "meeting", "in", "bali"] {
            assert!(Sought::new(word.as_bytes()).may_be_word_in(words), "{word}");
        }
        // A term spanning words cannot be filtered by single words' bits, so it never is.
        assert!(Sought::new(b"admm-plus").may_be_word_in(0));
        assert!(Sought::new(b"in bali").may_be_word_in(0));
        // Most other words are ruled out.
        let ruled_out = [
            "jaif", "ajcep", "tokyo", "summit", "fund", "defence", "cyber",
        ]
        .iter()
        .filter(|word| !Sought::new(word.as_bytes()).may_be_word_in(words))
        .count();
        assert!(ruled_out >= 4, "only {ruled_out} of 7 ruled out");
    }

    #[test]
    fn subsequences_follow_order() {
        assert!(subsequence(b"asean-japan comprehensive", b"ajcp"));
        assert!(!subsequence(b"japan", b"nj"));
        assert_eq!(subsequence_end(b"japan", b""), Some(0));
        assert_eq!(subsequence_end(b"abcab", b"ab"), Some(2));
        assert_eq!(subsequence_end(b"abcab", b"ba"), Some(4));
        assert_eq!(subsequence_end(b"abcab", b"cc"), None);
    }

    #[test]
    fn letters_in_an_item_do_not_run_across_items() {
        assert_eq!(letters_in_an_item(b"asean-japan\0jaif", b"ajp"), Some(9));
        assert_eq!(letters_in_an_item(b"asean-japan\0jaif", b"jf"), Some(16));
        assert_eq!(
            letters_in_an_item(b"asean\0jaif", b"nj"),
            None,
            "n ends one item, j starts the next"
        );
        assert_eq!(letters_in_an_item(b"", b"a"), None);
        assert_eq!(letters_in_an_item(b"", b""), Some(0));
    }

    /// Hays of up to 50 bytes cover the chunked scan's every case: shorter than a chunk, whole
    /// chunks, and a last chunk that overlaps bytes already seen.
    mod against_the_definitions {
        use super::*;
        use proptest::prelude::*;

        /// Mostly a byte no test looks for, so that the first of the others is often found
        /// in a later chunk.
        fn hay() -> impl Strategy<Value = Vec<u8>> {
            let byte = prop_oneof![
                1 => Just(SEPARATOR),
                1 => Just(b'a'),
                1 => Just(b'b'),
                1 => Just(b'c'),
                12 => Just(b'z'),
            ];
            proptest::collection::vec(byte, 0..50)
        }

        proptest! {
            #[test]
            fn find_either_finds_the_first(hay in hay(), one in 0u8..4, other in 0u8..4) {
                let (one, other) = (b"\0abc"[one as usize], b"\0abc"[other as usize]);
                prop_assert_eq!(
                    find_either(&hay, one, other),
                    hay.iter().position(|&b| b == one || b == other)
                );
            }

            #[test]
            fn subsequence_end_is_the_greedy_end(hay in hay(), needle in "[abc]{0,4}") {
                let needle = needle.as_bytes();
                let greedy = (0..=hay.len()).find(|&end| {
                    let mut wanted = needle.iter().peekable();
                    for byte in &hay[..end] {
                        wanted.next_if_eq(&byte);
                    }
                    wanted.peek().is_none()
                });
                prop_assert_eq!(subsequence_end(&hay, needle), greedy);
            }

            #[test]
            fn letters_in_an_item_end_in_the_first_item_holding_them(
                hay in hay(),
                needle in "[abc]{0,4}",
            ) {
                let needle = needle.as_bytes();
                let mut start = 0;
                let mut first_end = None;
                for item in hay.split(|&b| b == SEPARATOR) {
                    let end = subsequence_end(item, needle);
                    if let Some(end) = end {
                        first_end = Some(start + end);
                        break;
                    }
                    start += item.len() + 1;
                }
                prop_assert_eq!(letters_in_an_item(&hay, needle), first_end);
            }
        }
    }
}
