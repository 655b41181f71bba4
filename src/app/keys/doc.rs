//! The keys written out for people, all from the table and the keys in force: the help
//! overlay's lines, `ajtl keys`, and the README's key table.

use super::bindings::Keymap;
use super::hints::ActionName;
use super::names::Key;
use super::table::{Context, ENTRIES, Entry, Group, Kind};

/// The query syntax, shown in the help between the index and reading: text, not keys.
const SYNTAX: [(&str, &str); 6] = [
    ("a b  a | b", "both terms / either term"),
    ("'a ^a a$ !a", "exact, prefix, suffix, exclude"),
    ("pillar:eco", "pillar by id or name (fuzzy)"),
    ("acronym:jaif", "events with that acronym"),
    ("place:tokyo", "place (fuzzy)"),
    ("year:2008", "also 2003..2013, >2010, <1990"),
];

/// The help's keys column: longer key lists go on to the next line.
pub const HELP_KEY_WIDTH: usize = 16;

/// Between the two halves of a pair's keys: `j k  ↓ ↑`.
const PAIR_GAP: &str = "  ";

/// The keys of an action rebound to none.
const NONE: &str = "(none)";

/// Where the README's generated key table starts and ends.
pub const README_START: &str =
    "<!-- keys: made by `ajtl::app::keys::Keymap::readme_table`; tests/keys.rs checks it -->";
pub const README_END: &str = "<!-- end of keys -->";

/// One line of the help overlay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpLine {
    /// A section's title.
    Group(String),
    /// Keys (as the help labels them) and what they do.
    Keys(String, &'static str),
}

/// One line of keys in the help or the README: an action, or a pair of opposite actions.
struct Row {
    keys: String,
    what: &'static str,
    names: Vec<&'static str>,
}

impl Keymap {
    /// The help overlay's lines: each group's title, then each of its actions with the keys
    /// in force, wrapped at [`HELP_KEY_WIDTH`] onto lines of their own.
    pub fn help(&self) -> Vec<HelpLine> {
        let mut lines = Vec::new();
        for group in Group::ALL {
            lines.push(HelpLine::Group(self.title(group)));
            if group == Group::Syntax {
                let syntax = SYNTAX.iter();
                lines.extend(syntax.map(|&(keys, what)| HelpLine::Keys(keys.to_string(), what)));
            }
            for Row { keys, what, .. } in self.rows(group) {
                let mut wrapped = wrap(&keys).into_iter();
                let first = wrapped.next().unwrap_or_default();
                lines.push(HelpLine::Keys(first, what));
                lines.extend(wrapped.map(|more| HelpLine::Keys(more, "")));
            }
        }
        lines
    }

    /// The rows of `group`: each entry's keys, or a pair's side by side, as `j k  ↓ ↑` for
    /// `j ↓` and `k ↑`.
    fn rows(&self, group: Group) -> Vec<Row> {
        let mut rows = Vec::new();
        let mut entries = in_group(group).peekable();
        while let Some((at, entry)) = entries.next() {
            let row = match (entry.shared, entries.next_if(|_| entry.shared.is_some())) {
                (Some(what), Some((other_at, other))) => Row {
                    keys: side_by_side(&self.label_list(at), &self.label_list(other_at)),
                    what,
                    names: vec![entry.name, other.name],
                },
                _ => Row {
                    keys: self.labels(at, entry),
                    what: entry.help,
                    names: vec![entry.name],
                },
            };
            rows.push(row);
        }
        rows
    }

    /// `ajtl keys`: every action with its keys in force, where it applies and what it does,
    /// in aligned columns, then how to rebind.
    pub fn listing(&self) -> String {
        let mut rows = vec![[
            "ACTION".to_string(),
            "KEYS".to_string(),
            "WHERE".to_string(),
            "WHAT".to_string(),
        ]];
        for (at, entry) in ENTRIES.iter().enumerate() {
            let keys = match entry.kind {
                Kind::Mouse => "(mouse)".to_string(),
                Kind::Fixed => format!("{} (fixed)", self.names(at)),
                Kind::Rebindable => self.names(at),
            };
            let help = entry.help.to_string();
            rows.push([entry.name.to_string(), keys, contexts(entry), help]);
        }
        let mut text = aligned(&rows);
        text.push_str(
            "\nRebind in config.ron, e.g. Config(keys: {\"next\": [\"n\", \"down\"]}): the keys \
             listed replace the action's. ctrl-c always quits.\n",
        );
        text
    }

    /// The README's key table (Markdown) with the default keys, between its markers: the
    /// help's lines, each with the names `config.ron` rebinds them by.
    pub fn readme_table(&self) -> String {
        let mut text = format!("{README_START}\n| keys | what they do | action |\n|---|---|---|\n");
        for group in Group::ALL.into_iter().filter(|g| *g != Group::Syntax) {
            text.push_str(&format!("| **{}** | | |\n", self.title(group)));
            for Row { keys, what, names } in self.rows(group) {
                let quote = |words: &str| {
                    let words = words.split(' ').map(|word| format!("`{word}`"));
                    words.collect::<Vec<_>>().join(" ")
                };
                let keys: Vec<String> = keys.split(PAIR_GAP).map(quote).collect();
                let names: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
                let (keys, names) = (keys.join(", "), names.join(" "));
                text.push_str(&format!("| {keys} | {what} | {names} |\n"));
            }
        }
        text.push_str(README_END);
        text.push('\n');
        text
    }

    /// A section's title as the help and the README show it: the index's names the key in
    /// force that opens it, `Index (a)`.
    fn title(&self, group: Group) -> String {
        match group {
            Group::Index => {
                let key = |key: &str| format!(" ({key})");
                self.with_key(group.title(), ActionName::INDEX, key)
            }
            _ => group.title().to_string(),
        }
    }

    /// The keys of the entry at `at` as the help shows them; a run such as `1 2 … 9` as `1-9`.
    fn labels(&self, at: usize, entry: &Entry) -> String {
        if entry.kind == Kind::Mouse {
            return "mouse".to_string();
        }
        let labels = self.label_list(at);
        if labels.is_empty() {
            return NONE.to_string();
        }
        labels.join(" ")
    }

    /// The labels of the entry at `at`'s keys, a run of characters as one.
    fn label_list(&self, at: usize) -> Vec<String> {
        let keys = self.keys(at);
        let mut labels: Vec<String> = Vec::new();
        let mut rest = keys;
        while let Some((&first, _)) = rest.split_first() {
            let run = run_length(rest);
            if run >= 3 {
                let last = rest[run - 1];
                labels.push(format!("{}-{}", first.label(), last.label()));
            } else {
                labels.extend(rest[..run].iter().map(|key| key.label()));
            }
            rest = &rest[run..];
        }
        labels
    }

    /// The keys of the entry at `at` as `config.ron` names them.
    fn names(&self, at: usize) -> String {
        let names: Vec<String> = self.keys(at).iter().map(|key| key.name()).collect();
        if names.is_empty() {
            NONE.to_string()
        } else {
            names.join(" ")
        }
    }
}

/// The entries of `group`, with their positions in [`ENTRIES`].
fn in_group(group: Group) -> impl Iterator<Item = (usize, &'static Entry)> {
    ENTRIES
        .iter()
        .enumerate()
        .filter(move |(_, entry)| entry.group == group)
}

/// Two actions' keys, first with first and second with second: `j k  ↓ ↑`; `a / (none)`
/// when one has none.
fn side_by_side(one: &[String], other: &[String]) -> String {
    if one.is_empty() || other.is_empty() {
        let or_none = |labels: &[String]| match labels.join(" ") {
            joined if joined.is_empty() => NONE.to_string(),
            joined => joined,
        };
        return format!("{} / {}", or_none(one), or_none(other));
    }
    let pairs = (0..one.len().max(other.len())).map(|at| {
        let pair = [one.get(at), other.get(at)];
        let pair: Vec<&str> = pair.into_iter().flatten().map(String::as_str).collect();
        pair.join(" ")
    });
    pairs.collect::<Vec<_>>().join(PAIR_GAP)
}

/// `keys` in lines of at most [`HELP_KEY_WIDTH`] columns, broken between a pair's groups
/// (`PgDn PgUp` / `Ctrl-f Ctrl-b`) where it can, else between keys; a key longer than that
/// has a line to itself.
fn wrap(keys: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for group in keys.split(PAIR_GAP) {
        let last = lines.last_mut();
        match last {
            Some(line) if width(line) + PAIR_GAP.len() + width(group) <= HELP_KEY_WIDTH => {
                line.push_str(PAIR_GAP);
                line.push_str(group);
            }
            _ => lines.extend(wrap_words(group)),
        }
    }
    lines
}

/// One group of keys in lines of at most [`HELP_KEY_WIDTH`] columns, broken between keys.
fn wrap_words(group: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in group.split(' ') {
        match lines.last_mut() {
            Some(line) if width(line) + 1 + width(word) <= HELP_KEY_WIDTH => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

fn width(text: &str) -> usize {
    text.chars().count()
}

/// How many keys from the first are characters one after the other (`1 2 3`), at least 1.
fn run_length(keys: &[Key]) -> usize {
    let chars: Vec<Option<char>> = keys.iter().map(|key| key.lone_char()).collect();
    let follows = |pair: &[Option<char>]| match pair {
        [Some(a), Some(b)] => u32::from(*a) + 1 == u32::from(*b),
        _ => false,
    };
    1 + chars.windows(2).take_while(|pair| follows(pair)).count()
}

/// Where an entry applies, as `ajtl keys` says it.
fn contexts(entry: &Entry) -> String {
    if entry.contexts == Context::ALL {
        return "everywhere".to_string();
    }
    let names: Vec<&str> = entry.contexts.iter().map(|c| c.name()).collect();
    names.join(" ")
}

/// Rows in columns as wide as their widest cell, the last column unpadded.
fn aligned(rows: &[[String; 4]]) -> String {
    let width = |column: usize| {
        let cells = rows.iter().map(|row| row[column].chars().count());
        cells.max().unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2)];
    let mut text = String::new();
    for row in rows {
        for (cell, width) in row.iter().zip(widths) {
            text.push_str(&format!("{cell:<width$}  "));
        }
        text.push_str(&row[3]);
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::super::bindings::tests::rebind;
    use super::*;

    #[test]
    fn runs_of_characters_are_shortened_and_others_listed() {
        let keymap = Keymap::default();
        let help = keymap.help();
        let line = |what: &str| {
            help.iter().find_map(|line| match line {
                HelpLine::Keys(keys, w) if *w == what => Some(keys.clone()),
                _ => None,
            })
        };
        assert_eq!(
            line("show one pillar, then toggle others").as_deref(),
            Some("1-9")
        );
        assert_eq!(line("next / previous event").as_deref(), Some("j k  ↓ ↑"));
        assert_eq!(line("page down / up").as_deref(), Some("PgDn PgUp"));
        let mut wrapped = help
            .iter()
            .skip_while(|l| **l != HelpLine::Keys("PgDn PgUp".into(), "page down / up"));
        assert_eq!(
            wrapped.nth(1),
            Some(&HelpLine::Keys("Ctrl-f Ctrl-b".into(), "")),
            "keys wider than the column go on to the next line"
        );
        assert_eq!(
            line("back to where a jump left").as_deref(),
            Some("Ctrl-o H")
        );
        assert_eq!(
            line("wheel scrolls, click selects").as_deref(),
            Some("mouse")
        );
    }

    #[test]
    fn the_index_section_names_the_key_in_force_that_opens_it() {
        let title = |keymap: Keymap| {
            let titles = keymap.help().into_iter().filter_map(|line| match line {
                HelpLine::Group(title) if title.starts_with("Index") => Some(title),
                _ => None,
            });
            titles.collect::<Vec<_>>()
        };
        assert_eq!(title(Keymap::default()), ["Index (a)"]);
        assert_eq!(
            title(rebind(&[("index", &["f3"])]).unwrap()),
            ["Index (F3)"]
        );
        assert_eq!(title(rebind(&[("index", &[])]).unwrap()), ["Index"]);
    }

    #[test]
    fn the_listing_is_aligned_and_names_keys_as_the_config_does() {
        let listing = Keymap::default().listing();
        let next = listing.lines().find(|l| l.starts_with("next ")).unwrap();
        let header = listing.lines().next().unwrap();
        assert_eq!(next.find("j down"), header.find("KEYS"));
        assert!(listing.contains("ctrl-c (fixed)"), "{listing}");
    }
}
