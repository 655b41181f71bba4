//! The snapshot payload codec at scale, on synthetic timelines from `ajtl::fixtures`:
//!
//! - `encode/N`: writing the timeline and its index's parts (into memory);
//! - `decode/N`: reading them back into an owned timeline and index, ready to search;
//! - `decode-timeline/N`: reading the timeline alone, as commands that do not search do.
//!
//! Decoding is timed without dropping what it gives (the explorer keeps it). Compare with
//! `load/N` in `benches/search.rs`, which parses and validates the same text (the index is
//! built on top of that). `cargo bench --bench snapshot` runs them all; the 1M cases need
//! about 2 GB.

use ajtl::fixtures::synthetic_timeline;
use ajtl::search::Index;
use ajtl::snapshot::codec::{Payload, decode, encode};
use ajtl::timeline::Ignored;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SIZES: [(usize, &str); 2] = [(100_000, "100k"), (1_000_000, "1M")];

fn codec(c: &mut Criterion) {
    for (count, name) in SIZES {
        let timeline = synthetic_timeline(count).unwrap_or_else(|e| panic!("{e}"));
        let index = Index::new(timeline.clone());
        let ignored = Ignored::default();
        let mut payload = Vec::new();
        encode(&mut payload, &timeline, &ignored, Some(&index)).expect("writing to memory");
        let mut group = c.benchmark_group("snapshot");
        group.sample_size(10);
        group.throughput(Throughput::Bytes(payload.len() as u64));
        group.bench_function(BenchmarkId::new("encode", name), |b| {
            let mut out = Vec::with_capacity(payload.len());
            b.iter(|| {
                out.clear();
                encode(&mut out, &timeline, &ignored, Some(&index)).expect("writing to memory");
            });
        });
        let payload = Payload::owned(payload);
        group.bench_function(BenchmarkId::new("decode", name), |b| {
            b.iter_with_large_drop(|| decode(&payload, true).map(|decoded| decoded.into_index()));
        });
        group.bench_function(BenchmarkId::new("decode-timeline", name), |b| {
            b.iter_with_large_drop(|| decode(&payload, false).map(|decoded| decoded.timeline));
        });
        group.finish();
    }
}

criterion_group!(benches, codec);
criterion_main!(benches);
