//! The chart's speed at a million events, on the synthetic timeline of `ajtl::fixtures`
//! (1900–2025, six pillars, every precision, some spans):
//!
//! - `chart/decode/1M`: decoding every event's time for the chart, which the first `v` of a
//!   session pays once;
//! - `chart/bin/1M`: binning every event into lanes for a 100-column axis, the work a frame
//!   does per event;
//! - `chart/frame/1M/fitted`: one whole 120×40 explorer frame in chart view, everything shown;
//! - `chart/frame/1M/zoomed`: the same zoomed in three times around the selection;
//! - `chart/text/1M`: `ajtl chart --format text`'s lines, 100 columns;
//! - `chart/key/1M/…`: a pair of keys, each with the frame after it, in the zoomed chart — a
//!   lane down and up, the next and previous event in time, in timeline order and over a
//!   search ranked by relevance (`integration`), whose rows are not in time order.
//!
//! The target is a frame within 16 ms (a 60 Hz frame). `cargo bench --bench chart`.

use ajtl::app::{Action, App, Edit};
use ajtl::chart::{Axis, Placed, lanes, text};
use ajtl::fixtures::synthetic_timeline;
use ajtl::timeline::Timeline;
use ajtl::ui;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const COUNT: usize = 1_000_000;

fn synthetic() -> Timeline {
    synthetic_timeline(COUNT).unwrap_or_else(|e| panic!("{e}"))
}

fn chart(c: &mut Criterion) {
    let timeline = synthetic();
    let mut group = c.benchmark_group("chart");
    group.sample_size(20);
    let (start, end) = text::span_of(&timeline.events).expect("dated events");
    let axis = Axis::new(start, end, 100);
    group.bench_function("decode/1M", |b| {
        b.iter(|| timeline.events.iter().map(Placed::of).collect::<Vec<_>>());
    });
    group.bench_function("bin/1M", |b| {
        b.iter(|| lanes::bin(&timeline.events, timeline.pillars.len(), &axis, text::DEPTH));
    });
    let options = text::Options {
        width: 100,
        ascii: false,
        span: None,
    };
    group.bench_function("text/1M", |b| {
        b.iter(|| text::render(&timeline, &timeline.events, options));
    });
    let mut app = App::new(timeline, Rect::new(0, 0, 120, 40));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("TestBackend");
    app.update(Action::ToggleChart);
    let mut frame = |app: &App| {
        terminal
            .draw(|frame| ui::render(app, frame))
            .expect("TestBackend cannot fail");
    };
    group.bench_function("frame/1M/fitted", |b| b.iter(|| frame(&app)));
    app.update(Action::LastInTime);
    for _ in 0..3 {
        app.update(Action::ZoomIn);
    }
    group.bench_function("frame/1M/zoomed", |b| b.iter(|| frame(&app)));
    let mut keys = |app: &mut App, name: &str, there: Action, back: Action| {
        group.bench_function(format!("key/1M/{name}"), |b| {
            b.iter(|| {
                for action in [there, back] {
                    app.update(action);
                    frame(app);
                }
            });
        });
    };
    keys(&mut app, "lane", Action::LaneDown, Action::LaneUp);
    keys(&mut app, "time", Action::LaterEvent, Action::EarlierEvent);
    app.update(Action::StartSearch);
    for c in "integration".chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
    app.update(Action::AcceptSearch);
    keys(
        &mut app,
        "time-ranked",
        Action::LaterEvent,
        Action::EarlierEvent,
    );
    group.finish();
}

criterion_group!(benches, chart);
criterion_main!(benches);
