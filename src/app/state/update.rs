//! Where actions arrive: [`App::update`] hands each to the part of the state it concerns, and
//! [`App::edit`] hands typed text to the prompt open. Also the small actions that need no file of
//! their own: the help overlay, recalling queries, the order.

use ratatui::layout::Rect;

use super::{App, Mode, Prompt};
use crate::app::about;
use crate::app::action::{Action, Edit};
use crate::app::effect::Effect;
use crate::app::keys::ActionName;
use crate::files::Existing;

impl App {
    /// Applies edits, in order, to the line being typed (the query, a date, a path), then
    /// updates what follows from it once: keys typed faster than they are handled, or a paste,
    /// filter the list once for the text they leave rather than once per character. Outside a
    /// prompt, edits do nothing.
    pub fn edit(&mut self, edits: impl IntoIterator<Item = Edit>) {
        self.status = None;
        match &mut self.mode {
            Mode::Search => {
                if self.choices.edit_query(edits) {
                    self.refresh();
                }
            }
            Mode::Jump(prompt) | Mode::Export(prompt) => prompt.edit(edits),
            Mode::IndexSearch => self.index_view.edit(edits),
            Mode::PillarPick(_) => self.edit_pillar_pick(edits),
            Mode::Browse
            | Mode::Index
            | Mode::Confirm { .. }
            | Mode::Help { .. }
            | Mode::About { .. } => {}
        }
    }

    /// Applies one action, then lays the selected summary out as far as the detail now shows
    /// it, whatever the action changed (the scroll, the width, the layout), so that drawing
    /// lays out one screenful.
    pub fn update(&mut self, action: Action) {
        self.apply(action);
        self.lay_out_summary();
    }

    fn apply(&mut self, action: Action) {
        self.status = None;
        if self.scroll_overlay(action) {
            return;
        }
        if self.mode.in_index() && self.update_index(action) {
            return;
        }
        if self.update_pillar_pick(action) {
            return;
        }
        match action {
            Action::Quit => self.quit = true,
            // The event loop hands the terminal back; there is no state to change.
            Action::Suspend => {}
            Action::Resize(width, height) => {
                self.area = Rect::new(0, 0, width, height);
                self.keep_selection_visible();
            }
            Action::Next => self.move_in_focus(1),
            Action::Previous => self.move_in_focus(-1),
            Action::PageDown => self.move_in_focus(self.page() as isize),
            Action::PageUp => self.move_in_focus(-(self.page() as isize)),
            Action::HalfPageDown => self.move_in_focus((self.page() / 2).max(1) as isize),
            Action::HalfPageUp => self.move_in_focus(-((self.page() / 2).max(1) as isize)),
            Action::First => self.select_row(0),
            Action::Last => self.select_row(self.row_count().saturating_sub(1)),
            Action::NextYear => self.select_next_group(|year| year),
            Action::PreviousYear => self.select_previous_group(|year| year),
            Action::NextDecade => self.select_next_group(|year| year.div_euclid(10)),
            Action::PreviousDecade => self.select_previous_group(|year| year.div_euclid(10)),
            Action::StartSearch => {
                self.mode = Mode::Search;
                self.look_at_timeline();
            }
            Action::Edit(edit) => self.edit([edit]),
            Action::OlderQuery => self.recall(1),
            Action::NewerQuery => self.recall(-1),
            Action::AcceptSearch => {
                self.choices.accept_query();
                self.mode = Mode::Browse;
            }
            Action::CancelSearch => {
                self.mode = Mode::Browse;
                self.clear_query();
            }
            Action::ToggleOrder => self.toggle_order(),
            Action::StartJump => {
                self.mode = Mode::Jump(Prompt::default());
                self.look_at_timeline();
            }
            Action::AcceptJump => self.jump_to_date(),
            Action::CancelJump => self.mode = Mode::Browse,
            Action::ToggleIndex => self.mode = Mode::Index,
            // Only the index has tabs.
            Action::SwitchTab | Action::PreviousTab => {}
            Action::ClearScope => {
                if self.choices.clear_scope() {
                    self.refresh();
                } else {
                    let pick = |key: &str| format!(": {key} picks from the index");
                    let message = self
                        .keys()
                        .with_key("Nothing to clear", ActionName::INDEX, pick);
                    self.status = Some(message);
                }
            }
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::ToggleBookmarkedOnly => {
                let marks = self.choices.marks();
                if !self.bookmarked_only() && marks.events().is_empty() {
                    self.status = Some(if marks.loading() {
                        "Bookmarks are still loading".into()
                    } else {
                        let mark = |key: &str| format!(": {key} bookmarks the selected event");
                        self.keys()
                            .with_key("No bookmarks yet", ActionName::BOOKMARK, mark)
                    });
                    return;
                }
                self.choices.toggle_bookmarked_only();
                self.refresh();
            }
            Action::CopyCitation => {
                if let Some(event) = self.selected_event() {
                    self.effects.push(Effect::Copy(self.citation(event)));
                }
            }
            Action::CopyLink => self.copy_link(),
            Action::StartExport if self.refuse_second_export() => {}
            Action::StartExport => {
                let name = match self.today {
                    Some(today) => format!("ajtl-export-{}.md", today.format("%Y-%m-%d")),
                    None => "ajtl-export.md".to_string(),
                };
                self.mode = Mode::Export(Prompt::with(&name));
            }
            Action::SwitchFormat => self.switch_export_format(),
            Action::AcceptExport => self.export(),
            Action::CancelExport => self.mode = Mode::Browse,
            Action::Confirm(yes) => match std::mem::replace(&mut self.mode, Mode::Browse) {
                Mode::Confirm { path, format } if yes => {
                    self.start_export(path, format, Existing::Replace);
                }
                Mode::Confirm { .. } => {
                    self.status = Some("Export cancelled: nothing written".into());
                }
                _ => {}
            },
            Action::HistoryBack => {
                let here = self.place();
                match self.choices.back(here) {
                    Some(place) => self.go_to(place),
                    None => self.status = Some("No earlier place to go back to".into()),
                }
            }
            Action::HistoryForward => {
                let here = self.place();
                match self.choices.forward(here) {
                    Some(place) => self.go_to(place),
                    None => self.status = Some("No later place to go forward to".into()),
                }
            }
            Action::Pillar(pillar) => self.pick_pillar(pillar),
            Action::AllPillars => {
                self.choices.show_all_pillars();
                self.refresh();
            }
            Action::StartPillarPick => self.start_pillar_pick(),
            // Only the picker reads these (see `update_pillar_pick`).
            Action::AcceptPillarPick | Action::TogglePillarPick | Action::CancelPillarPick => {}
            Action::ToggleFocus => self.toggle_focus(),
            Action::Open => self.open(),
            // The export the status line shows comes first: the user sees it, and what else
            // `Back` undoes is one key to do again.
            Action::Back if self.stop_export() => {}
            Action::Back => self.back(),
            Action::ToggleHelp | Action::CloseHelp => self.toggle_help(action),
            Action::ToggleChart => self.toggle_chart(),
            Action::LaterEvent => self.step_in_time(1),
            Action::EarlierEvent => self.step_in_time(-1),
            Action::LaneDown => self.step_lane(1),
            Action::LaneUp => self.step_lane(-1),
            Action::ZoomIn => self.zoom(0.5),
            Action::ZoomOut => self.zoom(2.0),
            Action::FitChart => self.fit_chart(),
            Action::PanLater => self.pan(1.0),
            Action::PanEarlier => self.pan(-1.0),
            Action::FirstInTime => self.select_end_in_time(false),
            Action::LastInTime => self.select_end_in_time(true),
            Action::ToggleAbout => {
                self.mode = match self.mode {
                    Mode::About { .. } => Mode::Browse,
                    _ => Mode::About { scroll: 0 },
                }
            }
            Action::Scroll { column, row, lines } => self.scroll_at(column, row, lines),
            Action::Click { column, row } => self.click_at(column, row),
        }
    }

    /// Opens the help over the current mode, or closes it, back to the mode it covers.
    fn toggle_help(&mut self, action: Action) {
        self.mode = match std::mem::replace(&mut self.mode, Mode::Browse) {
            Mode::Help { under, .. } => *under,
            mode if action == Action::ToggleHelp => Mode::Help {
                under: Box::new(mode),
                scroll: 0,
            },
            mode => mode,
        };
    }

    /// Moves the help or About overlay for a movement action or the wheel (not the list under
    /// it); false for any other action.
    fn scroll_overlay(&mut self, action: Action) -> bool {
        // The overlay's inside: its lines, or the terminal less the overlay's borders.
        let (lines, visible) = match &self.mode {
            Mode::Help { .. } => {
                let lines = self.keys.help().len();
                (
                    lines,
                    lines.min(usize::from(self.area.height).saturating_sub(2)),
                )
            }
            Mode::About { .. } => {
                let lines = self.about_lines().len();
                let area = about::area(self.area, lines);
                (lines, usize::from(area.height).saturating_sub(2))
            }
            _ => return false,
        };
        let (Mode::Help { scroll, .. } | Mode::About { scroll }) = &mut self.mode else {
            return false;
        };
        let last = lines.saturating_sub(visible.max(1));
        let page = visible.max(1);
        *scroll = match action {
            Action::Next => *scroll + 1,
            Action::Previous => scroll.saturating_sub(1),
            Action::PageDown => *scroll + page,
            Action::PageUp => scroll.saturating_sub(page),
            Action::First => 0,
            Action::Last => last,
            Action::Scroll { lines, .. } => scroll.saturating_add_signed(isize::from(lines)),
            _ => return false,
        }
        .min(last);
        true
    }

    /// The About overlay's lines, laid out for the terminal's width.
    pub fn about_lines(&self) -> Vec<about::AboutLine> {
        about::lines(self.timeline(), about::text_width(self.area))
    }

    /// Shows an older (`steps` > 0) or newer accepted query in the search line.
    fn recall(&mut self, steps: isize) {
        if self.choices.recall(steps) {
            self.refresh();
        }
    }

    pub(super) fn clear_query(&mut self) {
        if self.choices.clear_query() || self.query_error().is_some() {
            self.refresh();
        }
    }

    fn toggle_order(&mut self) {
        if !self.compiled().ranks() {
            let search = |key: &str| format!(": type {key} and a query first");
            let message =
                self.keys()
                    .with_key("Order applies to searches", ActionName::SEARCH, search);
            self.status = Some(message);
            return;
        }
        self.choices.toggle_order();
        // Reordering shows the same events: stay on the one selected.
        self.pin_selection();
        self.refresh();
    }
}
