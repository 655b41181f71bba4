//! Where bookmarks are kept: one file per dataset in the user's data directory
//! (`~/.local/share/ajtl/bookmarks` on Linux; `AJTL_DATA_DIR` overrides it), holding the
//! bookmarked event ids. Ids are kept even when the dataset no longer has them, so that an
//! event renamed back, or a file edited in the meantime, loses nothing.

use std::collections::BTreeSet;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::files::{self, Existing};

/// The environment variable that names the data directory instead of the default place.
pub const DATA_DIR_VARIABLE: &str = "AJTL_DATA_DIR";

/// The file format: which dataset, and its bookmarked ids.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Bookmarks", deny_unknown_fields)]
struct Stored {
    /// The dataset the ids belong to, for a person reading the file.
    dataset: String,
    events: BTreeSet<String>,
}

/// One dataset's bookmarks file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookmarkFile {
    path: PathBuf,
    dataset: String,
}

/// What loading found, besides the ids: a problem the user should hear about.
#[derive(Debug, PartialEq, Eq)]
pub enum LoadNote {
    /// The file could not be parsed and was moved aside, whole, to this path.
    KeptAside { path: PathBuf, problem: String },
}

impl fmt::Display for LoadNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadNote::KeptAside { path, problem } => write!(
                f,
                "Bookmarks file unreadable ({problem}); kept as {} and started afresh",
                path.display()
            ),
        }
    }
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
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The stored ids. A missing file is none yet; a file that cannot be read or parsed is
    /// moved aside (never overwritten) and reported; one that cannot even be moved is an
    /// error, and then nothing should be saved over it.
    pub fn load(&self) -> io::Result<(BTreeSet<String>, Option<LoadNote>)> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                return Ok((BTreeSet::new(), None));
            }
            Err(error) => {
                let Ok(path) = files::keep_aside(&self.path) else {
                    return Err(error);
                };
                let problem = error.to_string();
                return Ok((BTreeSet::new(), Some(LoadNote::KeptAside { path, problem })));
            }
        };
        match ron::from_str::<Stored>(&text) {
            Ok(stored) => Ok((stored.events, None)),
            Err(error) => {
                let at = error.span.start;
                let problem = format!("{}:{}: {}", at.line, at.col, error.code);
                let path = files::keep_aside(&self.path)?;
                Ok((BTreeSet::new(), Some(LoadNote::KeptAside { path, problem })))
            }
        }
    }

    /// Replaces the stored ids with `ids`, atomically.
    pub fn save(&self, ids: &BTreeSet<String>) -> io::Result<()> {
        self.save_with(ids, || Ok(()))
    }

    /// [`BookmarkFile::save`] with a hook before the final rename (see
    /// [`files::write_atomically_with`]).
    pub fn save_with(
        &self,
        ids: &BTreeSet<String>,
        before_rename: impl FnOnce() -> io::Result<()>,
    ) -> io::Result<()> {
        let stored = Stored {
            dataset: self.dataset.clone(),
            events: ids.clone(),
        };
        let pretty = ron::ser::PrettyConfig::default().struct_names(true);
        let text = ron::ser::to_string_pretty(&stored, pretty).map_err(io::Error::other)?;
        files::write_atomically_with(
            &self.path,
            format!("{text}\n").as_bytes(),
            Existing::Replace,
            before_rename,
        )
    }
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

    fn ids(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|id| id.to_string()).collect()
    }

    #[test]
    fn ids_round_trip_and_each_dataset_has_its_own_file() {
        let dir = tempfile::tempdir().unwrap();
        let bundled = BookmarkFile::for_dataset(None, Some(dir.path().into())).unwrap();
        assert_eq!(bundled.load().unwrap(), (BTreeSet::new(), None));
        bundled
            .save(&ids(&["jaif-established", "gone-id"]))
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
    fn an_interrupted_save_leaves_the_previous_file_intact() {
        let dir = tempfile::tempdir().unwrap();
        let file = BookmarkFile::for_dataset(None, Some(dir.path().into())).unwrap();
        file.save(&ids(&["a"])).unwrap();
        let before = std::fs::read(file.path()).unwrap();
        let failed = file.save_with(&ids(&["a", "b"]), || Err(io::Error::other("killed")));
        assert!(failed.is_err());
        assert_eq!(std::fs::read(file.path()).unwrap(), before);
        assert_eq!(file.load().unwrap().0, ids(&["a"]));
    }

    #[test]
    fn a_file_that_cannot_be_read_is_kept_aside_too() {
        let dir = tempfile::tempdir().unwrap();
        let file = BookmarkFile::for_dataset(None, Some(dir.path().into())).unwrap();
        // A directory where the file should be: reading it fails, but it can be moved.
        std::fs::create_dir_all(file.path()).unwrap();
        let (loaded, note) = file.load().unwrap();
        assert!(loaded.is_empty());
        assert!(matches!(note, Some(LoadNote::KeptAside { .. })), "{note:?}");
        assert!(file.path().with_extension("ron.bak").is_dir());
        file.save(&ids(&["a"])).unwrap();
        assert_eq!(file.load().unwrap().0, ids(&["a"]));
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
    }
}
