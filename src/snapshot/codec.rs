//! A snapshot's payload: a validated timeline, what its file held that ajtl could not carry,
//! and, when it was built, the search index's prepared parts.
//!
//! STUB (the lead's, until the codec lands): the payload is the timeline written as ajtl's RON
//! and read back by the loader. It keeps the contract below and is correct, only slow, and it
//! holds neither the ignored tally nor the index.

use std::fmt;
use std::io::{self, Write};

use crate::search::Index;
use crate::timeline::{self, Ignored, Timeline};

/// What a payload decodes to.
pub struct Decoded {
    pub timeline: Timeline,
    pub ignored: Ignored,
    /// The index's prepared parts, when the snapshot holds them and they were asked for.
    parts: Option<()>,
}

impl Decoded {
    /// Whether the payload held the search index (a snapshot written without one is worth
    /// writing again once the index is built).
    pub fn has_index(&self) -> bool {
        self.parts.is_some()
    }

    /// The search index over the timeline: from the snapshot's parts when it held them, else
    /// built now.
    pub fn into_index(self) -> (Index, Ignored) {
        (Index::new(self.timeline), self.ignored)
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

/// Writes `timeline`, `ignored` and, when given, `index`'s prepared parts as a payload.
pub fn encode(
    out: &mut dyn Write,
    timeline: &Timeline,
    ignored: &Ignored,
    index: Option<&Index>,
) -> io::Result<()> {
    let _ = (ignored, index);
    let converted = crate::convert::convert(timeline, crate::convert::Target::Ron)?;
    out.write_all(converted.text.as_bytes())
}

/// Reads a payload written by [`encode`]; the index's parts only when `with_index` (commands
/// that do not search skip them). Never panics, whatever the bytes.
pub fn decode(payload: &[u8], with_index: bool) -> Result<Decoded, Corrupt> {
    let _ = with_index;
    let timeline =
        timeline::load_bytes("snapshot", payload).map_err(|error| Corrupt(error.to_string()))?;
    Ok(Decoded {
        timeline,
        ignored: Ignored::default(),
        parts: None,
    })
}
