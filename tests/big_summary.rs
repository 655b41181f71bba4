//! An event whose summary is megabytes long loads, is selected and is read in the detail like
//! any other: its first lines on selection, later ones as the detail scrolls, its last ones at
//! the end. (How fast is measured by `benches/big.rs` and `examples/big_summary.rs`.)

mod common;

use common::apply;

use ajtl::app::prose;
use ajtl::app::{Action, App, geometry};
use ajtl::timeline::load_str;
use ajtl::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

/// An explorer on a timeline whose second event's summary holds `bytes` bytes.
fn explorer(bytes: usize) -> App {
    let mut text = Vec::new();
    ajtl::fixtures::write_big_summary(&mut text, bytes).unwrap();
    let text = String::from_utf8(text).unwrap();
    let timeline = load_str("big.ron", &text).unwrap();
    App::new(timeline, Rect::new(0, 0, WIDTH, HEIGHT))
}

/// The screen's rows, as text.
fn screen(app: &App) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    terminal.draw(|frame| ui::render(app, frame)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..HEIGHT)
        .map(|y| (0..WIDTH).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

/// The selected event's summary wrapped as the detail wraps it, all at once.
fn summary_lines(app: &App) -> Vec<String> {
    let pane = app.screen().detail().unwrap();
    let (text, _) = geometry::detail_parts(pane, app.related().len());
    let summary = app.selected_event().unwrap().summary();
    prose::wrap(summary, usize::from(text.width))
}

/// Whether `line` is shown on some row of `screen`.
fn shows(screen: &[String], line: &str) -> bool {
    screen.iter().any(|row| row.contains(line))
}

#[test]
fn a_summary_of_megabytes_is_selected_and_its_first_lines_shown() {
    let mut app = explorer(3 << 20);
    apply(&mut app, &[Action::Next]);
    let event = app.selected_event().unwrap();
    assert_eq!(event.title(), "Event 1");
    assert!(event.summary().len() > 3_000_000);
    let lines = summary_lines(&app);
    let screen = screen(&app);
    assert!(shows(&screen, "Event 1"), "{screen:#?}");
    assert!(shows(&screen, &lines[0]), "{screen:#?}");
    assert!(shows(&screen, &lines[20]), "{screen:#?}");
    assert!(!shows(&screen, "The end."), "{screen:#?}");
}

#[test]
fn scrolling_the_detail_shows_the_lines_scrolled_to_and_back() {
    let mut app = explorer(3 << 20);
    apply(&mut app, &[Action::Next, Action::ToggleFocus]);
    let lines = summary_lines(&app);
    for _ in 0..300 {
        app.update(Action::PageDown);
    }
    let deep = app.detail_scroll();
    assert!(deep > 9000, "{deep}");
    let screen_there = screen(&app);
    // The fields above the summary take a few rows: the lines shown are near line `deep`.
    let shown: Vec<usize> = (deep - 10..deep + 10)
        .filter(|&n| shows(&screen_there, &lines[n]))
        .collect();
    assert!(shown.len() >= 10, "{shown:?} {screen_there:#?}");
    assert!(!shows(&screen_there, &lines[0]));
    app.update(Action::PageUp);
    app.update(Action::PageDown);
    assert_eq!(screen(&app), screen_there, "the same place, laid out again");
}

#[test]
fn scrolling_to_the_end_of_a_long_summary_shows_its_end() {
    let mut app = explorer(200 << 10);
    apply(&mut app, &[Action::Next, Action::ToggleFocus]);
    let lines = summary_lines(&app);
    let last = lines.last().unwrap();
    assert!(last.ends_with("The end."), "{last}");
    // Down a page at a time until the last line comes into view, at the bottom or above it.
    let mut pages = 0;
    while !shows(&screen(&app), last) {
        app.update(Action::PageDown);
        pages += 1;
        assert!(pages <= lines.len(), "the end never showed");
    }
    // A line up, the line before the last comes back above it.
    app.update(Action::Previous);
    let screen = screen(&app);
    assert!(shows(&screen, last), "{screen:#?}");
    assert!(shows(&screen, &lines[lines.len() - 2]), "{screen:#?}");
}

#[test]
fn a_resized_detail_wraps_the_summary_to_its_new_width() {
    let mut app = explorer(1 << 20);
    apply(&mut app, &[Action::Next, Action::ToggleFocus]);
    for _ in 0..50 {
        app.update(Action::PageDown);
    }
    let before = screen(&app);
    app.update(Action::Resize(WIDTH - 10, HEIGHT));
    app.update(Action::Resize(WIDTH, HEIGHT));
    assert_eq!(screen(&app), before);
}
