//! Keys by name: how users write them in `config.ron` (`ctrl-q`, `shift-tab`, `pgdn`, `G`), how
//! the help shows them (`Ctrl-q`, `Shift-Tab`, `PgDn`), and which key a terminal event is. One
//! table of named keys serves all three, so a name the config accepts is one the help can show.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthChar;

use crate::timeline::text::needs_care;

/// A key as the explorer tells keys apart: the key itself and whether Ctrl or Alt was held.
/// Shift is part of the key (`G` is not `g`, Shift-Tab is its own key), so it is not kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    code: KeyCode,
    ctrl: bool,
    alt: bool,
}

/// Keys with a name longer than one character: (the key, its config name, its help label).
const NAMED: [(KeyCode, &str, &str); 15] = [
    (KeyCode::Up, "up", "↑"),
    (KeyCode::Down, "down", "↓"),
    (KeyCode::Left, "left", "←"),
    (KeyCode::Right, "right", "→"),
    (KeyCode::PageUp, "pgup", "PgUp"),
    (KeyCode::PageDown, "pgdn", "PgDn"),
    (KeyCode::Home, "home", "Home"),
    (KeyCode::End, "end", "End"),
    (KeyCode::Enter, "enter", "Enter"),
    (KeyCode::Esc, "esc", "Esc"),
    (KeyCode::Tab, "tab", "Tab"),
    (KeyCode::BackTab, "shift-tab", "Shift-Tab"),
    (KeyCode::Backspace, "backspace", "Backspace"),
    (KeyCode::Delete, "delete", "Delete"),
    (KeyCode::Char(' '), "space", "Space"),
];

/// The function keys a name can give: `f1` to `f12`.
const FUNCTION_KEYS: u8 = 12;

/// What a key name may be, for the message when one is not.
pub const KEY_NAME_FORMS: &str = "a character (a, G, /, '), ctrl-X or alt-X before a key (ctrl-q, \
alt-b), f1-f12, or one of up, down, left, right, pgup, pgdn, home, end, enter, esc, tab, \
shift-tab, backspace, delete, space";

impl Key {
    /// A key pressed alone.
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    /// A character typed alone (`j`, `G`, `/`).
    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// A character with Ctrl held (`Ctrl-d`).
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// The key a terminal reports: Shift is already in the character or in `BackTab`.
    pub fn from_event(event: KeyEvent) -> Key {
        Key {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// The terminal event of pressing this key, as [`Key::from_event`] reads it back: for
    /// tests and scripts that press keys by name.
    pub fn event(self) -> KeyEvent {
        let mut modifiers = KeyModifiers::NONE;
        modifiers.set(KeyModifiers::CONTROL, self.ctrl);
        modifiers.set(KeyModifiers::ALT, self.alt);
        KeyEvent::new(self.code, modifiers)
    }

    /// The character this key types in a prompt, if it types one: a character without Ctrl
    /// or Alt.
    pub fn typed(self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }

    /// Reads a key name as `config.ron` writes it; the error says what names may be.
    pub fn parse(name: &str) -> Result<Key, String> {
        let unknown = || format!("unknown key {name:?}: use {KEY_NAME_FORMS}");
        let (mut ctrl, mut alt, mut rest) = (false, false, name);
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.starts_with("ctrl-") && rest.len() > "ctrl-".len() && !ctrl {
                ctrl = true;
                rest = &rest["ctrl-".len()..];
            } else if lower.starts_with("alt-") && rest.len() > "alt-".len() && !alt {
                alt = true;
                rest = &rest["alt-".len()..];
            } else {
                break;
            }
        }
        let code = base_code(rest).ok_or_else(unknown)?;
        Ok(Key { code, ctrl, alt })
    }

    /// The name `config.ron` takes for this key, which [`Key::parse`] reads back.
    pub fn name(self) -> String {
        let base = match self.code {
            KeyCode::F(n) => format!("f{n}"),
            code => named(code).map_or_else(|| char_of(code), |(_, name, _)| name.to_string()),
        };
        self.with_modifiers("ctrl-", "alt-", &base)
    }

    /// How the help shows this key: `Ctrl-d`, `PgDn`, `↓`, `G`.
    pub fn label(self) -> String {
        let base = match self.code {
            KeyCode::F(n) => format!("F{n}"),
            code => named(code).map_or_else(|| char_of(code), |(_, _, label)| label.to_string()),
        };
        self.with_modifiers("Ctrl-", "Alt-", &base)
    }

    fn with_modifiers(self, ctrl: &str, alt: &str, base: &str) -> String {
        let ctrl = if self.ctrl { ctrl } else { "" };
        let alt = if self.alt { alt } else { "" };
        format!("{ctrl}{alt}{base}")
    }

    /// The character of a key that is one alone, for the help to shorten `1 2 … 9` to `1-9`.
    pub fn lone_char(self) -> Option<char> {
        self.typed().filter(|c| *c != ' ')
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

fn named(code: KeyCode) -> Option<&'static (KeyCode, &'static str, &'static str)> {
    NAMED.iter().find(|(named, _, _)| *named == code)
}

/// A character key's name: the character itself. Keys no name reads (Insert, media keys) are
/// never in a keymap; crossterm's own word for them serves should one ever be shown.
fn char_of(code: KeyCode) -> String {
    match code {
        KeyCode::Char(c) => c.to_string(),
        code => code.to_string(),
    }
}

/// The key a name without modifiers names: one visible character, a named key, or `f1`–`f12`.
/// A character that shows nothing or could drive the terminal (a control, a bidi override, a
/// zero-width mark) names no key, so every key name is safe to print in the help and `ajtl keys`.
fn base_code(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        let visible = !c.is_whitespace() && !needs_care(c) && c.width().unwrap_or(0) > 0;
        return visible.then_some(KeyCode::Char(c));
    }
    let lower = name.to_ascii_lowercase();
    if let Some((code, _, _)) = NAMED.iter().find(|(_, named, _)| *named == lower) {
        return Some(*code);
    }
    let number: u8 = lower.strip_prefix('f')?.parse().ok()?;
    (1..=FUNCTION_KEYS)
        .contains(&number)
        .then_some(KeyCode::F(number))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_reads_back_as_it_is_written() {
        let names = [
            "a",
            "G",
            "/",
            "'",
            "-",
            "1",
            "é",
            "ctrl-q",
            "alt-b",
            "ctrl-alt-x",
            "ctrl--",
            "f1",
            "f12",
            "pgdn",
            "pgup",
            "home",
            "end",
            "up",
            "down",
            "left",
            "right",
            "enter",
            "esc",
            "tab",
            "shift-tab",
            "backspace",
            "delete",
            "space",
        ];
        for name in names {
            let key = Key::parse(name).unwrap_or_else(|error| panic!("{name}: {error}"));
            assert_eq!(key.name(), name);
            assert_eq!(Key::parse(&key.name()), Ok(key));
            assert_eq!(Key::from_event(key.event()), key);
        }
    }

    #[test]
    fn modifiers_and_named_keys_ignore_case_but_letters_do_not() {
        assert_eq!(Key::parse("Ctrl-q"), Ok(Key::ctrl('q')));
        assert_eq!(Key::parse("PgDn"), Key::parse("pgdn"));
        assert_eq!(Key::parse("F1"), Ok(Key::plain(KeyCode::F(1))));
        assert_ne!(Key::parse("g"), Key::parse("G"));
        assert_eq!(Key::parse("alt-ctrl-x"), Key::parse("ctrl-alt-x"));
    }

    #[test]
    fn names_that_are_no_key_say_what_names_are() {
        for name in [
            "",
            " ",
            "ctrl-",
            "f0",
            "f13",
            "pagedown",
            "ctrl-ctrl-q",
            "shift-a",
            "\u{7}",
            "\u{202e}",
            "\u{200b}",
            "\u{301}",
        ] {
            let error = Key::parse(name).unwrap_err();
            assert!(error.contains(KEY_NAME_FORMS), "{name:?}: {error}");
        }
    }

    #[test]
    fn the_help_labels_keys_as_people_write_them() {
        let label = |name| Key::parse(name).unwrap().label();
        assert_eq!(label("ctrl-d"), "Ctrl-d");
        assert_eq!(label("pgdn"), "PgDn");
        assert_eq!(label("down"), "↓");
        assert_eq!(label("f1"), "F1");
        assert_eq!(label("shift-tab"), "Shift-Tab");
        assert_eq!(label("alt-b"), "Alt-b");
    }

    #[test]
    fn a_terminal_event_is_the_key_its_name_says() {
        let event = |code, modifiers| Key::from_event(KeyEvent::new(code, modifiers));
        assert_eq!(
            event(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Key::char('G')
        );
        assert_eq!(
            event(KeyCode::BackTab, KeyModifiers::SHIFT),
            Key::parse("shift-tab").unwrap()
        );
        assert_eq!(
            event(KeyCode::Char('q'), KeyModifiers::CONTROL),
            Key::ctrl('q')
        );
        assert_eq!(
            event(KeyCode::Down, KeyModifiers::SHIFT),
            Key::plain(KeyCode::Down)
        );
        assert_eq!(
            event(KeyCode::Char('x'), KeyModifiers::NONE).typed(),
            Some('x')
        );
        assert_eq!(event(KeyCode::Char('x'), KeyModifiers::ALT).typed(), None);
    }
}
