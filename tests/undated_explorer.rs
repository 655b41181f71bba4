//! Undated entries in the explorer: a group of their own after the dated timeline in date
//! order, ranked with everything else by relevance, counted apart in the header, kept by the
//! pillar filter and the citation, and passed by the year keys' arithmetic, `:` and the strip.

mod common;

use ajtl::app::effect::Effect;
use ajtl::app::{Action, App, Edit, Mode, Order};
use ajtl::timeline::load_str;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use common::MIXED;

fn explorer() -> App {
    App::new(
        load_str("mixed.ron", MIXED).unwrap(),
        Rect::new(0, 0, 80, 12),
    )
}

fn ids(app: &App) -> Vec<&str> {
    let timeline = app.timeline();
    app.rows()
        .iter()
        .map(|&at| timeline.event(at).id())
        .collect()
}

fn selected(app: &App) -> &str {
    app.selected_event().unwrap().id()
}

fn type_query(app: &mut App, query: &str) {
    app.update(Action::StartSearch);
    query
        .chars()
        .for_each(|c| app.update(Action::Edit(Edit::Insert(c))));
    app.update(Action::AcceptSearch);
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 12)).unwrap();
    terminal.draw(|frame| ajtl::ui::render(app, frame)).unwrap();
    format!("{}", terminal.backend())
}

#[test]
fn in_date_order_undated_entries_come_last_under_their_own_gutter() {
    let app = explorer();
    assert_eq!(ids(&app), ["first", "later", "ongoing", "youth"]);
    assert_snapshot!(screen(&app));
}

#[test]
fn the_header_counts_events_and_undated_entries_apart() {
    let mut app = explorer();
    assert!(screen(&app).contains("2/2 events · 2/2 undated"));
    app.update(Action::Pillar(1));
    assert_eq!(ids(&app), ["later", "ongoing"]);
    assert!(screen(&app).contains("1/2 events · 1/2 undated"));
}

#[test]
fn by_relevance_undated_entries_rank_with_the_rest() {
    let mut app = explorer();
    type_query(&mut app, "disaster");
    assert_eq!(app.order(), Order::Relevance);
    let mut found = ids(&app);
    found.sort_unstable();
    assert_eq!(found, ["later", "ongoing"]);
    app.update(Action::ToggleOrder);
    assert_eq!(ids(&app), ["later", "ongoing"]);
}

#[test]
fn year_keys_step_into_the_undated_group_and_back() {
    let mut app = explorer();
    app.update(Action::First);
    app.update(Action::NextYear);
    assert_eq!(selected(&app), "later");
    app.update(Action::NextYear);
    assert_eq!(
        selected(&app),
        "ongoing",
        "the undated entries are one group"
    );
    app.update(Action::NextYear);
    assert_eq!(selected(&app), "ongoing", "nothing after them");
    app.update(Action::Last);
    app.update(Action::PreviousYear);
    assert_eq!(selected(&app), "later");
}

#[test]
fn jumping_to_a_date_passes_undated_entries_by() {
    let mut app = explorer();
    app.update(Action::StartJump);
    "2030"
        .chars()
        .for_each(|c| app.update(Action::Edit(Edit::Insert(c))));
    app.update(Action::AcceptJump);
    let Mode::Jump(prompt) = app.mode() else {
        panic!("the prompt stays open with its error");
    };
    assert_eq!(
        prompt.error.as_deref(),
        Some("No event shown on or after 2030")
    );
}

#[test]
fn the_strip_counts_only_dated_events() {
    let app = explorer();
    let strip = app.density().strip(60).unwrap();
    let counted: u32 = strip.bins.iter().map(|bin| bin.events).sum();
    assert_eq!(counted, 2);
}

#[test]
fn the_citation_of_an_undated_entry_says_undated() {
    let mut app = explorer();
    app.update(Action::Last);
    assert_eq!(selected(&app), "youth");
    app.update(Action::CopyCitation);
    assert_eq!(
        app.take_effects(),
        [Effect::Copy(
            "undated — Youth exchanges (¶ 30, The Overview)".into()
        )]
    );
}

#[test]
fn a_narrow_header_keeps_the_title_and_drops_the_undated_count_first() {
    let timeline = ajtl::timeline::bundled().unwrap();
    let events = timeline.dated_count();
    let app = App::new(timeline, Rect::new(0, 0, 40, 10));
    let mut terminal = Terminal::new(TestBackend::new(40, 10)).unwrap();
    terminal
        .draw(|frame| ajtl::ui::render(&app, frame))
        .unwrap();
    let header: String = (0..40)
        .map(|x| terminal.backend().buffer()[(x, 0)].symbol().to_string())
        .collect();
    assert!(header.starts_with(" ASEAN–Japan Relations "), "{header}");
    assert!(
        header
            .trim_end()
            .ends_with(&format!(" {events}/{events} events")),
        "{header}"
    );
}
