//! The explorer on one huge summary: a timeline of three events whose second one's summary
//! holds 100 MB of words (`ajtl::fixtures::write_big_summary`), as issue 20 measured it:
//!
//! - `big/index/100MB`: the search index of the loaded timeline (`Index::new`), the part of the
//!   explorer's load that `ajtl check` does not do;
//! - `big/prepare/100MB`: the rest of the load, the links, index entries and years
//!   (`Data::from_index`) and the explorer's first rows (`App::with_data`);
//! - `big/select/100MB`: selecting the big event and back, each with its 120×40 frame;
//! - `big/scroll/100MB/top` and `…/deep`: a page down and back up in its detail, each with its
//!   frame, at the top of the summary and 68 000 lines (about 5 MB) into it.
//!
//! Every key with its frame is held to 50 ms; the load to twice `ajtl check`'s. Run one group:
//! `cargo bench --bench big`.

use std::sync::Arc;

use ajtl::app::{Action, App, Data};
use ajtl::search::Index;
use ajtl::timeline::{Timeline, load_str};
use ajtl::ui;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const BYTES: usize = 100 << 20;

fn big_timeline() -> Timeline {
    let mut text = Vec::with_capacity(BYTES + 1024);
    ajtl::fixtures::write_big_summary(&mut text, BYTES).expect("writing to memory");
    let text = String::from_utf8(text).expect("the fixture writes UTF-8");
    load_str("big.ron", &text).unwrap_or_else(|e| panic!("{e}"))
}

fn big(c: &mut Criterion) {
    let timeline = Arc::new(big_timeline());
    let mut group = c.benchmark_group("big");
    group.sample_size(10);
    group.bench_function("index/100MB", |b| {
        b.iter_batched(
            || Timeline::clone(&timeline),
            Index::new,
            BatchSize::PerIteration,
        );
    });
    let index = Arc::new(Index::new(Arc::clone(&timeline)));
    let area = Rect::new(0, 0, 120, 40);
    group.bench_function("prepare/100MB", |b| {
        b.iter(|| App::with_data(Data::from_index(Arc::clone(&index)), area));
    });

    let mut app = App::with_data(Data::from_index(index), area);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("TestBackend");
    let mut keys = |app: &mut App, there: Action, back: Action| {
        for action in [there, back] {
            app.update(action);
            terminal
                .draw(|frame| ui::render(app, frame))
                .expect("TestBackend cannot fail");
        }
    };
    group.bench_function("select/100MB", |b| {
        b.iter(|| keys(&mut app, Action::Next, Action::Previous));
    });
    app.update(Action::Next);
    app.update(Action::ToggleFocus);
    group.bench_function("scroll/100MB/top", |b| {
        b.iter(|| keys(&mut app, Action::PageDown, Action::PageUp));
    });
    while app.detail_scroll() < 68_000 {
        app.update(Action::PageDown);
    }
    group.bench_function("scroll/100MB/deep", |b| {
        b.iter(|| keys(&mut app, Action::PageDown, Action::PageUp));
    });
    group.finish();
}

criterion_group!(benches, big);
criterion_main!(benches);
