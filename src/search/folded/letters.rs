//! Letters matched in order, fzf's fuzzy match, through folded fields: the scan most events
//! that hold a term's characters but not the term itself end in, so it is the tightest loop.

use super::SEPARATOR;

/// The needle's bytes appear in `hay` in order: fzf's fuzzy match, one `memchr` per byte.
pub(crate) fn subsequence(hay: &[u8], needle: &[u8]) -> bool {
    subsequence_end(hay, needle).is_some()
}

/// Where the needle's bytes, in order within one NUL-separated item of `field` (an acronym, a
/// mechanism), first end: one pass over the field, starting the needle again at each item.
pub(crate) fn letters_in_an_item(field: &[u8], needle: &[u8]) -> Option<usize> {
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
pub(crate) fn subsequence_end(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let mut at = 0;
    for &wanted in needle {
        at += find_either(&hay[at..], wanted, wanted)? + 1;
    }
    Some(at)
}

/// The first position of `one` or `other` in `hay`. Letters are sought in short fields, tens of
/// bytes, where a few SSE2 instructions beat `memchr`, whose dispatch costs more than the scan:
/// in 12 interleaved runs over 1M events the keystroke p95 was a median 46.5 ms with this scan
/// and 51.0 ms with `memchr::memchr2` (lower in 10 of 12 pairs), so the `unsafe` pays for itself.
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
