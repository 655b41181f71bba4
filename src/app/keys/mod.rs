//! Keys as data: one table of actions ([`table::ENTRIES`]) from which the keys in force are
//! built ([`Keymap`], with `config.ron`'s rebindings), key presses are dispatched, and the help,
//! `ajtl keys`, the README's key table and the hints that name keys are written. No side
//! effects: a key becomes an [`Action`] here and `App::update` acts on it.

mod bindings;
mod doc;
mod hints;
pub mod names;
pub mod table;

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

pub use bindings::{Keymap, Place, Problem};
pub use doc::{HELP_KEY_WIDTH, HelpLine, README_END, README_START};
pub use hints::{ActionName, Label};
pub use names::Key;
pub use table::{Context, ENTRIES, Entry, Group, Kind};

use super::action::Action;
use super::state::Mode;

/// Lines one wheel notch moves.
const WHEEL_LINES: i8 = 3;

/// The context whose keys apply in `mode`: the one place the app's modes meet the table
/// (`App::key_context` reads browsing the chart as [`Context::Chart`] on top of it).
#[allow(
    clippy::unneeded_struct_pattern,
    reason = "the patterns stay valid when a mode carries its prompt's or overlay's state"
)]
pub fn context(mode: &Mode) -> Context {
    match mode {
        Mode::Browse { .. } => Context::Browse,
        Mode::Search { .. } => Context::Search,
        Mode::Jump { .. } => Context::Jump,
        Mode::Index { .. } => Context::Index,
        Mode::IndexSearch { .. } => Context::IndexSearch,
        Mode::Export { .. } => Context::Export,
        Mode::Confirm { .. } => Context::Confirm,
        Mode::PillarPick { .. } => Context::PillarPick,
        Mode::Help { .. } => Context::Help,
        Mode::About { .. } => Context::About,
    }
}

/// The action a mouse event asks for, if any. The mouse is not rebindable.
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
