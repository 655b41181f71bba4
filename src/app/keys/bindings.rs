//! The keys in force: the table's defaults with `config.ron`'s rebindings applied and checked
//! (every name known, no key asked to do two things in one context), looked up per key press.

use std::collections::HashMap;

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use super::context;
use super::names::Key;
use super::table::{Context, ENTRIES, Entry, Kind};
use crate::app::action::{Action, Edit};
use crate::app::state::Mode;

/// What each key does in each context, and the keys of every action, for the help.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    /// The keys in force for each entry of [`ENTRIES`], by position.
    keys: Vec<Vec<Key>>,
    dispatch: HashMap<(Context, Key), Action>,
}

/// Where in the rebindings a problem lies: the `action`-th action named, or one of its keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub action: usize,
    pub key: Option<usize>,
}

/// A rebinding that cannot be used, and why, naming the valid choices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub place: Place,
    pub message: String,
}

/// A key one context would give to two actions.
struct Conflict {
    context: Context,
    key: Key,
    /// The entries, by position in [`ENTRIES`]: the one bound first, and the other.
    entries: [usize; 2],
}

impl Default for Keymap {
    /// The table's own keys. They never conflict (a test says so), so none are dropped.
    fn default() -> Self {
        let keys: Vec<Vec<Key>> = ENTRIES.iter().map(|entry| entry.keys.to_vec()).collect();
        let (binding, _) = bind(&keys, &HashMap::new());
        let dispatch = binding.dispatch;
        Keymap { keys, dispatch }
    }
}

impl Keymap {
    /// The defaults with `rebindings` applied: (action name, key names) in the config's order,
    /// each replacing that action's keys. Every problem is returned, in the config's order.
    pub fn new(rebindings: &[(String, Vec<String>)]) -> Result<Keymap, Vec<Problem>> {
        let mut keymap = Keymap::default();
        let mut problems = Vec::new();
        // The rebinding of each entry rebound: entry → position in `rebindings`.
        let mut rebound = HashMap::new();
        for (at, (name, key_names)) in rebindings.iter().enumerate() {
            let place = Place {
                action: at,
                key: None,
            };
            let mut problem = |message| problems.push(Problem { place, message });
            let Some(entry) = ENTRIES.iter().position(|entry| entry.name == name) else {
                problem(format!(
                    "unknown action {name:?}: the actions are {}",
                    action_names()
                ));
                continue;
            };
            if ENTRIES[entry].kind != Kind::Rebindable {
                problem(format!("{name} cannot be rebound"));
                continue;
            }
            if rebound.contains_key(&entry) {
                problem(format!("{name} is rebound twice"));
                continue;
            }
            rebound.insert(entry, at);
            let mut keys = Vec::new();
            for (nth, key_name) in key_names.iter().enumerate() {
                match Key::parse(key_name) {
                    Ok(key) if !keys.contains(&key) => keys.push(key),
                    Ok(_) => {}
                    Err(message) => problems.push(Problem {
                        place: Place {
                            action: at,
                            key: Some(nth),
                        },
                        message,
                    }),
                }
            }
            keymap.keys[entry] = keys;
        }
        let (binding, mut conflicts) = bind(&keymap.keys, &rebound);
        keymap.dispatch = binding.dispatch;
        for (entry, key) in binding.shadowed {
            keymap.keys[entry].retain(|&kept| kept != key);
        }
        // One message per key, about the first context it is bound twice in.
        conflicts.sort_by_key(|conflict| conflict.context);
        for conflict in conflicts {
            let problem = conflict_problem(&conflict, &rebound, rebindings);
            if !problems.iter().any(|known| known.place == problem.place) {
                problems.push(problem);
            }
        }
        problems.sort_by_key(|problem| problem.place);
        if problems.is_empty() {
            Ok(keymap)
        } else {
            Err(problems)
        }
    }

    /// The action a key press asks for while the app is in `mode`, if any (see
    /// [`Keymap::action_in`]).
    pub fn action(&self, mode: &Mode, event: KeyEvent) -> Option<Action> {
        self.action_in(context(mode), event)
    }

    /// The action a key press asks for in `context` (the app gives it:
    /// `App::key_context`), if any: the key's binding there, or else, in a prompt, the
    /// character it types. Releases ask for nothing.
    pub fn action_in(&self, context: Context, event: KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key::from_event(event);
        if let Some(action) = self.dispatch.get(&(context, key)) {
            return Some(*action);
        }
        let typed = key.typed().filter(|_| context.types())?;
        Some(Action::Edit(Edit::Insert(typed)))
    }

    /// The keys in force for `entry`, a position in [`ENTRIES`].
    pub fn keys(&self, entry: usize) -> &[Key] {
        self.keys.get(entry).map_or(&[], Vec::as_slice)
    }
}

/// The action an entry's `nth` key asks for: the n-th pillar for the pillar keys, else the
/// entry's action.
fn action_of(entry: &Entry, nth: usize) -> Action {
    match entry.action {
        Action::Pillar(_) => Action::Pillar(nth),
        action => action,
    }
}

/// What the keys in force do.
struct Binding {
    /// Every (context, key) → action.
    dispatch: HashMap<(Context, Key), Action>,
    /// The chart's own default keys that a key rebound for browsing took over, by entry.
    shadowed: Vec<(usize, Key)>,
}

/// Whether the key of entry `own`, a default key of the chart's own, gives way to entry
/// `other`'s, rebound: a key a user binds for browsing does the same in the chart, so that
/// the chart's keys never make an older `config.ron` fail.
fn gives_way(own: usize, other: usize, rebound: &HashMap<usize, usize>) -> bool {
    ENTRIES[own].contexts == [Context::Chart]
        && !rebound.contains_key(&own)
        && rebound.contains_key(&other)
}

/// What the entries' `keys` make (`rebound`: the entries the config rebinds), and the keys
/// bound twice.
fn bind(keys: &[Vec<Key>], rebound: &HashMap<usize, usize>) -> (Binding, Vec<Conflict>) {
    let mut owners: HashMap<(Context, Key), usize> = HashMap::new();
    let mut dispatch = HashMap::new();
    let mut shadowed = Vec::new();
    let mut conflicts = Vec::new();
    for (at, (entry, keys)) in ENTRIES.iter().zip(keys).enumerate() {
        for &context in entry.contexts {
            for (nth, &key) in keys.iter().enumerate() {
                match owners.get(&(context, key)) {
                    Some(&first) if gives_way(first, at, rebound) => {
                        shadowed.push((first, key));
                        owners.insert((context, key), at);
                        dispatch.insert((context, key), action_of(entry, nth));
                    }
                    Some(&first) if gives_way(at, first, rebound) => shadowed.push((at, key)),
                    Some(&first) => conflicts.push(Conflict {
                        context,
                        key,
                        entries: [first, at],
                    }),
                    None => {
                        owners.insert((context, key), at);
                        dispatch.insert((context, key), action_of(entry, nth));
                    }
                }
            }
        }
    }
    let binding = Binding { dispatch, shadowed };
    (binding, conflicts)
}

/// The message for a key bound twice, placed at the key in the rebinding that made it so (the
/// later one when both entries were rebound).
fn conflict_problem(
    conflict: &Conflict,
    rebound: &HashMap<usize, usize>,
    rebindings: &[(String, Vec<String>)],
) -> Problem {
    let [first, second] = conflict.entries.map(|entry| ENTRIES[entry].name);
    let message = format!(
        "{} is bound to both {first} and {second} in {}: rebind one of them",
        conflict.key,
        conflict.context.name()
    );
    let at = conflict
        .entries
        .iter()
        .filter_map(|entry| rebound.get(entry).copied())
        .max()
        .unwrap_or_default();
    let key = rebindings.get(at).and_then(|(_, names)| {
        names
            .iter()
            .position(|name| Key::parse(name) == Ok(conflict.key))
    });
    Problem {
        place: Place { action: at, key },
        message,
    }
}

/// Every action's name, for the message about one that is not.
fn action_names() -> String {
    let names: Vec<&str> = ENTRIES
        .iter()
        .filter(|entry| entry.kind == Kind::Rebindable)
        .map(|entry| entry.name)
        .collect();
    names.join(", ")
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// The keymap `pairs` of action and key names give, as `config.ron` would.
    pub(in crate::app::keys) fn rebind(pairs: &[(&str, &[&str])]) -> Result<Keymap, Vec<Problem>> {
        let pairs: Vec<(String, Vec<String>)> = pairs
            .iter()
            .map(|(name, keys)| {
                let keys = keys.iter().map(|key| key.to_string()).collect();
                (name.to_string(), keys)
            })
            .collect();
        Keymap::new(&pairs)
    }

    fn press(keymap: &Keymap, mode: Mode, name: &str) -> Option<Action> {
        keymap.action(&mode, Key::parse(name).unwrap().event())
    }

    #[test]
    fn the_defaults_bind_no_key_twice() {
        let keys: Vec<Vec<Key>> = ENTRIES.iter().map(|entry| entry.keys.to_vec()).collect();
        let (_, conflicts) = bind(&keys, &HashMap::new());
        let named: Vec<String> = conflicts
            .iter()
            .map(|c| format!("{} in {:?}", c.key, c.context))
            .collect();
        assert_eq!(named, Vec::<String>::new());
        assert_eq!(rebind(&[]), Ok(Keymap::default()));
    }

    #[test]
    fn a_rebinding_replaces_the_actions_keys_and_only_them() {
        let keymap = rebind(&[("next", &["n", "down"]), ("quit", &["ctrl-q"])]).unwrap();
        assert_eq!(press(&keymap, Mode::Browse, "n"), Some(Action::Next));
        assert_eq!(press(&keymap, Mode::Browse, "down"), Some(Action::Next));
        assert_eq!(
            press(&keymap, Mode::Browse, "j"),
            None,
            "j is no longer next"
        );
        assert_eq!(press(&keymap, Mode::Browse, "q"), None);
        assert_eq!(press(&keymap, Mode::Browse, "ctrl-q"), Some(Action::Quit));
        assert_eq!(press(&keymap, Mode::Search, "ctrl-c"), Some(Action::Quit));
        assert_eq!(press(&keymap, Mode::Browse, "k"), Some(Action::Previous));
        assert_eq!(
            press(&keymap, Mode::Search, "n"),
            Some(Action::Edit(Edit::Insert('n'))),
            "prompts still type what is not bound in them"
        );
    }

    #[test]
    fn the_nth_pillar_key_picks_the_nth_pillar() {
        let keymap = rebind(&[("pillar", &["f2", "f3"])]).unwrap();
        let f = |n| press(&keymap, Mode::Browse, &format!("f{n}"));
        assert_eq!(f(2), Some(Action::Pillar(0)));
        assert_eq!(f(3), Some(Action::Pillar(1)));
        assert_eq!(press(&keymap, Mode::Browse, "1"), None);
    }

    #[test]
    fn a_key_freed_by_one_rebinding_may_be_taken_by_another() {
        let keymap = rebind(&[("copy_citation", &["q"]), ("quit", &["ctrl-q"])]).unwrap();
        assert_eq!(
            press(&keymap, Mode::Browse, "q"),
            Some(Action::CopyCitation)
        );
    }

    #[test]
    fn every_problem_is_found_and_placed() {
        let problems = rebind(&[
            ("nxet", &["n"]),
            ("next", &["q", "hyper-x", "n"]),
            ("quit_anywhere", &["ctrl-q"]),
            ("previous", &["ctrl-c"]),
            ("next", &["j"]),
        ])
        .unwrap_err();
        let at = |action, key| Place { action, key };
        let placed: Vec<(Place, &str)> = problems
            .iter()
            .map(|problem| (problem.place, problem.message.as_str()))
            .collect();
        assert_eq!(placed.len(), 6, "{placed:#?}");
        assert_eq!(placed[0].0, at(0, None));
        assert!(
            placed[0]
                .1
                .starts_with("unknown action \"nxet\": the actions are next, previous,")
        );
        assert_eq!(
            placed[1],
            (
                at(1, Some(0)),
                "q is bound to both next and quit in browse: rebind one of them"
            )
        );
        assert_eq!(placed[2].0, at(1, Some(1)));
        assert!(
            placed[2]
                .1
                .starts_with("unknown key \"hyper-x\": use a character")
        );
        assert_eq!(placed[3], (at(2, None), "quit_anywhere cannot be rebound"));
        assert_eq!(
            placed[4],
            (
                at(3, Some(0)),
                "ctrl-c is bound to both previous and quit_anywhere in browse: rebind one of them"
            )
        );
        assert_eq!(placed[5], (at(4, None), "next is rebound twice"));
    }

    #[test]
    fn a_key_rebound_for_browsing_takes_over_the_charts_own() {
        let keymap = rebind(&[("search", &["f"])]).unwrap();
        let chart = |name| keymap.action_in(Context::Chart, Key::parse(name).unwrap().event());
        assert_eq!(chart("f"), Some(Action::StartSearch));
        assert_eq!(press(&keymap, Mode::Browse, "f"), Some(Action::StartSearch));
        let fit = ENTRIES
            .iter()
            .position(|entry| entry.name == "fit")
            .unwrap();
        assert_eq!(keymap.keys(fit), [], "the help no longer names f for fit");
        assert!(
            rebind(&[("fit", &["/"])]).is_err(),
            "the chart's own rebound still conflicts"
        );
    }

    #[test]
    fn shift_is_in_the_key_and_ctrl_and_alt_are_exact() {
        let keymap = Keymap::default();
        assert_eq!(press(&keymap, Mode::Browse, "G"), Some(Action::Last));
        assert_eq!(press(&keymap, Mode::Browse, "alt-j"), None);
        assert_eq!(press(&keymap, Mode::Search, "alt-j"), None);
        assert_eq!(press(&keymap, Mode::Browse, "ctrl-q"), None);
        assert_eq!(press(&keymap, Mode::Browse, "enter"), Some(Action::Open));
    }
}
