//! Writes a timeline whose second event has a summary of N megabytes (default 100) of words,
//! or measures the explorer on such a file: its load, step by step, then selecting that event
//! and scrolling its detail, each with the 120×40 frame drawn after it.
//!
//! ```sh
//! cargo run --release --example big_summary -- 100 > big-summary.ron
//! cargo run --release --example big_summary -- --measure big-summary.ron
//! ```
//!
//! The generator itself is `ajtl::fixtures::write_big_summary`. Speed goals live here and in
//! `benches/big.rs`, never in timed tests.

use std::io::{self, BufWriter, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ajtl::app::{Action, App, Data};
use ajtl::search::Index;
use ajtl::timeline::load_file;
use ajtl::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let first = args.next();
    if first.as_deref() == Some("--measure") {
        let path = args.next().expect("usage: big_summary --measure FILE");
        measure(&path);
        return Ok(());
    }
    let megabytes: usize = first.and_then(|n| n.parse().ok()).unwrap_or(100);
    let mut out = BufWriter::new(io::stdout().lock());
    ajtl::fixtures::write_big_summary(&mut out, megabytes << 20)?;
    out.flush()
}

/// How long `work` takes, and what it returns.
fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = work();
    (value, start.elapsed())
}

fn measure(path: &str) {
    let (loaded, read) = timed(|| load_file(path.as_ref()).unwrap_or_else(|e| panic!("{e}")));
    println!("load_file (read, parse, validate): {read:.1?}");
    let (index, indexed) = timed(|| Arc::new(Index::new(loaded.timeline)));
    println!("Index::new: {indexed:.1?}");
    let (data, prepared) = timed(|| Data::from_index(index));
    println!("Data::from_index (links, index entries, years): {prepared:.1?}");
    let (mut app, opened) = timed(|| App::with_data(data, Rect::new(0, 0, 120, 40)));
    println!("App::with_data: {opened:.1?}");
    println!(
        "explorer load in all: {:.1?}",
        read + indexed + prepared + opened
    );

    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test backend");
    let mut step = |app: &mut App, action: Action| {
        let start = Instant::now();
        app.update(action);
        terminal.draw(|frame| ui::render(app, frame)).expect("draw");
        start.elapsed()
    };
    println!("first frame: {:.1?}", step(&mut app, Action::First));
    println!("select the big event: {:.1?}", step(&mut app, Action::Next));
    println!(
        "focus the detail: {:.1?}",
        step(&mut app, Action::ToggleFocus)
    );
    let mut pages: Vec<Duration> = (0..PAGES)
        .map(|_| step(&mut app, Action::PageDown))
        .collect();
    pages.sort();
    let (median, slowest) = (pages[PAGES / 2], pages[PAGES - 1]);
    let deep = app.detail_scroll();
    println!(
        "detail page down ×{PAGES} (to line {deep}): median {median:.1?}, slowest {slowest:.1?}"
    );
    println!("page up there: {:.1?}", step(&mut app, Action::PageUp));
    let wheel = Action::Scroll {
        column: 100,
        row: 20,
        lines: 3,
    };
    println!("wheel down there: {:.1?}", step(&mut app, wheel));
    let narrower = step(&mut app, Action::Resize(110, 40));
    println!("resize there (lays out again to line {deep}): {narrower:.1?}");
    println!(
        "back to the list: {:.1?}",
        step(&mut app, Action::ToggleFocus)
    );
    println!(
        "select the next event: {:.1?}",
        step(&mut app, Action::Next)
    );
}

/// Pages scrolled down the big summary: deep enough that a layout of everything before the
/// scroll, redone per frame, would show.
const PAGES: usize = 2000;
