//! The event loop, generic over ratatui's `Backend` so tests drive the whole explorer on a
//! `TestBackend` with a scripted list of inputs, exactly as a terminal would.

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{Event, KeyEvent, MouseEvent};

use super::action::Action;
use super::effect::{Effect, EffectResult};
use super::keymap;
use super::state::App;
use crate::timeline::LoadError;
use crate::ui;

/// Something that happened outside the app.
#[derive(Debug)]
pub enum Input {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// A termination signal (SIGTERM, SIGHUP, …) with its number.
    Signal(i32),
    /// The watched dataset changed on disk (`--watch`): an explorer prepared on the new
    /// contents, or why they cannot be used.
    Reloaded(Box<Result<App, LoadError>>),
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

/// What the event loop needs from whoever owns the terminal.
pub trait Host<B: Backend> {
    /// Hands the terminal back to the shell until the user resumes (Ctrl-z).
    fn suspend(&mut self, terminal: &mut Terminal<B>) -> Result<(), B::Error>;
    /// Carries out one of the app's effects.
    fn perform(&mut self, app: &App, effect: &Effect) -> EffectResult;
}

/// A host with no terminal to hand back and no world to change, for tests and tools that run
/// the loop headless: suspending does nothing and every effect fails, saying so.
pub struct Offline;

impl<B: Backend> Host<B> for Offline {
    fn suspend(&mut self, _: &mut Terminal<B>) -> Result<(), B::Error> {
        Ok(())
    }

    fn perform(&mut self, _: &App, _: &Effect) -> EffectResult {
        EffectResult::Failed("Not available without a terminal".into())
    }
}

/// Draws, then applies inputs one at a time, redrawing after each, until the user quits, a signal
/// arrives or the inputs end. `host` suspends (Ctrl-z) and carries out the app's effects.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    inputs: impl IntoIterator<Item = Input>,
    host: &mut impl Host<B>,
) -> Result<Outcome, B::Error> {
    terminal.draw(|frame| ui::render(app, frame))?;
    for input in inputs {
        let action = match input {
            Input::Key(key) => keymap::action_for_key(app.mode(), key),
            Input::Mouse(mouse) => keymap::action_for_mouse(mouse),
            Input::Resize(width, height) => Some(Action::Resize(width, height)),
            Input::Signal(signal) => return Ok(Outcome::Signal(signal)),
            Input::Reloaded(loaded) => {
                app.reload(*loaded);
                terminal.draw(|frame| ui::render(app, frame))?;
                continue;
            }
        };
        let Some(action) = action else {
            continue;
        };
        app.update(action);
        for effect in app.take_effects() {
            let result = host.perform(app, &effect);
            app.effect_done(&effect, result);
        }
        if app.should_quit() {
            return Ok(Outcome::Quit);
        }
        if action == Action::Suspend {
            host.suspend(terminal)?;
        }
        terminal.draw(|frame| ui::render(app, frame))?;
    }
    Ok(Outcome::Quit)
}
