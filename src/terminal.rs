//! The real terminal's lifecycle: raw mode, alternate screen, bracketed paste and mouse capture
//! on the way in, and all of them undone on every way out — normal quit, error, panic,
//! termination signal — plus Ctrl-z suspension. Restoring is idempotent, so the panic hook and
//! the drop guard never fight.

use std::io::{self, Stdout, stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};

use crate::app::Input;

/// Whether the terminal is currently set up by us.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether mouse capture was turned on (and so must be turned off).
static MOUSE: AtomicBool = AtomicBool::new(false);

pub type Tty = Terminal<CrosstermBackend<Stdout>>;

/// Holds the terminal in explorer mode; dropping it restores the terminal.
pub struct Session {
    pub terminal: Tty,
}

impl Session {
    /// Enters raw mode, the alternate screen and bracketed paste (and mouse capture if `mouse`),
    /// after installing a panic hook that restores the terminal before the panic message is
    /// printed.
    pub fn start(mouse: bool) -> io::Result<Self> {
        install_panic_hook();
        MOUSE.store(mouse, Ordering::SeqCst);
        enter()?;
        let terminal = Terminal::new(CrosstermBackend::new(stdout())).inspect_err(|_| restore())?;
        Ok(Session { terminal })
    }

    /// Hands the terminal back to the shell and stops the process (Ctrl-z); on `fg`, takes the
    /// terminal again and forces a full redraw.
    pub fn suspend(terminal: &mut Tty) -> io::Result<()> {
        restore();
        signal_hook::low_level::raise(SIGTSTP)?;
        enter()?;
        execute!(stdout(), Clear(ClearType::All))?;
        // A fresh `Terminal` has empty buffers, so the next draw repaints every cell. (Its
        // `clear()` would do the same but asks the terminal for the cursor position, which waits
        // on the input thread's next key.)
        *terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
        Ok(())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}

fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    // Pasted text then arrives as one event, not as keys: a pasted line break does not accept
    // the search, and the list is filtered once for the whole text.
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    if MOUSE.load(Ordering::SeqCst) {
        execute!(stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Undoes `enter`; does nothing if the terminal is not ours.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    // Each step is attempted even if an earlier one fails: restore as much as possible.
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(stdout(), DisableMouseCapture);
    }
    let _ = execute!(stdout(), DisableBracketedPaste);
    let _ = execute!(stdout(), LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Terminal events and termination signals, merged into one blocking stream of [`Input`]s; the
/// sender is for other sources (a watched file).
pub fn inputs() -> io::Result<(Sender<Input>, Receiver<Input>)> {
    let (sender, receiver) = mpsc::channel();
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    let signal_sender = sender.clone();
    let others = sender.clone();
    thread::spawn(move || {
        for signal in signals.forever() {
            if signal_sender.send(Input::Signal(signal)).is_err() {
                break;
            }
        }
    });
    thread::spawn(move || {
        loop {
            match event::read() {
                Ok(event) => {
                    if let Some(input) = Input::from_terminal(event)
                        && sender.send(input).is_err()
                    {
                        break;
                    }
                }
                // The terminal is gone: leave as if it hung up.
                Err(_) => {
                    let _ = sender.send(Input::Signal(SIGHUP));
                    break;
                }
            }
        }
    });
    Ok((others, receiver))
}
