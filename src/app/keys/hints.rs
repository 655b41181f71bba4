//! The keys in force as hints and messages name them (`j/k move`, `Esc clears the search`):
//! looked up by action, so that a rebinding shows wherever a key is named, through names the
//! build checks against the table, so that no hint can name an action the table lacks.

use super::bindings::Keymap;
use super::table::ENTRIES;

/// An action of the table as a hint names it: its entry, found by name when the program is
/// compiled. A name the table lacks stops the build rather than showing no key at run time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActionName(usize);

impl ActionName {
    pub const NEXT: ActionName = ActionName::new("next");
    pub const PREVIOUS: ActionName = ActionName::new("previous");
    pub const PAGE_DOWN: ActionName = ActionName::new("page_down");
    pub const PAGE_UP: ActionName = ActionName::new("page_up");
    pub const NEXT_YEAR: ActionName = ActionName::new("next_year");
    pub const PREVIOUS_YEAR: ActionName = ActionName::new("previous_year");
    pub const SEARCH: ActionName = ActionName::new("search");
    pub const CANCEL_SEARCH: ActionName = ActionName::new("cancel_search");
    pub const PILLAR: ActionName = ActionName::new("pillar");
    pub const ALL_PILLARS: ActionName = ActionName::new("all_pillars");
    pub const PILLAR_PICK: ActionName = ActionName::new("pillar_pick");
    pub const ACCEPT_PILLAR_PICK: ActionName = ActionName::new("accept_pillar_pick");
    pub const TOGGLE_PILLAR_PICK: ActionName = ActionName::new("toggle_pillar_pick");
    pub const CANCEL_PILLAR_PICK: ActionName = ActionName::new("cancel_pillar_pick");
    pub const JUMP: ActionName = ActionName::new("jump");
    pub const INDEX: ActionName = ActionName::new("index");
    pub const CLEAR_SCOPE: ActionName = ActionName::new("clear_scope");
    pub const BOOKMARK: ActionName = ActionName::new("bookmark");
    pub const BOOKMARKED_ONLY: ActionName = ActionName::new("bookmarked_only");
    pub const EXPORT: ActionName = ActionName::new("export");
    pub const SWITCH_FORMAT: ActionName = ActionName::new("switch_format");
    pub const YES: ActionName = ActionName::new("yes");
    pub const NO: ActionName = ActionName::new("no");
    pub const SWITCH_TAB: ActionName = ActionName::new("switch_tab");
    pub const CLOSE_INDEX: ActionName = ActionName::new("close_index");
    pub const FOCUS: ActionName = ActionName::new("focus");
    pub const OPEN: ActionName = ActionName::new("open");
    pub const BACK: ActionName = ActionName::new("back");
    pub const COPY_LINK: ActionName = ActionName::new("copy_link");
    pub const CLOSE_ABOUT: ActionName = ActionName::new("close_about");
    pub const HELP: ActionName = ActionName::new("help");
    pub const CLOSE_HELP: ActionName = ActionName::new("close_help");
    pub const QUIT: ActionName = ActionName::new("quit");
    pub const CHART: ActionName = ActionName::new("chart");
    pub const LATER_EVENT: ActionName = ActionName::new("later_event");
    pub const EARLIER_EVENT: ActionName = ActionName::new("earlier_event");
    pub const LANE_DOWN: ActionName = ActionName::new("lane_down");
    pub const LANE_UP: ActionName = ActionName::new("lane_up");
    pub const ZOOM_IN: ActionName = ActionName::new("zoom_in");
    pub const ZOOM_OUT: ActionName = ActionName::new("zoom_out");
    pub const FIT: ActionName = ActionName::new("fit");
    pub const PAN_EARLIER: ActionName = ActionName::new("pan_earlier");
    pub const PAN_LATER: ActionName = ActionName::new("pan_later");

    /// The entry named `name`. Only ever evaluated while compiling (the constants above), where
    /// a name the table lacks is a build error, never a panic at run time.
    const fn new(name: &str) -> ActionName {
        let mut at = 0;
        while at < ENTRIES.len() {
            if same(ENTRIES[at].name.as_bytes(), name.as_bytes()) {
                return ActionName(at);
            }
            at += 1;
        }
        panic!("a hint names an action the key table lacks");
    }
}

/// Whether two names are the same, where `==` on strings cannot be used: while compiling.
const fn same(one: &[u8], other: &[u8]) -> bool {
    if one.len() != other.len() {
        return false;
    }
    let mut at = 0;
    while at < one.len() {
        if one[at] != other[at] {
            return false;
        }
        at += 1;
    }
    true
}

/// How a hint names the keys of one or two actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    /// The action's first key: `q`.
    One(ActionName),
    /// Each action's first key, as alternatives: `j/k`, `Tab/Esc`.
    Either(ActionName, ActionName),
    /// Each action's first key, side by side: `[ ]`.
    Both(ActionName, ActionName),
    /// All the action's keys as a span, the first to the last: `1-9` for the pillar keys, one
    /// to a pillar, whose chips in the header name each.
    Span(ActionName),
}

impl Keymap {
    /// The first key in force of `action`, as the help shows it; `None` when it has none.
    pub fn first_label(&self, action: ActionName) -> Option<String> {
        self.nth_label(action, 0)
    }

    /// The `nth` key in force of `action`, as the help shows it: for the pillar keys, the one
    /// that picks the `nth` pillar.
    pub fn nth_label(&self, action: ActionName, nth: usize) -> Option<String> {
        self.keys(action.0).get(nth).map(|key| key.label())
    }

    /// `message`, then `naming` the first key in force of `action` when it has one: a message
    /// that says which key helps, and still reads true when no key would.
    pub fn with_key(
        &self,
        message: &str,
        action: ActionName,
        naming: impl FnOnce(&str) -> String,
    ) -> String {
        match self.first_label(action) {
            Some(key) => format!("{message}{}", naming(&key)),
            None => message.to_string(),
        }
    }

    /// The keys `label` names, as a hint shows them; `None` when no action in it has a key, so
    /// that the hint goes. An action of a pair with no key leaves the other's alone: `k`.
    pub fn label(&self, label: Label) -> Option<String> {
        let pair = |one, other, between: &str| {
            let labels = [self.first_label(one), self.first_label(other)];
            let labels: Vec<String> = labels.into_iter().flatten().collect();
            (!labels.is_empty()).then(|| labels.join(between))
        };
        match label {
            Label::One(action) => self.first_label(action),
            Label::Either(one, other) => pair(one, other, "/"),
            Label::Both(one, other) => pair(one, other, " "),
            Label::Span(action) => match self.keys(action.0) {
                [] => None,
                [only] => Some(only.label()),
                [first, .., last] => Some(format!("{}-{}", first.label(), last.label())),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::bindings::tests::rebind;
    use super::*;

    fn rebound(pairs: &[(&str, &[&str])]) -> Keymap {
        rebind(pairs).unwrap()
    }

    #[test]
    fn a_name_finds_the_entry_it_names() {
        let name = |action: ActionName| ENTRIES[action.0].name;
        assert_eq!(name(ActionName::NEXT), "next");
        assert_eq!(name(ActionName::PILLAR), "pillar");
        assert_eq!(name(ActionName::CLOSE_HELP), "close_help");
        assert_eq!(name(ActionName::QUIT), "quit");
        assert!(same(b"quit", b"quit"));
        assert!(!same(b"quit", b"quits"));
        assert!(!same(b"next", b"nexx"));
    }

    #[test]
    fn the_defaults_are_labelled_as_the_footer_always_showed_them() {
        let keymap = Keymap::default();
        let label = |label| keymap.label(label);
        assert_eq!(
            label(Label::Either(ActionName::NEXT, ActionName::PREVIOUS)).as_deref(),
            Some("j/k")
        );
        assert_eq!(
            label(Label::Both(
                ActionName::PREVIOUS_YEAR,
                ActionName::NEXT_YEAR
            ))
            .as_deref(),
            Some("[ ]")
        );
        assert_eq!(
            label(Label::Span(ActionName::PILLAR)).as_deref(),
            Some("1-9")
        );
        assert_eq!(
            label(Label::Either(ActionName::PAGE_DOWN, ActionName::PAGE_UP)).as_deref(),
            Some("PgDn/PgUp")
        );
        assert_eq!(label(Label::One(ActionName::QUIT)).as_deref(), Some("q"));
        assert_eq!(
            keymap.nth_label(ActionName::PILLAR, 8).as_deref(),
            Some("9")
        );
        assert_eq!(keymap.nth_label(ActionName::PILLAR, 9), None);
    }

    #[test]
    fn rebound_keys_are_named_and_actions_without_keys_are_not() {
        let keymap = rebound(&[
            ("quit", &["ctrl-q"]),
            ("next", &[]),
            ("pillar", &["f2", "f3", "f5"]),
            ("all_pillars", &[]),
            ("jump", &["f12"]),
        ]);
        let label = |label| keymap.label(label);
        assert_eq!(
            label(Label::One(ActionName::QUIT)).as_deref(),
            Some("Ctrl-q")
        );
        assert_eq!(
            label(Label::Either(ActionName::NEXT, ActionName::PREVIOUS)).as_deref(),
            Some("k"),
            "the action that still has a key is named alone"
        );
        assert_eq!(
            label(Label::Span(ActionName::PILLAR)).as_deref(),
            Some("F2-F5")
        );
        assert_eq!(
            keymap.nth_label(ActionName::PILLAR, 1).as_deref(),
            Some("F3")
        );
        assert_eq!(label(Label::One(ActionName::ALL_PILLARS)), None);
        assert_eq!(label(Label::Span(ActionName::JUMP)).as_deref(), Some("F12"));
        let clears = |key: &str| format!(": {key} clears");
        assert_eq!(
            keymap.with_key("Nothing", ActionName::QUIT, clears),
            "Nothing: Ctrl-q clears"
        );
        assert_eq!(
            keymap.with_key("Nothing", ActionName::ALL_PILLARS, clears),
            "Nothing"
        );
        let none = rebound(&[("next", &[]), ("previous", &[])]);
        assert_eq!(
            none.label(Label::Either(ActionName::NEXT, ActionName::PREVIOUS)),
            None
        );
    }
}
