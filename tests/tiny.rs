//! Every overlay and prompt of the explorer, on timelines from other tools, drawn at every size
//! from 1×1 up: each renders or says the terminal is too small, and none panics.

use ajtl::app::{Action, App};
use ajtl::timeline::load_file;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

const FILES: [&str; 4] = [
    "tests/fixtures/timelinejs/src/template/eras.json",
    "tests/fixtures/timeline-app/apollo11.timeline",
    "tests/fixtures/many_pillars.ron",
    "tests/fixtures/deep-time.ron",
];

/// The actions that open each mode from browsing, the empty list being browsing itself.
fn openers() -> Vec<Vec<Action>> {
    vec![
        vec![],
        vec![Action::ToggleHelp],
        vec![Action::ToggleAbout],
        vec![Action::ToggleIndex],
        vec![Action::ToggleIndex, Action::PreviousTab],
        vec![Action::StartPillarPick],
        vec![Action::StartJump],
        vec![Action::StartSearch],
        vec![Action::StartExport],
        vec![Action::ToggleFocus, Action::Open],
    ]
}

#[test]
fn every_mode_draws_at_every_size_down_to_one_cell() {
    let sizes = [
        (1, 1),
        (2, 2),
        (7, 3),
        (12, 5),
        (30, 8),
        (60, 20),
        (120, 40),
    ];
    for file in FILES {
        let loaded = load_file(file.as_ref()).unwrap_or_else(|e| panic!("{e}"));
        for opener in openers() {
            for (width, height) in sizes {
                let mut app = App::new(loaded.timeline.clone(), Rect::new(0, 0, width, height));
                for action in &opener {
                    app.update(*action);
                }
                let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
                terminal
                    .draw(|frame| ajtl::ui::render(&app, frame))
                    .unwrap_or_else(|e| panic!("{file} {opener:?} {width}x{height}: {e}"));
            }
        }
    }
}

#[test]
fn a_title_cut_for_the_count_never_runs_into_it() {
    let app = App::new(ajtl::timeline::bundled().unwrap(), Rect::new(0, 0, 30, 8));
    let mut terminal = Terminal::new(TestBackend::new(30, 8)).unwrap();
    terminal
        .draw(|frame| ajtl::ui::render(&app, frame))
        .unwrap();
    let header: String = (0..30)
        .map(|x| terminal.backend().buffer()[(x, 0)].symbol().to_string())
        .collect();
    let count = header.find("62/62").unwrap_or_else(|| panic!("{header}"));
    assert!(header[..count].ends_with(' '), "{header:?}");
}
