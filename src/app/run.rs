//! The event loop, generic over ratatui's `Backend` so tests drive the whole explorer on a
//! `TestBackend` with a scripted list of inputs, exactly as a terminal would.

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{Event, KeyEvent, MouseEvent};

use super::action::Action;
use super::keymap;
use super::state::App;
use crate::ui;

/// Something that happened outside the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// A termination signal (SIGTERM, SIGHUP, …) with its number.
    Signal(i32),
}

impl Input {
    /// The input a terminal event carries, if it is one the explorer reacts to.
    pub fn from_terminal(event: Event) -> Option<Self> {
        match event {
            Event::Key(key) => Some(Input::Key(key)),
            Event::Mouse(mouse) => Some(Input::Mouse(mouse)),
            Event::Resize(width, height) => Some(Input::Resize(width, height)),
            _ => None,
        }
    }
}

/// Why the loop ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The user quit, or the inputs ran out.
    Quit,
    /// A termination signal arrived.
    Signal(i32),
}

/// Draws, then applies inputs one at a time, redrawing after each, until the user quits, a signal
/// arrives or the inputs end. `suspend` is called for Ctrl-z with the terminal to hand back.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    inputs: impl IntoIterator<Item = Input>,
    mut suspend: impl FnMut(&mut Terminal<B>) -> Result<(), B::Error>,
) -> Result<Outcome, B::Error> {
    terminal.draw(|frame| ui::render(app, frame))?;
    for input in inputs {
        let action = match input {
            Input::Key(key) => keymap::action_for_key(app.mode(), key),
            Input::Mouse(mouse) => keymap::action_for_mouse(mouse),
            Input::Resize(width, height) => Some(Action::Resize(width, height)),
            Input::Signal(signal) => return Ok(Outcome::Signal(signal)),
        };
        let Some(action) = action else {
            continue;
        };
        app.update(action);
        if app.should_quit() {
            return Ok(Outcome::Quit);
        }
        if action == Action::Suspend {
            suspend(terminal)?;
        }
        terminal.draw(|frame| ui::render(app, frame))?;
    }
    Ok(Outcome::Quit)
}
