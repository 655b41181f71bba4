//! Speed at scale, on synthetic timelines from `examples/gen_timeline.rs`:
//!
//! - `load/N`: parse and validate N events from text (10k, 100k, 1M);
//! - `keystroke/N/QUERY`: typing `jaif`, then `integration fund`, one character at a time —
//!   filter, rank and render a 120×40 frame — reported per keystroke (100k, 1M);
//! - `render/100k`: drawing one frame.
//!
//! `cargo bench` runs them all (the 1M cases take a few minutes on two cores);
//! `cargo bench -- keystroke/100k` runs a subset. `examples/latency.rs` gives percentiles.

#[path = "../examples/gen_timeline.rs"]
#[allow(dead_code)]
mod gen_timeline;

use std::time::{Duration, Instant};

use ajtl::app::{Action, App, Edit};
use ajtl::timeline::{Timeline, load_str};
use ajtl::ui;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SIZES: [(usize, &str); 3] = [(10_000, "10k"), (100_000, "100k"), (1_000_000, "1M")];
const QUERIES: [&str; 2] = ["jaif", "integration fund"];

fn synthetic(count: usize) -> String {
    let mut text = Vec::new();
    gen_timeline::write_timeline(&mut text, count).expect("writing to memory");
    String::from_utf8(text).expect("the generator writes UTF-8")
}

fn timeline(text: &str) -> Timeline {
    load_str("synthetic.ron", text).unwrap_or_else(|e| panic!("{e}"))
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for (count, name) in SIZES {
        let text = synthetic(count);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, text| {
            b.iter(|| timeline(text));
        });
    }
    group.finish();
}

/// Types `query` one character at a time, timing each update and frame, then clears it (untimed).
fn type_query(app: &mut App, terminal: &mut Terminal<TestBackend>, query: &str) -> Duration {
    app.update(Action::StartSearch);
    let mut spent = Duration::ZERO;
    for c in query.chars() {
        let start = Instant::now();
        app.update(Action::Edit(Edit::Insert(c)));
        terminal
            .draw(|frame| ui::render(app, frame))
            .expect("TestBackend cannot fail");
        spent += start.elapsed();
    }
    app.update(Action::CancelSearch);
    spent
}

fn keystrokes(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke");
    group.sample_size(10);
    for (count, name) in &SIZES[1..] {
        let mut app = App::new(timeline(&synthetic(*count)), Rect::new(0, 0, 120, 40));
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("TestBackend");
        for query in QUERIES {
            group.throughput(Throughput::Elements(query.chars().count() as u64));
            group.bench_function(BenchmarkId::new(*name, query), |b| {
                b.iter_custom(|iterations| {
                    (0..iterations)
                        .map(|_| type_query(&mut app, &mut terminal, query))
                        .sum()
                });
            });
        }
    }
    group.finish();
}

fn render(c: &mut Criterion) {
    let app = App::new(timeline(&synthetic(100_000)), Rect::new(0, 0, 120, 40));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("TestBackend");
    c.bench_function("render/100k", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| ui::render(&app, frame))
                .expect("TestBackend cannot fail");
        });
    });
}

criterion_group!(benches, load, keystrokes, render);
criterion_main!(benches);
