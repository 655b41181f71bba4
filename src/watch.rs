//! `--watch`: reloads the dataset when the file at its path changes, for an author editing it.
//!
//! The path is followed, not the file or its folder: every `POLL` it is looked up afresh (a
//! stat following symlinks, and one of the link itself), so a save that renames a new file over
//! the old one, a folder deleted and made again, and a symlink pointed elsewhere are all seen.
//! Watching the folder for events (inotify) cannot do this: a deleted folder's watch is gone for
//! good, and a retargeted link changes nothing in the old target's folder. Two stats every
//! 100 ms cost nothing measurable.
//!
//! Changes are gathered until the file has been quiet for `QUIET` (an editor's save is
//! several steps), but never for more than `MAX_DELAY`, so a file saved without pause still
//! reloads once a second. The file is then loaded and its search index built on this thread, so
//! the screen stays live meanwhile; the result reaches the event loop as an
//! [`Input::Reloaded`].

use std::fs::Metadata;
use std::io;
use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use crate::app::{Data, Input};
use crate::snapshot::codec::Keep;
use crate::snapshot::{self, Cache};
use crate::timeline::Progress;

/// How often the path is looked at.
const POLL: Duration = Duration::from_millis(100);
/// How long the file must be quiet before it is read.
const QUIET: Duration = Duration::from_millis(150);
/// The longest a change waits for quiet, so that a file saved without pause is still read at
/// least once a second: a change is seen up to one [`POLL`] late, and loading takes time too.
const MAX_DELAY: Duration = Duration::from_millis(800);

/// A running watch; dropping it stops the watching thread (at the latest after a reload in
/// progress).
#[derive(Debug)]
pub struct Watch {
    _stop: Sender<()>,
}

/// Watches `path` until the returned [`Watch`] is dropped, sending each reload to `inputs`;
/// reloads go through `cache`, as the first load did.
pub fn watch(path: &Path, cache: Option<Cache>, inputs: Sender<Input>) -> io::Result<Watch> {
    let path = path.to_path_buf();
    let (stop, stopped) = mpsc::channel::<()>();
    // The first look is taken now, so a change made as soon as this returns is seen.
    let mut seen = Stamp::of(&path);
    let mut changes = Changes::default();
    thread::Builder::new().name("watch".into()).spawn(move || {
        // Ends when the `Watch` is dropped (the channel disconnects).
        while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(POLL) {
            let now = Instant::now();
            let stamp = Stamp::of(&path);
            if stamp != seen {
                seen = stamp;
                changes.seen(now);
            }
            if changes.due(now) && !reload(&path, cache.as_ref(), &inputs) {
                break;
            }
        }
    })?;
    Ok(Watch { _stop: stop })
}

/// Loads `path` and sends it prepared for the explorer (or why it cannot be loaded), then
/// writes its snapshot if one is due; false once the explorer is gone.
fn reload(path: &Path, cache: Option<&Cache>, inputs: &Sender<Input>) -> bool {
    let mut unsaved = None;
    let loaded = snapshot::open_index(path, cache, &Progress::default(), Keep::Copied);
    let loaded = loaded.map(|opened| {
        let warning = opened.warning();
        let (index, due) = opened.share();
        unsaved = due;
        Data::from_index(index).with_warning(warning)
    });
    let sent = inputs.send(Input::Reloaded(Box::new(loaded))).is_ok();
    if let Some(unsaved) = unsaved.filter(|_| sent) {
        unsaved.save();
    }
    sent
}

/// What a look at the path shows: the file it leads to and the link itself, where there is
/// one. Any difference is a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    file: Option<Look>,
    link: Option<Look>,
}

impl Stamp {
    fn of(path: &Path) -> Self {
        Stamp {
            file: std::fs::metadata(path).ok().as_ref().map(Look::of),
            link: std::fs::symlink_metadata(path).ok().as_ref().map(Look::of),
        }
    }
}

/// The parts of a file's metadata that a write, a replacement or a move changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Look {
    device: u64,
    inode: u64,
    len: u64,
    modified: (i64, i64),
    changed: (i64, i64),
}

impl Look {
    #[cfg(unix)]
    fn of(meta: &Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        Look {
            device: meta.dev(),
            inode: meta.ino(),
            len: meta.len(),
            modified: (meta.mtime(), meta.mtime_nsec()),
            changed: (meta.ctime(), meta.ctime_nsec()),
        }
    }

    #[cfg(not(unix))]
    fn of(meta: &Metadata) -> Self {
        let since_epoch = |time: io::Result<std::time::SystemTime>| {
            time.ok()
                .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or((0, 0), |d| {
                    (d.as_secs() as i64, i64::from(d.subsec_nanos()))
                })
        };
        Look {
            device: 0,
            inode: 0,
            len: meta.len(),
            modified: since_epoch(meta.modified()),
            changed: since_epoch(meta.created()),
        }
    }
}

/// Changes seen and not yet reloaded: when the first and the last were seen.
#[derive(Debug, Default)]
struct Changes {
    pending: Option<(Instant, Instant)>,
}

impl Changes {
    fn seen(&mut self, now: Instant) {
        let first = self.pending.map_or(now, |(first, _)| first);
        self.pending = Some((first, now));
    }

    /// Whether to reload now: the file has been quiet long enough, or changes have waited
    /// [`MAX_DELAY`]. Answers yes once per batch of changes.
    fn due(&mut self, now: Instant) -> bool {
        let due = self.pending.is_some_and(|(first, last)| {
            now.duration_since(last) >= QUIET || now.duration_since(first) >= MAX_DELAY
        });
        if due {
            self.pending = None;
        }
        due
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::mpsc::Receiver;

    /// Long enough for a loaded machine; a reload that never comes fails the test here.
    const TIMEOUT: Duration = Duration::from_secs(10);

    fn timeline(title: &str) -> String {
        format!(
            r#"Timeline(title: "{title}", pillars: [Pillar(id: "p", name: "P", color: "red")],
            events: [Event(id: "a", date: "2001", title: "A", pillar: "p")])"#
        )
    }

    /// The title of the next reload, or why none came.
    fn next_title(reloads: &Receiver<Input>) -> Result<String, String> {
        match reloads.recv_timeout(TIMEOUT) {
            Ok(Input::Reloaded(loaded)) => match *loaded {
                Ok(data) => Ok(data.timeline().title.clone()),
                Err(error) => Ok(error.to_string()),
            },
            Ok(_) => Err("not a reload".into()),
            Err(error) => Err(format!("no reload: {error}")),
        }
    }

    /// Waits for a reload with `title`, skipping those of intermediate states.
    fn wait_for_title(reloads: &Receiver<Input>, title: &str) {
        loop {
            match next_title(reloads) {
                Ok(seen) if seen == title => return,
                Ok(_) => {}
                Err(error) => panic!("waiting for {title:?}: {error}"),
            }
        }
    }

    #[test]
    fn a_save_waits_for_quiet_but_never_a_second_or_more() {
        let start = Instant::now();
        let at = |ms: u64| start + Duration::from_millis(ms);
        let mut changes = Changes::default();
        assert!(!changes.due(at(0)), "nothing changed");
        changes.seen(at(0));
        changes.seen(at(100));
        assert!(!changes.due(at(200)), "still saving");
        assert!(changes.due(at(250)), "quiet for 150 ms");
        assert!(!changes.due(at(300)), "reloaded once");

        let mut saved_every_100ms = Changes::default();
        let due: Vec<u64> = (10..40)
            .map(|tick| tick * 100)
            .filter(|&ms| {
                saved_every_100ms.seen(at(ms));
                saved_every_100ms.due(at(ms))
            })
            .collect();
        assert_eq!(due, [1800, 2700, 3600], "a reload a second");
    }

    #[test]
    fn a_folder_deleted_and_made_again_is_still_followed() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("drafts");
        std::fs::create_dir(&dir).unwrap();
        let path = dir.join("draft.ron");
        std::fs::write(&path, timeline("One")).unwrap();
        let (sender, reloads) = mpsc::channel();
        let _watching = watch(&path, None, sender).unwrap();

        std::fs::remove_dir_all(&dir).unwrap();
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(&path, timeline("Two")).unwrap();
        wait_for_title(&reloads, "Two");
        std::fs::write(&path, timeline("Three")).unwrap();
        wait_for_title(&reloads, "Three");
    }

    #[cfg(unix)]
    #[test]
    fn a_retargeted_symlink_is_followed_to_its_new_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("v1.ron"), timeline("One")).unwrap();
        std::fs::write(dir.path().join("v2.ron"), timeline("Two")).unwrap();
        let path = dir.path().join("cur.ron");
        std::os::unix::fs::symlink("v1.ron", &path).unwrap();
        let (sender, reloads) = mpsc::channel();
        let _watching = watch(&path, None, sender).unwrap();

        // As `ln -sfn v2.ron cur.ron` does.
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink("v2.ron", &path).unwrap();
        wait_for_title(&reloads, "Two");
        std::fs::write(dir.path().join("v2.ron"), timeline("Two, edited")).unwrap();
        wait_for_title(&reloads, "Two, edited");
    }

    #[test]
    fn a_file_saved_without_pause_still_reloads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draft.ron");
        std::fs::write(&path, timeline("Save 0")).unwrap();
        let (sender, reloads) = mpsc::channel();
        let _watching = watch(&path, None, sender).unwrap();

        let writing = Arc::new(AtomicBool::new(true));
        let writer = {
            let (path, writing) = (path.clone(), writing.clone());
            thread::spawn(move || {
                let mut saves = 0;
                // Saving every 100 ms is the scenario itself; it stops once reloads came, or
                // after a minute so a broken watcher cannot keep it going.
                while writing.load(Ordering::Relaxed) && saves < 600 {
                    saves += 1;
                    std::fs::write(&path, timeline(&format!("Save {saves}"))).unwrap();
                    thread::sleep(Duration::from_millis(100));
                }
            })
        };
        for _ in 0..2 {
            let reload = next_title(&reloads);
            assert!(
                writing.load(Ordering::Relaxed),
                "the writer is still saving"
            );
            reload.unwrap();
        }
        writing.store(false, Ordering::Relaxed);
        writer.join().unwrap();
    }
}
