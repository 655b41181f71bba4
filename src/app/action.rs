//! Every user intent the explorer understands, named for what it does rather than the key that
//! triggers it, so the keymap, mouse handling and tests all speak the same language.

/// One thing the user asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Hand the terminal back to the shell (Ctrl-z); `fg` resumes.
    Suspend,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),

    /// Move down one item in the focused pane (an event, or a related event in the detail).
    Next,
    /// Move up one item in the focused pane.
    Previous,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    First,
    Last,
    NextYear,
    PreviousYear,
    NextDecade,
    PreviousDecade,

    /// Start typing a query (`/`).
    StartSearch,
    /// Edit the query.
    Edit(Edit),
    /// Show the previous query from this session's history (↑ while searching).
    OlderQuery,
    /// Show the next, more recent query (↓ while searching).
    NewerQuery,
    /// Keep the query's filter and return to the list.
    AcceptSearch,
    /// Clear the query and return to the list.
    CancelSearch,
    /// Switch a filtered list between relevance and timeline order.
    ToggleOrder,

    /// Start typing a date to jump to (`:`).
    StartJump,
    /// Jump to the date typed (Enter), or say why it cannot.
    AcceptJump,
    /// Leave the date prompt without jumping.
    CancelJump,
    /// Open the index of acronyms and mechanisms (`a`), or close it.
    ToggleIndex,
    /// Show the index's next tab, after the last the first.
    SwitchTab,
    /// Show the index's previous tab, before the first the last.
    PreviousTab,
    /// Show every event again after choosing an index entry narrowed them (`x`).
    ClearScope,
    /// Bookmark the selected event, or remove its bookmark (`m`).
    ToggleBookmark,
    /// Show only bookmarked events, or all again (`'`).
    ToggleBookmarkedOnly,
    /// Copy the selected event as a citation line (`y`).
    CopyCitation,
    /// Copy the selected event's media URL, else its first link (`Y`).
    CopyLink,
    /// Start typing where to export the events shown (`e`).
    StartExport,
    /// Cycle the export's format (Markdown, CSV, JSON), changing the file name's extension.
    SwitchFormat,
    /// Export to the path typed.
    AcceptExport,
    /// Leave the export prompt.
    CancelExport,
    /// Answer a yes/no question (replace an existing file?).
    Confirm(bool),
    /// Return to where the last jump left (Ctrl-o).
    HistoryBack,
    /// Redo a jump undone with [`Action::HistoryBack`].
    HistoryForward,

    /// The pillar with this 0-based position: show only it, or toggle it (see [`crate::timeline::PillarSet::pick`]).
    Pillar(usize),
    AllPillars,
    /// Open the pillar picker (`p`): every pillar reachable by name, however many there are.
    StartPillarPick,
    /// Pick the pillar highlighted in the picker as its number key would, and close it.
    AcceptPillarPick,
    /// Pick the pillar highlighted in the picker as its number key would, and stay to pick more.
    TogglePillarPick,
    /// Leave the pillar picker, keeping the pillars picked.
    CancelPillarPick,

    /// Show the rows as a chart on a time axis, or as the list again (`v`).
    ToggleChart,
    /// Select the next shown event in time, across lanes (the chart's `l`).
    LaterEvent,
    /// Select the previous shown event in time, across lanes (the chart's `h`).
    EarlierEvent,
    /// Select the event nearest in time in the lane below (the chart's `j`).
    LaneDown,
    /// Select the event nearest in time in the lane above (the chart's `k`).
    LaneUp,
    /// Show half the time, around the selection (`+`).
    ZoomIn,
    /// Show twice the time, around the selection (`-`).
    ZoomOut,
    /// Show all the time the shown events cover (`f`).
    FitChart,
    /// Show later time by a quarter of the window (`>`).
    PanLater,
    /// Show earlier time by a quarter of the window (`<`).
    PanEarlier,
    /// Select the first shown event in time (the chart's `g`).
    FirstInTime,
    /// Select the last shown event in time (the chart's `G`).
    LastInTime,

    /// Show the timeline's own introduction — its description, source and counts — or close it.
    ToggleAbout,

    /// Move focus between the timeline and the detail.
    ToggleFocus,
    /// Open the detail (narrow layout), jump to the selected related event (detail focused), or
    /// narrow the timeline to the selected index entry's events (index).
    Open,
    /// Leave the full-screen detail (narrow layout).
    Back,
    ToggleHelp,
    CloseHelp,

    /// Mouse wheel at a screen position; positive is down.
    Scroll {
        column: u16,
        row: u16,
        lines: i8,
    },
    /// Left click at a screen position.
    Click {
        column: u16,
        row: u16,
    },
}

/// A change to the line being typed (the query, or a date to jump to).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    DeleteBackward,
    DeleteForward,
    DeleteWordBackward,
    DeleteToStart,
    Left,
    Right,
    Home,
    End,
}
