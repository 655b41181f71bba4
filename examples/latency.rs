//! Measures what a person feels: load time, memory, and the latency of each keystroke (filter,
//! rank and render one 120×40 frame) while typing `jaif` and then `integration fund`.
//!
//! ```sh
//! cargo run --release --example gen_timeline -- 100000 > big.ron
//! cargo run --release --example latency -- big.ron
//! AJTL_CACHE_DIR=/tmp/memcache cargo run --release --example latency -- --cache big.ron
//! ```
//!
//! Prints the load time, the resident memory after loading (after the search index, after the
//! explorer's own derived data, and with the explorer made), and p50/p95/max per keystroke over
//! several rounds. With `--cache` the file opens as the explorer opens it, through the snapshot
//! cache (`AJTL_CACHE_DIR`, else the user's cache directory): the first run parses the file and
//! writes the snapshot once measured, later runs decode the snapshot. `cargo bench` measures the
//! same operations with criterion; this example gives the percentiles the performance targets
//! are stated in.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ajtl::app::{Action, App, Data, Edit};
use ajtl::memory::release_freed_memory;
use ajtl::search::Index;
use ajtl::snapshot::codec::Keep;
use ajtl::snapshot::{self, Cache, Unsaved};
use ajtl::timeline::{Progress, load_file};
use ajtl::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const QUERIES: [&str; 2] = ["jaif", "integration fund"];
const ROUNDS: usize = 10;

/// The resident size now, in bytes, once what was freed so far is handed back, as the
/// explorer does once loaded.
fn resident() -> u64 {
    release_freed_memory();
    let kib = || -> Option<u64> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    };
    kib().unwrap_or(0) * 1024
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank]
}

/// The file's search index, parsed or (with `cache`) as the explorer opens it; whether it came
/// from a snapshot; and the snapshot still to write.
fn open(path: &Path, cache: Option<&Cache>) -> (Arc<Index>, bool, Option<Unsaved>) {
    match cache {
        Some(cache) => {
            let opened =
                snapshot::open_index(path, Some(cache), &Progress::default(), Keep::Copied)
                    .unwrap_or_else(|e| panic!("{e}"));
            let from_snapshot = opened.from_snapshot;
            let (index, unsaved) = opened.share();
            (index, from_snapshot, unsaved)
        }
        None => {
            let timeline = load_file(path).unwrap_or_else(|e| panic!("{e}")).timeline;
            (Arc::new(Index::new(timeline)), false, None)
        }
    }
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let cached = args.iter().any(|arg| arg == "--cache");
    args.retain(|arg| arg != "--cache");
    let [path] = args.as_slice() else {
        panic!("usage: latency [--cache] FILE.ron");
    };
    let cache = cached.then(|| Cache::locate().expect("no cache directory"));
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let ratio = |bytes: u64| {
        format!(
            "{:.1} MB ({:.3}x the file)",
            bytes as f64 / 1e6,
            bytes as f64 / size.max(1) as f64
        )
    };

    let start = Instant::now();
    let (index, from_snapshot, unsaved) = open(path.as_ref(), cache.as_ref());
    let loaded = start.elapsed();
    let with_index = resident();
    let events = index.timeline().events.len();
    let start = Instant::now();
    let data = Data::from_index(index);
    let with_data = resident();
    let mut app = App::with_data(data, Rect::new(0, 0, 120, 40));
    let prepared = start.elapsed();
    let rss = resident();

    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let start = Instant::now();
    terminal.draw(|frame| ui::render(&app, frame)).unwrap();
    let first_frame = start.elapsed();

    let mut keystrokes = Vec::new();
    for _ in 0..ROUNDS {
        for query in QUERIES {
            app.update(Action::StartSearch);
            for c in query.chars() {
                let start = Instant::now();
                app.update(Action::Edit(Edit::Insert(c)));
                terminal.draw(|frame| ui::render(&app, frame)).unwrap();
                keystrokes.push(start.elapsed());
            }
            app.update(Action::CancelSearch);
        }
    }
    keystrokes.sort();
    println!(
        "file: {path} ({events} events, {:.1} MB)",
        size as f64 / 1e6
    );
    match &cache {
        Some(cache) if from_snapshot => {
            println!(
                "load (snapshot from {}): {loaded:.1?}",
                cache.dir().display()
            );
        }
        Some(_) => println!("load (read, parse, validate, index; no snapshot yet): {loaded:.1?}"),
        None => println!("load (read, parse, validate, index): {loaded:.1?}"),
    }
    println!("prepare (Data, App): {prepared:.1?}");
    println!("resident with the index: {}", ratio(with_index));
    println!("resident with the explorer's data: {}", ratio(with_data));
    println!("resident after load: {}", ratio(rss));
    println!("first frame (render 120x40): {first_frame:.1?}");
    println!(
        "keystroke (filter + rank + render), {} samples: p50 {:.1?}, p95 {:.1?}, max {:.1?}",
        keystrokes.len(),
        percentile(&keystrokes, 0.5),
        percentile(&keystrokes, 0.95),
        keystrokes.last().unwrap()
    );
    if let Some(unsaved) = unsaved {
        unsaved.save();
        println!("snapshot written: the next run with --cache decodes it");
    }
}
