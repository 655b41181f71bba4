//! A long search never keeps an input waiting: it stops when one arrives, leaving the rows as
//! they were, and resumes once no input waits.

mod common;

use common::key;

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use ajtl::app::state::Interrupt;
use ajtl::app::{self, Action, App, Edit, Input, Inputs, Mode, Offline, Outcome};
use ajtl::timeline::EventId;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

/// An explorer on a synthetic timeline large enough for a search to ask whether to stop.
fn explorer() -> App {
    let timeline = ajtl::fixtures::synthetic_timeline(20_000).unwrap();
    App::new(timeline, Rect::new(0, 0, 120, 40))
}

/// A query of many ORed terms, which widens any query before it, so it searches every event.
const MANY: &str = "integration | fund | maritime | security | mekong | tokyo | cyber | youth";

fn searched(query: &str) -> Vec<EventId> {
    let mut app = explorer();
    app.update(Action::StartSearch);
    app.edit(query.chars().map(Edit::Insert));
    assert!(!app.searching());
    app.rows().to_vec()
}

#[test]
fn an_interrupted_search_keeps_the_rows_until_it_resumes() {
    let mut app = explorer();
    let pressed = Arc::new(AtomicBool::new(false));
    let probe = Arc::clone(&pressed);
    app.set_interrupt(Arc::new(move || probe.load(Ordering::SeqCst)));
    app.update(Action::StartSearch);
    app.edit("jaif".chars().map(Edit::Insert));
    assert!(
        !app.searching(),
        "nothing pressed: the search ran to its end"
    );
    let before = app.rows().to_vec();

    pressed.store(true, Ordering::SeqCst);
    app.edit(format!(" | {MANY}").chars().map(Edit::Insert));
    assert!(app.searching(), "a key waits: the search stopped");
    assert_eq!(
        app.rows(),
        before,
        "the rows stay those of the last search done"
    );
    assert_eq!(app.query().text(), format!("jaif | {MANY}"));
    app.resume_search();
    assert!(app.searching(), "a key still waits");

    pressed.store(false, Ordering::SeqCst);
    app.resume_search();
    assert!(!app.searching());
    assert_eq!(app.rows(), searched(&format!("jaif | {MANY}")));
}

#[test]
fn esc_and_quit_are_answered_while_a_search_waits() {
    let mut app = explorer();
    app.set_interrupt(Arc::new(|| true));
    app.update(Action::StartSearch);
    app.edit(MANY.chars().map(Edit::Insert));
    assert!(app.searching());
    // Esc clears the query: the empty query is never interrupted, and the list is whole.
    app.update(Action::CancelSearch);
    assert!(!app.searching());
    assert_eq!(app.row_count(), app.timeline().events.len());
    app.update(Action::StartSearch);
    app.edit(MANY.chars().map(Edit::Insert));
    assert!(app.searching());
    app.update(Action::Quit);
    assert!(app.should_quit());
}

/// Inputs that have all arrived, and say so to a search, as the terminal's do.
struct Queued(Arc<Mutex<VecDeque<Input>>>);

impl Queued {
    fn new(inputs: Vec<Input>) -> Self {
        Queued(Arc::new(Mutex::new(inputs.into())))
    }
}

impl Inputs for Queued {
    fn next(&mut self) -> Option<Input> {
        self.0.lock().unwrap().pop_front()
    }

    fn ready(&mut self) -> Option<Input> {
        self.0.lock().unwrap().pop_front()
    }

    fn interrupt(&self) -> Option<Interrupt> {
        let queue = Arc::clone(&self.0);
        Some(Arc::new(move || !queue.lock().unwrap().is_empty()))
    }
}

fn run(app: &mut App, inputs: Vec<Input>) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let outcome = app::run(&mut terminal, app, Queued::new(inputs), &mut Offline).unwrap();
    assert_eq!(outcome, Outcome::Quit);
}

#[test]
fn keys_after_a_paste_stop_its_search_and_q_quits_at_once() {
    let mut app = explorer();
    let all = app.rows().to_vec();
    let inputs = vec![
        key(KeyCode::Char('/')),
        Input::Paste(MANY.into()),
        key(KeyCode::Enter),
        key(KeyCode::Char('q')),
    ];
    run(&mut app, inputs);
    assert!(app.should_quit());
    assert_eq!(*app.mode(), Mode::Browse);
    assert_eq!(app.query().text(), MANY);
    assert!(app.searching(), "quit before the search was done");
    assert_eq!(app.rows(), all);
}

#[test]
fn a_stopped_search_resumes_once_no_input_waits() {
    let mut app = explorer();
    let inputs = vec![
        key(KeyCode::Char('/')),
        Input::Paste(MANY.into()),
        Input::Resize(100, 30),
    ];
    run(&mut app, inputs);
    assert!(!app.searching());
    assert_eq!(app.area(), Rect::new(0, 0, 100, 30));
    assert_eq!(app.rows(), searched(MANY));
}

#[test]
fn ctrl_c_right_after_a_paste_quits_before_its_search_ends() {
    let mut app = explorer();
    let all = app.rows().to_vec();
    let ctrl_c = Input::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    // The loop reads Ctrl-c while gathering the paste's edits: it waits in the loop's hands,
    // not in the queue, and still stops the search.
    run(
        &mut app,
        vec![key(KeyCode::Char('/')), Input::Paste(MANY.into()), ctrl_c],
    );
    assert!(app.should_quit());
    assert!(app.searching());
    assert_eq!(app.rows(), all);
}

#[test]
fn a_key_acting_on_the_rows_waits_for_the_search_it_follows() {
    // `/JAIF⏎m` typed at once: `m` bookmarks the best JAIF match, not the row that was
    // selected before the search had run.
    let mut app = explorer();
    let first_before = app.rows()[0];
    let best = searched(MANY)[0];
    assert_ne!(first_before, best);
    let mut inputs = vec![key(KeyCode::Char('/')), Input::Paste(MANY.into())];
    inputs.extend([key(KeyCode::Enter), key(KeyCode::Char('m'))]);
    run(&mut app, inputs);
    assert!(!app.searching());
    let id = app.timeline().event(best).id().to_string();
    assert_eq!(app.bookmarks().iter().collect::<Vec<_>>(), [&id]);
}

#[test]
fn quit_right_after_a_key_waiting_for_the_search_still_quits_at_once() {
    let mut app = explorer();
    let all = app.rows().to_vec();
    let mut inputs = vec![key(KeyCode::Char('/')), Input::Paste(MANY.into())];
    inputs.extend([
        key(KeyCode::Enter),
        key(KeyCode::Char('j')),
        key(KeyCode::Char('q')),
    ]);
    run(&mut app, inputs);
    assert!(app.should_quit());
    assert!(app.searching(), "quit before the search was done");
    assert_eq!(app.rows(), all);
}

#[test]
fn keys_that_act_on_the_results_wait_for_the_search() {
    let mut app = explorer();
    let inputs = vec![
        key(KeyCode::Char('/')),
        Input::Paste(MANY.into()),
        key(KeyCode::Enter),
        key(KeyCode::Char('j')),
    ];
    run(&mut app, inputs);
    assert!(!app.searching());
    let rows = searched(MANY);
    assert_eq!(app.rows(), rows);
    // `j` moved down the results of the query typed before it, not the list before them.
    assert_eq!(app.selected_row(), Some(1));
    assert_eq!(app.rows()[1], rows[1]);
}
