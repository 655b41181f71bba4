//! Groups at any count: fifteen pillars (tests/fixtures/many_pillars.ron), more than the number
//! keys reach, some with Chinese names that cut alike, as chips and through the pillar picker
//! (`p`); a timeline of one pillar, which has nothing to pick; and a pillar with no events.

mod common;

use common::{key, typed};

use ajtl::app::{self, Action, App, Edit, Input, Mode, Offline};
use ajtl::timeline::{Timeline, load_str};
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

const MANY: &str = include_str!("fixtures/many_pillars.ron");

fn many() -> Timeline {
    load_str("many_pillars.ron", MANY).unwrap()
}

fn screen_after(width: u16, height: u16, inputs: Vec<Input>) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut app = App::new(many(), Rect::new(0, 0, width, height));
    app::run(&mut terminal, &mut app, inputs.into_iter(), &mut Offline).unwrap();
    terminal
}

fn app() -> App {
    App::new(many(), Rect::new(0, 0, 120, 30))
}

fn type_in(app: &mut App, text: &str) {
    app.edit(text.chars().map(Edit::Insert));
}

/// The ids of the events shown.
fn shown(app: &App) -> Vec<String> {
    let rows = app.rows().to_vec();
    let id = |event| app.timeline().event(event).id().to_string();
    rows.into_iter().map(id).collect()
}

/// Which pillars (by id) the filter shows.
fn pillars_shown(app: &App) -> Vec<String> {
    let pillars = &app.timeline().pillars;
    let ids = (0..pillars.len()).filter(|&p| app.filter().shows(p));
    ids.map(|p| pillars[p].id.clone()).collect()
}

#[test]
fn fifteen_pillars_at_120_columns() {
    assert_snapshot!(screen_after(120, 30, vec![]).backend());
}

#[test]
fn fifteen_pillars_at_60_columns() {
    assert_snapshot!(screen_after(60, 20, vec![]).backend());
}

#[test]
fn the_picker_with_a_name_typed() {
    assert_snapshot!(screen_after(120, 30, typed("p三国")).backend());
}

#[test]
fn a_pillar_without_events_says_so() {
    let mut inputs = typed("pdiplomacy");
    inputs.push(key(KeyCode::Enter));
    assert_snapshot!(screen_after(80, 20, inputs).backend());
}

#[test]
fn the_picker_picks_as_a_number_key_would_and_reaches_every_pillar() {
    let mut app = app();
    app.update(Action::StartPillarPick);
    assert!(matches!(app.mode(), Mode::PillarPick(_)));
    assert_eq!(
        app.pillar_matches().len(),
        15,
        "nothing typed lists them all"
    );
    let sizes: Vec<usize> = (0..15).map(|p| app.index().pillar_size(p)).collect();
    assert_eq!(
        sizes,
        [1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 0],
        "each pillar's events, shown beside it"
    );
    type_in(&mut app, "exploration");
    let best = app.pillar_matches()[0].pillar;
    assert_eq!(app.timeline().pillars[best].id, "exploration");
    app.update(Action::AcceptPillarPick);
    assert_eq!(*app.mode(), Mode::Browse);
    assert_eq!(pillars_shown(&app), ["exploration"], "from all, only it");
    assert_eq!(shown(&app), ["zheng-he"]);

    // Then each pick toggles, as `1`–`9` do, and the number keys keep working beside it.
    app.update(Action::StartPillarPick);
    type_in(&mut app, "名人");
    app.update(Action::TogglePillarPick);
    assert!(
        matches!(app.mode(), Mode::PillarPick(_)),
        "Tab stays to pick more"
    );
    app.update(Action::Edit(Edit::DeleteToStart));
    type_in(&mut app, "exploration");
    app.update(Action::TogglePillarPick);
    app.update(Action::CancelPillarPick);
    assert_eq!(*app.mode(), Mode::Browse);
    assert_eq!(pillars_shown(&app), ["famous"]);
    app.update(Action::Pillar(0));
    assert_eq!(pillars_shown(&app), ["three-kingdoms-era", "famous"]);
    app.update(Action::AllPillars);
    assert_eq!(pillars_shown(&app).len(), 15);
}

#[test]
fn the_picker_moves_among_its_matches_and_says_when_none_match() {
    let mut app = app();
    app.update(Action::StartPillarPick);
    type_in(&mut app, "三国");
    let matches = app.pillar_matches();
    assert_eq!(matches.len(), 3, "三国时代, 三国, 三国两晋");
    app.update(Action::Next);
    app.update(Action::Next);
    app.update(Action::Next);
    app.update(Action::AcceptPillarPick);
    let last = matches[2].pillar;
    assert!(app.filter().shows(last) && !app.filter().shows(matches[0].pillar));

    app.update(Action::StartPillarPick);
    type_in(&mut app, "zzz");
    assert!(app.pillar_matches().is_empty());
    app.update(Action::AcceptPillarPick);
    assert_eq!(app.status(), Some("No pillar matches the name typed"));
    assert_eq!(*app.mode(), Mode::Browse);
}

#[test]
fn plain_search_finds_a_pillar_by_its_name() {
    let mut app = app();
    app.update(Action::StartSearch);
    type_in(&mut app, "名人");
    assert_eq!(shown(&app), ["confucius-temple"]);
    app.update(Action::CancelSearch);
    app.update(Action::StartSearch);
    type_in(&mut app, "economic");
    assert_eq!(
        shown(&app),
        ["grand-canal", "coinage", "paper-money"],
        "the pillar's events (shorter title first), then one that writes it in its summary only"
    );
}

#[test]
fn one_pillar_has_no_chips_and_nothing_to_pick() {
    let timeline = load_str(
        "one.ron",
        r#"Timeline(title: "One", events: [
            Event(id: "a", date: "2001", title: "First"),
            Event(id: "b", date: "2002", title: "Second"),
        ])"#,
    )
    .unwrap();
    let mut terminal = Terminal::new(TestBackend::new(60, 12)).unwrap();
    let mut app = App::new(timeline, Rect::new(0, 0, 60, 12));
    let inputs = typed("11");
    app::run(&mut terminal, &mut app, inputs.into_iter(), &mut Offline).unwrap();
    assert_eq!(app.rows().len(), 2, "pressing 1 twice hides nothing");
    assert_eq!(
        app.status(),
        Some("One pillar only (Events): nothing to pick")
    );
    app.update(Action::StartPillarPick);
    assert_eq!(*app.mode(), Mode::Browse);
    terminal
        .draw(|frame| ajtl::ui::render(&app, frame))
        .unwrap();
    assert_snapshot!(terminal.backend());
}

#[test]
fn a_reload_leaves_the_picker_open_with_its_name_and_highlight() {
    let mut app = app();
    app.update(Action::StartPillarPick);
    type_in(&mut app, "三国");
    app.update(Action::Next);
    let before = (app.mode().clone(), app.pillar_matches());
    app.reload(Ok(ajtl::app::Data::new(many())));
    assert_eq!((app.mode().clone(), app.pillar_matches()), before);
    app.update(Action::AcceptPillarPick);
    assert_eq!(pillars_shown(&app), ["three-kingdoms"]);
}

#[test]
fn the_picker_fits_the_smallest_terminal() {
    for (width, height) in [(20, 6), (21, 7), (30, 8)] {
        let terminal = screen_after(width, height, typed("p三"));
        let text: String = terminal
            .backend()
            .buffer()
            .content
            .iter()
            .map(|c| c.symbol())
            .collect();
        assert!(text.contains("Pillars"), "{width}×{height}: {text}");
    }
}
