//! Helpers shared by the integration tests, so that each test file states only what it checks.
//! Synthetic timelines at benchmark scale are `ajtl::fixtures`; these are the small pieces tests
//! need besides: key presses as the terminal delivers them, large plain timelines, and a small
//! one mixing dated events and undated entries.

// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

use ajtl::app::{Action, App, Input};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Applies `actions` in turn, as a user pressing their keys would.
pub fn apply(app: &mut App, actions: &[Action]) {
    for &action in actions {
        app.update(action);
    }
}

/// A key pressed without modifiers.
pub fn key(code: KeyCode) -> Input {
    Input::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Each char as a key press.
pub fn typed(text: &str) -> Vec<Input> {
    text.chars().map(|c| key(KeyCode::Char(c))).collect()
}

/// The text of a timeline of `count` events in one pillar, titled `Event N`, each with `summary`,
/// dated 1900 to 2019 in turn. With `jaif_every`, the glossary defines JAIF and every such
/// event cites it; so a search for it finds a known number of events.
pub fn plain_timeline(count: usize, summary: &str, jaif_every: Option<usize>) -> String {
    let glossary = match jaif_every {
        Some(_) => {
            "\n           glossary: { \"JAIF\": \"Japan-ASEAN Integration Fund\" }, events: ["
        }
        None => "\n           events: [",
    };
    let mut text = format!(
        r#"Timeline(title: "Large", pillars: [Pillar(id: "p", name: "P", color: "red")],{glossary}"#
    );
    for n in 0..count {
        let acronyms = match jaif_every {
            Some(every) if n % every == 0 => ", acronyms: [\"JAIF\"]",
            Some(_) => ", acronyms: []",
            None => "",
        };
        text.push_str(&format!(
            "Event(id: \"e{n}\", date: \"{}\", title: \"Event {n}\", summary: \"{summary}\", pillar: \"p\"{acronyms}),\n",
            1900 + n % 120
        ));
    }
    text.push_str("])");
    text
}

/// Two dated events and two undated entries (the first written first, to show the file's
/// order does not decide where they go), on two pillars.
pub const MIXED: &str = r#"Timeline(
    title: "Mixed",
    source: "The Overview",
    pillars: [
        Pillar(id: "p", name: "P", color: "red"),
        Pillar(id: "q", name: "Q", color: "blue"),
    ],
    events: [
        Event(id: "ongoing", date: "undated", title: "Ongoing disaster cooperation", pillar: "q", source: 27),
        Event(id: "youth", date: "undated", title: "Youth exchanges", pillar: "p", source: 30),
        Event(id: "later", date: "2021/2025", title: "Disaster work programme", pillar: "q"),
        Event(id: "first", date: "1999-03", title: "First meeting", pillar: "p"),
    ],
)"#;

/// The snapshot cache of every `ajtl` the tests spawn: in the build's own temporary directory,
/// so that no test ever reads or writes the user's cache.
pub const CACHE_DIR: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/ajtl-cache");

/// The `ajtl` binary, with its cache in [`CACHE_DIR`].
pub fn ajtl_command() -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("ajtl").unwrap();
    command.env("AJTL_CACHE_DIR", CACHE_DIR);
    command
}
