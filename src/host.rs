//! The explorer's host on a real terminal: suspends to the shell, and carries out the app's
//! effects — the clipboard by OSC 52 (which reaches the local clipboard over SSH), bookmarks
//! saved by a [`Keeper`] off the event loop, and exports written atomically.

use std::io::{self, Stdout, Write};
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::effect::{Effect, EffectResult};
use crate::app::{App, Host};
use crate::bookmarks::{self, Keeper};
use crate::files::{self, Existing};
use crate::output::{self, Format, Row};
use crate::terminal::Session;

/// The host for [`crate::app::run()`] on the process's terminal.
pub struct TerminalHost {
    /// What saves the bookmarks; `None` when they cannot be (the status line said why).
    pub bookmarks: Option<Keeper>,
}

impl TerminalHost {
    /// Waits for the bookmarks still being saved, so that a bookmark made just before
    /// quitting is kept; why any could not be saved.
    pub fn finish(self) -> Result<(), String> {
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
            Effect::Export {
                path,
                format,
                existing,
            } => export(app, path, *format, *existing),
        }
    }
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

/// Writes the events `app` shows, in its order, to `path` (`~` expanded) as `format`. An
/// existing file is replaced only with [`Existing::Replace`], keeping its permissions, and
/// through a symlink; the message says which folders had to be made.
pub fn export(app: &App, path: &Path, format: Format, existing: Existing) -> EffectResult {
    let failed = |path: &Path, why: &dyn std::fmt::Display| {
        EffectResult::Failed(format!("Cannot export to {}: {why}", path.display()))
    };
    let path = match expand_home(path) {
        Ok(path) => path,
        Err(why) => return failed(path, &why),
    };
    let timeline = app.timeline();
    let rows: Vec<Row> = app
        .rows()
        .iter()
        .map(|&event| Row {
            event: timeline.event(event),
            score: None,
        })
        .collect();
    let mut contents = Vec::new();
    if let Err(error) = output::write_events(&mut contents, timeline, &rows, format, false) {
        return EffectResult::Failed(format!("Cannot export: {error}"));
    }
    // The folder the file lands in, if it has to be made.
    let missing = files::write_target(&path)
        .ok()
        .and_then(|target| target.parent().map(Path::to_path_buf))
        .filter(|folder| !folder.as_os_str().is_empty() && !folder.exists());
    match files::write_atomically(&path, &contents, existing) {
        Ok(()) => {
            let made = missing
                .map(|folder| format!(" (made folder {})", folder.display()))
                .unwrap_or_default();
            let message = format!("Exported {} events to {}{made}", rows.len(), path.display());
            EffectResult::Done(message)
        }
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => EffectResult::Exists(path),
        Err(error) => failed(&path, &error),
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
