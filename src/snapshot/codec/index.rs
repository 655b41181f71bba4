//! The search index's expensive parts in a payload ([`SearchParts`]): the folded text with
//! its cuts, word filters and non-ASCII flags, the masks, the events' glossary ids and title
//! lengths, each a column of fixed-size numbers that decodes in one pass.

use std::io;

use super::Corrupt;
use super::bytes::{Reader, Sink, u32s, u64s};
use crate::search::folded::Folded;
use crate::search::{Index, SearchParts};

pub(super) fn encode(sink: &mut Sink<'_>, index: &Index) -> io::Result<()> {
    let folded = index.folded().parts();
    sink.len(folded.bounds.len())?;
    sink.u64(folded.text.len() as u64)?;
    sink.bytes(folded.text)?;
    for &start in folded.starts {
        sink.u32(start)?;
    }
    for &bound in folded.bounds.as_flattened() {
        sink.u32(bound)?;
    }
    for &words in folded.words.as_flattened() {
        sink.bytes(&words.to_le_bytes())?;
    }
    for &non_ascii in folded.non_ascii {
        sink.u8(u8::from(non_ascii))?;
    }
    for &mask in index.masks() {
        sink.u64(mask)?;
    }
    let (ids, starts) = index.acronym_ids();
    sink.len(ids.len())?;
    for &id in ids {
        sink.u32(id)?;
    }
    for &start in starts {
        sink.u32(start)?;
    }
    for &length in index.title_lengths() {
        sink.bytes(&length.to_le_bytes())?;
    }
    Ok(())
}

/// The bytes every event takes in the columns.
const EVENT_BYTES: usize = 4 + 16 + 32 + 1 + 8 + 4 + 2;

/// The parts; [`Folded`] checks that its own agree, and the caller that they fit the timeline
/// ([`SearchParts::fits`]).
pub(super) fn decode(reader: &mut Reader<'_>) -> Result<SearchParts, Corrupt> {
    let count = reader.count(EVENT_BYTES, "the index")?;
    let text_len = usize::try_from(reader.u64("the folded text")?).unwrap_or(usize::MAX);
    let text = reader.take(text_len, "the folded text")?.to_vec();
    let starts = u32s(reader.items(count.saturating_add(1), "the folded cuts")?).collect();
    let bounds = reader.items::<4>(count.saturating_mul(4), "the folded fields")?;
    let bounds = bounds.as_chunks::<4>().0;
    let bounds = bounds.iter().map(|b| b.map(u32::from_le_bytes)).collect();
    let words = reader.items::<16>(count.saturating_mul(2), "the word filters")?;
    let words = words.as_chunks::<2>().0;
    let words = words.iter().map(|w| w.map(u128::from_le_bytes)).collect();
    let non_ascii = reader.take(count, "the non-ASCII flags")?;
    if non_ascii.iter().any(|&flag| flag > 1) {
        return Err(Corrupt("a non-ASCII flag is not 0 or 1".to_string()));
    }
    let non_ascii = non_ascii.iter().map(|&flag| flag == 1).collect();
    let masks = u64s(reader.items(count, "the masks")?).collect();
    let listed = reader.count(4, "the glossary ids")?;
    let acronym_ids = u32s(reader.items(listed, "the glossary ids")?).collect();
    let acronym_starts =
        u32s(reader.items(count.saturating_add(1), "the glossary ids' cuts")?).collect();
    let title_lengths = reader.items::<2>(count, "the title lengths")?;
    let title_lengths = title_lengths
        .iter()
        .map(|&n| u16::from_le_bytes(n))
        .collect();
    let folded = Folded::from_parts(text, starts, bounds, words, non_ascii)
        .ok_or_else(|| Corrupt("the folded text's cuts disagree".to_string()))?;
    Ok(SearchParts {
        folded,
        masks,
        acronym_ids,
        acronym_starts,
        title_lengths,
    })
}
