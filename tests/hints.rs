//! Hints name the keys in force: after a rebinding in `config.ron`, the footer, the header and
//! every message that names a key name the new one, and leave out a key an action no longer has.

use ajtl::app::effect::{Effect, EffectResult};
use ajtl::app::keys::{Key, Keymap};
use ajtl::app::{self, Action, App, Edit, Offline};
use ajtl::config::Config;
use ajtl::files::Existing;
use ajtl::output::Format;
use ajtl::timeline::bundled;
use ajtl::ui;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

/// The keymap `config.ron` with `keys` gives.
fn rebound(keys: &str) -> Keymap {
    let text = format!("Config(keys: {{{keys}}})");
    Config::parse("config.ron", &text).unwrap().keymap
}

/// The explorer on the bundled timeline, reading keys with `keys`.
fn explorer(keys: Keymap) -> App {
    let mut app = App::new(bundled().unwrap(), Rect::new(0, 0, WIDTH, HEIGHT));
    app.set_keys(keys);
    app
}

/// Presses the keys named, as `config.ron` names them, each as the keymap in force reads it.
fn press(app: &mut App, names: &[&str]) {
    for name in names {
        let event = Key::parse(name).unwrap().event();
        if let Some(action) = app.keys().action(app.mode(), event) {
            app.update(action);
        }
    }
}

fn type_in(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
}

/// The screen's lines as drawn now.
fn screen(app: &App) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    terminal.draw(|frame| ui::render(app, frame)).unwrap();
    let buffer = terminal.backend().buffer();
    let rows = buffer.content().chunks(usize::from(WIDTH));
    rows.map(|row| row.iter().map(|cell| cell.symbol()).collect())
        .collect()
}

fn footer(app: &App) -> String {
    screen(app).pop().unwrap()
}

fn shows(app: &App, text: &str) -> bool {
    screen(app).iter().any(|line| line.contains(text))
}

/// The line that asks whether to replace a file, without the padding after it.
fn question(app: &App) -> String {
    let lines = screen(app).into_iter();
    let mut asking = lines.filter(|line| line.contains("Replace it?"));
    asking.next().unwrap_or_default().trim_end().to_string()
}

/// Quit, search and the pillars rebound (the help gives up F1 for the first pillar).
const BROWSE: &str = r#""quit": ["ctrl-q"], "search": ["f"], "help": ["?"],
    "pillar": ["f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9"]"#;

#[test]
fn the_browse_footer_and_header_at_120x40_name_rebound_keys() {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    let mut app = explorer(rebound(BROWSE));
    app::run(&mut terminal, &mut app, std::iter::empty(), &mut Offline).unwrap();
    assert_snapshot!(terminal.backend());

    let footer = footer(&app);
    for hint in [
        "Ctrl-q quit",
        "f search",
        "F1-F9 pillar",
        "? help",
        "j/k move",
    ] {
        assert!(footer.contains(hint), "{hint:?} in {footer:?}");
    }
    let chips = &screen(&app)[1];
    assert!(chips.starts_with(" F1 Milestones  F2 "), "{chips:?}");
    assert!(!chips.contains(" 1 "), "{chips:?}");
}

#[test]
fn the_pillar_keys_picked_are_named_each_on_its_chip_and_as_a_span() {
    let app = explorer(rebound(r#""pillar": ["f2", "f3"]"#));
    assert!(footer(&app).contains("F2-F3 pillar"), "{}", footer(&app));
    let chips = &screen(&app)[1];
    assert!(chips.starts_with(" F2 Milestones  F3 "), "{chips:?}");
    let third = app.timeline().pillars[2].name.clone();
    assert!(
        chips.contains(&format!("  {}", &third[..4])),
        "the third pillar has no key: {chips:?}"
    );
}

#[test]
fn a_hint_whose_action_has_no_key_is_left_out() {
    let app = explorer(rebound(r#""quit": [], "all_pillars": []"#));
    let footer = footer(&app);
    assert!(!footer.contains("quit"), "{footer:?}");
    assert!(!footer.contains(" all "), "{footer:?}");
    assert!(footer.contains("a index"), "{footer:?}");
}

#[test]
fn the_detail_and_index_footers_name_rebound_keys() {
    let keys = r#""next": ["n"], "previous": ["p"], "focus": ["f6"], "back": ["backspace"],
        "open": ["o"], "close_index": ["z"], "switch_tab": ["f7"], "pillar_pick": ["f8"]"#;
    let mut app = explorer(rebound(keys));
    press(&mut app, &["f6"]);
    let detail = footer(&app);
    for hint in ["n/p related", "o jump", "F6/Backspace timeline"] {
        assert!(detail.contains(hint), "{hint:?} in {detail:?}");
    }
    press(&mut app, &["f6", "a"]);
    let index = footer(&app);
    for hint in [
        "n/p move",
        "F7 acronyms/mechanisms",
        "o show its events",
        "z back",
    ] {
        assert!(index.contains(hint), "{hint:?} in {index:?}");
    }
}

#[test]
fn the_ways_out_of_an_empty_list_name_rebound_keys() {
    let keys = r#""cancel_search": ["ctrl-g"], "back": ["backspace"], "all_pillars": ["f7"]"#;
    let mut app = explorer(rebound(keys));
    press(&mut app, &["3", "/"]);
    type_in(&mut app, "zzzzqq");
    assert!(shows(
        &app,
        "Ctrl-g clears the search · F7 shows every pillar"
    ));
    press(&mut app, &["enter"]);
    assert!(shows(
        &app,
        "Backspace clears the search · F7 shows every pillar"
    ));

    press(&mut app, &["a", "/"]);
    type_in(&mut app, "zzzz");
    assert!(shows(
        &app,
        "No acronyms match \"zzzz\": Ctrl-g clears the search"
    ));

    let mut app = explorer(rebound(
        r#""back": [], "all_pillars": [], "cancel_search": []"#,
    ));
    press(&mut app, &["3", "/"]);
    type_in(&mut app, "zzzzqq");
    press(&mut app, &["enter"]);
    assert!(shows(&app, "No events match “zzzzqq”."));
    assert!(!shows(&app, "clears the search"));
    assert!(!shows(&app, "shows every pillar"));
    press(&mut app, &["a", "/"]);
    type_in(&mut app, "zzzz");
    assert!(shows(&app, "No acronyms match \"zzzz\" "));
}

#[test]
fn the_header_names_the_keys_that_undo_a_narrowing() {
    let pick_jaif = |app: &mut App| {
        press(app, &["a", "/"]);
        type_in(app, "JAIF");
        press(app, &["enter"]);
    };
    let mut app = explorer(rebound(
        r#""clear_scope": ["f4"], "bookmarked_only": ["b"]"#,
    ));
    pick_jaif(&mut app);
    assert!(app.scope().is_some(), "an index entry picked");
    assert!(
        screen(&app)[0].contains(" F4 clears"),
        "{:?}",
        screen(&app)[0]
    );
    press(&mut app, &["m", "b"]);
    assert!(app.bookmarked_only());
    assert!(
        screen(&app)[0].contains(" b shows all"),
        "{:?}",
        screen(&app)[0]
    );

    let mut app = explorer(rebound(r#""clear_scope": []"#));
    pick_jaif(&mut app);
    assert!(app.scope().is_some());
    assert!(!screen(&app)[0].contains("clears"), "{:?}", screen(&app)[0]);
}

#[test]
fn the_export_prompt_and_its_question_name_rebound_keys() {
    let keys = r#""switch_format": ["f5"], "yes": ["o"], "no": ["x"]"#;
    let mut app = explorer(rebound(keys));
    press(&mut app, &["e", "ctrl-u"]);
    type_in(&mut app, "out.txt");
    press(&mut app, &["enter"]);
    assert!(shows(
        &app,
        "End the name with .md, .csv or .json (F5 switches)"
    ));

    press(&mut app, &["ctrl-u"]);
    type_in(&mut app, "out.md");
    press(&mut app, &["enter"]);
    let export = Effect::Export {
        path: "out.md".into(),
        format: Format::Markdown,
        existing: Existing::Keep,
    };
    assert_eq!(app.take_effects(), std::slice::from_ref(&export));
    app.effect_done(&export, EffectResult::Exists("out.md".into()));
    assert_eq!(question(&app), " out.md exists. Replace it? o/x");

    let mut app = explorer(rebound(r#""switch_format": [], "yes": [], "no": []"#));
    press(&mut app, &["e", "ctrl-u"]);
    type_in(&mut app, "out.txt");
    press(&mut app, &["enter"]);
    assert!(shows(&app, "End the name with .md, .csv or .json "));
    assert!(!shows(&app, "switches"));
    app.update(Action::Edit(Edit::DeleteToStart));
    type_in(&mut app, "out.md");
    app.update(Action::AcceptExport);
    app.effect_done(&export, EffectResult::Exists("out.md".into()));
    assert_eq!(question(&app), " out.md exists. Replace it?");
}

/// What `x`, `'` and `s` say on the bundled timeline when there is nothing for them to do.
fn nothing_to_do(keys: Keymap) -> Vec<String> {
    let mut app = explorer(keys);
    ["x", "'", "s"]
        .iter()
        .map(|key| {
            press(&mut app, &[key]);
            app.status().unwrap_or_default().to_string()
        })
        .collect()
}

#[test]
fn status_messages_name_rebound_keys() {
    let keys = r#""index": ["f3"], "bookmark": ["f4"], "search": ["f"]"#;
    assert_eq!(
        nothing_to_do(rebound(keys)),
        [
            "Nothing to clear: F3 picks from the index",
            "No bookmarks yet: F4 bookmarks the selected event",
            "Order applies to searches: type f and a query first",
        ]
    );
    let unbound = r#""index": [], "bookmark": [], "search": []"#;
    assert_eq!(
        nothing_to_do(rebound(unbound)),
        [
            "Nothing to clear",
            "No bookmarks yet",
            "Order applies to searches"
        ]
    );
}

#[test]
fn the_default_keys_read_as_they_always_have() {
    assert_eq!(
        nothing_to_do(Keymap::default()),
        [
            "Nothing to clear: a picks from the index",
            "No bookmarks yet: m bookmarks the selected event",
            "Order applies to searches: type / and a query first",
        ]
    );
}
