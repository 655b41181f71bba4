//! Finding a term in [`Folded`](super::Folded) text and telling whether it occurs as a whole
//! word, which ranks higher. Most terms typed are not whole words of an event, so each event
//! keeps a small filter of its words ([`WordBits`]) that says so without reading its text.

use memchr::memmem::Finder;

use crate::search::text::is_word_at;

/// A term to look for in [`Folded`](super::Folded) text.
pub(crate) struct Sought {
    pub(crate) finder: Finder<'static>,
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
    pub(super) fn may_be_word_in(&self, words: WordBits) -> bool {
        words & self.word == self.word
    }
}

/// A filter of the words of a text: two bits of 128 per word, set from a hash of it. A text of
/// 30 words sets about a third of the bits, so a word not in it passes one time in seven; with
/// one bit of 64 it passed one time in three, and then the text was searched in vain.
pub(super) type WordBits = u128;

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
pub(super) fn word_bits(text: &[u8]) -> WordBits {
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

/// Where a term first occurs in a field, and whether it occurs there as a whole word.
pub(crate) struct Occurrence {
    /// Byte offset in the field.
    pub(crate) first: usize,
    pub(crate) word: bool,
    /// Byte offset in the event's text (as `first` for a lone field).
    pub(crate) at: usize,
}

/// Finds `finder`'s needle in `field`, looking on for a whole-word occurrence if the first one
/// is not.
pub(crate) fn occurrence(field: &[u8], finder: &Finder) -> Option<Occurrence> {
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
pub(super) fn has_word_from(field: &[u8], first: usize, finder: &Finder) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
