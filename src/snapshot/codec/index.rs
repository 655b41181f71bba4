//! The search index's expensive parts in a payload ([`SearchParts`]): the folded text with
//! its cuts, word filters and non-ASCII flags, the masks, the events' glossary ids, title
//! lengths and pillars. Each is a column of fixed-size numbers, aligned for its type, so that a command
//! reads it where it lies in the snapshot's map ([`Keep::InPlace`](super::Keep)) and the
//! explorer copies it out in one piece.

use std::io;

use super::Corrupt;
use super::bytes::{Reader, Sink};
use crate::search::folded::{Folded, FoldedParts};
use crate::search::{Index, SearchParts};
use crate::shared::Shared;

pub(super) fn encode(sink: &mut Sink<'_>, index: &Index) -> io::Result<()> {
    let parts = index.parts();
    let folded = parts.folded.parts();
    sink.len(folded.bounds.len())?;
    sink.u64(folded.text.len() as u64)?;
    write_column(sink, &folded.text)?;
    write_column(sink, &folded.starts)?;
    write_column(sink, &folded.bounds)?;
    write_column(sink, &folded.words)?;
    write_column(sink, &folded.non_ascii)?;
    write_column(sink, &parts.masks)?;
    sink.len(parts.acronym_ids.len())?;
    write_column(sink, &parts.acronym_ids)?;
    write_column(sink, &parts.acronym_starts)?;
    write_column(sink, &parts.title_lengths)?;
    write_column(sink, &parts.pillars)
}

/// `items` as they lie in memory, after the zeros that align them for their type: in this
/// machine's byte order, which the snapshot's header names (a snapshot is read only where it
/// was written), so that reading them back is no more than pointing at them.
fn write_column<T: bytemuck::Pod>(sink: &mut Sink<'_>, items: &[T]) -> io::Result<()> {
    sink.align(align_of::<T>())?;
    sink.bytes(bytemuck::cast_slice(items))
}

/// The bytes every event takes in the columns, at least.
const EVENT_BYTES: usize = 4 + 16 + 32 + 1 + 8 + 4 + 2 + 2;

/// The parts; [`Folded`] checks that its own agree, and the caller that they fit the timeline
/// ([`SearchParts::fits`]).
pub(super) fn decode(reader: &mut Reader<'_>) -> Result<SearchParts, Corrupt> {
    let count = reader.count(EVENT_BYTES, "the index")?;
    let text_len = usize::try_from(reader.u64("the folded text")?).unwrap_or(usize::MAX);
    let text = read_column(reader, text_len, "the folded text")?;
    let starts = read_column(reader, count.saturating_add(1), "the folded cuts")?;
    let bounds = read_column(reader, count, "the folded fields")?;
    let words = read_column(reader, count, "the word filters")?;
    let non_ascii: Shared<u8> = read_column(reader, count, "the non-ASCII flags")?;
    if non_ascii.iter().any(|&flag| flag > 1) {
        return Err(Corrupt("a non-ASCII flag is not 0 or 1".to_string()));
    }
    let masks = read_column(reader, count, "the masks")?;
    let listed = reader.count(4, "the glossary ids")?;
    let acronym_ids = read_column(reader, listed, "the glossary ids")?;
    let acronym_starts = read_column(reader, count.saturating_add(1), "the glossary ids' cuts")?;
    let title_lengths = read_column(reader, count, "the title lengths")?;
    let pillars = read_column(reader, count, "the pillars")?;
    let folded = Folded::from_parts(FoldedParts {
        text,
        starts,
        bounds,
        words,
        non_ascii,
    })
    .ok_or_else(|| Corrupt("the folded text's cuts disagree".to_string()))?;
    Ok(SearchParts {
        folded,
        masks,
        acronym_ids,
        acronym_starts,
        title_lengths,
        pillars,
    })
}

/// `count` items written by [`write_column`].
fn read_column<T>(reader: &mut Reader<'_>, count: usize, what: &str) -> Result<Shared<T>, Corrupt>
where
    T: bytemuck::Pod + Send + Sync + 'static,
{
    reader.align(align_of::<T>(), what)?;
    reader.shared(count, what)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::super::{Keep, Payload, decode, encode};
    use crate::search::{Index, SearchParts};
    use crate::shared::Bytes;
    use crate::timeline::{Ignored, bundled};

    /// A payload's bytes at an address aligned for every column, as a snapshot's map holds
    /// them.
    struct Aligned {
        words: Vec<u128>,
        len: usize,
    }

    impl AsRef<[u8]> for Aligned {
        fn as_ref(&self) -> &[u8] {
            &bytemuck::cast_slice(&self.words)[..self.len]
        }
    }

    /// Where each of `index`'s parts starts.
    fn addresses(index: &Index) -> [*const u8; 10] {
        let parts = index.parts();
        let folded = parts.folded.parts();
        [
            folded.text.as_ptr(),
            folded.starts.as_ptr().cast(),
            folded.bounds.as_ptr().cast(),
            folded.words.as_ptr().cast(),
            folded.non_ascii.as_ptr(),
            parts.masks.as_ptr().cast(),
            parts.acronym_ids.as_ptr().cast(),
            parts.acronym_starts.as_ptr().cast(),
            parts.title_lengths.as_ptr().cast(),
            parts.pillars.as_ptr().cast(),
        ]
    }

    #[test]
    fn kept_in_place_the_parts_are_read_where_they_lie_and_copied_they_are_not() {
        let timeline = bundled().unwrap();
        let fresh = Index::new(timeline.clone());
        let mut bytes = Vec::new();
        encode(&mut bytes, &timeline, &Ignored::default(), Some(&fresh)).unwrap();
        let mut words = vec![0u128; bytes.len().div_ceil(16)];
        bytemuck::cast_slice_mut(&mut words)[..bytes.len()].copy_from_slice(&bytes);
        let len = bytes.len();
        let owner = Arc::new(Bytes::new(Aligned { words, len }));
        let within = owner.as_ref().as_ref().as_ptr_range();
        for keep in [Keep::InPlace, Keep::Copied] {
            let payload = Payload::new(Arc::clone(&owner), 0..len, keep).unwrap();
            let (index, _) = decode(&payload, true).unwrap().into_index();
            for (at, address) in addresses(&index).into_iter().enumerate() {
                let inside = within.contains(&address);
                assert_eq!(inside, keep == Keep::InPlace, "part {at}, {keep:?}");
            }
            let (parts, built) = (index.parts(), fresh.parts());
            assert_eq!(parts.masks, built.masks, "no pass over the masks is missed");
            assert_eq!(parts.folded.parts().words, built.folded.parts().words);
            assert_eq!(parts.title_lengths, built.title_lengths);
            assert_eq!(parts.pillars, built.pillars);
        }
    }

    #[test]
    fn parts_naming_a_pillar_the_timeline_lacks_do_not_fit_it() {
        let timeline = bundled().unwrap();
        let parts = Index::new(timeline.clone()).parts();
        assert!(parts.fits(&timeline));
        let mut pillars = parts.pillars.to_vec();
        pillars[0] = timeline.pillars.len() as u16;
        let wrong = SearchParts {
            pillars: pillars.into(),
            ..parts
        };
        assert!(!wrong.fits(&timeline));
        assert!(Index::with_parts(timeline, wrong).is_none());
    }
}
