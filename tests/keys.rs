//! Keys as data: the table, dispatch, the help and the README agree, and the keys behave as
//! they always have.

use ajtl::app::keys::{
    self, Context, ENTRIES, Entry, Group, HelpLine, Key, Keymap, Kind, README_END, README_START,
};
use ajtl::app::{Action, Edit, Mode, PillarPick, Prompt};
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn action(mode: Mode, event: KeyEvent) -> Option<Action> {
    Keymap::default().action(&mode, event)
}

/// A mode of each kind, with empty prompts, a question about `out.md`, an empty pillar picker,
/// the help over the list, the About.
fn modes() -> [Mode; 10] {
    [
        Mode::Browse,
        Mode::Search,
        Mode::Jump(Prompt::default()),
        Mode::Index,
        Mode::IndexSearch,
        Mode::Export(Prompt::default()),
        confirming(),
        Mode::PillarPick(PillarPick::default()),
        helping(),
        Mode::About { scroll: 0 },
    ]
}

fn confirming() -> Mode {
    Mode::Confirm {
        path: "out.md".into(),
        format: ajtl::output::Format::Markdown,
    }
}

fn helping() -> Mode {
    Mode::Help {
        under: Box::new(Mode::Browse),
        scroll: 0,
    }
}

/// Every key a test can think of pressing: printable ASCII, Ctrl and Alt with letters, and
/// every named key.
fn every_key() -> Vec<Key> {
    let mut names: Vec<String> = (' '..='~')
        .filter(|c| *c != ' ')
        .map(String::from)
        .collect();
    for c in 'a'..='z' {
        names.push(format!("ctrl-{c}"));
        names.push(format!("alt-{c}"));
    }
    names.extend((1..=12).map(|n| format!("f{n}")));
    let named =
        "up down left right pgup pgdn home end enter esc tab shift-tab backspace delete space";
    names.extend(named.split(' ').map(String::from));
    names.iter().map(|name| Key::parse(name).unwrap()).collect()
}

/// The help's text for an entry, and the keys shown on its line (and the lines it wraps on to).
fn documented(help: &[HelpLine], entry_at: usize) -> (String, String) {
    let entry = &ENTRIES[entry_at];
    let paired_with_previous = entry_at
        .checked_sub(1)
        .and_then(|before| ENTRIES[before].shared);
    let what = entry.shared.or(paired_with_previous).unwrap_or(entry.help);
    let at = help
        .iter()
        .position(|line| matches!(line, HelpLine::Keys(_, w) if *w == what))
        .unwrap_or_else(|| panic!("{} is not in the help", entry.name));
    let keys = help[at..]
        .iter()
        .enumerate()
        .take_while(|(nth, line)| *nth == 0 || matches!(line, HelpLine::Keys(_, "")))
        .map(|(_, line)| match line {
            HelpLine::Keys(keys, _) => keys.clone(),
            HelpLine::Group(_) => String::new(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    (what.to_string(), keys)
}

#[test]
fn every_bound_key_is_documented_with_its_action() {
    let keymap = Keymap::default();
    let help = keymap.help();
    for (at, entry) in ENTRIES.iter().enumerate() {
        let (_, shown) = documented(&help, at);
        for (nth, key) in keymap.keys(at).iter().enumerate() {
            let label = key.label();
            let pillar_run = matches!(entry.action, Action::Pillar(_)) && shown.contains("1-9");
            assert!(
                shown.split(' ').any(|word| word == label) || pillar_run,
                "{} lacks {label} in the help: {shown:?}",
                entry.name
            );
            for &context in entry.contexts {
                let expected = match entry.action {
                    Action::Pillar(_) => Action::Pillar(nth),
                    action => action,
                };
                assert_eq!(
                    keymap.action_in(context, key.event()),
                    Some(expected),
                    "{} in {context:?}",
                    entry.name
                );
            }
        }
    }
}

#[test]
fn no_key_does_anything_the_table_does_not_say() {
    let keymap = Keymap::default();
    // Every mode's context, and the chart's, which the app reads on top of browsing.
    let contexts = modes().iter().map(keys::context).collect::<Vec<_>>();
    let contexts = contexts.into_iter().chain([Context::Chart]);
    for context in contexts {
        for key in every_key() {
            let Some(action) = keymap.action_in(context, key.event()) else {
                continue;
            };
            if action == Action::Edit(Edit::Insert(key.typed().unwrap_or('\0'))) {
                assert!(context.types(), "{key} types in {context:?}");
                continue;
            }
            let owner = ENTRIES.iter().enumerate().find(|(at, entry)| {
                entry.contexts.contains(&context) && keymap.keys(*at).contains(&key)
            });
            assert!(
                owner.is_some(),
                "{key} does {action:?} in {context:?}, undocumented"
            );
        }
    }
}

#[test]
fn the_table_is_well_formed() {
    let mut names: Vec<&str> = ENTRIES.iter().map(|entry| entry.name).collect();
    for name in &names {
        let snake = name.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        assert!(snake && !name.starts_with('_'), "{name} is not snake_case");
    }
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), ENTRIES.len(), "names are unique");
    let groups: Vec<Group> = ENTRIES.iter().map(|entry| entry.group).collect();
    for (at, entry) in ENTRIES.iter().enumerate() {
        assert_ne!(entry.group, Group::Syntax, "{}", entry.name);
        let first = groups.iter().position(|g| *g == entry.group).unwrap();
        assert!(
            groups[first..=at].iter().all(|g| *g == entry.group),
            "{}: a group's entries are together",
            entry.name
        );
        if entry.shared.is_some() {
            let next: &Entry = &ENTRIES[at + 1];
            assert_eq!(
                next.group, entry.group,
                "{} pairs within its group",
                entry.name
            );
            assert!(next.shared.is_none(), "{}: pairs, not chains", entry.name);
        }
        assert_eq!(
            entry.keys.is_empty(),
            entry.kind == Kind::Mouse,
            "{}",
            entry.name
        );
    }
}

#[test]
fn the_readme_key_table_is_the_generated_one() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let expected = Keymap::default().readme_table();
    let start = readme.find(README_START);
    let end = readme.find(README_END).map(|at| at + README_END.len() + 1);
    let found = start.zip(end).map(|(start, end)| &readme[start..end]);
    assert!(
        found == Some(expected.as_str()),
        "README.md's key table differs; between the markers it should read:\n{expected}"
    );
}

#[test]
fn every_context_is_some_modes_or_the_charts() {
    let mut found: Vec<Context> = modes().iter().map(keys::context).collect();
    found.push(Context::Chart);
    assert_eq!(found, Context::ALL);
}

/// The chart reads browsing's keys but for the list's movements, which move in time and
/// between lanes there, and its own; no key of 0-9, H/L, [ ] is taken from browsing.
#[test]
fn the_chart_keeps_browsing_keys_but_moves_in_time() {
    let keymap = Keymap::default();
    let chart = |code| keymap.action_in(Context::Chart, key(code));
    let char = KeyCode::Char;
    assert_eq!(chart(char('v')), Some(Action::ToggleChart));
    assert_eq!(
        action(Mode::Browse, key(char('v'))),
        Some(Action::ToggleChart)
    );
    assert_eq!(chart(char('l')), Some(Action::LaterEvent));
    assert_eq!(chart(KeyCode::Left), Some(Action::EarlierEvent));
    assert_eq!(chart(char('j')), Some(Action::LaneDown));
    assert_eq!(chart(KeyCode::Up), Some(Action::LaneUp));
    assert_eq!(chart(char('+')), Some(Action::ZoomIn));
    assert_eq!(chart(char('=')), Some(Action::ZoomIn));
    assert_eq!(chart(char('-')), Some(Action::ZoomOut));
    assert_eq!(chart(char('f')), Some(Action::FitChart));
    assert_eq!(chart(char('>')), Some(Action::PanLater));
    assert_eq!(chart(char('<')), Some(Action::PanEarlier));
    assert_eq!(chart(char('g')), Some(Action::FirstInTime));
    assert_eq!(chart(char('G')), Some(Action::LastInTime));
    for c in "0123456789HL[]{}:/?q'mya".chars() {
        assert_eq!(
            chart(char(c)),
            action(Mode::Browse, key(char(c))),
            "{c} does in the chart what it does in the list"
        );
    }
    assert_eq!(chart(KeyCode::Enter), Some(Action::Open));
    assert_eq!(chart(KeyCode::Tab), Some(Action::ToggleFocus));
    assert_eq!(chart(KeyCode::PageDown), None);
}

#[test]
fn ctrl_c_quits_from_every_mode() {
    for mode in modes() {
        assert_eq!(
            action(mode.clone(), ctrl('c')),
            Some(Action::Quit),
            "{mode:?}"
        );
    }
}

#[test]
fn letters_navigate_while_browsing_and_type_while_searching() {
    let char = |c| key(KeyCode::Char(c));
    assert_eq!(action(Mode::Browse, char('j')), Some(Action::Next));
    assert_eq!(action(Mode::Browse, char('q')), Some(Action::Quit));
    assert_eq!(
        action(Mode::Search, char('j')),
        Some(Action::Edit(Edit::Insert('j')))
    );
    assert_eq!(
        action(Mode::Search, char('q')),
        Some(Action::Edit(Edit::Insert('q')))
    );
}

#[test]
fn digits_pick_pillars_by_position() {
    let char = |c| key(KeyCode::Char(c));
    assert_eq!(action(Mode::Browse, char('1')), Some(Action::Pillar(0)));
    assert_eq!(action(Mode::Browse, char('9')), Some(Action::Pillar(8)));
    assert_eq!(action(Mode::Browse, char('0')), Some(Action::AllPillars));
}

#[test]
fn the_documented_keys_map_as_documented() {
    let browse = |code| action(Mode::Browse, key(code));
    assert_eq!(browse(KeyCode::Down), Some(Action::Next));
    assert_eq!(browse(KeyCode::Char('k')), Some(Action::Previous));
    assert_eq!(browse(KeyCode::PageDown), Some(Action::PageDown));
    assert_eq!(action(Mode::Browse, ctrl('d')), Some(Action::HalfPageDown));
    assert_eq!(action(Mode::Browse, ctrl('u')), Some(Action::HalfPageUp));
    assert_eq!(action(Mode::Browse, ctrl('f')), Some(Action::PageDown));
    assert_eq!(action(Mode::Index, ctrl('b')), Some(Action::PageUp));
    assert_eq!(browse(KeyCode::Char('G')), Some(Action::Last));
    assert_eq!(browse(KeyCode::Home), Some(Action::First));
    assert_eq!(browse(KeyCode::Char(']')), Some(Action::NextYear));
    assert_eq!(browse(KeyCode::Char('{')), Some(Action::PreviousDecade));
    assert_eq!(browse(KeyCode::Char('/')), Some(Action::StartSearch));
    assert_eq!(browse(KeyCode::Tab), Some(Action::ToggleFocus));
    assert_eq!(browse(KeyCode::BackTab), Some(Action::ToggleFocus));
    assert_eq!(browse(KeyCode::F(1)), Some(Action::ToggleHelp));
    let help = |code| action(helping(), key(code));
    assert_eq!(help(KeyCode::Char('?')), Some(Action::CloseHelp));
    assert_eq!(help(KeyCode::Char('q')), Some(Action::CloseHelp));
    assert_eq!(help(KeyCode::Char('j')), Some(Action::Next));
    assert_eq!(help(KeyCode::End), Some(Action::Last));
    assert_eq!(
        action(Mode::Search, key(KeyCode::Esc)),
        Some(Action::CancelSearch)
    );
    assert_eq!(
        action(Mode::Search, key(KeyCode::Enter)),
        Some(Action::AcceptSearch)
    );
    assert_eq!(
        action(Mode::Search, key(KeyCode::Up)),
        Some(Action::OlderQuery)
    );
    assert_eq!(action(Mode::Search, ctrl('n')), Some(Action::Next));
    assert_eq!(
        action(Mode::Search, key(KeyCode::PageUp)),
        Some(Action::PageUp)
    );
    assert_eq!(action(Mode::Browse, ctrl('z')), Some(Action::Suspend));
}

#[test]
fn the_prompts_edit_like_a_shell() {
    let jump = |event| action(Mode::Jump(Prompt::default()), event);
    assert_eq!(
        action(Mode::Browse, key(KeyCode::Char(':'))),
        Some(Action::StartJump)
    );
    assert_eq!(
        jump(key(KeyCode::Char('2'))),
        Some(Action::Edit(Edit::Insert('2')))
    );
    assert_eq!(
        jump(ctrl('w')),
        Some(Action::Edit(Edit::DeleteWordBackward))
    );
    assert_eq!(jump(ctrl('u')), Some(Action::Edit(Edit::DeleteToStart)));
    assert_eq!(jump(ctrl('h')), Some(Action::Edit(Edit::DeleteBackward)));
    assert_eq!(
        jump(key(KeyCode::Backspace)),
        Some(Action::Edit(Edit::DeleteBackward))
    );
    assert_eq!(
        jump(key(KeyCode::Delete)),
        Some(Action::Edit(Edit::DeleteForward))
    );
    assert_eq!(jump(ctrl('b')), Some(Action::Edit(Edit::Left)));
    assert_eq!(jump(ctrl('f')), Some(Action::Edit(Edit::Right)));
    assert_eq!(jump(ctrl('a')), Some(Action::Edit(Edit::Home)));
    assert_eq!(jump(ctrl('e')), Some(Action::Edit(Edit::End)));
    assert_eq!(jump(key(KeyCode::Enter)), Some(Action::AcceptJump));
    assert_eq!(jump(key(KeyCode::Esc)), Some(Action::CancelJump));
    assert_eq!(jump(key(KeyCode::Up)), None);
    assert_eq!(jump(ctrl('x')), None);
}

#[test]
fn history_keys_go_back_and_forward() {
    let browse = |event| action(Mode::Browse, event);
    assert_eq!(browse(ctrl('o')), Some(Action::HistoryBack));
    assert_eq!(browse(key(KeyCode::Char('H'))), Some(Action::HistoryBack));
    assert_eq!(
        browse(key(KeyCode::Char('L'))),
        Some(Action::HistoryForward)
    );
}

#[test]
fn the_index_opens_with_a_and_its_search_picks_with_enter() {
    assert_eq!(
        action(Mode::Browse, key(KeyCode::Char('a'))),
        Some(Action::ToggleIndex)
    );
    let index = |code| action(Mode::Index, key(code));
    assert_eq!(index(KeyCode::Char('/')), Some(Action::StartSearch));
    assert_eq!(index(KeyCode::Tab), Some(Action::SwitchTab));
    assert_eq!(index(KeyCode::Char('h')), Some(Action::PreviousTab));
    assert_eq!(index(KeyCode::BackTab), Some(Action::PreviousTab));
    assert_eq!(index(KeyCode::Right), Some(Action::SwitchTab));
    assert_eq!(index(KeyCode::Enter), Some(Action::Open));
    assert_eq!(index(KeyCode::Esc), Some(Action::ToggleIndex));
    assert_eq!(index(KeyCode::Char('q')), Some(Action::ToggleIndex));
    let search = |code| action(Mode::IndexSearch, key(code));
    assert_eq!(
        search(KeyCode::Char('a')),
        Some(Action::Edit(Edit::Insert('a')))
    );
    assert_eq!(search(KeyCode::Enter), Some(Action::Open));
    assert_eq!(search(KeyCode::Down), Some(Action::Next));
    assert_eq!(search(KeyCode::Tab), Some(Action::SwitchTab));
    assert_eq!(search(KeyCode::Left), Some(Action::Edit(Edit::Left)));
    assert_eq!(search(KeyCode::Esc), Some(Action::CancelSearch));
}

#[test]
fn keeping_keys_and_the_export_prompt() {
    let browse = |c| action(Mode::Browse, key(KeyCode::Char(c)));
    assert_eq!(browse('m'), Some(Action::ToggleBookmark));
    assert_eq!(browse('\''), Some(Action::ToggleBookmarkedOnly));
    assert_eq!(browse('y'), Some(Action::CopyCitation));
    assert_eq!(browse('e'), Some(Action::StartExport));
    let export = |code| action(Mode::Export(Prompt::default()), key(code));
    assert_eq!(export(KeyCode::Tab), Some(Action::SwitchFormat));
    assert_eq!(export(KeyCode::Enter), Some(Action::AcceptExport));
    assert_eq!(
        export(KeyCode::Char('y')),
        Some(Action::Edit(Edit::Insert('y')))
    );
    let confirm = |code| action(confirming(), key(code));
    assert_eq!(confirm(KeyCode::Char('y')), Some(Action::Confirm(true)));
    assert_eq!(confirm(KeyCode::Char('Y')), Some(Action::Confirm(true)));
    assert_eq!(confirm(KeyCode::Enter), Some(Action::Confirm(false)));
    assert_eq!(confirm(KeyCode::Char('q')), None);
}

#[test]
fn key_releases_are_ignored() {
    let mut release = key(KeyCode::Char('q'));
    release.kind = KeyEventKind::Release;
    assert_eq!(action(Mode::Browse, release), None);
}

#[test]
fn the_wheel_scrolls_and_a_click_selects() {
    let mouse = |kind| MouseEvent {
        kind,
        column: 4,
        row: 7,
        modifiers: KeyModifiers::NONE,
    };
    assert_eq!(
        keys::action_for_mouse(mouse(MouseEventKind::ScrollDown)),
        Some(Action::Scroll {
            column: 4,
            row: 7,
            lines: 3
        })
    );
    assert_eq!(
        keys::action_for_mouse(mouse(MouseEventKind::Down(MouseButton::Left))),
        Some(Action::Click { column: 4, row: 7 })
    );
    assert_eq!(keys::action_for_mouse(mouse(MouseEventKind::Moved)), None);
}

#[test]
fn the_help_shows_the_keys_in_force() {
    let rebound = |pairs: &[(&str, &[&str])]| {
        let pairs: Vec<(String, Vec<String>)> = pairs
            .iter()
            .map(|(name, keys)| {
                (
                    name.to_string(),
                    keys.iter().map(|k| k.to_string()).collect(),
                )
            })
            .collect();
        Keymap::new(&pairs).unwrap()
    };
    let keymap = rebound(&[("quit", &["ctrl-q"]), ("next", &["n", "down"])]);
    let help = keymap.help();
    let quit = ENTRIES.iter().position(|e| e.name == "quit").unwrap();
    let next = ENTRIES.iter().position(|e| e.name == "next").unwrap();
    assert_eq!(documented(&help, quit).1, "Ctrl-q");
    assert_eq!(documented(&help, next).1, "n k  ↓ ↑");
    assert!(keymap.listing().contains("ctrl-q"));
}

#[test]
fn a_rebinding_in_the_config_works_in_the_explorer_and_shows_in_its_help() {
    use ajtl::app::{App, Input, Offline, Outcome};
    use ajtl::config::Config;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::Rect;

    let config = Config::parse("config.ron", r#"Config(keys: {"quit": ["ctrl-q"]})"#).unwrap();
    // Tall enough for the whole help.
    let (width, height) = (100, 100);
    let explore = |inputs: Vec<KeyEvent>| {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        let timeline = ajtl::timeline::bundled().unwrap();
        let mut app = App::new(timeline, Rect::new(0, 0, width, height));
        app.set_keys(config.keymap.clone());
        let inputs = inputs.into_iter().map(Input::Key);
        let outcome = ajtl::app::run(&mut terminal, &mut app, inputs, &mut Offline).unwrap();
        (
            outcome,
            app.should_quit(),
            format!("{:?}", terminal.backend()),
        )
    };
    let (_, quit, screen) = explore(vec![key(KeyCode::Char('q')), key(KeyCode::Char('?'))]);
    assert!(!quit, "q no longer quits");
    let quit_line = screen.lines().find(|line| line.contains(" quit ")).unwrap();
    assert!(quit_line.contains("Ctrl-q"), "{quit_line}");
    let (outcome, quit, _) = explore(vec![ctrl('q')]);
    assert_eq!((outcome, quit), (Outcome::Quit, true));
    let (_, quit, _) = explore(vec![ctrl('c')]);
    assert!(quit, "Ctrl-c still quits");
}
