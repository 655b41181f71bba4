//! Writes a realistic synthetic timeline of N events (default 10,000) in ajtl's format, for
//! trying the explorer at scale and for the latency example:
//!
//! ```sh
//! cargo run --release --example gen_timeline -- 100000 > big.ron
//! ```
//!
//! The generator itself is `ajtl::fixtures`, shared with the tests and benchmarks.

use std::io::{self, BufWriter, Write};

fn main() -> io::Result<()> {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let mut out = BufWriter::new(io::stdout().lock());
    ajtl::fixtures::write_timeline(&mut out, count)?;
    out.flush()
}
