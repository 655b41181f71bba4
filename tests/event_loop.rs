//! The event loop's handling of inputs that arrive together: typed faster than they are
//! handled, typed while a large file loaded, or pasted.

mod common;

use common::{key, typed};

use std::collections::VecDeque;

use ajtl::app::{self, App, Input, Inputs, Mode, Offline, Outcome};
use ajtl::timeline::bundled;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

/// Inputs that have all arrived before the loop starts: every one is waiting.
struct AllWaiting(VecDeque<Input>);

impl Inputs for AllWaiting {
    fn next(&mut self) -> Option<Input> {
        self.0.pop_front()
    }

    fn ready(&mut self) -> Option<Input> {
        self.0.pop_front()
    }
}

/// Runs the explorer on the bundled data; returns it and how many frames were drawn.
fn explore(inputs: impl Inputs) -> (App, usize) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut app = App::new(bundled().unwrap(), Rect::new(0, 0, 120, 40));
    let outcome = app::run(&mut terminal, &mut app, inputs, &mut Offline).unwrap();
    assert_eq!(outcome, Outcome::Quit);
    let frames = terminal.get_frame().count();
    (app, frames)
}

fn waiting(inputs: Vec<Input>) -> AllWaiting {
    AllWaiting(inputs.into())
}

#[test]
fn a_burst_of_typing_is_drawn_once_with_the_same_results() {
    let keys = typed("/integration fund");
    let (one_by_one, frames_one_by_one) = explore(keys.into_iter());
    let (burst, frames_burst) = explore(waiting(typed("/integration fund")));
    assert_eq!(burst.query().text(), "integration fund");
    assert_eq!(burst.rows(), one_by_one.rows());
    assert!(!burst.rows().is_empty());
    // The first frame, then one after each of the 17 keys; in a burst, the first and the last
    // (and one more only if handling `/` took 100 ms).
    assert_eq!(frames_one_by_one, 18);
    assert!(frames_burst <= 3, "{frames_burst} frames");
}

#[test]
fn keys_after_a_burst_of_edits_apply_in_the_mode_it_leaves() {
    let mut inputs = typed("/jaif");
    inputs.push(key(KeyCode::Enter));
    inputs.extend(typed("j"));
    let (one_by_one, _) = explore(inputs.into_iter());
    let mut inputs = typed("/jaif");
    inputs.push(key(KeyCode::Enter));
    inputs.extend(typed("j"));
    let (burst, _) = explore(waiting(inputs));
    // `j` after Enter moves down the results; it is not typed into the query.
    assert_eq!(*burst.mode(), Mode::Browse);
    assert_eq!(burst.query().text(), "jaif");
    assert_eq!(burst.selected_row(), Some(1));
    assert_eq!(burst.selected_row(), one_by_one.selected_row());
}

#[test]
fn a_paste_is_typed_into_the_search_without_submitting_it() {
    let mut inputs = typed("/");
    inputs.push(Input::Paste("integration\r\nfund\t".into()));
    let (app, frames) = explore(inputs.into_iter());
    assert_eq!(*app.mode(), Mode::Search, "the line break did not accept");
    assert_eq!(app.query().text(), "integration  fund ");
    assert!(!app.rows().is_empty());
    assert_eq!(frames, 3, "one frame for the whole paste");
}

#[test]
fn a_paste_goes_to_the_prompt_that_is_open_and_nowhere_else() {
    let (browsing, _) = explore([Input::Paste("jaif".into())].into_iter());
    assert_eq!(*browsing.mode(), Mode::Browse);
    assert_eq!(browsing.query().text(), "");
    assert_eq!(browsing.row_count(), bundled().unwrap().events.len());

    let mut inputs = typed(":");
    inputs.push(Input::Paste("2013-12".into()));
    let (jumping, _) = explore(inputs.into_iter());
    assert!(matches!(jumping.mode(), Mode::Jump(date) if date.line.text() == "2013-12"));
    assert_eq!(jumping.query().text(), "");
}

/// What the inputs' end result decides: the mode with the prompt it holds, the query, the rows.
/// Queries that only existed between two inputs handled together (`x` typed and deleted) were
/// never shown, so what depends on them is left out: the list under a query that does not parse
/// (it stays as it was shown), and the selection (a chosen event stays selected while the query
/// keeps it shown, and such a query may have hidden it).
fn seen(app: &App) -> (Mode, String, Option<Vec<ajtl::timeline::EventId>>) {
    let valid = app.query_error().is_none();
    (
        app.mode().clone(),
        app.query().text().to_string(),
        valid.then(|| app.rows().to_vec()),
    )
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// However inputs bunch up, the explorer ends where handling them one at a time leaves it.
    #[test]
    fn inputs_handled_together_end_as_one_at_a_time(
        picks in proptest::collection::vec(0usize..20, 0..40),
    ) {
        let input = |pick: usize| match pick {
            0 => key(KeyCode::Enter),
            1 => key(KeyCode::Esc),
            2 => key(KeyCode::Backspace),
            3 => key(KeyCode::Tab),
            4 => Input::Paste("in t\n".into()),
            pick => key(KeyCode::Char(b"/:aijknt2 0x?[]"[pick - 5] as char)),
        };
        let (one_by_one, _) = explore(picks.iter().map(|&pick| input(pick)));
        let (together, _) = explore(waiting(picks.iter().map(|&pick| input(pick)).collect()));
        proptest::prop_assert_eq!(seen(&together), seen(&one_by_one));
    }
}
