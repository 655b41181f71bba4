//! Where bookmarks are kept: one file per dataset in the user's data directory
//! (`~/.local/share/ajtl/bookmarks` on Linux; `AJTL_DATA_DIR` overrides it), holding the
//! bookmarked event ids. Ids are kept even when the dataset no longer has them, so that an
//! event renamed back, or a file edited in the meantime, loses nothing.
//!
//! Several explorers may show one dataset at once, so a save never writes an explorer's whole
//! set: under a lock on `NAME.ron.lock` it reads the file again, applies the [`Change`]s this
//! explorer made, and writes the result atomically. Nobody's bookmarks are dropped, and each
//! save hands back what is stored, other explorers' bookmarks included. A [`Keeper`] does this
//! on a thread of its own, so neither a large file nor a held lock ever delays a key.

use std::collections::BTreeSet;
use std::fmt;
use std::fs::{File, OpenOptions};
use std::hash::{DefaultHasher, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::files::{self, Existing};

mod keeper;

pub use keeper::{Keeper, NOT_SAVED, Report};

/// The environment variable that names the data directory instead of the default place.
pub const DATA_DIR_VARIABLE: &str = "AJTL_DATA_DIR";

/// The largest bookmarks file read, as for a dataset: a larger or endless one is not ours.
const MAX_FILE_BYTES: u64 = crate::timeline::load::MAX_FILE_BYTES;

/// How long a save waits for another explorer to finish its own before giving up (and
/// trying again with the next change, or on quitting).
const LOCK_PATIENCE: Duration = Duration::from_secs(10);

/// The file format: which dataset, and its bookmarked ids.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Bookmarks", deny_unknown_fields)]
struct Contents {
    /// The dataset the ids belong to, for a person reading the file.
    dataset: String,
    events: BTreeSet<String>,
}

/// One dataset's bookmarks file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookmarkFile {
    path: PathBuf,
    dataset: String,
    /// How long a save waits for the lock ([`LOCK_PATIENCE`]; tests wait less).
    patience: Duration,
}

/// What loading found, besides the ids: a problem the user should hear about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadNote {
    /// The file could not be parsed and was moved aside, whole, to this path.
    KeptAside { path: PathBuf, problem: String },
}

impl fmt::Display for LoadNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadNote::KeptAside { path, problem } => write!(
                f,
                "Bookmarks file unreadable ({}); kept as {} and started afresh",
                problem,
                path.display()
            ),
        }
    }
}

/// One change the user made: saved as a change rather than as a whole set, so that what
/// another explorer saved in the meantime stays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Add(String),
    Remove(String),
}

impl Change {
    /// Makes the change to `ids`; whether they changed.
    pub fn apply(&self, ids: &mut BTreeSet<String>) -> bool {
        match self {
            Change::Add(id) => !ids.contains(id) && ids.insert(id.clone()),
            Change::Remove(id) => ids.remove(id),
        }
    }
}

/// The bookmarks as stored after a load or a save, for the explorer to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    /// The stored ids, other explorers' included; `None` when they are exactly the ones this
    /// explorer had with its saved changes made, so it need not take them again.
    pub ids: Option<BTreeSet<String>>,
    /// How many of this explorer's changes, oldest first, the stored ids include.
    pub changes: usize,
    /// A problem with the file the user should hear about.
    pub note: Option<LoadNote>,
}

impl BookmarkFile {
    /// The bookmarks of the dataset at `data` (`None`: the bundled one), in `dir` if given,
    /// else in `AJTL_DATA_DIR` or the user's data directory.
    pub fn for_dataset(data: Option<&Path>, dir: Option<PathBuf>) -> Option<Self> {
        let dir = dir
            .or_else(|| std::env::var_os(DATA_DIR_VARIABLE).map(PathBuf::from))
            .or_else(|| {
                Some(
                    directories::ProjectDirs::from("", "", "ajtl")?
                        .data_dir()
                        .into(),
                )
            })?
            .join("bookmarks");
        let (name, dataset) = match data {
            None => (
                "asean-japan".to_string(),
                "bundled ASEAN–Japan dataset".to_string(),
            ),
            Some(path) => {
                // The same file reached by another path is the same dataset.
                let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
                let text = full.to_string_lossy().into_owned();
                let stem = full.file_stem().unwrap_or_default().to_string_lossy();
                (format!("{stem}-{:016x}", fnv1a(text.as_bytes())), text)
            }
        };
        Some(BookmarkFile {
            path: dir.join(format!("{name}.ron")),
            dataset,
            patience: LOCK_PATIENCE,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The stored ids. A missing file is none yet; a file that cannot be read or parsed is
    /// moved aside (never overwritten) and reported; one that is not a regular file (a FIFO
    /// would block the read forever), or cannot even be moved, is an error, and then nothing
    /// should be saved over it.
    pub fn load(&self) -> io::Result<(BTreeSet<String>, Option<LoadNote>)> {
        self.read().map(|(ids, note, _)| (ids, note))
    }

    /// [`BookmarkFile::load`], with a fingerprint of the bytes read (`None`: no file).
    fn read(&self) -> io::Result<(BTreeSet<String>, Option<LoadNote>, Option<u64>)> {
        let bytes = match files::read_regular(&self.path, MAX_FILE_BYTES) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                return Ok((BTreeSet::new(), None, None));
            }
            Err(error) if error.kind() == io::ErrorKind::InvalidInput => return Err(error),
            Err(error) => return self.keep_aside(error.to_string(), Some(error)),
        };
        let fingerprint = Some(fingerprint(&bytes));
        let parsed = std::str::from_utf8(&bytes)
            .map_err(|error| error.to_string())
            .and_then(|text| {
                ron::from_str::<Contents>(text).map_err(|error| {
                    let at = error.span.start;
                    format!("{}:{}: {}", at.line, at.col, error.code)
                })
            });
        match parsed {
            Ok(contents) => Ok((contents.events, None, fingerprint)),
            Err(problem) => self.keep_aside(problem, None),
        }
    }

    /// Moves the unusable file aside and starts afresh; if it cannot be moved, fails with the
    /// error that made it unusable, if any, else with why it could not be moved.
    fn keep_aside(
        &self,
        problem: String,
        unread: Option<io::Error>,
    ) -> io::Result<(BTreeSet<String>, Option<LoadNote>, Option<u64>)> {
        match files::keep_aside(&self.path) {
            Ok(path) => Ok((
                BTreeSet::new(),
                Some(LoadNote::KeptAside { path, problem }),
                None,
            )),
            Err(moving) => Err(unread.unwrap_or(moving)),
        }
    }

    /// Makes `changes`, in order, to the stored ids, and returns them.
    pub fn save(&self, changes: &[Change]) -> io::Result<Stored> {
        self.save_with(changes, || Ok(()))
    }

    /// [`BookmarkFile::save`] with a hook before the final rename (see
    /// [`files::write_atomically_with`]).
    pub fn save_with(
        &self,
        changes: &[Change],
        before_rename: impl FnOnce() -> io::Result<()>,
    ) -> io::Result<Stored> {
        self.merge(changes, None, before_rename)
            .map(|(stored, _)| stored)
    }

    /// Under the lock, reads the stored ids, makes `changes` to them and writes the result.
    /// `known` fingerprints the file as this explorer last read or wrote it: when the file is
    /// still so, the ids are not handed back ([`Stored::ids`]). Returns the fingerprint of
    /// the file as it is left.
    fn merge(
        &self,
        changes: &[Change],
        known: Option<u64>,
        before_rename: impl FnOnce() -> io::Result<()>,
    ) -> io::Result<(Stored, Option<u64>)> {
        let _lock = self.lock()?;
        let (mut ids, note, read) = self.read()?;
        let untouched = read.is_some() && read == known;
        let mut changed = false;
        for change in changes {
            changed |= change.apply(&mut ids);
        }
        let mut left = read;
        if changed {
            let contents = Contents {
                dataset: self.dataset.clone(),
                events: ids,
            };
            // ron escapes a string a character at a time, five times slower than writing it as
            // it is (1 s against 0.2 s for 1.5M ids); strings with nothing to escape are
            // written as they are (as raw strings if they hold `"` or `\`).
            let verbatim = std::iter::once(&contents.dataset)
                .chain(&contents.events)
                .all(|text| !text.chars().any(char::is_control));
            let pretty = ron::ser::PrettyConfig::default()
                .struct_names(true)
                .escape_strings(!verbatim);
            let mut text =
                ron::ser::to_string_pretty(&contents, pretty).map_err(io::Error::other)?;
            text.push('\n');
            files::write_atomically_with(
                &self.path,
                text.as_bytes(),
                Existing::Replace,
                before_rename,
            )?;
            left = Some(fingerprint(text.as_bytes()));
            ids = contents.events;
        }
        let stored = Stored {
            ids: (!untouched).then_some(ids),
            changes: changes.len(),
            note,
        };
        Ok((stored, left))
    }

    /// Takes the lock that saves hold, `NAME.ron.lock` beside the file (the file itself is
    /// replaced by each save, so a lock on it would not be shared), waiting at most
    /// [`LOCK_PATIENCE`] for another explorer to finish. Released when dropped.
    fn lock(&self) -> io::Result<File> {
        let mut name = self.path.file_name().unwrap_or_default().to_owned();
        name.push(".lock");
        let path = self.path.with_file_name(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            // As for reading: a FIFO in its place must not block the open.
            options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
        }
        let file = options.open(&path)?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                // A file system without locks: save as a single explorer would.
                Err(std::fs::TryLockError::Error(error))
                    if error.kind() == io::ErrorKind::Unsupported =>
                {
                    return Ok(file);
                }
                Err(std::fs::TryLockError::Error(error)) => return Err(error),
                Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < self.patience => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(io::Error::new(
                        io::ErrorKind::TimedOut,
                        format!("another program holds {}", path.display()),
                    ));
                }
            }
        }
    }
}

/// Tells whether a file is as it was last seen, without keeping its contents.
fn fingerprint(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// FNV-1a: a stable 64-bit hash of a dataset's path, so that each dataset has its own file
/// name from one run to the next (std's hasher is seeded per process).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn ids(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|id| id.to_string()).collect()
    }

    pub(super) fn add(id: &str) -> Change {
        Change::Add(id.into())
    }

    pub(super) fn remove(id: &str) -> Change {
        Change::Remove(id.into())
    }

    #[test]
    fn ids_round_trip_and_each_dataset_has_its_own_file() {
        let dir = tempfile::tempdir().unwrap();
        let bundled = BookmarkFile::for_dataset(None, Some(dir.path().into())).unwrap();
        assert_eq!(bundled.load().unwrap(), (BTreeSet::new(), None));
        bundled
            .save(&[add("jaif-established"), add("gone-id")])
            .unwrap();
        assert_eq!(
            bundled.load().unwrap().0,
            ids(&["gone-id", "jaif-established"])
        );

        let data = dir.path().join("mine.ron");
        std::fs::write(&data, "").unwrap();
        let mine = BookmarkFile::for_dataset(Some(&data), Some(dir.path().into())).unwrap();
        assert_ne!(mine.path(), bundled.path());
        assert!(
            mine.path()
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("mine-")
        );
        assert_eq!(mine.load().unwrap().0, BTreeSet::new());
    }

    #[test]
    fn any_id_round_trips_whether_written_verbatim_or_escaped() {
        let dir = tempfile::tempdir().unwrap();
        let file = BookmarkFile::for_dataset(None, Some(dir.path().into())).unwrap();
        let odd = ["quote\"d", "back\\slash", "r#\"raw\"#", "Tōkyō", "tab\tbed"];
        file.save(&odd[..4].iter().map(|id| add(id)).collect::<Vec<_>>())
            .unwrap();
        assert_eq!(file.load().unwrap().0, ids(&odd[..4]));
        // A control character has everything escaped, so that the file shows it as `\t`.
        file.save(&[add(odd[4])]).unwrap();
        assert_eq!(file.load().unwrap().0, ids(&odd));
        let text = std::fs::read_to_string(file.path()).unwrap();
        assert!(text.contains("\"tab\\tbed\""), "{text}");
    }

    #[test]
    fn saves_from_two_explorers_merge_their_changes() {
        let dir = tempfile::tempdir().unwrap();
        let one = BookmarkFile::for_dataset(None, Some(dir.path().into())).unwrap();
        let other = one.clone();
        let saved = one.save(&[add("a"), add("b")]).unwrap();
        assert_eq!(saved.ids, Some(ids(&["a", "b"])));
        assert_eq!(saved.changes, 2);
        // The other explorer never saw a or b: its own changes are made to them, not instead.
        let saved = other.save(&[add("c"), remove("a")]).unwrap();
        assert_eq!(saved.ids, Some(ids(&["b", "c"])));
        let saved = one.save(&[remove("b"), add("d")]).unwrap();
        assert_eq!(saved.ids, Some(ids(&["c", "d"])));
        // Removing what is already gone and adding what is there leave the file alone.
        let before = std::fs::metadata(one.path()).unwrap().modified().unwrap();
        let saved = other.save(&[remove("a"), add("c")]).unwrap();
        assert_eq!(saved.ids, Some(ids(&["c", "d"])));
        let after = std::fs::metadata(one.path()).unwrap().modified().unwrap();
        assert_eq!(before, after);
        assert_eq!(one.load().unwrap().0, ids(&["c", "d"]));
    }

    #[test]
    fn a_save_hands_back_the_ids_only_when_someone_else_changed_them() {
        let dir = tempfile::tempdir().unwrap();
        let file = BookmarkFile::for_dataset(None, Some(dir.path().into())).unwrap();
        let (_, _, known) = file.read().unwrap();
        let (stored, known) = file.merge(&[add("a")], known, || Ok(())).unwrap();
        assert_eq!(stored.ids, Some(ids(&["a"])), "there was no file to know");
        let (stored, known) = file.merge(&[add("b")], known, || Ok(())).unwrap();
        assert_eq!(stored.ids, None, "only this explorer's own changes");
        file.clone().save(&[add("theirs")]).unwrap();
        let (stored, _) = file.merge(&[remove("a")], known, || Ok(())).unwrap();
        assert_eq!(stored.ids, Some(ids(&["b", "theirs"])));
    }

    #[test]
    fn concurrent_saves_lose_no_change() {
        let dir = tempfile::tempdir().unwrap();
        let file = BookmarkFile::for_dataset(None, Some(dir.path().into())).unwrap();
        let explorers: Vec<_> = (0..4)
            .map(|explorer| {
                let file = file.clone();
                std::thread::spawn(move || {
                    for n in 0..25 {
                        // Each adds two of its own and takes one of them back.
                        let (kept, dropped) =
                            (format!("{explorer}-{n}"), format!("{explorer}-x{n}"));
                        file.save(&[add(&kept), add(&dropped)]).unwrap();
                        file.save(&[remove(&dropped)]).unwrap();
                    }
                })
            })
            .collect();
        for explorer in explorers {
            explorer.join().unwrap();
        }
        let expected: BTreeSet<String> = (0..4)
            .flat_map(|explorer| (0..25).map(move |n| format!("{explorer}-{n}")))
            .collect();
        assert_eq!(file.load().unwrap().0, expected);
    }

    #[test]
    fn an_interrupted_save_leaves_the_previous_file_intact() {
        let dir = tempfile::tempdir().unwrap();
        let file = BookmarkFile::for_dataset(None, Some(dir.path().into())).unwrap();
        file.save(&[add("a")]).unwrap();
        let before = std::fs::read(file.path()).unwrap();
        let failed = file.save_with(&[add("b")], || Err(io::Error::other("killed")));
        assert!(failed.is_err());
        assert_eq!(std::fs::read(file.path()).unwrap(), before);
        assert_eq!(file.load().unwrap().0, ids(&["a"]));
    }

    #[test]
    fn a_directory_in_its_place_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let file = BookmarkFile::for_dataset(None, Some(dir.path().into())).unwrap();
        std::fs::create_dir_all(file.path()).unwrap();
        let refused = file.load().unwrap_err();
        assert_eq!(refused.to_string(), "not a regular file (a directory)");
        assert!(file.path().is_dir());
        assert!(!file.path().with_extension("ron.bak").exists());
    }

    #[test]
    fn a_corrupt_file_is_kept_aside_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let file = BookmarkFile::for_dataset(None, Some(dir.path().into())).unwrap();
        std::fs::create_dir_all(file.path().parent().unwrap()).unwrap();
        std::fs::write(file.path(), "Bookmarks(events: [\"a\"").unwrap();
        let (loaded, note) = file.load().unwrap();
        assert!(loaded.is_empty());
        let Some(LoadNote::KeptAside { path, problem }) = note else {
            panic!("no note");
        };
        assert_eq!(path.file_name().unwrap(), "asean-japan.ron.bak");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "Bookmarks(events: [\"a\""
        );
        assert!(problem.starts_with("1:"), "{problem}");
        assert!(!file.path().exists());

        // Bytes that are not text at all are kept aside too.
        std::fs::write(file.path(), b"\xff\xfe").unwrap();
        let (loaded, note) = file.load().unwrap();
        assert!(loaded.is_empty());
        assert!(matches!(note, Some(LoadNote::KeptAside { .. })), "{note:?}");
        assert!(path.with_extension("bak.1").exists());
    }
}
