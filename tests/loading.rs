//! The loading screen shown while a large file loads: it draws progress, gives up on request,
//! and keeps what was typed meanwhile.

mod common;

use common::key;

use std::sync::mpsc;

use ajtl::app::Input;
use ajtl::app::keys::Keymap;
use ajtl::app::loading::{Waited, wait_for};
use ajtl::config::Config;
use ajtl::timeline::{Progress, Stage};
use ajtl::ui::theme::Theme;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(60, 12)).unwrap()
}

#[test]
fn keys_typed_while_loading_are_kept_for_the_explorer() {
    let (inputs_tx, inputs) = mpsc::channel();
    let (result_tx, result) = mpsc::channel();
    for c in "/jaif".chars() {
        inputs_tx.send(key(KeyCode::Char(c))).unwrap();
    }
    // `q` after other keys is part of a query being typed, not a request to quit.
    inputs_tx.send(key(KeyCode::Char('q'))).unwrap();
    result_tx.send(42).unwrap();
    let waited = wait("big.ron", &Keymap::default(), &result, &inputs);
    let Waited::Ready(42, typed) = waited else {
        panic!("expected the result");
    };
    assert_eq!(typed.len(), 6);
}

/// Waits for `result` on a test terminal, reading `inputs` with `keys`.
fn wait<T>(
    name: &str,
    keys: &Keymap,
    result: &mpsc::Receiver<T>,
    inputs: &mpsc::Receiver<Input>,
) -> Waited<T> {
    let progress = Progress::default();
    wait_for(
        &mut terminal(),
        &Theme::default(),
        keys,
        name,
        &progress,
        result,
        inputs,
    )
    .unwrap()
}

#[test]
fn q_escape_and_ctrl_c_give_up_and_signals_end_it() {
    for give_up in [
        key(KeyCode::Char('q')),
        key(KeyCode::Esc),
        Input::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    ] {
        let (inputs_tx, inputs) = mpsc::channel();
        let (_result_tx, result) = mpsc::channel::<()>();
        inputs_tx.send(give_up).unwrap();
        let waited = wait("f", &Keymap::default(), &result, &inputs);
        assert!(matches!(waited, Waited::Quit));
    }
    let (inputs_tx, inputs) = mpsc::channel();
    let (_result_tx, result) = mpsc::channel::<()>();
    inputs_tx.send(Input::Signal(15)).unwrap();
    let waited = wait("f", &Keymap::default(), &result, &inputs);
    assert!(matches!(waited, Waited::Signal(15)));
}

#[test]
fn the_quit_key_in_force_gives_up_and_is_named() {
    let keys = Config::parse("config.ron", r#"Config(keys: {"quit": ["ctrl-q"]})"#)
        .unwrap()
        .keymap;
    let (inputs_tx, inputs) = mpsc::channel();
    let (result_tx, result) = mpsc::channel();
    inputs_tx.send(key(KeyCode::Char('q'))).unwrap();
    result_tx.send(()).unwrap();
    let Waited::Ready((), typed) = wait("f", &keys, &result, &inputs) else {
        panic!("q no longer quits, so it is typed ahead");
    };
    assert_eq!(typed.len(), 1);

    let (inputs_tx, inputs) = mpsc::channel();
    let (_result_tx, result) = mpsc::channel::<()>();
    let ctrl_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
    inputs_tx.send(Input::Key(ctrl_q)).unwrap();
    let mut terminal = terminal();
    let progress = Progress::default();
    let waited = wait_for(
        &mut terminal,
        &Theme::default(),
        &keys,
        "f",
        &progress,
        &result,
        &inputs,
    );
    assert!(matches!(waited, Ok(Waited::Quit)));
    let drawn = format!("{}", terminal.backend());
    assert!(drawn.contains("Ctrl-q quits"), "{drawn}");
}

#[test]
fn a_loader_that_dies_is_reported() {
    let (_inputs_tx, inputs) = mpsc::channel();
    let (result_tx, result) = mpsc::channel::<()>();
    drop(result_tx);
    let waited = wait("f", &Keymap::default(), &result, &inputs);
    assert!(matches!(waited, Waited::Lost));
}

#[test]
fn the_screen_shows_the_file_the_stage_and_a_gauge() {
    let mut parsing = terminal();
    parsing
        .draw(|frame| {
            ajtl::ui::loading(
                frame,
                &Theme::default(),
                "big.ron",
                "q",
                (Stage::Parsing, Some(0.42)),
            )
        })
        .unwrap();
    assert_snapshot!(parsing.backend());
    let mut indexing = terminal();
    indexing
        .draw(|frame| {
            ajtl::ui::loading(
                frame,
                &Theme::default(),
                "big.ron",
                "q",
                (Stage::Indexing, None),
            )
        })
        .unwrap();
    assert!(format!("{}", indexing.backend()).contains("preparing search…"));
    let mut ascii = terminal();
    ascii
        .draw(|frame| {
            let theme = Theme::default().ascii();
            ajtl::ui::loading(frame, &theme, "big.ron", "q", (Stage::Parsing, Some(0.42)))
        })
        .unwrap();
    let drawn = format!("{}", ascii.backend());
    assert!(drawn.is_ascii(), "{drawn}");
    assert!(drawn.contains("####"), "the gauge is drawn in #: {drawn}");
}

#[test]
fn progress_reports_stage_and_fraction() {
    let progress = Progress::default();
    assert_eq!(progress.snapshot(), (Stage::Reading, Some(0.0)));
    progress.enter(Stage::Checking);
    assert_eq!(progress.snapshot(), (Stage::Checking, None));
}
