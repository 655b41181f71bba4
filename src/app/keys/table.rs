//! The one table of actions: each with the name `config.ron` rebinds it by, its default keys,
//! where it applies, and its line in the help. Dispatch, the help overlay, `ajtl keys` and the
//! README's key table are all made from it, so none of them can drift from the others.

use ratatui::crossterm::event::KeyCode::{
    BackTab, Backspace, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab,
    Up,
};

use super::names::Key;
use crate::app::action::{Action, Edit};

/// Where keys are read: one for each way the explorer reads keys. The app's modes map onto
/// these (see [`super::context`]); kept apart from them so the table holds no app state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    /// The timeline and the detail.
    Browse,
    /// Typing a query.
    Search,
    /// Typing a date to jump to.
    Jump,
    /// The index of acronyms and mechanisms.
    Index,
    /// Typing the index's search.
    IndexSearch,
    /// Typing where to export.
    Export,
    /// A yes/no question.
    Confirm,
    /// Typing a pillar's name in the pillar picker.
    PillarPick,
    /// The help overlay.
    Help,
    /// The About overlay: the timeline's own introduction.
    About,
    /// The chart, with the timeline focused: every browse key but the list's movements, and
    /// the chart's own.
    Chart,
}

impl Context {
    /// Every context, in the order `ajtl keys` names them.
    pub const ALL: [Context; 11] = [
        Context::Browse,
        Context::Search,
        Context::Jump,
        Context::Index,
        Context::IndexSearch,
        Context::Export,
        Context::Confirm,
        Context::PillarPick,
        Context::Help,
        Context::About,
        Context::Chart,
    ];

    /// Where a plain character is typed rather than looked up as a command.
    pub const PROMPTS: [Context; 5] = [
        Context::Search,
        Context::Jump,
        Context::IndexSearch,
        Context::Export,
        Context::PillarPick,
    ];

    /// How `ajtl keys` and messages name it.
    pub fn name(self) -> &'static str {
        match self {
            Context::Browse => "browse",
            Context::Search => "search",
            Context::Jump => "jump",
            Context::Index => "index",
            Context::IndexSearch => "index-search",
            Context::Export => "export",
            Context::Confirm => "confirm",
            Context::PillarPick => "pillar-pick",
            Context::Help => "help",
            Context::About => "about",
            Context::Chart => "chart",
        }
    }

    /// Whether unbound characters type themselves here.
    pub fn types(self) -> bool {
        Context::PROMPTS.contains(&self)
    }
}

/// The help's sections, in the order it shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Move,
    Find,
    Go,
    Keep,
    Index,
    /// The query syntax: text, not keys; no entry is in it.
    Syntax,
    Read,
    Chart,
    Edit,
    Other,
}

impl Group {
    pub const ALL: [Group; 10] = [
        Group::Move,
        Group::Find,
        Group::Go,
        Group::Keep,
        Group::Index,
        Group::Syntax,
        Group::Read,
        Group::Chart,
        Group::Edit,
        Group::Other,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Group::Move => "Move",
            Group::Find => "Find",
            Group::Go => "Go",
            Group::Keep => "Keep",
            Group::Index => "Index",
            Group::Syntax => "Search syntax",
            Group::Read => "Read",
            Group::Chart => "Chart (v)",
            Group::Edit => "Edit a prompt (other keys type)",
            Group::Other => "Other",
        }
    }
}

/// Whether `config.ron` may change an entry's keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Rebindable,
    /// Always these keys, so that a rebinding can never leave the user without a way out.
    Fixed,
    /// The mouse: documented here, handled by [`super::action_for_mouse`], no keys.
    Mouse,
}

/// One action the user can ask for by key.
#[derive(Debug)]
pub struct Entry {
    /// snake_case, as `config.ron` and `ajtl keys` name it.
    pub name: &'static str,
    /// What its keys do. For [`Action::Pillar`] the n-th key picks the n-th pillar; for the
    /// mouse, which has no keys, a click stands for what it does.
    pub action: Action,
    pub keys: &'static [Key],
    pub contexts: &'static [Context],
    pub group: Group,
    pub help: &'static str,
    pub kind: Kind,
    /// The help line it shares with the entry after it, its opposite (`next / previous
    /// event`): the help is half as long, and reads as people look for keys, in pairs.
    pub shared: Option<&'static str>,
}

impl Entry {
    /// The entry, sharing its help line with the next one under `text`.
    const fn paired(self, text: &'static str) -> Entry {
        Entry {
            shared: Some(text),
            ..self
        }
    }
}

use Context::{
    About, Browse, Chart, Confirm, Export, Help, Index, IndexSearch, Jump, PillarPick, Search,
};

/// The timeline, the index and the overlays scroll with the same keys.
const LISTS: &[Context] = &[Browse, Index, Help, About];
/// The timeline, as a list or a chart: what acts on the shown events rather than moving in the
/// list.
const VIEWS: &[Context] = &[Browse, Chart];
const PROMPTS: &[Context] = &Context::PROMPTS;
const TYPING_SEARCHES: &[Context] = &[Search, IndexSearch];
/// Where a list is moved in while a line is typed above it.
const TYPING_LISTS: &[Context] = &[Search, IndexSearch, PillarPick];
const EVERYWHERE: &[Context] = &Context::ALL;

const fn entry(
    name: &'static str,
    action: Action,
    keys: &'static [Key],
    contexts: &'static [Context],
    group: Group,
    help: &'static str,
) -> Entry {
    Entry {
        name,
        action,
        keys,
        contexts,
        group,
        help,
        kind: Kind::Rebindable,
        shared: None,
    }
}

const fn key(code: ratatui::crossterm::event::KeyCode) -> Key {
    Key::plain(code)
}

const fn ch(c: char) -> Key {
    Key::char(c)
}

const fn ctrl(c: char) -> Key {
    Key::ctrl(c)
}

const fn edit(name: &'static str, edit: Edit, keys: &'static [Key], help: &'static str) -> Entry {
    entry(name, Action::Edit(edit), keys, PROMPTS, Group::Edit, help)
}

/// Every action a key can ask for, in the help's order. One line each, as a table reads.
#[rustfmt::skip]
pub const ENTRIES: &[Entry] = &[
    // Move
    entry("next", Action::Next, &[ch('j'), key(Down)], LISTS, Group::Move, "next event or entry").paired("next / previous event"),
    entry("previous", Action::Previous, &[ch('k'), key(Up)], LISTS, Group::Move, "previous event or entry"),
    entry("page_down", Action::PageDown, &[key(PageDown), ctrl('f')], LISTS, Group::Move, "page down").paired("page down / up"),
    entry("page_up", Action::PageUp, &[key(PageUp), ctrl('b')], LISTS, Group::Move, "page up"),
    entry("half_page_down", Action::HalfPageDown, &[ctrl('d')], &[Browse, Index], Group::Move, "half page down").paired("half page down / up"),
    entry("half_page_up", Action::HalfPageUp, &[ctrl('u')], &[Browse, Index], Group::Move, "half page up"),
    entry("first", Action::First, &[ch('g'), key(Home)], LISTS, Group::Move, "first event or entry").paired("first / last event"),
    entry("last", Action::Last, &[ch('G'), key(End)], LISTS, Group::Move, "last event or entry"),
    entry("next_year", Action::NextYear, &[ch(']')], VIEWS, Group::Move, "next year with events").paired("next / previous year"),
    entry("previous_year", Action::PreviousYear, &[ch('[')], VIEWS, Group::Move, "previous year with events"),
    entry("next_decade", Action::NextDecade, &[ch('}')], VIEWS, Group::Move, "next decade").paired("next / previous decade"),
    entry("previous_decade", Action::PreviousDecade, &[ch('{')], VIEWS, Group::Move, "previous decade"),
    // Find
    entry("search", Action::StartSearch, &[ch('/')], &[Browse, Chart, Index], Group::Find, "search: type to filter live"),
    entry("accept_search", Action::AcceptSearch, &[key(Enter)], &[Search], Group::Find, "keep the search, back to the list"),
    entry("cancel_search", Action::CancelSearch, &[key(Esc)], TYPING_SEARCHES, Group::Find, "clear the search"),
    entry("older_query", Action::OlderQuery, &[key(Up)], &[Search], Group::Find, "earlier search").paired("earlier / later searches"),
    entry("newer_query", Action::NewerQuery, &[key(Down)], &[Search], Group::Find, "later search"),
    entry("next_match", Action::Next, &[ctrl('n')], TYPING_LISTS, Group::Find, "next match while typing").paired("next / previous event while typing"),
    entry("previous_match", Action::Previous, &[ctrl('p')], TYPING_LISTS, Group::Find, "previous match while typing"),
    entry("page_down_matches", Action::PageDown, &[key(PageDown)], TYPING_SEARCHES, Group::Find, "page down while typing").paired("page down / up while typing"),
    entry("page_up_matches", Action::PageUp, &[key(PageUp)], TYPING_SEARCHES, Group::Find, "page up while typing"),
    entry("toggle_order", Action::ToggleOrder, &[ch('s')], VIEWS, Group::Find, "relevance / date order of a search"),
    entry(
        "pillar",
        Action::Pillar(0),
        &[ch('1'), ch('2'), ch('3'), ch('4'), ch('5'), ch('6'), ch('7'), ch('8'), ch('9')],
        VIEWS,
        Group::Find,
        "show one pillar, then toggle others",
    ),
    entry("all_pillars", Action::AllPillars, &[ch('0')], VIEWS, Group::Find, "show every pillar"),
    entry("pillar_pick", Action::StartPillarPick, &[ch('p')], VIEWS, Group::Find, "pick a pillar by name, any of them"),
    entry("accept_pillar_pick", Action::AcceptPillarPick, &[key(Enter)], &[PillarPick], Group::Find, "pick the pillar as its number would"),
    entry("toggle_pillar_pick", Action::TogglePillarPick, &[key(Tab), key(BackTab)], &[PillarPick], Group::Find, "pick it and stay to pick more"),
    entry("next_pillar", Action::Next, &[key(Down)], &[PillarPick], Group::Find, "next pillar in the picker").paired("next / previous pillar in the picker"),
    entry("previous_pillar", Action::Previous, &[key(Up)], &[PillarPick], Group::Find, "previous pillar in the picker"),
    entry("cancel_pillar_pick", Action::CancelPillarPick, &[key(Esc)], &[PillarPick], Group::Find, "leave the picker"),
    // Go
    entry("jump", Action::StartJump, &[ch(':')], VIEWS, Group::Go, "jump to 2013-12-14; chart: 2008..2023"),
    entry("accept_jump", Action::AcceptJump, &[key(Enter)], &[Jump], Group::Go, "go to the date typed"),
    entry("cancel_jump", Action::CancelJump, &[key(Esc)], &[Jump], Group::Go, "leave the date prompt"),
    entry("index", Action::ToggleIndex, &[ch('a')], VIEWS, Group::Go, "index of acronyms, mechanisms and eras"),
    entry("clear_scope", Action::ClearScope, &[ch('x')], VIEWS, Group::Go, "show all after an index pick"),
    entry("history_back", Action::HistoryBack, &[ctrl('o'), ch('H')], VIEWS, Group::Go, "back to where a jump left"),
    entry("history_forward", Action::HistoryForward, &[ch('L')], VIEWS, Group::Go, "forward again"),
    // Keep
    entry("bookmark", Action::ToggleBookmark, &[ch('m')], VIEWS, Group::Keep, "bookmark the event (again: remove)"),
    entry("bookmarked_only", Action::ToggleBookmarkedOnly, &[ch('\'')], VIEWS, Group::Keep, "bookmarked events only / all"),
    entry("copy_citation", Action::CopyCitation, &[ch('y')], VIEWS, Group::Keep, "copy the event as a citation"),
    entry("copy_link", Action::CopyLink, &[ch('Y')], VIEWS, Group::Keep, "copy the media URL or first link"),
    entry("export", Action::StartExport, &[ch('e')], VIEWS, Group::Keep, "export the events shown (md, csv, json)"),
    entry("switch_format", Action::SwitchFormat, &[key(Tab), key(BackTab)], &[Export], Group::Keep, "next export format"),
    entry("accept_export", Action::AcceptExport, &[key(Enter)], &[Export], Group::Keep, "export to the path typed"),
    entry("cancel_export", Action::CancelExport, &[key(Esc)], &[Export], Group::Keep, "leave the export prompt"),
    entry("yes", Action::Confirm(true), &[ch('y'), ch('Y')], &[Confirm], Group::Keep, "replace the file"),
    entry("no", Action::Confirm(false), &[ch('n'), ch('N'), key(Esc), key(Enter)], &[Confirm], Group::Keep, "keep the file"),
    // Index
    entry("switch_tab", Action::SwitchTab, &[key(Tab), key(Right), ch('l')], &[Index], Group::Index, "next tab: acronyms / mechanisms / eras").paired("next / previous tab"),
    entry("previous_tab", Action::PreviousTab, &[key(BackTab), key(Left), ch('h')], &[Index], Group::Index, "previous tab"),
    entry("switch_tab_in_search", Action::SwitchTab, &[key(Tab)], &[IndexSearch], Group::Index, "next tab while typing").paired("next / previous tab while typing"),
    entry("previous_tab_in_search", Action::PreviousTab, &[key(BackTab)], &[IndexSearch], Group::Index, "previous tab while typing"),
    entry("next_entry", Action::Next, &[key(Down)], &[IndexSearch], Group::Index, "next entry while typing").paired("next / previous entry while typing"),
    entry("previous_entry", Action::Previous, &[key(Up)], &[IndexSearch], Group::Index, "previous entry while typing"),
    entry("close_index", Action::ToggleIndex, &[key(Esc), ch('q'), ch('a')], &[Index], Group::Index, "back to the timeline"),
    // Read
    entry("about", Action::ToggleAbout, &[ch('i')], VIEWS, Group::Read, "about this timeline"),
    entry("close_about", Action::ToggleAbout, &[key(Esc), ch('i'), ch('q'), key(Enter)], &[About], Group::Read, "close the About"),
    entry("focus", Action::ToggleFocus, &[key(Tab), key(BackTab)], VIEWS, Group::Read, "switch between timeline and detail"),
    entry(
        "open",
        Action::Open,
        &[key(Enter)],
        &[Browse, Chart, Index, IndexSearch],
        Group::Read,
        "open detail / related event / the entry",
    ),
    entry("back", Action::Back, &[key(Esc)], VIEWS, Group::Read, "stop an export; back to the timeline"),
    Entry {
        name: "mouse",
        action: Action::Click { column: 0, row: 0 },
        keys: &[],
        contexts: &[Browse],
        group: Group::Read,
        help: "wheel scrolls, click selects",
        kind: Kind::Mouse,
        shared: None,
    },
    // Chart
    entry("chart", Action::ToggleChart, &[ch('v')], VIEWS, Group::Chart, "chart of the events shown / list"),
    entry("later_event", Action::LaterEvent, &[ch('l'), key(Right)], &[Chart], Group::Chart, "next event in time").paired("next / previous event in time"),
    entry("earlier_event", Action::EarlierEvent, &[ch('h'), key(Left)], &[Chart], Group::Chart, "previous event in time"),
    entry("lane_down", Action::LaneDown, &[ch('j'), key(Down)], &[Chart], Group::Chart, "nearest event in the lane below").paired("nearest event a lane down / up"),
    entry("lane_up", Action::LaneUp, &[ch('k'), key(Up)], &[Chart], Group::Chart, "nearest event in the lane above"),
    entry("zoom_in", Action::ZoomIn, &[ch('+'), ch('=')], &[Chart], Group::Chart, "zoom in around the selection").paired("zoom in / out"),
    entry("zoom_out", Action::ZoomOut, &[ch('-')], &[Chart], Group::Chart, "zoom out around the selection"),
    entry("fit", Action::FitChart, &[ch('f')], &[Chart], Group::Chart, "fit everything shown"),
    entry("pan_later", Action::PanLater, &[ch('>')], &[Chart], Group::Chart, "pan later").paired("pan later / earlier"),
    entry("pan_earlier", Action::PanEarlier, &[ch('<')], &[Chart], Group::Chart, "pan earlier"),
    entry("first_in_time", Action::FirstInTime, &[ch('g'), key(Home)], &[Chart], Group::Chart, "first event in time").paired("first / last event in time"),
    entry("last_in_time", Action::LastInTime, &[ch('G'), key(End)], &[Chart], Group::Chart, "last event in time"),
    Entry {
        name: "chart_mouse",
        action: Action::Click { column: 0, row: 0 },
        keys: &[],
        contexts: &[Chart],
        group: Group::Chart,
        help: "wheel zooms, click selects",
        kind: Kind::Mouse,
        shared: None,
    },
    // Edit a prompt
    edit("delete_backward", Edit::DeleteBackward, &[key(Backspace), ctrl('h')], "delete the character before"),
    edit("delete_forward", Edit::DeleteForward, &[key(Delete)], "delete the character after"),
    edit("delete_word", Edit::DeleteWordBackward, &[ctrl('w')], "delete the word before"),
    edit("delete_to_start", Edit::DeleteToStart, &[ctrl('u')], "delete to the start"),
    edit("cursor_left", Edit::Left, &[key(Left), ctrl('b')], "cursor left").paired("cursor left / right"),
    edit("cursor_right", Edit::Right, &[key(Right), ctrl('f')], "cursor right"),
    edit("line_start", Edit::Home, &[key(Home), ctrl('a')], "cursor to the start").paired("cursor to the start / end"),
    edit("line_end", Edit::End, &[key(End), ctrl('e')], "cursor to the end"),
    // Other
    entry("help", Action::ToggleHelp, &[ch('?'), key(F(1))], &[Browse, Chart, Index], Group::Other, "this help"),
    entry(
        "close_help",
        Action::CloseHelp,
        &[key(Esc), ch('?'), ch('q'), key(F(1)), key(Enter)],
        &[Help],
        Group::Other,
        "close this help",
    ),
    entry("quit", Action::Quit, &[ch('q')], VIEWS, Group::Other, "quit"),
    Entry {
        name: "quit_anywhere",
        action: Action::Quit,
        keys: &[ctrl('c')],
        contexts: EVERYWHERE,
        group: Group::Other,
        help: "quit from anywhere (cannot be rebound)",
        kind: Kind::Fixed,
        shared: None,
    },
    entry("suspend", Action::Suspend, &[ctrl('z')], EVERYWHERE, Group::Other, "suspend (fg resumes)"),
];
