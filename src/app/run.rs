//! The event loop, generic over ratatui's `Backend` so tests drive the whole explorer on a
//! `TestBackend` with a scripted list of inputs, exactly as a terminal would.
//!
//! Inputs that arrive faster than they are handled (fast typing, keys typed while a large file
//! loaded) are not handled one frame at a time: a run of edits to a prompt is applied together,
//! and the screen is drawn once the waiting inputs are handled, as fzf and other finders do — or
//! after [`FRAME_AT_LEAST`], so a held key still shows where it has got to.
//!
//! A search never keeps an input waiting: with inputs that can tell when one has arrived
//! ([`Inputs::interrupt`]), a search stops as soon as one has, or once the screen is due to be
//! drawn; the input is handled (`q` quits at once, typed keys are drawn), and the search
//! resumes once no input waits.

use ratatui::Terminal;
use ratatui::backend::Backend;
use std::collections::VecDeque;
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{Event, KeyEvent, MouseEvent};

use super::action::{Action, Edit};
use super::effect::{Effect, EffectResult, ExportReport};
use super::keys;
use super::state::{App, Data, Interrupt};
use crate::bookmarks::Report;
use crate::timeline::LoadError;
use crate::ui;

/// Something that happened outside the app.
#[derive(Debug)]
pub enum Input {
    Key(KeyEvent),
    /// Text pasted into the terminal (bracketed paste), whole.
    Paste(String),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// A termination signal (SIGTERM, SIGHUP, …) with its number.
    Signal(i32),
    /// The watched dataset changed on disk (`--watch`): the new contents prepared for the
    /// explorer, or why they cannot be used.
    Reloaded(Box<Result<Data, LoadError>>),
    /// The bookmarks as the host's keeper stored them, or why it could not.
    Bookmarks(Report),
    /// How the export the host is writing is going.
    Export(ExportReport),
}

impl Input {
    /// The input a terminal event carries, if it is one the explorer reacts to.
    pub fn from_terminal(event: Event) -> Option<Self> {
        match event {
            Event::Key(key) => Some(Input::Key(key)),
            Event::Paste(text) => Some(Input::Paste(text)),
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
        EffectResult::Failed(WITHOUT_TERMINAL.into())
    }
}

/// Why a host without a terminal does not carry out an effect that needs one.
pub(crate) const WITHOUT_TERMINAL: &str = "Not available without a terminal";

/// How long inputs that keep arriving can put off the next frame.
pub const FRAME_AT_LEAST: Duration = Duration::from_millis(100);

/// Where the event loop's inputs come from.
pub trait Inputs {
    /// The next input, waiting for it; `None` when no more will come.
    fn next(&mut self) -> Option<Input>;
    /// An input that has already arrived, without waiting for one.
    fn ready(&mut self) -> Option<Input>;
    /// Tells, from any thread, whether an input has arrived, so that a long search can stop
    /// for it; `None` for inputs that cannot tell (a search then runs to its end).
    fn interrupt(&self) -> Option<Interrupt> {
        None
    }
    /// Tells, from any thread, whether an input `wanted` picks has arrived, for a search that
    /// must end before the inputs are handled, which only quitting may stop; `None` for
    /// inputs that cannot tell.
    fn interrupt_for(&self, wanted: Wanted) -> Option<Interrupt> {
        let _ = wanted;
        None
    }
}

/// Which inputs matter (see [`Inputs::interrupt_for`]).
pub type Wanted = Arc<dyn Fn(&Input) -> bool + Send + Sync>;

/// A script of inputs, as tests give: each arrives once the one before is handled and drawn.
impl<I: Iterator<Item = Input>> Inputs for I {
    fn next(&mut self) -> Option<Input> {
        Iterator::next(self)
    }

    fn ready(&mut self) -> Option<Input> {
        None
    }
}

/// The terminal's inputs, after those that arrived before the explorer was ready (keys typed
/// while a large file loaded), all of which are waiting already.
pub struct Live {
    waiting: Arc<Mutex<Waiting>>,
}

/// The inputs that have arrived and not been handled: first those in `ahead`, then the
/// channel's.
struct Waiting {
    ahead: VecDeque<Input>,
    inputs: Receiver<Input>,
}

impl Live {
    /// `ahead` first, then what `inputs` brings.
    pub fn new(ahead: VecDeque<Input>, inputs: Receiver<Input>) -> Self {
        Live {
            waiting: Arc::new(Mutex::new(Waiting { ahead, inputs })),
        }
    }

    fn waiting(&self) -> MutexGuard<'_, Waiting> {
        self.waiting.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Inputs for Live {
    fn next(&mut self) -> Option<Input> {
        // Held while waiting: only a search asks otherwise, and none runs while the loop waits.
        let mut waiting = self.waiting();
        let waiting = &mut *waiting;
        waiting
            .ahead
            .pop_front()
            .or_else(|| waiting.inputs.recv().ok())
    }

    fn ready(&mut self) -> Option<Input> {
        let mut waiting = self.waiting();
        let waiting = &mut *waiting;
        waiting
            .ahead
            .pop_front()
            .or_else(|| waiting.inputs.try_recv().ok())
    }

    /// Looks into the channel without taking from it: an input found is kept, in order, for
    /// [`Inputs::ready`].
    fn interrupt(&self) -> Option<Interrupt> {
        let shared = Arc::clone(&self.waiting);
        Some(Arc::new(move || {
            let mut waiting = shared.lock().unwrap_or_else(|e| e.into_inner());
            if !waiting.ahead.is_empty() {
                return true;
            }
            match waiting.inputs.try_recv() {
                Ok(input) => {
                    waiting.ahead.push_back(input);
                    true
                }
                Err(_) => false,
            }
        }))
    }

    /// Keeps what has arrived, in order, for [`Inputs::ready`], and looks through it.
    fn interrupt_for(&self, wanted: Wanted) -> Option<Interrupt> {
        let shared = Arc::clone(&self.waiting);
        Some(Arc::new(move || {
            let mut waiting = shared.lock().unwrap_or_else(|e| e.into_inner());
            let waiting = &mut *waiting;
            waiting.ahead.extend(waiting.inputs.try_iter());
            waiting.ahead.iter().any(|input| wanted(input))
        }))
    }
}

/// What the loop itself has waiting, besides the inputs, which a search must not delay: a
/// frame, or an input it has already taken.
#[derive(Clone, Default)]
struct Urgent(Arc<Mutex<Pressing>>);

#[derive(Default)]
struct Pressing {
    /// When the screen, changed by the inputs handled since it was last drawn, is to be drawn
    /// even if a search has not finished: `None` while it shows the latest state.
    frame: Option<Instant>,
    /// Whether the loop holds an input it read ahead (after a run of edits).
    input: bool,
}

impl Urgent {
    fn get(&self) -> MutexGuard<'_, Pressing> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The screen is changing: due [`FRAME_AT_LEAST`] from now, unless it already is sooner.
    fn changing(&self) {
        let mut pressing = self.get();
        pressing
            .frame
            .get_or_insert_with(|| Instant::now() + FRAME_AT_LEAST);
        pressing.input = false;
    }

    fn holding(&self, input: bool) {
        self.get().input = input;
    }

    fn now(&self) -> bool {
        let pressing = self.get();
        pressing.input || pressing.frame.is_some_and(|due| Instant::now() >= due)
    }

    fn drawn(&self) {
        self.get().frame = None;
    }
}

/// The loop's inputs, with those that arrived while a search was being finished first: they
/// wait their turn behind the action that needed the search.
struct Ordered<I> {
    held: VecDeque<Input>,
    inputs: I,
    /// What stops the app's searches, if anything does: an input, or a frame due.
    interrupt: Option<Interrupt>,
}

impl<I: Inputs> Ordered<I> {
    fn next(&mut self) -> Option<Input> {
        self.held.pop_front().or_else(|| self.inputs.next())
    }

    fn ready(&mut self) -> Option<Input> {
        self.held.pop_front().or_else(|| self.inputs.ready())
    }

    /// Runs the interrupted search to its end, for an action that acts on what it shows (`m`
    /// right after `/JAIF⏎` bookmarks the best JAIF match, not the row selected before). The
    /// inputs that stop it meanwhile are held, in order, except a quit or a signal, which end
    /// the loop at once: the outcome then. Only they stop the search: other inputs would wait
    /// all the same, and a search stopped for each key held down would never end.
    fn finish_search(&mut self, app: &mut App) -> Option<Outcome> {
        let keys = app.keys().clone();
        let context = app.key_context();
        let quits = self
            .inputs
            .interrupt_for(Arc::new(move |input| match input {
                Input::Signal(_) => true,
                Input::Key(key) => keys.action_in(context, *key) == Some(Action::Quit),
                _ => false,
            }));
        if let Some(quits) = quits {
            app.set_interrupt(quits);
        }
        let outcome = self.finish_search_until_quit(app);
        if let Some(interrupt) = &self.interrupt {
            app.set_interrupt(Arc::clone(interrupt));
        }
        outcome
    }

    fn finish_search_until_quit(&mut self, app: &mut App) -> Option<Outcome> {
        while app.searching() {
            // The rows' search: a reload's waits until the action is done.
            if let Some(old) = app.resume_search() {
                discard(old);
            }
            while let Some(input) = self.inputs.ready() {
                match input {
                    Input::Signal(signal) => return Some(Outcome::Signal(signal)),
                    Input::Key(key)
                        if app.keys().action_in(app.key_context(), key) == Some(Action::Quit) =>
                    {
                        app.update(Action::Quit);
                        return Some(Outcome::Quit);
                    }
                    input => self.held.push_back(input),
                }
            }
        }
        None
    }
}

/// What one input asks of the app.
enum Step {
    Act(Action),
    Edit(Vec<Edit>),
    Reload(Box<Result<Data, LoadError>>),
    Bookmarks(Report),
    Export(ExportReport),
    Stop(i32),
}

impl Step {
    /// Whether the step acts on the rows shown (moving, marking, opening, copying, exporting…),
    /// and so must wait for a search still running: all but quitting, resizing, the help and
    /// the search prompt's own keys (typing restarts a search; Enter and Esc leave it).
    fn reads_rows(&self) -> bool {
        match self {
            Step::Act(action) => !matches!(
                action,
                Action::Quit
                    | Action::Suspend
                    | Action::Resize(..)
                    | Action::StartSearch
                    | Action::AcceptSearch
                    | Action::CancelSearch
                    | Action::OlderQuery
                    | Action::NewerQuery
                    | Action::Back
                    | Action::ToggleHelp
                    | Action::CloseHelp
            ),
            Step::Edit(_)
            | Step::Reload(_)
            | Step::Bookmarks(_)
            | Step::Export(_)
            | Step::Stop(_) => false,
        }
    }

    fn of(app: &App, input: Input) -> Option<Step> {
        let action = match input {
            Input::Key(key) => app.keys().action_in(app.key_context(), key)?,
            // A pasted line break or tab is a space: the text is typed, never submitted.
            Input::Paste(text) => {
                let typed = |c: char| if c.is_whitespace() { ' ' } else { c };
                return Some(Step::Edit(
                    text.chars().map(typed).map(Edit::Insert).collect(),
                ));
            }
            Input::Mouse(mouse) => keys::action_for_mouse(mouse)?,
            Input::Resize(width, height) => Action::Resize(width, height),
            Input::Signal(signal) => return Some(Step::Stop(signal)),
            Input::Reloaded(loaded) => return Some(Step::Reload(loaded)),
            Input::Bookmarks(report) => return Some(Step::Bookmarks(report)),
            Input::Export(report) => return Some(Step::Export(report)),
        };
        Some(match action {
            Action::Edit(edit) => Step::Edit(vec![edit]),
            action => Step::Act(action),
        })
    }
}

/// Frees data a reload replaced on a thread of its own: a million events are a million
/// allocations, a quarter of a second to free, which would hold the frame after the reload.
fn discard(old: Data) {
    // Should no thread start, the data is freed here (the closure is dropped with it).
    let _ = std::thread::Builder::new()
        .name("discard".into())
        .spawn(move || drop(old));
}

/// Draws, then applies inputs until the user quits, a signal arrives or the inputs end, drawing
/// again whenever no input is waiting (or [`FRAME_AT_LEAST`] after the last frame). `host`
/// suspends (Ctrl-z) and carries out the app's effects.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    inputs: impl Inputs,
    host: &mut impl Host<B>,
) -> Result<Outcome, B::Error> {
    terminal.draw(|frame| ui::render(app, frame))?;
    let mut drawn = Instant::now();
    let urgent = Urgent::default();
    let interrupt = inputs.interrupt().map(|arrived| {
        let urgent = urgent.clone();
        let interrupt: Interrupt = Arc::new(move || arrived() || urgent.now());
        interrupt
    });
    if let Some(interrupt) = &interrupt {
        app.set_interrupt(Arc::clone(interrupt));
    }
    let mut inputs = Ordered {
        held: VecDeque::new(),
        inputs,
        interrupt,
    };
    // An input that arrived while the one before was handled, and so is handled before drawing.
    let mut waiting = None;
    loop {
        let step = match waiting.take() {
            Some(step) => step,
            None => match inputs.next() {
                Some(input) => match Step::of(app, input) {
                    Some(step) => step,
                    None => continue,
                },
                None => return Ok(Outcome::Quit),
            },
        };
        if app.searching() && step.reads_rows() {
            // Shown while the search finishes; and with the frame drawn, nothing but an input
            // stops it.
            terminal.draw(|frame| ui::render(app, frame))?;
            drawn = Instant::now();
            urgent.drawn();
            urgent.holding(false);
            if let Some(outcome) = inputs.finish_search(app) {
                return Ok(outcome);
            }
        }
        urgent.changing();
        match step {
            Step::Stop(signal) => return Ok(Outcome::Signal(signal)),
            Step::Reload(loaded) => {
                app.reload(*loaded).into_iter().for_each(discard);
            }
            Step::Bookmarks(report) => app.bookmarks_stored(report),
            Step::Export(report) => app.export_report(report),
            Step::Edit(mut edits) => {
                // Edits already waiting join this one; the first other input waits its turn.
                while let Some(input) = inputs.ready() {
                    match Step::of(app, input) {
                        Some(Step::Edit(more)) => edits.extend(more),
                        Some(other) => {
                            waiting = Some(other);
                            break;
                        }
                        None => {}
                    }
                }
                urgent.holding(waiting.is_some());
                app.edit(edits);
            }
            Step::Act(action) => {
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
            }
        }
        if waiting.is_none() {
            waiting = inputs.ready().and_then(|input| Step::of(app, input));
        }
        if waiting.is_none() || drawn.elapsed() >= FRAME_AT_LEAST {
            terminal.draw(|frame| ui::render(app, frame))?;
            drawn = Instant::now();
            urgent.drawn();
        }
        // A search an input stopped resumes once no input waits (and may be stopped again):
        // the rows' first, then a reload's, which takes the data's place when it ends.
        while waiting.is_none() && (app.searching() || app.reloading()) {
            if let Some(old) = app.resume_search() {
                discard(old);
            }
            match inputs.ready() {
                Some(input) => waiting = Step::of(app, input),
                None if app.searching() || app.reloading() => break,
                None => {
                    terminal.draw(|frame| ui::render(app, frame))?;
                    drawn = Instant::now();
                }
            }
        }
    }
}
