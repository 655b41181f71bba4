//! `ajtl convert`: a timeline, from any format the loader reads, written whole to stdout as
//! ajtl's RON, TimelineJS JSON or the TimelineJS sheet CSV, with what the format could not hold
//! said in one line on stderr.

use std::io::Write;

use super::headless::flush_and_save;
use super::{Failure, Source, load};
use crate::convert::{self, Target};
use crate::timeline::text::sanitize_message;

/// Writes the timeline at `path` (or the bundled one) to `out` as `target`, and to `err` the
/// line saying what was left out, if anything was.
pub fn convert(
    out: &mut impl Write,
    err: &mut impl Write,
    source: &Source,
    target: Target,
) -> Result<(), Failure> {
    let opened = load(source)?;
    let converted = convert::convert(&opened.contents, target).map_err(Failure::Write)?;
    if !converted.omitted.is_empty() {
        // The line quotes nothing from the file, but every stderr line is made safe alike.
        // Nothing sensible is left to do if stderr itself is closed.
        let line = converted.omitted.to_string();
        let _ = writeln!(err, "{}", sanitize_message(&line));
    }
    out.write_all(converted.text.as_bytes())
        .map_err(Failure::Write)?;
    flush_and_save(out, opened)
}
