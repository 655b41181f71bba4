//! Writes a timeline whose second event has a summary of N megabytes (default 100) of words,
//! for measuring the explorer's load and its detail pane on such an event:
//!
//! ```sh
//! cargo run --release --example big_summary -- 100 > big-summary.ron
//! ```
//!
//! The generator itself is `ajtl::fixtures::write_big_summary`.

use std::io::{self, BufWriter, Write};

fn main() -> io::Result<()> {
    let megabytes: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(100);
    let mut out = BufWriter::new(io::stdout().lock());
    ajtl::fixtures::write_big_summary(&mut out, megabytes << 20)?;
    out.flush()
}
