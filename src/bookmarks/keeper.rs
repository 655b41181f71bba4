//! The [`Keeper`]: one bookmarks file loaded and saved on a thread of its own, so that a large
//! file or a lock held by another explorer never delays a key. The file's format, locking and
//! merging are the parent module's; this is only the thread and its queue of changes.

use std::io;
use std::sync::mpsc::{self, Sender};
use std::thread::JoinHandle;

use super::{BookmarkFile, Change, Stored};

/// What a [`Keeper`] tells the explorer: the bookmarks as stored, or why they are not.
pub type Report = Result<Stored, String>;

/// Loads and saves one bookmarks file on a thread of its own, so that a large file or a lock
/// held by another explorer never delays a key. Changes that arrive while a save is under way
/// are saved together by the next one; a change that could not be saved is tried again with
/// the next, and on [`Keeper::finish`].
pub struct Keeper {
    changes: Option<Sender<Change>>,
    thread: Option<JoinHandle<Result<(), String>>>,
}

impl Keeper {
    /// Starts keeping `file`: loads it, then saves each change sent, telling `report` how
    /// each went.
    pub fn start(
        file: BookmarkFile,
        mut report: impl FnMut(Report) + Send + 'static,
    ) -> io::Result<Self> {
        let (sender, changes) = mpsc::channel::<Change>();
        let thread = std::thread::Builder::new()
            .name("bookmarks".into())
            .spawn(move || {
                let mut known = match file.read() {
                    Ok((ids, note, read)) => {
                        report(Ok(Stored {
                            ids: Some(ids),
                            changes: 0,
                            note,
                        }));
                        read
                    }
                    Err(error) => {
                        report(Err(format!(
                            "Cannot read bookmarks {}: {}; they are not saved this session",
                            file.path().display(),
                            error
                        )));
                        // Never save over a file that could not be read.
                        for _ in changes {
                            report(Err(NOT_SAVED.into()));
                        }
                        return Ok(());
                    }
                };
                let mut pending = Vec::new();
                let mut save = |pending: &mut Vec<Change>| {
                    let merged = file.merge(pending, known, || Ok(()));
                    let outcome = merged.map(|(stored, left)| {
                        known = left;
                        pending.clear();
                        stored
                    });
                    outcome.map_err(|error| {
                        format!(
                            "Bookmarks not saved to {}: {}",
                            file.path().display(),
                            error
                        )
                    })
                };
                while let Ok(change) = changes.recv() {
                    pending.push(change);
                    pending.extend(changes.try_iter());
                    report(save(&mut pending));
                }
                // The explorer is ending: one more try for changes that failed before.
                if pending.is_empty() {
                    Ok(())
                } else {
                    save(&mut pending).map(drop)
                }
            })?;
        Ok(Keeper {
            changes: Some(sender),
            thread: Some(thread),
        })
    }

    /// Queues `change` to be saved; `false` if the keeper has stopped.
    pub fn change(&self, change: Change) -> bool {
        self.changes
            .as_ref()
            .is_some_and(|changes| changes.send(change).is_ok())
    }

    /// Waits for the changes queued to be saved, and says why any could not be.
    pub fn finish(mut self) -> Result<(), String> {
        self.stop()
    }

    fn stop(&mut self) -> Result<(), String> {
        // Closing the queue ends the thread once it has saved what is queued.
        self.changes = None;
        match self.thread.take().map(JoinHandle::join) {
            Some(Ok(saved)) => saved,
            Some(Err(_)) => Err("Bookmarks not saved: the saving thread failed".into()),
            None => Ok(()),
        }
    }
}

/// Changes are saved even when the explorer ends without [`Keeper::finish`] (an error).
impl Drop for Keeper {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}

/// The message for a change made when the bookmarks cannot be saved.
pub const NOT_SAVED: &str = "Bookmarks are not saved this session";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bookmarks::tests::{add, ids, remove};
    use std::time::Duration;

    #[test]
    fn a_keeper_loads_then_saves_every_change_it_is_sent_before_it_finishes() {
        let dir = tempfile::tempdir().unwrap();
        let file = BookmarkFile::for_dataset(None, Some(dir.path().into())).unwrap();
        file.save(&[add("old")]).unwrap();
        let (sender, reports) = mpsc::channel();
        let keeper = Keeper::start(file.clone(), move |report| {
            let _ = sender.send(report);
        })
        .unwrap();
        for n in 0..50 {
            assert!(keeper.change(add(&n.to_string())));
        }
        assert!(keeper.change(remove("old")));
        assert_eq!(keeper.finish(), Ok(()));
        let reports: Vec<Stored> = reports.iter().map(Result::unwrap).collect();
        assert_eq!(reports[0].ids, Some(ids(&["old"])));
        assert_eq!(reports[0].changes, 0);
        let saved: usize = reports[1..].iter().map(|stored| stored.changes).sum();
        assert_eq!(saved, 51, "every change is saved, in one save or more");
        assert!(reports[1..].iter().all(|stored| stored.ids.is_none()));
        assert_eq!(file.load().unwrap().0.len(), 50);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_not_read_and_nothing_is_saved_over_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = BookmarkFile::for_dataset(None, Some(dir.path().into())).unwrap();
        std::fs::create_dir_all(file.path().parent().unwrap()).unwrap();
        nix::unistd::mkfifo(file.path(), nix::sys::stat::Mode::S_IRWXU).unwrap();
        // With a blocking read this would wait for a writer, and the test would hang.
        let refused = file.load().unwrap_err();
        assert!(
            refused.to_string().starts_with("not a regular file"),
            "{refused}"
        );
        let (sender, reports) = mpsc::channel();
        let keeper = Keeper::start(file.clone(), move |report| {
            let _ = sender.send(report);
        })
        .unwrap();
        assert!(keeper.change(add("a")));
        assert_eq!(keeper.finish(), Ok(()));
        let reports: Vec<Report> = reports.iter().collect();
        let [Err(unread), Err(unsaved)] = reports.as_slice() else {
            panic!("{reports:?}");
        };
        assert!(
            unread.contains("asean-japan.ron: not a regular file"),
            "{unread}"
        );
        assert_eq!(unsaved, NOT_SAVED);
        assert!(!std::fs::metadata(file.path()).unwrap().is_file());
    }

    #[test]
    fn a_change_that_could_not_be_saved_is_tried_again_on_finishing() {
        let dir = tempfile::tempdir().unwrap();
        let mut file = BookmarkFile::for_dataset(None, Some(dir.path().into())).unwrap();
        file.patience = Duration::from_millis(100);
        std::fs::create_dir_all(file.path().parent().unwrap()).unwrap();
        // Holding the lock keeps every save waiting until it gives up.
        let held = file.lock().unwrap();
        let (sender, reports) = mpsc::channel();
        let keeper = Keeper::start(file.clone(), move |report| {
            let _ = sender.send(report);
        })
        .unwrap();
        assert!(keeper.change(add("a")));
        assert!(reports.recv().unwrap().is_ok(), "the load");
        let failed = reports.recv().unwrap().unwrap_err();
        assert!(failed.contains("another program holds"), "{failed}");
        drop(held);
        assert_eq!(keeper.finish(), Ok(()));
        assert_eq!(file.load().unwrap().0, ids(&["a"]));
    }
}
