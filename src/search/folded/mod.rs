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
//!
//! This file holds the buffer and how to cut it into events and fields; [`words`] finds a term
//! and tells whether it is a whole word, [`letters`] matches letters scattered in order, and
//! [`anchored`](mod@anchored) matches prefixes, suffixes and whole texts.

mod anchored;
mod letters;
mod words;

pub(crate) use anchored::anchored;
pub(crate) use letters::{letters_in_an_item, subsequence, subsequence_end};
pub(crate) use words::{Sought, occurrence};

use super::accents;
use super::field::Field;
use super::parallel::in_parts;
use super::text::{NON_ASCII, bytes_mask};
use words::{Occurrence, WordBits, has_word_from, word_bits};

use crate::shared::Shared;
use crate::timeline::Timeline;

/// What ends each field, acronym and mechanism in the folded text: no term holds it, and it
/// bounds words as punctuation does.
const SEPARATOR: u8 = 0;

/// The folded text of a timeline's events. Each part is [`Shared`], so that the text and
/// columns a snapshot holds are read where they lie in its map, not copied.
#[derive(Clone)]
pub(crate) struct Folded {
    text: Shared<u8>,
    /// Event `e` occupies `text[starts[e]..starts[e + 1]]`.
    starts: Shared<u32>,
    /// Per event: where its acronyms, mechanisms, place and summary begin, relative to its start.
    bounds: Shared<[u32; 4]>,
    /// Per event: the [`word_bits`] of the words of its title, and of its other fields. Most
    /// terms typed are not whole words of an event, and this says so without reading it.
    words: Shared<[WordBits; 2]>,
    /// Per event: 1 when its original text holds non-ASCII characters (folding may have made
    /// them ASCII here), else 0; a byte rather than a `bool`, so that any stored byte reads
    /// as something.
    non_ascii: Shared<u8>,
}

/// The pieces of [`Folded`] text, as [`Folded::from_parts`] takes them and
/// [`Folded::parts`] gives them.
#[derive(Clone)]
pub(crate) struct FoldedParts {
    pub text: Shared<u8>,
    pub starts: Shared<u32>,
    pub bounds: Shared<[u32; 4]>,
    pub words: Shared<[WordBits; 2]>,
    pub non_ascii: Shared<u8>,
}

/// Where `field` sits among an event's folded fields ([`Field::FOLDED`]); the expansions and
/// the pillar's name, which folded text does not hold, sit empty just before the mechanisms
/// and the summary.
fn slot(field: Field) -> usize {
    match field {
        Field::Title => 0,
        Field::Acronyms => 1,
        Field::Expansions | Field::Mechanisms => 2,
        Field::Place => 3,
        Field::Pillar | Field::Summary => 4,
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
            non_ascii.push(u8::from(held_non_ascii.get()));
        }
        starts.push(text.len() as u32);
        let mut folded = Folded {
            text: text.into(),
            starts: starts.into(),
            bounds: bounds.into(),
            words: Shared::default(),
            non_ascii: non_ascii.into(),
        };
        let words = in_parts(timeline.events.len(), |events| {
            events
                .map(|e| {
                    // The separators between fields end words as any punctuation does.
                    let (title, rest) = folded.event(e).split_at(folded.bounds[e][0] as usize);
                    [word_bits(title), word_bits(rest)]
                })
                .collect::<Vec<_>>()
        })
        .concat();
        folded.words = words.into();
        folded
    }

    /// The folded text of as many events as [`Folded::parts`] gave parts for, or `None` when
    /// the parts disagree: `starts` must rise from 0 to the text's end, one more than the
    /// events, and each event's `bounds` rise within its text. Only a snapshot holds such parts;
    /// its bytes are checked, not trusted, so no later slicing can fall outside the text.
    pub fn from_parts(parts: FoldedParts) -> Option<Self> {
        let FoldedParts {
            text,
            starts,
            bounds,
            words,
            non_ascii,
        } = parts;
        let events = bounds.len();
        let counts_agree =
            starts.len() == events + 1 && words.len() == events && non_ascii.len() == events;
        let ends = starts.first() == Some(&0) && starts.last() == Some(&(text.len() as u32));
        let cut = starts.windows(2).zip(bounds.iter()).all(|(start, bounds)| {
            let rising = bounds.windows(2).all(|pair| pair[0] <= pair[1]);
            let length = start[1].checked_sub(start[0]);
            length.is_some_and(|length| rising && bounds[3] <= length)
        });
        (counts_agree && ends && cut && text.len() <= u32::MAX as usize).then_some(Folded {
            text,
            starts,
            bounds,
            words,
            non_ascii,
        })
    }

    /// The folded text's parts, for a snapshot to store and [`Folded::from_parts`] to take back.
    pub fn parts(&self) -> FoldedParts {
        let Folded {
            text,
            starts,
            bounds,
            words,
            non_ascii,
        } = self.clone();
        FoldedParts {
            text,
            starts,
            bounds,
            words,
            non_ascii,
        }
    }

    /// How many events the text holds.
    pub fn len(&self) -> usize {
        self.bounds.len()
    }

    /// The [`char_mask`](super::text::char_mask) of event `e`'s text, read here: its folded
    /// letters, and whether its original text holds non-ASCII characters.
    pub fn mask(&self, e: usize) -> u64 {
        bytes_mask(self.event(e)) | if self.non_ascii[e] != 0 { NON_ASCII } else { 0 }
    }

    /// Whether event `e`'s original text is all ASCII, and so its folded text too: known
    /// without reading either.
    pub fn is_ascii(&self, e: usize) -> bool {
        self.non_ascii[e] == 0
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
pub(crate) struct FoldedEvent<'a> {
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

    /// `field`'s folded text, without its trailing separator: empty for the expansions and the
    /// pillar's name.
    pub fn field(self, field: Field) -> &'a [u8] {
        if matches!(field, Field::Expansions | Field::Pillar) {
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

/// Folds a text as [`Folded`] text is folded.
pub(crate) fn fold(text: &str) -> Vec<u8> {
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
    // Runs of ASCII (most of any text) are lowercased a byte at a time, as above: only the
    // other characters are decoded, so a long text with a few accents folds at ASCII speed.
    let mut buffer = [0; 4];
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        out.extend(rest.as_bytes()[..ascii].iter().map(u8::to_ascii_lowercase));
        let mut chars = rest[ascii..].chars();
        if let Some(c) = chars.next() {
            for c in c.to_lowercase() {
                let c = accents::base(c).unwrap_or(c);
                out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            }
        }
        rest = chars.as_str();
    }
}

/// Each NUL-separated item of a field (an acronym, a mechanism).
pub(crate) fn items(field: &[u8]) -> impl Iterator<Item = &[u8]> {
    field
        .split(|&b| b == SEPARATOR)
        .filter(|item| !item.is_empty())
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
        assert_eq!(first.field(Field::Pillar), b"", "held in the pillar");
    }

    #[test]
    fn a_text_mixing_ascii_and_accents_folds_as_its_characters_fold_alone() {
        let text = "Hà Nội, TŌKYŌ and İstanbul: ASEAN–Japan 日本 Đà Nẵng ß";
        let alone: Vec<u8> = text.chars().flat_map(|c| fold(&c.to_string())).collect();
        assert_eq!(fold(text), alone);
        assert_eq!(fold("Tōkyō HÀ"), b"tokyo ha");
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
}
