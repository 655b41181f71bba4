//! The index view's side of the explorer: moving and searching in it, and picking an entry
//! to narrow the timeline to.

use ratatui::layout::Position;

use super::{App, Mode};
use crate::app::action::Action;
use crate::app::geometry;
use crate::app::index_view::{Kind, Scope};

impl App {
    /// Applies an action to the index view; false for one it leaves to the rest of the app
    /// (quitting, resizing).
    pub(super) fn update_index(&mut self, action: Action) -> bool {
        let page = self.index_page();
        let rows = self.screen().index().map(geometry::index_rows);
        let view = &mut self.index_view;
        match action {
            Action::Next => view.move_by(1, page),
            Action::Previous => view.move_by(-1, page),
            Action::PageDown => view.move_by(page as isize, page),
            Action::PageUp => view.move_by(-(page as isize), page),
            Action::HalfPageDown => view.move_by((page / 2).max(1) as isize, page),
            Action::HalfPageUp => view.move_by(-((page / 2).max(1) as isize), page),
            Action::First => view.select(0, page),
            Action::Last => view.select(usize::MAX, page),
            Action::SwitchTab => view.switch_tab(1),
            Action::PreviousTab => view.switch_tab(-1),
            Action::StartSearch => self.mode = Mode::IndexSearch,
            Action::Edit(edit) => view.edit([edit]),
            Action::CancelSearch => {
                view.clear_query();
                self.mode = Mode::Index;
            }
            Action::ToggleIndex | Action::Back => self.mode = Mode::Browse,
            Action::Open => self.choose_index_entry(),
            Action::Scroll { lines, .. } => view.move_by(lines as isize, page),
            Action::Click { column, row } => {
                let position = Position::new(column, row);
                if let Some(rows) = rows
                    && rows.contains(position)
                {
                    let clicked = view.offset() + usize::from(row - rows.y);
                    if clicked < view.len() {
                        view.select(clicked, page);
                    }
                }
            }
            _ => return false,
        }
        true
    }

    /// Rows the index shows at once.
    pub(super) fn index_page(&self) -> usize {
        let rows = self.screen().index().map(geometry::index_rows);
        rows.map_or(1, |rows| usize::from(rows.height).max(1))
    }

    /// Narrows the timeline to the selected index entry's events, clearing the query and
    /// pillar filter so that all of them show.
    pub(super) fn choose_index_entry(&mut self) {
        let Some(entry) = self.index_view.selected() else {
            return;
        };
        if entry.events == 0 {
            let none = match self.index_view.tab() {
                Kind::Era => "no event falls in it",
                Kind::Acronym | Kind::Mechanism => "no event names it",
            };
            self.status = Some(format!("{}: {none}", entry.name));
            return;
        }
        let scope = Scope {
            kind: self.index_view.tab(),
            name: entry.name.clone(),
        };
        self.choices.leave(self.place());
        self.mode = Mode::Browse;
        self.choices.narrow_to(scope);
        self.refresh();
        self.select_row(0);
    }
}
