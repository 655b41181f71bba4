//! Speed at scale, on synthetic timelines from `ajtl::fixtures`:
//!
//! - `load/N`: parse and validate N events from text (10k, 100k, 1M);
//! - `keystroke/N/QUERY`: typing `jaif`, then `integration fund`, one character at a time —
//!   filter, rank and render a 120×40 frame — reported per keystroke (100k, 1M);
//! - `render/100k`: drawing one frame;
//! - `paste/N/QUERY`: pasting a whole query into the search prompt — filter, rank and render —
//!   for one term (`jaif`), 1000 copies of it, and 1000 distinct words of the data (its
//!   commonest words, its acronyms, then numbers), all ORed (100k, 1M).
//!
//! `cargo bench` runs them all (the 1M cases take a few minutes on two cores);
//! `cargo bench -- keystroke/100k` runs a subset. `examples/latency.rs` gives percentiles.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use ajtl::app::{Action, App, Edit};
use ajtl::fixtures::{synthetic_text, synthetic_timeline};
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

fn timeline(text: &str) -> Timeline {
    load_str("synthetic.ron", text).unwrap_or_else(|e| panic!("{e}"))
}

fn synthetic(count: usize) -> Timeline {
    synthetic_timeline(count).unwrap_or_else(|e| panic!("{e}"))
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for (count, name) in SIZES {
        let text = synthetic_text(count);
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
        let mut app = App::new(synthetic(*count), Rect::new(0, 0, 120, 40));
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

/// Up to `count` distinct words of `timeline`, lowercased: the words of its events' text,
/// commonest first, then its glossary's acronyms, then numbers of three digits or more.
fn vocabulary(timeline: &Timeline, count: usize) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for event in &timeline.events {
        let texts = [
            event.title(),
            event.summary(),
            event.place().unwrap_or_default(),
        ];
        let mechanisms = event.mechanisms.iter().map(|text| &**text);
        for text in texts.into_iter().chain(mechanisms) {
            for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
                *seen.entry(word.to_ascii_lowercase()).or_default() += 1;
            }
        }
    }
    let mut common: Vec<(String, usize)> = seen.into_iter().collect();
    common.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let is_word = |word: &str| word.len() >= 3 && word.bytes().all(|b| b.is_ascii_alphabetic());
    let is_number = |word: &str| word.len() >= 3 && word.bytes().all(|b| b.is_ascii_digit());
    let words = common
        .iter()
        .map(|(word, _)| word)
        .filter(|word| is_word(word));
    let acronyms = timeline.glossary.keys().map(|key| key.to_ascii_lowercase());
    let numbers = common
        .iter()
        .map(|(word, _)| word)
        .filter(|word| is_number(word));
    let mut vocabulary: Vec<String> = Vec::new();
    for word in words.cloned().chain(acronyms).chain(numbers.cloned()) {
        if vocabulary.len() < count && !vocabulary.contains(&word) {
            vocabulary.push(word);
        }
    }
    vocabulary
}

/// Pastes `query` into the search prompt, timing the update and frame, then clears it (untimed).
fn paste_query(app: &mut App, terminal: &mut Terminal<TestBackend>, query: &str) -> Duration {
    app.update(Action::StartSearch);
    let start = Instant::now();
    app.edit(query.chars().map(Edit::Insert));
    terminal
        .draw(|frame| ui::render(app, frame))
        .expect("TestBackend cannot fail");
    let spent = start.elapsed();
    app.update(Action::CancelSearch);
    spent
}

fn pastes(c: &mut Criterion) {
    let mut group = c.benchmark_group("paste");
    group.sample_size(10);
    for (count, name) in &SIZES[1..] {
        let timeline = synthetic(*count);
        let distinct = vocabulary(&timeline, 1000).join(" | ");
        let identical = vec!["jaif"; 1000].join(" | ");
        let mut app = App::new(timeline, Rect::new(0, 0, 120, 40));
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("TestBackend");
        let queries = [
            ("one term", "jaif"),
            ("1000 identical", identical.as_str()),
            ("1000 distinct", distinct.as_str()),
        ];
        for (label, query) in queries {
            group.bench_function(BenchmarkId::new(*name, label), |b| {
                b.iter_custom(|iterations| {
                    (0..iterations)
                        .map(|_| paste_query(&mut app, &mut terminal, query))
                        .sum()
                });
            });
        }
    }
    group.finish();
}

fn render(c: &mut Criterion) {
    let app = App::new(synthetic(100_000), Rect::new(0, 0, 120, 40));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("TestBackend");
    c.bench_function("render/100k", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| ui::render(&app, frame))
                .expect("TestBackend cannot fail");
        });
    });
}

criterion_group!(benches, load, keystrokes, pastes, render);
criterion_main!(benches);
