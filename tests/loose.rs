//! Loose matches in the explorer: rows matched only by a term's letters scattered through a
//! field are dimmed, and when every row is such a match the footer says so, so that `/covid`
//! on data without COVID-19 never looks like an answer.

mod common;

use common::{key, typed};

use ajtl::app::{self, App, Input, Offline};
use ajtl::timeline::load_str;
use ajtl::ui::theme::Theme;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

/// A timeline where `covid` is nowhere written but two titles spell it by scattered letters,
/// and `fund` is written in some events and scattered through the forum's title.
const TIMELINE: &str = r#"Timeline(
    title: "Loose",
    pillars: [Pillar(id: "p", name: "P", color: "green")],
    glossary: {"JAIF": "Japan-ASEAN Integration Fund"},
    events: [
        Event(id: "forum", date: "1977-08", title: "Forum on Cooperation, Visits and Ideas",
            pillar: "p", summary: "Officials meet."),
        Event(id: "jaif", date: "2006-03", title: "JAIF established", pillar: "p",
            acronyms: ["JAIF"], summary: "A fund for integration."),
        Event(id: "council", date: "2008", title: "Council of Vice Directors", pillar: "p",
            summary: "Cooperation reviewed."),
        Event(id: "reviews", date: "undated", title: "Fund reviews", pillar: "p",
            summary: "Reviews of the fund."),
    ],
)"#;

fn screen_after(theme: Theme, inputs: Vec<Input>) -> Terminal<TestBackend> {
    let timeline = load_str("loose.ron", TIMELINE).unwrap();
    let mut terminal = Terminal::new(TestBackend::new(90, 16)).unwrap();
    let mut app = App::new(timeline, Rect::new(0, 0, 90, 16));
    app.set_theme(theme);
    app::run(&mut terminal, &mut app, inputs.into_iter(), &mut Offline).unwrap();
    terminal
}

fn searched(query: &str) -> Vec<Input> {
    let mut inputs = typed(&format!("/{query}"));
    inputs.push(key(KeyCode::Enter));
    inputs
}

/// The screen's text, row by row.
fn rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect()
}

/// Whether the first char of `title`, where the screen shows it, is drawn as `theme` draws
/// dimmed text.
fn dimmed(terminal: &Terminal<TestBackend>, theme: &Theme, title: &str) -> bool {
    let buffer = terminal.backend().buffer();
    let (y, line) = rows(terminal)
        .into_iter()
        .enumerate()
        .find(|(_, line)| line.contains(title))
        .unwrap_or_else(|| panic!("{title} is shown"));
    let at = line[..line.find(title).unwrap()].chars().count();
    // The title's second char: the first may be a highlighted letter of the query.
    let style = buffer[(at as u16 + 1, y as u16)].style();
    // A cell without a colour of its own has the terminal's.
    let colour = theme.dim.fg.unwrap_or(Color::Reset);
    style.fg == Some(colour) && style.add_modifier.contains(theme.dim.add_modifier)
}

#[test]
fn every_hit_loose_is_said_under_the_prompt_and_in_the_footer() {
    let typing = rows(&screen_after(Theme::default(), typed("/covid")));
    assert!(
        typing
            .iter()
            .any(|line| line.contains("no exact match for \"covid\": 2 loose matches")),
        "{typing:#?}"
    );
    let terminal = screen_after(Theme::default(), searched("covid"));
    assert_snapshot!(terminal.backend());
    let footer = rows(&terminal).pop().unwrap_or_default();
    assert!(
        footer.contains("no exact match for \"covid\": 2 loose matches"),
        "{footer}"
    );
}

#[test]
fn written_matches_say_nothing_and_loose_rows_among_them_are_dimmed() {
    let theme = Theme::default();
    let terminal = screen_after(theme.clone(), searched("fund"));
    assert_snapshot!(terminal.backend());
    let text = rows(&terminal).join("\n");
    assert!(!text.contains("no exact match"), "{text}");
    assert!(dimmed(&terminal, &theme, "Forum on Cooperation"));
    assert!(!dimmed(&terminal, &theme, "JAIF established"));
    assert!(!dimmed(&terminal, &theme, "Fund reviews"));
}

#[test]
fn without_colour_loose_rows_are_faint_and_the_note_is_plain_ascii() {
    let theme = Theme::default().without_color().ascii();
    assert!(theme.dim.add_modifier.contains(Modifier::DIM));
    let terminal = screen_after(theme.clone(), searched("fund"));
    assert!(dimmed(&terminal, &theme, "Forum on Cooperation"));
    assert!(!dimmed(&terminal, &theme, "JAIF established"));
    let terminal = screen_after(theme, searched("covid"));
    let footer = rows(&terminal).pop().unwrap_or_default();
    assert!(footer.is_ascii(), "{footer}");
    assert!(footer.contains("no exact match for \"covid\": 2 loose matches"));
}

#[test]
fn a_single_loose_match_is_counted_in_the_singular() {
    let terminal = screen_after(Theme::default(), searched("vcd"));
    let footer = rows(&terminal).pop().unwrap_or_default();
    assert!(
        footer.contains("no exact match for \"vcd\": 1 loose match "),
        "{footer}"
    );
}
