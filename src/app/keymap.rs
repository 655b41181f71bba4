//! `(mode, key) → Action`: the only place that knows which key does what. No side effects.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::action::{Action, Edit};
use super::state::Mode;

/// Every key, for the help overlay: (keys, what they do); an empty key starts a group titled by
/// the description. Kept beside the mapping so the two change together.
pub const HELP: &[(&str, &str)] = &[
    ("", "Move"),
    ("j k  ↓ ↑", "next / previous event"),
    ("PgDn PgUp", "page down / up"),
    ("Ctrl-d Ctrl-u", "half page down / up"),
    ("g G  Home End", "first / last event"),
    ("] [", "next / previous year"),
    ("} {", "next / previous decade"),
    ("", "Find"),
    ("/", "search: type to filter live"),
    ("Enter", "keep the search, back to the list"),
    ("Esc", "clear the search"),
    ("↑ ↓", "earlier / later searches"),
    ("Ctrl-n Ctrl-p", "next / previous event while typing"),
    ("s", "relevance / date order of a search"),
    ("1-9", "show one pillar, then toggle others"),
    ("0", "show every pillar"),
    ("", "Go"),
    (":", "jump to a date: 2013 or 2013-12-14"),
    ("a", "index of acronyms and mechanisms"),
    ("x", "show all after an index pick"),
    ("Ctrl-o H", "back to where a jump left"),
    ("L", "forward again"),
    ("", "Keep"),
    ("m", "bookmark the event (again: remove)"),
    ("'", "bookmarked events only / all"),
    ("y", "copy the event as a citation"),
    ("e", "export the events shown (md, csv, json)"),
    ("", "Index (a)"),
    ("Tab ← →", "acronyms / mechanisms"),
    ("/", "search it; Enter picks at once"),
    ("Enter", "the timeline narrowed to the entry"),
    ("Esc q a", "back to the timeline"),
    ("", "Search syntax"),
    ("a b  a | b", "both terms / either term"),
    ("'a ^a a$ !a", "exact, prefix, suffix, exclude"),
    ("pillar:eco", "pillar by id or name (fuzzy)"),
    ("acronym:jaif", "events with that acronym"),
    ("place:tokyo", "place (fuzzy)"),
    ("year:2008", "also 2003..2013, >2010, <1990"),
    ("", "Read"),
    ("Tab", "switch between timeline and detail"),
    ("Enter", "open detail / jump to related event"),
    ("Esc", "back to the timeline"),
    ("mouse", "wheel scrolls, click selects"),
    ("", "Other"),
    ("? F1", "this help"),
    ("q  Ctrl-c", "quit"),
    ("Ctrl-z", "suspend (fg resumes)"),
];

/// Lines one wheel notch moves.
const WHEEL_LINES: i8 = 3;

/// The action a key press asks for in `mode`, if any.
pub fn action_for_key(mode: Mode, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match (key.code, ctrl) {
        (KeyCode::Char('c'), true) => return Some(Action::Quit),
        (KeyCode::Char('z'), true) => return Some(Action::Suspend),
        _ => {}
    }
    match mode {
        Mode::Browse => browse(key.code, ctrl),
        Mode::Search => search(key.code, key.modifiers),
        Mode::Jump => jump(key.code, key.modifiers),
        Mode::Index => index(key.code, ctrl),
        Mode::IndexSearch => index_search(key.code, key.modifiers),
        Mode::Export => export(key.code, key.modifiers),
        Mode::Confirm => confirm(key.code),
        Mode::Help => help(key.code),
    }
}

/// Moving through a list: the same keys in the timeline and in the index.
fn movement(code: KeyCode, ctrl: bool) -> Option<Action> {
    let action = match (code, ctrl) {
        (KeyCode::Char('d'), true) => Action::HalfPageDown,
        (KeyCode::Char('u'), true) => Action::HalfPageUp,
        (KeyCode::Char('f'), true) | (KeyCode::PageDown, _) => Action::PageDown,
        (KeyCode::Char('b'), true) | (KeyCode::PageUp, _) => Action::PageUp,
        (_, true) => return None,
        (KeyCode::Char('j') | KeyCode::Down, _) => Action::Next,
        (KeyCode::Char('k') | KeyCode::Up, _) => Action::Previous,
        (KeyCode::Char('g') | KeyCode::Home, _) => Action::First,
        (KeyCode::Char('G') | KeyCode::End, _) => Action::Last,
        _ => return None,
    };
    Some(action)
}

fn browse(code: KeyCode, ctrl: bool) -> Option<Action> {
    if let Some(action) = movement(code, ctrl) {
        return Some(action);
    }
    let action = match (code, ctrl) {
        (KeyCode::Char('o'), true) => Action::HistoryBack,
        (_, true) => return None,
        (KeyCode::Char('q'), _) => Action::Quit,
        (KeyCode::Char(']'), _) => Action::NextYear,
        (KeyCode::Char('['), _) => Action::PreviousYear,
        (KeyCode::Char('}'), _) => Action::NextDecade,
        (KeyCode::Char('{'), _) => Action::PreviousDecade,
        (KeyCode::Char('/'), _) => Action::StartSearch,
        (KeyCode::Char('0'), _) => Action::AllPillars,
        (KeyCode::Char(digit @ '1'..='9'), _) => Action::Pillar(digit as usize - '1' as usize),
        (KeyCode::Char('s'), _) => Action::ToggleOrder,
        (KeyCode::Char(':'), _) => Action::StartJump,
        (KeyCode::Char('a'), _) => Action::ToggleIndex,
        (KeyCode::Char('x'), _) => Action::ClearScope,
        (KeyCode::Char('m'), _) => Action::ToggleBookmark,
        (KeyCode::Char('\''), _) => Action::ToggleBookmarkedOnly,
        (KeyCode::Char('y'), _) => Action::CopyCitation,
        (KeyCode::Char('e'), _) => Action::StartExport,
        (KeyCode::Char('H'), _) => Action::HistoryBack,
        (KeyCode::Char('L'), _) => Action::HistoryForward,
        (KeyCode::Tab | KeyCode::BackTab, _) => Action::ToggleFocus,
        (KeyCode::Enter, _) => Action::Open,
        (KeyCode::Esc, _) => Action::Back,
        (KeyCode::Char('?') | KeyCode::F(1), _) => Action::ToggleHelp,
        _ => return None,
    };
    Some(action)
}

fn search(code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
    let ctrl = modifiers.contains(KeyModifiers::CONTROL);
    let action = match (code, ctrl) {
        (KeyCode::Esc, _) => Action::CancelSearch,
        (KeyCode::Enter, _) => Action::AcceptSearch,
        (KeyCode::Up, _) => Action::OlderQuery,
        (KeyCode::Down, _) => Action::NewerQuery,
        (KeyCode::Char('n'), true) => Action::Next,
        (KeyCode::Char('p'), true) => Action::Previous,
        (KeyCode::PageDown, _) => Action::PageDown,
        (KeyCode::PageUp, _) => Action::PageUp,
        _ => Action::Edit(edit(code, modifiers)?),
    };
    Some(action)
}

fn index(code: KeyCode, ctrl: bool) -> Option<Action> {
    if let Some(action) = movement(code, ctrl) {
        return Some(action);
    }
    let action = match code {
        _ if ctrl => return None,
        KeyCode::Esc | KeyCode::Char('q' | 'a') => Action::ToggleIndex,
        KeyCode::Tab
        | KeyCode::BackTab
        | KeyCode::Left
        | KeyCode::Right
        | KeyCode::Char('h' | 'l') => Action::SwitchTab,
        KeyCode::Char('/') => Action::StartSearch,
        KeyCode::Enter => Action::Open,
        KeyCode::Char('?') | KeyCode::F(1) => Action::ToggleHelp,
        _ => return None,
    };
    Some(action)
}

/// Typing in the index's search: Enter picks the selected entry at once, as fzf does.
fn index_search(code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
    let ctrl = modifiers.contains(KeyModifiers::CONTROL);
    let action = match (code, ctrl) {
        (KeyCode::Esc, _) => Action::CancelSearch,
        (KeyCode::Enter, _) => Action::Open,
        (KeyCode::Down, _) | (KeyCode::Char('n'), true) => Action::Next,
        (KeyCode::Up, _) | (KeyCode::Char('p'), true) => Action::Previous,
        (KeyCode::PageDown, _) => Action::PageDown,
        (KeyCode::PageUp, _) => Action::PageUp,
        (KeyCode::Tab | KeyCode::BackTab, _) => Action::SwitchTab,
        _ => Action::Edit(edit(code, modifiers)?),
    };
    Some(action)
}

fn export(code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
    let action = match code {
        KeyCode::Esc => Action::CancelExport,
        KeyCode::Enter => Action::AcceptExport,
        KeyCode::Tab | KeyCode::BackTab => Action::SwitchFormat,
        _ => Action::Edit(edit(code, modifiers)?),
    };
    Some(action)
}

/// A yes/no question: only `y` says yes.
fn confirm(code: KeyCode) -> Option<Action> {
    match code {
        KeyCode::Char('y' | 'Y') => Some(Action::Confirm(true)),
        KeyCode::Char('n' | 'N') | KeyCode::Esc | KeyCode::Enter => Some(Action::Confirm(false)),
        _ => None,
    }
}

fn jump(code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
    let action = match code {
        KeyCode::Esc => Action::CancelJump,
        KeyCode::Enter => Action::AcceptJump,
        _ => Action::Edit(edit(code, modifiers)?),
    };
    Some(action)
}

/// The line-editing keys every prompt shares, as shells bind them.
fn edit(code: KeyCode, modifiers: KeyModifiers) -> Option<Edit> {
    let ctrl = modifiers.contains(KeyModifiers::CONTROL);
    let edit = match (code, ctrl) {
        (KeyCode::Backspace, _) | (KeyCode::Char('h'), true) => Edit::DeleteBackward,
        (KeyCode::Delete, _) => Edit::DeleteForward,
        (KeyCode::Char('w'), true) => Edit::DeleteWordBackward,
        (KeyCode::Char('u'), true) => Edit::DeleteToStart,
        (KeyCode::Left, _) | (KeyCode::Char('b'), true) => Edit::Left,
        (KeyCode::Right, _) | (KeyCode::Char('f'), true) => Edit::Right,
        (KeyCode::Home, _) | (KeyCode::Char('a'), true) => Edit::Home,
        (KeyCode::End, _) | (KeyCode::Char('e'), true) => Edit::End,
        (KeyCode::Char(c), false) if !modifiers.contains(KeyModifiers::ALT) => Edit::Insert(c),
        _ => return None,
    };
    Some(edit)
}

fn help(code: KeyCode) -> Option<Action> {
    let action = match code {
        KeyCode::Esc | KeyCode::Char('?' | 'q') | KeyCode::F(1) | KeyCode::Enter => {
            Action::CloseHelp
        }
        KeyCode::Char('j') | KeyCode::Down => Action::Next,
        KeyCode::Char('k') | KeyCode::Up => Action::Previous,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::Char('g') | KeyCode::Home => Action::First,
        KeyCode::Char('G') | KeyCode::End => Action::Last,
        _ => return None,
    };
    Some(action)
}

/// The action a mouse event asks for, if any.
pub fn action_for_mouse(mouse: MouseEvent) -> Option<Action> {
    let (column, row) = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::Scroll {
            column,
            row,
            lines: WHEEL_LINES,
        }),
        MouseEventKind::ScrollUp => Some(Action::Scroll {
            column,
            row,
            lines: -WHEEL_LINES,
        }),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    #[test]
    fn ctrl_c_quits_from_every_mode() {
        for mode in [
            Mode::Browse,
            Mode::Search,
            Mode::Jump,
            Mode::Index,
            Mode::IndexSearch,
            Mode::Export,
            Mode::Help,
        ] {
            assert_eq!(
                action_for_key(mode, ctrl('c')),
                Some(Action::Quit),
                "{mode:?}"
            );
        }
    }

    #[test]
    fn letters_navigate_while_browsing_and_type_while_searching() {
        assert_eq!(
            action_for_key(Mode::Browse, key(KeyCode::Char('j'))),
            Some(Action::Next)
        );
        assert_eq!(
            action_for_key(Mode::Browse, key(KeyCode::Char('q'))),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for_key(Mode::Search, key(KeyCode::Char('j'))),
            Some(Action::Edit(Edit::Insert('j')))
        );
        assert_eq!(
            action_for_key(Mode::Search, key(KeyCode::Char('q'))),
            Some(Action::Edit(Edit::Insert('q')))
        );
    }

    #[test]
    fn digits_pick_pillars_by_position() {
        assert_eq!(
            action_for_key(Mode::Browse, key(KeyCode::Char('1'))),
            Some(Action::Pillar(0))
        );
        assert_eq!(
            action_for_key(Mode::Browse, key(KeyCode::Char('9'))),
            Some(Action::Pillar(8))
        );
        assert_eq!(
            action_for_key(Mode::Browse, key(KeyCode::Char('0'))),
            Some(Action::AllPillars)
        );
    }

    #[test]
    fn the_documented_keys_map_as_documented() {
        let browse = |code| action_for_key(Mode::Browse, key(code));
        assert_eq!(browse(KeyCode::Down), Some(Action::Next));
        assert_eq!(browse(KeyCode::Char('k')), Some(Action::Previous));
        assert_eq!(browse(KeyCode::PageDown), Some(Action::PageDown));
        assert_eq!(
            action_for_key(Mode::Browse, ctrl('d')),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            action_for_key(Mode::Browse, ctrl('u')),
            Some(Action::HalfPageUp)
        );
        assert_eq!(browse(KeyCode::Char('G')), Some(Action::Last));
        assert_eq!(browse(KeyCode::Home), Some(Action::First));
        assert_eq!(browse(KeyCode::Char(']')), Some(Action::NextYear));
        assert_eq!(browse(KeyCode::Char('{')), Some(Action::PreviousDecade));
        assert_eq!(browse(KeyCode::Char('/')), Some(Action::StartSearch));
        assert_eq!(browse(KeyCode::Tab), Some(Action::ToggleFocus));
        assert_eq!(browse(KeyCode::F(1)), Some(Action::ToggleHelp));
        assert_eq!(
            action_for_key(Mode::Help, key(KeyCode::Char('?'))),
            Some(Action::CloseHelp)
        );
        assert_eq!(
            action_for_key(Mode::Search, key(KeyCode::Esc)),
            Some(Action::CancelSearch)
        );
        assert_eq!(
            action_for_key(Mode::Search, key(KeyCode::Enter)),
            Some(Action::AcceptSearch)
        );
        assert_eq!(
            action_for_key(Mode::Browse, ctrl('z')),
            Some(Action::Suspend)
        );
    }

    #[test]
    fn the_date_prompt_edits_like_the_search_line() {
        let jump = |key| action_for_key(Mode::Jump, key);
        assert_eq!(
            action_for_key(Mode::Browse, key(KeyCode::Char(':'))),
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
        assert_eq!(jump(key(KeyCode::Enter)), Some(Action::AcceptJump));
        assert_eq!(jump(key(KeyCode::Esc)), Some(Action::CancelJump));
        assert_eq!(jump(key(KeyCode::Up)), None);
    }

    #[test]
    fn history_keys_go_back_and_forward() {
        let browse = |key| action_for_key(Mode::Browse, key);
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
            action_for_key(Mode::Browse, key(KeyCode::Char('a'))),
            Some(Action::ToggleIndex)
        );
        let index = |code| action_for_key(Mode::Index, key(code));
        assert_eq!(index(KeyCode::Char('/')), Some(Action::StartSearch));
        assert_eq!(index(KeyCode::Tab), Some(Action::SwitchTab));
        assert_eq!(index(KeyCode::Enter), Some(Action::Open));
        assert_eq!(index(KeyCode::Esc), Some(Action::ToggleIndex));
        let search = |code| action_for_key(Mode::IndexSearch, key(code));
        assert_eq!(
            search(KeyCode::Char('a')),
            Some(Action::Edit(Edit::Insert('a')))
        );
        assert_eq!(search(KeyCode::Enter), Some(Action::Open));
        assert_eq!(search(KeyCode::Down), Some(Action::Next));
        assert_eq!(search(KeyCode::Esc), Some(Action::CancelSearch));
    }

    #[test]
    fn keeping_keys_and_the_export_prompt() {
        let browse = |c| action_for_key(Mode::Browse, key(KeyCode::Char(c)));
        assert_eq!(browse('m'), Some(Action::ToggleBookmark));
        assert_eq!(browse('\''), Some(Action::ToggleBookmarkedOnly));
        assert_eq!(browse('y'), Some(Action::CopyCitation));
        assert_eq!(browse('e'), Some(Action::StartExport));
        let export = |code| action_for_key(Mode::Export, key(code));
        assert_eq!(export(KeyCode::Tab), Some(Action::SwitchFormat));
        assert_eq!(export(KeyCode::Enter), Some(Action::AcceptExport));
        assert_eq!(
            export(KeyCode::Char('y')),
            Some(Action::Edit(Edit::Insert('y')))
        );
        let confirm = |code| action_for_key(Mode::Confirm, key(code));
        assert_eq!(confirm(KeyCode::Char('y')), Some(Action::Confirm(true)));
        assert_eq!(confirm(KeyCode::Enter), Some(Action::Confirm(false)));
        assert_eq!(confirm(KeyCode::Char('q')), None);
    }

    #[test]
    fn key_releases_are_ignored() {
        let mut release = key(KeyCode::Char('q'));
        release.kind = KeyEventKind::Release;
        assert_eq!(action_for_key(Mode::Browse, release), None);
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
            action_for_mouse(mouse(MouseEventKind::ScrollDown)),
            Some(Action::Scroll {
                column: 4,
                row: 7,
                lines: 3
            })
        );
        assert_eq!(
            action_for_mouse(mouse(MouseEventKind::Down(MouseButton::Left))),
            Some(Action::Click { column: 4, row: 7 })
        );
        assert_eq!(action_for_mouse(mouse(MouseEventKind::Moved)), None);
    }
}
