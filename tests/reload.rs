//! A `--watch` reload with a search active never holds a frame: the new data's search stops for
//! inputs like any long search, the old rows stay shown and every key acts on them, and the new
//! data takes their place once the search ends, keeping the selected event, the mode and the
//! choices (fitted to it).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ajtl::app::{Action, App, Data, Edit, Mode};
use ajtl::fixtures::synthetic_timeline;
use ratatui::layout::Rect;

/// An explorer on a synthetic timeline large enough for a search to ask whether to stop, with
/// `integration` searched and accepted, and an interrupt that says a key waits while `pressed`.
fn searched(pressed: &Arc<AtomicBool>) -> App {
    let mut app = App::new(
        synthetic_timeline(20_000).unwrap(),
        Rect::new(0, 0, 120, 40),
    );
    app.update(Action::StartSearch);
    app.edit("integration".chars().map(Edit::Insert));
    app.update(Action::AcceptSearch);
    let probe = Arc::clone(pressed);
    app.set_interrupt(Arc::new(move || probe.load(Ordering::SeqCst)));
    app
}

fn data(count: usize) -> Data {
    Data::new(synthetic_timeline(count).unwrap())
}

fn selected_id(app: &App) -> String {
    app.selected_event().unwrap().id().to_string()
}

/// Lets the pending reload's search end.
fn release(app: &mut App, pressed: &AtomicBool) -> Option<Data> {
    pressed.store(false, Ordering::SeqCst);
    let old = app.resume_search();
    assert!(!app.reloading() && !app.searching());
    old
}

#[test]
fn keys_during_a_pending_reload_act_on_the_old_rows() {
    let pressed = Arc::new(AtomicBool::new(false));
    let mut app = searched(&pressed);
    let rows = app.rows().to_vec();
    pressed.store(true, Ordering::SeqCst);
    assert!(app.reload(Ok(data(20_010))).is_empty());
    assert!(
        app.reloading(),
        "a key waits: the new data's search stopped"
    );
    assert!(!app.searching(), "the rows shown are searched");
    assert_eq!(app.timeline().events.len(), 20_000, "the old data is shown");
    assert_eq!(app.rows(), rows, "with its rows");
    app.update(Action::Next);
    app.update(Action::Next);
    assert_eq!(app.selected_row(), Some(2), "keys move in the old rows");
    let id = selected_id(&app);
    assert!(app.resume_search().is_none(), "a key still waits");
    assert!(app.reloading());

    let old = release(&mut app, &pressed).expect("the old data, to free");
    assert_eq!(old.timeline().events.len(), 20_000);
    assert_eq!(app.timeline().events.len(), 20_010, "the new data is shown");
    assert_eq!(
        selected_id(&app),
        id,
        "the event selected meanwhile stays selected"
    );
    assert_eq!(app.query().text(), "integration");
    assert_eq!(app.status(), Some("Reloaded: 20010 events"));
}

#[test]
fn the_swap_keeps_the_mode_and_follows_choices_made_meanwhile() {
    let pressed = Arc::new(AtomicBool::new(true));
    let mut app = searched(&pressed);
    let _ = app.reload(Ok(data(20_010)));
    assert!(app.reloading());
    // Typed while the reload waits: the old rows follow at once (the search stops for the
    // key), and the reload's search follows the query too.
    app.update(Action::StartSearch);
    app.edit(" fund".chars().map(Edit::Insert));
    pressed.store(false, Ordering::SeqCst);
    app.resume_search();
    assert!(app.reloading() || !app.searching());
    while app.searching() || app.reloading() {
        app.resume_search();
    }
    assert_eq!(app.timeline().events.len(), 20_010);
    assert_eq!(*app.mode(), Mode::Search, "the prompt stays open");
    assert_eq!(app.query().text(), "integration fund");

    let mut fresh = App::new(
        synthetic_timeline(20_010).unwrap(),
        Rect::new(0, 0, 120, 40),
    );
    fresh.update(Action::StartSearch);
    fresh.edit("integration fund".chars().map(Edit::Insert));
    assert_eq!(
        app.rows(),
        fresh.rows(),
        "the rows are the new data's, for the new query"
    );
}

#[test]
fn a_second_reload_replaces_a_pending_one() {
    let pressed = Arc::new(AtomicBool::new(true));
    let mut app = searched(&pressed);
    assert!(app.reload(Ok(data(20_010))).is_empty());
    let unused = app.reload(Ok(data(20_020)));
    assert_eq!(unused.len(), 1, "the pending reload's data, to free");
    assert_eq!(unused[0].timeline().events.len(), 20_010);
    assert!(app.reloading());
    assert_eq!(app.timeline().events.len(), 20_000);
    let old = release(&mut app, &pressed).unwrap();
    assert_eq!(old.timeline().events.len(), 20_000);
    assert_eq!(app.timeline().events.len(), 20_020, "the latest contents");
}

#[test]
fn an_invalid_reload_while_one_is_pending_is_reported_and_the_pending_one_still_lands() {
    let pressed = Arc::new(AtomicBool::new(true));
    let mut app = searched(&pressed);
    let _ = app.reload(Ok(data(20_010)));
    let broken = ajtl::timeline::load_str("t.ron", "Timeline(title: ").unwrap_err();
    assert!(app.reload(Err(broken)).is_empty());
    assert!(app.reload_error().unwrap().starts_with("t.ron:1:"));
    assert!(
        app.reloading(),
        "the valid contents before still wait for their search"
    );
    release(&mut app, &pressed).unwrap();
    assert_eq!(
        app.timeline().events.len(),
        20_010,
        "newer than those shown"
    );
    assert!(
        app.reload_error().is_some(),
        "the latest contents still cannot be used"
    );
    let _ = app.reload(Ok(data(20_000)));
    assert!(app.reload_error().is_none(), "until a reload succeeds");
}

#[test]
fn bookmarks_made_during_a_pending_reload_are_found_in_the_new_data() {
    let pressed = Arc::new(AtomicBool::new(false));
    let mut app = searched(&pressed);
    app.update(Action::ToggleBookmark);
    let first = selected_id(&app);
    pressed.store(true, Ordering::SeqCst);
    let _ = app.reload(Ok(data(20_010)));
    assert!(app.reloading());
    app.update(Action::Next);
    app.update(Action::ToggleBookmark);
    let second = selected_id(&app);
    release(&mut app, &pressed).unwrap();
    app.update(Action::ToggleBookmarkedOnly);
    let shown: Vec<&str> = app
        .rows()
        .iter()
        .map(|&event| app.timeline().event(event).id())
        .collect();
    let mut wanted = vec![first.as_str(), second.as_str()];
    wanted.sort_by_key(|id| {
        app.timeline()
            .events
            .iter()
            .position(|event| event.id() == *id)
    });
    let mut shown_sorted = shown.clone();
    shown_sorted.sort_by_key(|id| {
        app.timeline()
            .events
            .iter()
            .position(|event| event.id() == *id)
    });
    assert_eq!(shown_sorted, wanted);
    assert!(app.rows().iter().all(|&event| app.is_bookmarked(event)));
}
