//! The explorer's host on a real terminal: suspends to the shell, and carries out the app's
//! effects — the clipboard by OSC 52 (which reaches the local clipboard over SSH), bookmarks
//! saved by a [`Keeper`] off the event loop, and exports written atomically by [`Exports`],
//! off the event loop too.

use std::io::{self, Stdout, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};

use crate::app::effect::{Effect, EffectResult, ExportReport};
use crate::app::run::WITHOUT_TERMINAL;
use crate::app::{App, Host};
use crate::bookmarks::{self, Keeper};
use crate::files::{self, Existing};
use crate::output::{self, Format, Row};
use crate::search::Index;
use crate::terminal::Session;
use crate::timeline::EventId;

/// The host for [`crate::app::run()`] on the process's terminal.
pub struct TerminalHost {
    /// What saves the bookmarks; `None` when they cannot be (the status line said why).
    pub bookmarks: Option<Keeper>,
    /// What writes exports.
    pub exports: Exports,
}

impl TerminalHost {
    /// Stops an export still under way (the explorer is ending: nothing is written), and waits
    /// for the bookmarks still being saved, so that a bookmark made just before quitting is
    /// kept; why any could not be saved.
    pub fn finish(self) -> Result<(), String> {
        drop(self.exports);
        self.bookmarks.map_or(Ok(()), Keeper::finish)
    }
}

impl Host<CrosstermBackend<Stdout>> for TerminalHost {
    fn suspend(&mut self, terminal: &mut Terminal<CrosstermBackend<Stdout>>) -> io::Result<()> {
        Session::suspend(terminal)
    }

    fn perform(&mut self, app: &App, effect: &Effect) -> EffectResult {
        match effect {
            Effect::Copy(text) => match copy(&mut io::stdout(), text) {
                // OSC 52 has no answer: whether the terminal put it on the clipboard is unknown.
                Ok(()) => EffectResult::Done(format!("Sent to the terminal's clipboard: {text}")),
                Err(error) => EffectResult::Failed(format!("Cannot copy: {error}")),
            },
            // Saved on the keeper's thread, which reports how it went as an input.
            Effect::SaveBookmarks(change) => {
                let queued = self
                    .bookmarks
                    .as_ref()
                    .is_some_and(|keeper| keeper.change(change.clone()));
                if queued {
                    EffectResult::Done(String::new())
                } else {
                    EffectResult::Failed(bookmarks::NOT_SAVED.into())
                }
            }
            Effect::Export { .. } | Effect::StopExport => self.exports.perform(app, effect),
        }
    }
}

/// Exports written on a thread of their own, one at a time, so that writing a million rows
/// (seconds) never holds a frame: it reports its progress and its end through a callback (the
/// explorer sends them to the event loop as inputs), and stops when asked, writing nothing.
/// Dropping it stops the export under way and waits for its thread, which leaves no temporary
/// file behind.
pub struct Exports {
    report: Arc<dyn Fn(ExportReport) + Send + Sync>,
    running: Option<Running>,
}

/// The export under way, or the last one.
struct Running {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

/// How many progress reports an export sends at most: one a percent.
const REPORTS: usize = 100;

impl Exports {
    /// Exports that tell `report` how each goes.
    pub fn new(report: impl Fn(ExportReport) + Send + Sync + 'static) -> Self {
        Exports {
            report: Arc::new(report),
            running: None,
        }
    }

    /// Carries out [`Effect::Export`] (the answer is at once: a file in the way, a failure,
    /// or `Done("")` for an export started) and [`Effect::StopExport`]; other effects fail, as
    /// [`crate::app::Offline`]'s do.
    pub fn perform(&mut self, app: &App, effect: &Effect) -> EffectResult {
        match effect {
            Effect::Export {
                path,
                format,
                existing,
            } => self.start(app, path, *format, *existing),
            Effect::StopExport => {
                if let Some(running) = &self.running {
                    running.stop.store(true, Ordering::Relaxed);
                }
                EffectResult::Done(String::new())
            }
            Effect::Copy(_) | Effect::SaveBookmarks(_) => {
                EffectResult::Failed(WITHOUT_TERMINAL.into())
            }
        }
    }

    /// Starts writing the events `app` shows to `path`, as [`export`] does, on a thread.
    fn start(
        &mut self,
        app: &App,
        path: &Path,
        format: Format,
        existing: Existing,
    ) -> EffectResult {
        if self
            .running
            .as_ref()
            .is_some_and(|running| !running.thread.is_finished())
        {
            return EffectResult::Failed("An export is under way already".into());
        }
        let job = match Job::of(app, path, format, existing) {
            Ok(job) => job,
            Err(answer) => return answer,
        };
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let report = Arc::clone(&self.report);
        let spawned = std::thread::Builder::new()
            .name("export".into())
            .spawn(move || {
                let total = job.rows.len();
                let step = total.div_ceil(REPORTS).max(1);
                let going_on = |done: usize| {
                    if done.is_multiple_of(step) || done == total {
                        report(ExportReport::Progress { done, total });
                    }
                    !stopped.load(Ordering::Relaxed)
                };
                report(job.write(&going_on, &|| stopped.load(Ordering::Relaxed)));
            });
        match spawned {
            Ok(thread) => {
                self.running = Some(Running { stop, thread });
                EffectResult::Done(String::new())
            }
            Err(error) => EffectResult::Failed(format!("Cannot export: {error}")),
        }
    }
}

impl Drop for Exports {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            running.stop.store(true, Ordering::Relaxed);
            // A panic there has been reported on its thread already.
            let _ = running.thread.join();
        }
    }
}

/// A host that exports, as the terminal's does, and does nothing else: for tests and tools
/// that run the event loop on another backend.
impl<B: Backend> Host<B> for Exports {
    fn suspend(&mut self, _: &mut Terminal<B>) -> Result<(), B::Error> {
        Ok(())
    }

    fn perform(&mut self, app: &App, effect: &Effect) -> EffectResult {
        Exports::perform(self, app, effect)
    }
}

/// One export: what to write, taken from the app when it was asked for, and where.
struct Job {
    /// The timeline, shared with the explorer, which goes on meanwhile.
    index: Arc<Index>,
    /// The events shown when the export was asked for, in their order.
    rows: Vec<EventId>,
    /// With `~` expanded.
    path: PathBuf,
    format: Format,
    existing: Existing,
}

impl Job {
    /// The export of what `app` shows to `path`, or the answer at once: the path cannot be
    /// used, or a file is in the way and may not be replaced (a look, never an open, so a
    /// FIFO cannot block; anything but a regular file is refused when written).
    fn of(app: &App, path: &Path, format: Format, existing: Existing) -> Result<Job, EffectResult> {
        let path = expand_home(path).map_err(|why| failed(path, &why))?;
        let in_the_way = files::write_target(&path)
            .and_then(std::fs::metadata)
            .is_ok_and(|meta| meta.is_file());
        if in_the_way && existing == Existing::Keep {
            return Err(EffectResult::Exists(path));
        }
        let (index, rows) = app.shown_for_export();
        Ok(Job {
            index,
            rows,
            path,
            format,
            existing,
        })
    }

    /// Writes the rows, asking `going_on` before each (see [`output::write_events_until`]),
    /// then the file, atomically, unless `stopped` by then: the last moment the file it would
    /// replace can still be left as it was.
    fn write(&self, going_on: &dyn Fn(usize) -> bool, stopped: &dyn Fn() -> bool) -> ExportReport {
        let timeline = self.index.timeline();
        let rows: Vec<Row> = (self.rows.iter())
            .map(|&event| Row {
                event: timeline.event(event),
                score: None,
            })
            .collect();
        let mut contents = Vec::new();
        let written = output::write_events_until(
            &mut contents,
            timeline,
            &rows,
            self.format,
            false,
            going_on,
        );
        match written {
            Err(_) if stopped() => return ExportReport::Stopped,
            Err(error) => {
                return ExportReport::Finished(EffectResult::Failed(format!(
                    "Cannot export: {error}"
                )));
            }
            Ok(()) => {}
        }
        let path = &self.path;
        // The folder the file lands in, if it has to be made.
        let missing = files::write_target(path)
            .ok()
            .and_then(|target| target.parent().map(Path::to_path_buf))
            .filter(|folder| !folder.as_os_str().is_empty() && !folder.exists());
        let last_look = || {
            if stopped() {
                Err(io::Error::from(io::ErrorKind::Interrupted))
            } else {
                Ok(())
            }
        };
        let result = match files::write_atomically_with(path, &contents, self.existing, last_look) {
            Ok(()) => {
                let made = missing
                    .map(|folder| format!(" (made folder {})", folder.display()))
                    .unwrap_or_default();
                let message = format!("Exported {} events to {}{made}", rows.len(), path.display());
                EffectResult::Done(message)
            }
            // Nothing was written, whatever else went wrong.
            Err(_) if stopped() => return ExportReport::Stopped,
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                EffectResult::Exists(path.clone())
            }
            Err(error) => failed(path, &error),
        };
        ExportReport::Finished(result)
    }
}

/// Why an export to `path` failed, for the status line.
fn failed(path: &Path, why: &dyn std::fmt::Display) -> EffectResult {
    EffectResult::Failed(format!("Cannot export to {}: {why}", path.display()))
}

/// Puts `text` on the clipboard of the terminal `out` writes to, by OSC 52.
pub fn copy(out: &mut impl Write, text: &str) -> io::Result<()> {
    write!(out, "\x1b]52;c;{}\x07", STANDARD.encode(text))?;
    out.flush()
}

/// `path` with a leading `~` made the home directory, and `~NAME` that user's home, as a shell
/// would have done had the path been typed there; an error says why it cannot be, rather than
/// leaving a literal `~NAME` folder to be made.
pub fn expand_home(path: &Path) -> Result<PathBuf, String> {
    let mut parts = path.components();
    let Some(name) = parts
        .next()
        .and_then(|first| first.as_os_str().to_str())
        .and_then(|first| first.strip_prefix('~'))
    else {
        return Ok(path.to_path_buf());
    };
    let home = if name.is_empty() {
        directories::BaseDirs::new()
            .map(|dirs| dirs.home_dir().to_path_buf())
            .ok_or_else(|| "there is no home directory".to_string())?
    } else {
        home_of(name)?
    };
    Ok(home.join(parts.as_path()))
}

/// The home directory of the user called `name`.
#[cfg(unix)]
fn home_of(name: &str) -> Result<PathBuf, String> {
    match nix::unistd::User::from_name(name) {
        Ok(Some(user)) => Ok(user.dir),
        Ok(None) => Err(format!("there is no user {name}")),
        Err(error) => Err(format!("cannot look up the user {name}: {error}")),
    }
}

#[cfg(not(unix))]
fn home_of(name: &str) -> Result<PathBuf, String> {
    Err(format!("cannot look up the home of the user {name} here"))
}

/// Writes the events `app` shows, in its order, to `path` (`~` expanded) as `format`, on this
/// thread (see [`Exports`] for the explorer's way). An existing file is replaced only with
/// [`Existing::Replace`], keeping its permissions, and through a symlink; the message says
/// which folders had to be made.
pub fn export(app: &App, path: &Path, format: Format, existing: Existing) -> EffectResult {
    match Job::of(app, path, format, existing) {
        Ok(job) => match job.write(&|_| true, &|| false) {
            ExportReport::Finished(result) => result,
            // Never asked to stop: the other reports do not end an export.
            ExportReport::Stopped | ExportReport::Progress { .. } => {
                EffectResult::Failed("Export cancelled: nothing written".into())
            }
        },
        Err(answer) => answer,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_tilde_is_the_home_directory() {
        let home = directories::BaseDirs::new()
            .unwrap()
            .home_dir()
            .to_path_buf();
        let expand = |path: &str| expand_home(Path::new(path));
        assert_eq!(expand("~/notes/x.md"), Ok(home.join("notes/x.md")));
        assert_eq!(expand("~"), Ok(home));
        assert_eq!(expand("a/~/x.md"), Ok(PathBuf::from("a/~/x.md")));
        assert_eq!(
            expand("~no-such-user-ajtl/x.md"),
            Err("there is no user no-such-user-ajtl".into())
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_leading_tilde_and_name_is_that_users_home() {
        let me = nix::unistd::User::from_uid(nix::unistd::getuid())
            .unwrap()
            .unwrap();
        assert_eq!(
            expand_home(&Path::new(&format!("~{}", me.name)).join("notes/x.md")),
            Ok(me.dir.join("notes/x.md"))
        );
    }

    #[test]
    fn copy_writes_an_osc52_sequence_with_the_text_in_base64() {
        let mut out = Vec::new();
        copy(&mut out, "2006 — JAIF").unwrap();
        let expected = format!("\x1b]52;c;{}\x07", STANDARD.encode("2006 — JAIF"));
        assert_eq!(out, expected.as_bytes());
    }
}
