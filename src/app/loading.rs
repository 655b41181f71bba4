//! The loading screen for large files: the file loads on another thread while this loop draws its
//! progress and stays responsive (resize redraws; the quit key in force, `Esc` and Ctrl-c give
//! up), so the first
//! frame appears at once whatever the file's size. Other keys typed meanwhile (say `/jaif`) are
//! kept and applied as soon as the data is in. [`load_in_background`] starts the loading thread
//! and waits; [`wait_for`] is the waiting alone.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Rect;

use super::keys::{ActionName, Keymap};
use super::run::Input;
use super::{Action, App, Data, Mode};
use crate::memory::release_freed_memory;
use crate::search::Index;
use crate::snapshot::codec::Keep;
use crate::snapshot::{self, Cache, Opened, Unsaved};
use crate::timeline::text::sanitize;
use crate::timeline::{LoadError, Progress};
use crate::ui;
use crate::ui::theme::Theme;

/// How often the progress is redrawn while nothing else happens.
const TICK: Duration = Duration::from_millis(50);

/// How waiting ended.
pub enum Waited<T> {
    /// The result, and the inputs that arrived meanwhile (typed ahead) to apply next.
    Ready(T, Vec<Input>),
    /// The user gave up.
    Quit,
    /// A termination signal arrived.
    Signal(i32),
    /// The loading thread ended without a result (it panicked).
    Lost,
}

/// Loads the file at `path` (through the cache, when given) and prepares the explorer for
/// `area` on another thread, showing progress meanwhile: the explorer, sized to the terminal as
/// it is once ready, and the snapshot still to write (see [`prepare`]); or why not.
pub fn load_in_background<B: Backend>(
    terminal: &mut Terminal<B>,
    theme: &Theme,
    keys: &Keymap,
    (path, cache): (&Path, Option<&Cache>),
    area: Rect,
    inputs: &Receiver<Input>,
) -> Result<Waited<Result<Prepared, LoadError>>, B::Error> {
    let progress = Arc::new(Progress::default());
    let (sender, result) = mpsc::channel();
    let (shared, owned_path, cache) = (progress.clone(), path.to_path_buf(), cache.cloned());
    std::thread::spawn(move || {
        let opened = snapshot::open_index(&owned_path, cache.as_ref(), &shared, Keep::Copied);
        // The receiver is gone only if the user already quit.
        let _ = sender.send(opened.map(|opened| prepare(opened, area)));
    });
    let name = sanitize(&path.display().to_string()).into_owned();
    let mut waited = wait_for(terminal, theme, keys, &name, &progress, &result, inputs)?;
    if let Waited::Ready(Ok((app, _)), _) = &mut waited {
        let size = terminal.size()?;
        app.update(Action::Resize(size.width, size.height));
    }
    Ok(waited)
}

/// The explorer on an opened file, and its snapshot still to write ([`prepare`]).
pub type Prepared = (App, Option<Unsaved>);

/// The explorer on an opened file, for `area`, and its snapshot if one is still to be
/// written: the caller writes it once the explorer shows, from the index the explorer shares
/// ([`Unsaved::save_in_background`]), so the first open is no slower for it.
pub fn prepare(opened: Opened<Index>, area: Rect) -> Prepared {
    let warning = opened.warning();
    let (index, unsaved) = opened.share();
    let mut app = App::with_data(Data::from_index(index), area);
    // What the file held that ajtl could not carry: the first thing the user reads.
    if let Some(warning) = warning {
        app.set_status(warning);
    }
    release_freed_memory();
    (app, unsaved)
}

/// Shows `progress` for the file `name` until `result` delivers or the user gives up: with
/// Ctrl-c, or with `Esc` or the key that quits the explorer (`keys`) before anything else is
/// typed (after that it is part of what is typed ahead).
pub fn wait_for<B: Backend, T>(
    terminal: &mut Terminal<B>,
    theme: &Theme,
    keys: &Keymap,
    name: &str,
    progress: &Progress,
    result: &Receiver<T>,
    inputs: &Receiver<Input>,
) -> Result<Waited<T>, B::Error> {
    let mut typed_ahead = Vec::new();
    let quit_key = keys.first_label(ActionName::QUIT);
    let quit_key = quit_key.as_deref().unwrap_or("Esc");
    loop {
        terminal.draw(|frame| ui::loading(frame, theme, name, quit_key, progress.snapshot()))?;
        while let Ok(input) = inputs.try_recv() {
            match input {
                Input::Signal(signal) => return Ok(Waited::Signal(signal)),
                Input::Key(key) => {
                    let ctrl_c = key.code == KeyCode::Char('c')
                        && key.modifiers.contains(KeyModifiers::CONTROL);
                    let quits = key.code == KeyCode::Esc
                        || keys.action(&Mode::Browse, key) == Some(Action::Quit);
                    let giving_up = typed_ahead.is_empty() && quits;
                    if ctrl_c || giving_up {
                        return Ok(Waited::Quit);
                    }
                    typed_ahead.push(input);
                }
                // A resize is picked up by the next draw; the explorer learns the size anew.
                Input::Resize(..) => {}
                Input::Paste(_) | Input::Mouse(_) => typed_ahead.push(input),
                // Nothing is watched, kept or exported before the explorer is ready.
                Input::Reloaded(_) | Input::Bookmarks(_) | Input::Export(_) => {}
            }
        }
        match result.recv_timeout(TICK) {
            Ok(value) => return Ok(Waited::Ready(value, typed_ahead)),
            Err(RecvTimeoutError::Disconnected) => return Ok(Waited::Lost),
            Err(RecvTimeoutError::Timeout) => {}
        }
    }
}
