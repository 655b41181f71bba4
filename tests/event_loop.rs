//! The event loop's handling of inputs that arrive together: typed faster than they are
//! handled, typed while a large file loaded, or pasted; and of an export written off the loop
//! while keys go on.

mod common;

use common::{key, typed};

use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use ajtl::app::effect::{Effect, EffectResult, ExportReport};
use ajtl::app::{self, App, Host, Input, Inputs, Live, Mode, Offline, Outcome};
use ajtl::host::Exports;
use ajtl::output::{self, Format, Row};
use ajtl::timeline::bundled;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
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

/// The explorer's export keys: `e`, the name typed over the one offered, Enter.
fn export_to(path: &std::path::Path) -> Vec<Input> {
    let ctrl_u = Input::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    vec![
        key(KeyCode::Char('e')),
        ctrl_u,
        Input::Paste(path.display().to_string()),
        key(KeyCode::Enter),
    ]
}

/// Scripted inputs, then the export's reports as the host sends them, each handed over only
/// when the loop asks for an input (so the export waits for the loop at every report), until
/// the export ends. `then` is handed over right after the first report: a key pressed while
/// the export runs.
struct WhileExporting {
    script: VecDeque<Input>,
    reports: Receiver<ExportReport>,
    then: Vec<Input>,
    ended: bool,
}

impl Inputs for WhileExporting {
    fn next(&mut self) -> Option<Input> {
        if let Some(input) = self.script.pop_front() {
            return Some(input);
        }
        if self.ended {
            return None;
        }
        let report = self.reports.recv_timeout(Duration::from_secs(30)).ok()?;
        self.ended = !matches!(report, ExportReport::Progress { .. });
        self.script.extend(self.then.drain(..));
        Some(Input::Export(report))
    }

    fn ready(&mut self) -> Option<Input> {
        None
    }
}

/// Runs the explorer on the bundled data with `script`, then `then` while the export it starts
/// runs, with a host that exports as the terminal's does; the explorer, and its last screen.
fn export_with(script: Vec<Input>, then: Vec<Input>) -> (App, String) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut app = App::new(bundled().unwrap(), Rect::new(0, 0, 120, 40));
    // No room on the way: each report waits until the loop takes it.
    let (report, reports) = mpsc::sync_channel(0);
    let mut host = Exports::new(move |progress| drop(report.send(progress)));
    let inputs = WhileExporting {
        script: script.into(),
        reports,
        then,
        ended: false,
    };
    let outcome = app::run(&mut terminal, &mut app, inputs, &mut host).unwrap();
    assert_eq!(outcome, Outcome::Quit);
    let screen = format!("{}", terminal.backend());
    (app, screen)
}

/// The names in `folder`.
fn names_in(folder: &std::path::Path) -> Vec<String> {
    let names = std::fs::read_dir(folder).unwrap();
    let mut names: Vec<String> = (names.map(|entry| entry.unwrap().file_name()))
        .map(|name| name.to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_export_stopped_with_esc_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("view.md");
    let (app, screen) = export_with(export_to(&path), vec![key(KeyCode::Esc)]);
    assert_eq!(app.status(), Some("Export cancelled: nothing written"));
    assert!(
        screen.contains("Export cancelled: nothing written"),
        "{screen}"
    );
    assert!(app.exporting().is_none());
    assert_eq!(
        names_in(dir.path()),
        Vec::<String>::new(),
        "no file, no temporary"
    );
}

#[test]
fn an_export_replacing_a_file_stopped_with_esc_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("view.md");
    std::fs::write(&path, "my notes").unwrap();
    let mut script = export_to(&path);
    // Replace it? Yes.
    script.push(key(KeyCode::Char('y')));
    let (app, _) = export_with(script, vec![key(KeyCode::Esc)]);
    assert_eq!(app.status(), Some("Export cancelled: nothing written"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my notes");
    assert_eq!(names_in(dir.path()), ["view.md"]);
}

#[test]
fn keys_work_while_an_export_runs_and_it_writes_what_was_shown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("view.csv");
    let mut script = typed("/integration");
    script.push(key(KeyCode::Enter));
    script.extend(export_to(&path));
    // A key that moves, and a second export, refused.
    let then = vec![key(KeyCode::Char('j')), key(KeyCode::Char('e'))];
    let (app, screen) = export_with(script, then);
    assert_eq!(app.selected_row(), Some(1));
    assert_eq!(*app.mode(), Mode::Browse, "no second export prompt");
    let message = format!("Exported {} events to {}", app.row_count(), path.display());
    assert_eq!(app.status(), Some(message.as_str()));
    assert!(app.exporting().is_none());
    assert!(screen.contains("Exported"), "{screen}");
    // The same bytes as the headless writer gives for the same rows.
    let timeline = app.timeline();
    let rows: Vec<Row> = (app.rows().iter())
        .map(|&event| Row {
            event: timeline.event(event),
            score: None,
        })
        .collect();
    let mut expected = Vec::new();
    output::write_events(&mut expected, timeline, &rows, Format::Csv, false).unwrap();
    assert!(rows.len() > 1);
    assert_eq!(std::fs::read(&path).unwrap(), expected);
}

#[test]
fn the_status_line_shows_how_far_the_export_has_got() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("view.md");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut app = App::new(bundled().unwrap(), Rect::new(0, 0, 120, 40));
    let total = app.row_count();
    let mut inputs = export_to(&path);
    inputs.push(Input::Export(ExportReport::Progress {
        done: total / 2,
        total,
    }));
    app::run(&mut terminal, &mut app, inputs.into_iter(), &mut Recorded).unwrap();
    let screen = format!("{}", terminal.backend());
    let line = format!(
        "Exporting… {}% ({} of {total}) · Esc stops it",
        (total / 2) * 100 / total,
        total / 2
    );
    assert!(screen.contains(&line), "{line} in {screen}");
}

/// A host that takes every export as started, and never ends it.
struct Recorded;

impl Host<TestBackend> for Recorded {
    fn suspend(
        &mut self,
        _: &mut Terminal<TestBackend>,
    ) -> Result<(), <TestBackend as ratatui::backend::Backend>::Error> {
        Ok(())
    }

    fn perform(&mut self, _: &App, _: &Effect) -> EffectResult {
        EffectResult::Done(String::new())
    }
}

#[test]
fn a_search_being_finished_stops_only_for_what_is_wanted_and_keeps_the_rest_in_order() {
    let (send, arrived) = mpsc::channel();
    let mut live = Live::new(VecDeque::new(), arrived);
    let is_q = |input: &Input| matches!(input, Input::Key(key) if key.code == KeyCode::Char('q'));
    let quits = live.interrupt_for(std::sync::Arc::new(is_q)).unwrap();
    assert!(!quits());
    send.send(key(KeyCode::Char('j'))).unwrap();
    assert!(!quits(), "a key that is not wanted does not stop it");
    send.send(key(KeyCode::Char('q'))).unwrap();
    assert!(quits());
    let keys: Vec<bool> = std::iter::from_fn(|| live.ready())
        .map(|input| is_q(&input))
        .collect();
    assert_eq!(keys, [false, true], "j, then q, as they came");
}
