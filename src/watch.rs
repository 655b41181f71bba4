//! `--watch`: reloads the dataset when its file changes on disk, for an author editing it.
//!
//! The file's directory is watched rather than the file, because editors often save by writing
//! a new file and renaming it over the old one. Changes are gathered until the file has been
//! quiet for a moment (an editor's save is several events), then the file is loaded and an
//! explorer prepared on this thread, so the screen stays live meanwhile; the result reaches
//! the event loop as an [`Input::Reloaded`].

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Sender};
use std::thread;
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use ratatui::layout::Rect;

use crate::app::{App, Input};
use crate::timeline::load_file;

/// How long the file must be quiet before it is read.
const QUIET: Duration = Duration::from_millis(150);

/// Watches `path` until the returned watcher is dropped, sending each reload to `inputs`.
pub fn watch(path: &Path, inputs: Sender<Input>) -> notify::Result<RecommendedWatcher> {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(ToOwned::to_owned);
    let (changes, changed) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let ours = event.is_ok_and(|event| {
            !event.kind.is_access()
                && event
                    .paths
                    .iter()
                    .any(|changed| changed.file_name() == name.as_deref())
        });
        if ours {
            // The receiver is gone only when the explorer is closing.
            let _ = changes.send(());
        }
    })?;
    watcher.watch(&dir, RecursiveMode::NonRecursive)?;
    thread::spawn(move || {
        while changed.recv().is_ok() {
            while changed.recv_timeout(QUIET).is_ok() {}
            let loaded = load_file(&path).map(|timeline| App::new(timeline, Rect::default()));
            if inputs.send(Input::Reloaded(Box::new(loaded))).is_err() {
                break;
            }
        }
    });
    Ok(watcher)
}
