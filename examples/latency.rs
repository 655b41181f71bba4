//! Measures what a person feels: load time, memory, and the latency of each keystroke (filter,
//! rank and render one 120×40 frame) while typing `jaif` and then `integration fund`.
//!
//! ```sh
//! cargo run --release --example gen_timeline -- 100000 > big.ron
//! cargo run --release --example latency -- big.ron
//! ```
//!
//! Prints the load time, the resident memory after loading, and p50/p95/max per keystroke over
//! several rounds. `cargo bench` measures the same operations with criterion; this example gives
//! the percentiles the performance targets are stated in.

use std::time::{Duration, Instant};

use ajtl::app::{Action, App, Edit};
use ajtl::timeline::load_file;
use ajtl::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const QUERIES: [&str; 2] = ["jaif", "integration fund"];
const ROUNDS: usize = 10;

fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank]
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: latency FILE.ron");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);

    let start = Instant::now();
    let timeline = load_file(path.as_ref())
        .unwrap_or_else(|e| panic!("{e}"))
        .timeline;
    let loaded = start.elapsed();
    let events = timeline.events.len();
    let start = Instant::now();
    let mut app = App::new(timeline, Rect::new(0, 0, 120, 40));
    let indexed = start.elapsed();
    // As the explorer does once loaded: return what loading freed to the system.
    ajtl::memory::release_freed_memory();
    let rss = resident_kib().unwrap_or(0);

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
    println!("load (read, parse, validate): {loaded:.1?}");
    println!("index (App::new): {indexed:.1?}");
    println!(
        "resident after load: {:.1} MB ({:.2}x the file)",
        rss as f64 * 1024.0 / 1e6,
        rss as f64 * 1024.0 / size.max(1) as f64
    );
    println!("first frame (render 120x40): {first_frame:.1?}");
    println!(
        "keystroke (filter + rank + render), {} samples: p50 {:.1?}, p95 {:.1?}, max {:.1?}",
        keystrokes.len(),
        percentile(&keystrokes, 0.5),
        percentile(&keystrokes, 0.95),
        keystrokes.last().unwrap()
    );
}
