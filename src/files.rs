//! Writing files the user owns (bookmarks, exports) so that a crash, a full disk or a kill
//! midway never leaves them half-written: the new contents go to a temporary file in the same
//! directory, are flushed to disk, and only then renamed over the old file in one step.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Whether an existing file at the path may be replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    Replace,
    /// Fail with [`io::ErrorKind::AlreadyExists`] instead.
    Keep,
}

/// Writes `contents` to `path` atomically, creating its directory if need be.
pub fn write_atomically(path: &Path, contents: &[u8], existing: Existing) -> io::Result<()> {
    write_atomically_with(path, contents, existing, || Ok(()))
}

/// [`write_atomically`], calling `before_rename` once the temporary file is complete and
/// flushed: the last moment a failure can still leave the old file as it was. Tests use it to
/// make the write fail there.
pub fn write_atomically_with(
    path: &Path,
    contents: &[u8],
    existing: Existing,
    before_rename: impl FnOnce() -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let mut file = tempfile::Builder::new()
        .prefix(".ajtl-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    file.write_all(contents)?;
    file.as_file().sync_all()?;
    before_rename()?;
    match existing {
        Existing::Replace => file.persist(path).map(drop).map_err(|e| e.error),
        Existing::Keep => file.persist_noclobber(path).map(drop).map_err(|e| e.error),
    }
}

/// Moves the file at `path` aside to the first free name of `NAME.bak`, `NAME.bak.1`, … and
/// returns that name: a file that cannot be read is kept for its owner, never overwritten.
pub fn keep_aside(path: &Path) -> io::Result<PathBuf> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    for n in 0.. {
        let suffix = if n == 0 {
            ".bak".to_string()
        } else {
            format!(".bak.{n}")
        };
        let aside = path.with_file_name(format!("{name}{suffix}"));
        if !aside.exists() {
            fs::rename(path, &aside)?;
            return Ok(aside);
        }
    }
    unreachable!("some name is always free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_replaces_the_file_whole_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("marks.ron");
        write_atomically(&path, b"one", Existing::Replace).unwrap();
        write_atomically(&path, b"two", Existing::Replace).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_write_that_fails_before_the_rename_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("marks.ron");
        write_atomically(&path, b"old", Existing::Replace).unwrap();
        let failed = write_atomically_with(&path, b"new", Existing::Replace, || {
            Err(io::Error::other("disk gone"))
        });
        assert_eq!(failed.unwrap_err().to_string(), "disk gone");
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn keep_refuses_to_replace_and_files_are_kept_aside_under_free_names() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.md");
        write_atomically(&path, b"mine", Existing::Keep).unwrap();
        let refused = write_atomically(&path, b"theirs", Existing::Keep).unwrap_err();
        assert_eq!(refused.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"mine");

        let first = keep_aside(&path).unwrap();
        assert_eq!(first, dir.path().join("export.md.bak"));
        fs::write(&path, b"again").unwrap();
        let second = keep_aside(&path).unwrap();
        assert_eq!(second, dir.path().join("export.md.bak.1"));
        assert_eq!(fs::read(first).unwrap(), b"mine");
        assert_eq!(fs::read(second).unwrap(), b"again");
    }
}
