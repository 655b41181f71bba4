//! A snapshot's payload: a validated timeline, what its file held that ajtl could not carry,
//! and, when it was built, the search index's expensive parts ([`SearchParts`]).
//!
//! The payload is the timeline's section, then the index's (when written), then a trailer
//! saying where the first ends, so the two decode side by side. Each section is a sequence of
//! columns, written through a small buffer straight into the caller's writer, never gathered
//! whole; the store tags the machine (architecture and byte order) and reads a snapshot only on
//! one like it. The events' text and the index's columns (each aligned for its type) are then
//! read where they lie ([`Keep::InPlace`], a command) or copied out in one piece each
//! ([`Keep::Copied`], the explorer); the events themselves are rebuilt from their columns.
//! Nothing is parsed.
//!
//! The store checks the payload's hash and versions, but [`decode`] trusts nothing either way:
//! every length is checked against what is left before anything is sliced or reserved, and the
//! decoded timeline is checked for what the loader guarantees and the rest of ajtl indexes by
//! (pillars, glossary keys, text cuts on character boundaries, dates, timeline order, strings
//! free of control characters), so any bytes decode to a sound timeline or to [`Corrupt`].
//! Event ids are not checked for uniqueness: that costs a hash of every id, and a repeated id
//! misleads a bookmark but breaks nothing.
//!
//! [`bytes`] reads and writes the numbers, [`timeline`](mod@timeline) the timeline and the
//! tally, [`events`](mod@events) its events, [`index`](mod@index) the index's parts.

mod bytes;
mod events;
mod index;
mod timeline;

use std::fmt;
use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;

use crate::search::parallel::join;
use crate::search::{Index, SearchParts};
use crate::shared::{Bytes, Owner, Shared, SharedStr};
use crate::timeline::{Ignored, Timeline};
pub use bytes::ALIGN;
use bytes::{Reader, Sink};

/// The payload's layout version, for the store's header: bumped whenever the layout changes,
/// so a snapshot in an older layout is rebuilt, never misread.
pub const FORMAT: u32 = 3;

/// Where the pieces of a decoded payload that can be read where they lie (the events' text,
/// the folded text, the index's columns) are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// Read where they lie, keeping the payload's owner (a snapshot's map) alive as long as
    /// they are: for a command, which ends soon, this spares copying them into fresh memory.
    InPlace,
    /// Copied out, so that the payload's owner can go: for the explorer, which lives long and
    /// must not hold a map of a file another process may remove or shorten under it.
    Copied,
}

/// A payload to decode: its bytes, what owns them, and where decoded pieces are kept.
pub struct Payload {
    owner: Owner,
    range: Range<usize>,
    keep: Keep,
}

impl Payload {
    /// The bytes of `owner` in `range` (`None` when outside them).
    pub fn new(owner: Owner, range: Range<usize>, keep: Keep) -> Option<Self> {
        owner.as_ref().as_ref().get(range.clone())?;
        Some(Payload { owner, range, keep })
    }

    /// `bytes`, owned, their pieces read where they lie.
    pub fn owned(bytes: Vec<u8>) -> Self {
        let range = 0..bytes.len();
        Payload {
            owner: Arc::new(Bytes::new(bytes)),
            range,
            keep: Keep::InPlace,
        }
    }

    pub fn bytes(&self) -> &[u8] {
        &self.owner.as_ref().as_ref()[self.range.clone()]
    }

    /// The `T`s in `range` of the payload (in range, a whole number of `T`s), where they lie
    /// when kept in place and aligned, else copied.
    fn share<T>(&self, range: Range<usize>) -> Shared<T>
    where
        T: bytemuck::Pod + Send + Sync + 'static,
    {
        let absolute = self.range.start + range.start..self.range.start + range.end;
        let in_place = match self.keep {
            Keep::InPlace => Shared::within(&self.owner, absolute),
            Keep::Copied => None,
        };
        in_place
            .unwrap_or_else(|| Shared::owned(bytemuck::pod_collect_to_vec(&self.bytes()[range])))
    }

    /// The text in `range` of the payload (in range), where it lies when kept in place, else
    /// copied; `None` when it is not UTF-8.
    fn share_str(&self, range: Range<usize>) -> Option<SharedStr> {
        let absolute = self.range.start + range.start..self.range.start + range.end;
        match self.keep {
            Keep::InPlace => SharedStr::within(&self.owner, absolute),
            Keep::Copied => {
                let text = std::str::from_utf8(&self.bytes()[range]).ok()?;
                Some(SharedStr::owned(text.to_string()))
            }
        }
    }
}

/// What a payload decodes to.
pub struct Decoded {
    pub timeline: Timeline,
    pub ignored: Ignored,
    /// The index's expensive parts, when the snapshot holds them and they were asked for
    /// (boxed: they are larger than all else here).
    parts: Option<Box<SearchParts>>,
    /// Whether the snapshot holds them, asked for or not.
    held: bool,
}

impl Decoded {
    /// Whether the payload holds the search index, whether or not it was read (a snapshot
    /// written without one is worth writing again once the index is built).
    pub fn has_index(&self) -> bool {
        self.held
    }

    /// The search index over the timeline: from the snapshot's parts when they were read,
    /// else built now.
    pub fn into_index(self) -> (Index, Ignored) {
        let timeline = Arc::new(self.timeline);
        let from_parts = self
            .parts
            .and_then(|parts| Index::with_parts(Arc::clone(&timeline), *parts));
        // `decode` checked the parts against this timeline, so they fit unless the caller
        // changed it since; then they are built again.
        let index = from_parts.unwrap_or_else(|| Index::new(timeline));
        (index, self.ignored)
    }
}

/// A payload that cannot be decoded: the snapshot is rebuilt, never trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corrupt(pub String);

impl fmt::Display for Corrupt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "corrupt snapshot: {}", self.0)
    }
}

impl std::error::Error for Corrupt {}

/// Writes `timeline`, `ignored` and, when given, `index`'s expensive parts as a payload.
/// `index` must be an index of `timeline`.
pub fn encode(
    out: &mut dyn Write,
    timeline: &Timeline,
    ignored: &Ignored,
    index: Option<&Index>,
) -> io::Result<()> {
    let mut sink = Sink::new(out);
    timeline::encode(&mut sink, timeline, ignored)?;
    let timeline_len = sink.written();
    if let Some(index) = index {
        index::encode(&mut sink, index)?;
    }
    // The trailer says where the timeline ends, so the two sections decode side by side.
    sink.u64(timeline_len)?;
    sink.u8(u8::from(index.is_some()))?;
    sink.flush()
}

/// What ends a payload: the timeline's length and whether the index follows it.
const TRAILER: usize = 8 + 1;

/// Reads a payload written by [`encode`]; the index's parts only when `with_index` (commands
/// that do not search skip them). Never panics, whatever the bytes.
pub fn decode(payload: &Payload, with_index: bool) -> Result<Decoded, Corrupt> {
    let short = || Corrupt("the payload is too short".to_string());
    let body_len = payload
        .bytes()
        .len()
        .checked_sub(TRAILER)
        .ok_or_else(short)?;
    let mut trailer = Reader::new(payload, body_len..body_len + TRAILER);
    let timeline_len = usize::try_from(trailer.u64("the trailer")?).unwrap_or(usize::MAX);
    if timeline_len > body_len {
        return Err(short());
    }
    let held = match trailer.u8("the trailer")? {
        0 if timeline_len == body_len => false,
        1 => true,
        _ => return Err(Corrupt("the trailer is not one encode writes".to_string())),
    };
    let index = || {
        let mut reader = Reader::new(payload, timeline_len..body_len);
        let parts = index::decode(&mut reader)?;
        reader.done("the index").map(|()| parts)
    };
    let (timeline, parts) = std::thread::scope(|scope| {
        // On a thread of its own when the system gives one, else after the timeline.
        let thread = (held && with_index)
            .then(|| std::thread::Builder::new().spawn_scoped(scope, index).ok())
            .flatten();
        let mut reader = Reader::new(payload, 0..timeline_len);
        let timeline = timeline::decode(&mut reader).and_then(|decoded| {
            reader.done("the timeline")?;
            Ok(decoded)
        });
        let parts = match thread {
            Some(thread) => Some(join(thread)),
            None => (held && with_index).then(index),
        };
        (timeline, parts)
    });
    let (timeline, ignored) = timeline?;
    let parts = parts.transpose()?.map(Box::new);
    if parts.as_ref().is_some_and(|parts| !parts.fits(&timeline)) {
        return Err(Corrupt("the index does not fit the timeline".to_string()));
    }
    Ok(Decoded {
        timeline,
        ignored,
        parts,
        held,
    })
}
