//! Timelines beyond four-digit years: BCE years, deep time and times of day, loaded, ordered,
//! shown, filtered, jumped to and counted the same way everywhere.

mod common;

use ajtl::app::{Action, App, Edit, Mode};
use ajtl::timeline::{Timeline, load_str};
use assert_cmd::Command;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use serde_json::Value;

const FILE: &str = "tests/fixtures/deep-time.ron";

fn timeline() -> Timeline {
    load_str(FILE, &std::fs::read_to_string(FILE).unwrap()).unwrap()
}

fn ajtl() -> Command {
    let mut command = common::ajtl_command();
    command.args(["--data", FILE]);
    command
}

fn stdout(args: &[&str]) -> String {
    let output = ajtl().args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

fn ids(json: &str) -> Vec<String> {
    let events: Value = serde_json::from_str(json).unwrap();
    let events = events.as_array().unwrap();
    events
        .iter()
        .map(|event| event["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn events_from_the_big_bang_to_a_launch_window_load_in_time_order() {
    let timeline = timeline();
    let order: Vec<&str> = timeline.events.iter().map(|event| event.id()).collect();
    assert_eq!(
        order,
        [
            "big-bang",
            "earth",
            "dinosaurs",
            "sapiens",
            "pyramid",
            "olympics",
            "euclid",
            "ides",
            "hijra",
            "tambora",
            "landing",
            "step",
            "launch",
            "stars"
        ]
    );
    let when: Vec<String> = timeline
        .events
        .iter()
        .map(|e| e.when().to_string())
        .collect();
    assert_eq!(when[0], "13.8 billion years ago");
    assert_eq!(when[3], "300,000 BCE");
    assert_eq!(when[4], "2600–2560 BCE");
    assert_eq!(when[7], "15 March 44 BCE");
    assert_eq!(when[11], "21 July 1969 02:56:15");
    assert_eq!(when[12], "30 March 2013 11:16–14:00");
}

#[test]
fn json_carries_the_sign_and_the_time() {
    let events: Value = serde_json::from_str(&stdout(&["list", "--format", "json"])).unwrap();
    let field = |n: usize, key: &str| events[n][key].as_str().unwrap().to_string();
    assert_eq!(field(0, "start"), "-13800000000-01-01");
    assert_eq!(field(0, "date"), "Y-13800000000");
    assert_eq!(field(7, "start"), "-0044-03-15");
    assert_eq!(field(11, "start"), "1969-07-21T02:56:15");
    assert_eq!(field(11, "precision"), "second");
    assert_eq!(field(12, "end"), "2013-03-30T14:00");
    assert_eq!(field(12, "precision"), "minute");
}

#[test]
fn negative_years_filter_in_arguments_and_queries() {
    let before = ids(&stdout(&["list", "--to", "-1000", "--format", "json"]));
    assert_eq!(
        before,
        ["big-bang", "earth", "dinosaurs", "sapiens", "pyramid"]
    );
    let bce = ids(&stdout(&[
        "list", "--from", "-800", "--to", "-1", "--format", "json",
    ]));
    assert_eq!(bce, ["olympics", "euclid", "ides"]);
    let query = ids(&stdout(&["search", "year:-500..-100", "--format", "json"]));
    assert_eq!(query, ["euclid"]);
    let before_ce = ids(&stdout(&["search", "year:<0", "--format", "json"]));
    assert_eq!(before_ce.len(), 8);
}

#[test]
fn check_and_stats_agree_on_the_span_and_stats_stays_short() {
    let check = stdout(&["check"]);
    assert!(
        check.contains(
            "13 events · 1 undated · 2 pillars · 0 acronyms · 13.8 billion years ago – 2013"
        ),
        "{check}"
    );
    let stats = stdout(&["stats"]);
    assert!(
        stats.starts_with(
            "From the Big Bang: 13 events · 1 undated, 13.8 billion years ago – 2013\n"
        ),
        "{stats}"
    );
    assert!(stats.contains("Events per billion years"), "{stats}");
    assert!(stats.lines().count() < 60, "{stats}");
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ajtl::ui::render(app, frame)).unwrap();
    format!("{}", terminal.backend())
}

#[test]
fn the_explorer_shows_bce_and_deep_time_years_in_a_wider_gutter() {
    let app = App::new(timeline(), Rect::new(0, 0, 100, 24));
    assert_snapshot!(screen(&app, 100, 24));
}

#[test]
fn colon_jumps_to_bce_years_typed_as_people_type_them() {
    let mut app = App::new(timeline(), Rect::new(0, 0, 100, 24));
    for (typed, lands_on) in [
        ("-300", "euclid"),
        ("300 BCE", "euclid"),
        ("-13800000000", "big-bang"),
        ("622", "hijra"),
        ("1969-07-21", "step"),
    ] {
        app.update(Action::StartJump);
        typed
            .chars()
            .for_each(|c| app.update(Action::Edit(Edit::Insert(c))));
        app.update(Action::AcceptJump);
        assert!(matches!(app.mode(), Mode::Browse), "{typed}");
        assert_eq!(app.selected_event().unwrap().id(), lands_on, "{typed}");
    }
}

#[test]
fn ascii_draws_spans_with_two_dots_never_a_hyphen_before_a_year() {
    let mut app = App::new(timeline(), Rect::new(0, 0, 100, 24));
    app.set_theme(ajtl::ui::theme::Theme::default().ascii());
    for _ in 0..4 {
        app.update(Action::Next);
    }
    assert_eq!(app.selected_event().unwrap().id(), "pyramid");
    let drawn = screen(&app, 100, 24);
    assert!(drawn.is_ascii(), "{drawn}");
    assert!(drawn.contains("to 2560 BCE"), "{drawn}");
    assert!(drawn.contains("2600..2560 BCE"), "{drawn}");
    assert!(
        drawn.contains("Apr..Nov 1816"),
        "days give way to the end year: {drawn}"
    );
    assert!(!drawn.contains(" -2"), "{drawn}");
}
