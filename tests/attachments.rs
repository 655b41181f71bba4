//! What other tools' timelines bring to the explorer: a summary of paragraphs and list items,
//! media and links in the detail (and the key that copies them), eras in the detail and the
//! index (where one narrows the timeline), and the timeline's own description in the About.

mod common;

use ajtl::app::effect::Effect;
use ajtl::app::index_view::Kind;
use ajtl::app::{self, Action, App, Input, Mode, Offline};
use ajtl::timeline::{Timeline, load_str};
use common::typed;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

/// A timeline as an importer would hand it over: no pillars, a description, eras, and events
/// with paragraphs, list items, media and links.
const CLASSICAL: &str = r#"Timeline(
    title: "Classical Japan",
    description: "How the court came to Heian-kyō, and what it left.\n\nDrawn from:\n• the Nihon Shoki and the national histories\n• the diaries of court ladies",
    source: "A primer on Japanese history",
    eras: [
        Era(title: "Nara period", date: "0710/0794"),
        Era(title: "Heian period", date: "0794/1185"),
    ],
    events: [
        Event(id: "nara", date: "0710", title: "Heijō-kyō becomes the capital"),
        Event(
            id: "heian",
            date: "0794",
            title: "The court moves to Heian-kyō",
            summary: "Emperor Kammu moves the court away from the Nara temples.\n\nWhat followed:\n• four centuries of court culture at the new capital, written in kana\n• the rise of the Fujiwara regents",
            links: ["https://en.wikipedia.org/wiki/Heian-ky%C5%8D", "https://example.org/kyoto"],
            media: Media(
                url: "https://upload.wikimedia.org/wikipedia/commons/heian-kyo-plan.jpg",
                caption: "A plan of Heian-kyō",
                credit: "Wikimedia Commons",
            ),
        ),
        Event(id: "genji", date: "1008", title: "The Tale of Genji is read at court", links: ["https://example.org/genji"]),
        Event(id: "bloom", date: "2013-03-30T11:16", title: "Full bloom declared at the Heian Shrine", summary: "The keepers of the shrine's garden declared its weeping cherries in full bloom."),
    ],
)"#;

fn classical() -> Timeline {
    load_str("classical.ron", CLASSICAL).unwrap()
}

fn screen(width: u16, height: u16, inputs: Vec<Input>) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut app = App::new(classical(), Rect::new(0, 0, width, height));
    app::run(&mut terminal, &mut app, inputs.into_iter(), &mut Offline).unwrap();
    terminal
}

fn app() -> App {
    App::new(classical(), Rect::new(0, 0, 120, 40))
}

fn selected_id(app: &App) -> &str {
    app.selected_event().map_or("", |event| event.id())
}

#[test]
fn detail_with_paragraphs_a_list_media_links_and_eras_at_120x40() {
    assert_snapshot!(screen(120, 40, typed("j")).backend());
}

#[test]
fn a_timed_event_shows_its_time_of_day_at_100x20() {
    let shown = screen(100, 20, typed("G"));
    let text = format!("{}", shown.backend());
    assert!(text.contains("30 March 2013 11:16"), "{text}");
    assert_snapshot!(shown.backend());
}

#[test]
fn about_shows_the_description_source_counts_and_eras_at_100x30() {
    assert_snapshot!(screen(100, 30, typed("i")).backend());
}

#[test]
fn index_lists_the_eras_when_there_is_no_glossary_at_100x20() {
    let opened = format!("{}", screen(100, 20, typed("a")).backend());
    let empty = "This timeline has no acronyms; it has eras: Tab switches tabs";
    assert!(opened.contains(empty), "{opened}");
    assert!(
        opened.contains("Tab acronyms/mechanisms/eras"),
        "the footer names three tabs: {opened}"
    );
    assert_snapshot!(screen(100, 20, typed("all")).backend());
}

#[test]
fn choosing_an_era_narrows_the_timeline_to_the_events_it_covers() {
    let mut app = app();
    app.update(Action::ToggleIndex);
    app.update(Action::SwitchTab);
    app.update(Action::SwitchTab);
    assert_eq!(app.index_view().tab(), Kind::Era);
    app.update(Action::Next);
    assert_eq!(&*app.index_view().selected().unwrap().name, "Heian period");
    app.update(Action::Open);
    assert_eq!(*app.mode(), Mode::Browse);
    let scope = app.scope().unwrap();
    assert_eq!((scope.kind, &*scope.name), (Kind::Era, "Heian period"));
    let shown: Vec<&str> = app
        .rows()
        .iter()
        .map(|&at| app.timeline().event(at).id())
        .collect();
    // 794 starts the Heian period and ends the Nara one: it is in both.
    assert_eq!(shown, ["heian", "genji"]);
    app.update(Action::ClearScope);
    assert_eq!(app.rows().len(), 4);
}

#[test]
fn an_era_no_event_falls_in_says_so_when_picked() {
    let timeline = load_str(
        "empty-era.ron",
        r#"Timeline(title: "t", eras: [Era(title: "Edo period", date: "1603/1868")], events: [
            Event(id: "a", date: "2001", title: "Later"),
        ])"#,
    )
    .unwrap();
    let mut app = App::new(timeline, Rect::new(0, 0, 120, 40));
    for action in [Action::ToggleIndex, Action::SwitchTab, Action::SwitchTab] {
        app.update(action);
    }
    let edo = app.index_view().selected().unwrap();
    assert_eq!(
        (&*edo.name, edo.expansion.as_str(), edo.events),
        ("Edo period", "1603–1868", 0)
    );
    app.update(Action::Open);
    assert_eq!(app.status(), Some("Edo period: no event falls in it"));
    assert!(app.scope().is_none());
}

#[test]
fn copying_a_link_takes_the_media_url_else_the_first_link_else_says_there_is_none() {
    let mut app = app();
    app.update(Action::CopyLink);
    assert_eq!(selected_id(&app), "nara");
    assert!(app.take_effects().is_empty());
    assert_eq!(
        app.status(),
        Some("Nothing to copy: this event has no media or links")
    );
    app.update(Action::Next);
    app.update(Action::CopyLink);
    let url = "https://upload.wikimedia.org/wikipedia/commons/heian-kyo-plan.jpg";
    assert_eq!(app.take_effects(), [Effect::Copy(url.into())]);
    app.update(Action::Next);
    app.update(Action::CopyLink);
    let link = "https://example.org/genji";
    assert_eq!(app.take_effects(), [Effect::Copy(link.into())]);
}

#[test]
fn the_about_closes_with_its_key_and_scrolls_only_as_far_as_its_text() {
    let mut app = App::new(classical(), Rect::new(0, 0, 60, 12));
    app.update(Action::ToggleAbout);
    assert_eq!(*app.mode(), Mode::About { scroll: 0 });
    for _ in 0..50 {
        app.update(Action::Next);
    }
    let Mode::About { scroll } = *app.mode() else {
        panic!("the About closed");
    };
    // The overlay's inside is the terminal less two rows around it and its borders.
    assert_eq!(scroll, app.about_lines().len() - (12 - 2 - 2));
    // The wheel scrolls the overlay, not the list under it.
    app.update(Action::Scroll {
        column: 30,
        row: 6,
        lines: -3,
    });
    assert_eq!(*app.mode(), Mode::About { scroll: scroll - 3 });
    assert_eq!(selected_id(&app), "nara");
    let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    let action = app.keys().action(app.mode(), q).unwrap();
    app.update(action);
    assert!(!app.should_quit(), "q closes the About, not the explorer");
    assert_eq!(*app.mode(), Mode::Browse);
}

#[test]
fn the_index_writes_a_mechanisms_first_year_before_the_common_era_as_such() {
    let timeline = load_str(
        "bce.ron",
        r#"Timeline(title: "Geometry", events: [
            Event(id: "e", date: "-0300", title: "Euclid writes the Elements", mechanisms: ["Library of Alexandria"]),
            Event(id: "h", date: "1899", title: "Hilbert's axioms", mechanisms: ["Göttingen"]),
        ])"#,
    )
    .unwrap();
    let mut terminal = Terminal::new(TestBackend::new(60, 10)).unwrap();
    let mut app = App::new(timeline, Rect::new(0, 0, 60, 10));
    let inputs = typed("al").into_iter();
    app::run(&mut terminal, &mut app, inputs, &mut Offline).unwrap();
    let drawn = format!("{}", terminal.backend());
    let row = |start: &str| {
        let at = drawn
            .find(start)
            .unwrap_or_else(|| panic!("{start} in {drawn}"));
        drawn[at..].lines().next().unwrap_or_default().to_string()
    };
    assert!(
        row("Library of Alexandria").ends_with("300 BCE       1 │\""),
        "{drawn}"
    );
    assert!(row("Göttingen").ends_with("   1899       1 │\""), "{drawn}");
}

#[test]
fn a_link_listed_twice_is_kept_once_in_first_seen_order() {
    let timeline = load_str(
        "twice.ron",
        r#"Timeline(title: "T", events: [
            Event(id: "a", date: "2000", title: "A",
                links: ["https://b.org/", "https://a.org/", "https://b.org/"]),
        ])"#,
    )
    .unwrap();
    assert_eq!(
        timeline.events[0].links(),
        ["https://b.org/", "https://a.org/"]
    );
}
