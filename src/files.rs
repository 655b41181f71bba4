//! Files the user controls. Reading them never blocks and never runs without bound: a FIFO, a
//! device or a directory where a file should be is refused at once, and no read takes more than
//! its limit in bytes, whatever the metadata says (a file may grow, `/dev/zero` never ends).
//! Writing the files the user owns (bookmarks, exports) never leaves them half-written: the new
//! contents go to a temporary file in the same directory, are flushed to disk, and only then
//! renamed over the old file in one step.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// What went wrong, as a person reads it: the system's message without its number
/// (`Not a directory`, not `Not a directory (os error 20)`), which says nothing more to them.
pub fn reason(error: &io::Error) -> String {
    let message = error.to_string();
    match error.raw_os_error() {
        Some(code) => message
            .strip_suffix(&format!(" (os error {code})"))
            .map_or(message.clone(), str::to_string),
        None => message,
    }
}

/// Opens `path` for reading if it is a regular file, without blocking on it if it is not:
/// opening a FIFO for reading would wait for a writer, forever. Anything but a regular file
/// (following symlinks) is an [`io::ErrorKind::InvalidInput`] error that says `not a regular
/// file`.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Non-blocking: a FIFO opens at once; no controlling terminal: a tty path cannot
        // become ours by being opened.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    let kind = file.metadata()?.file_type();
    if kind.is_file() {
        return Ok(file);
    }
    Err(not_regular(kind))
}

/// The error for a path that is `kind` where a regular file should be.
fn not_regular(kind: fs::FileType) -> io::Error {
    let what = if kind.is_dir() {
        "a directory"
    } else {
        "a FIFO, device or socket"
    };
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("not a regular file ({what})"),
    )
}

/// Reads all of `reader`, but never more than `limit` bytes: one byte more is an
/// [`io::ErrorKind::FileTooLarge`] error, so an endless or growing source ends with an error
/// rather than with memory exhausted. `expected` sizes the buffer (a file's length), capped by
/// the limit. It reads in chunks of 8 MiB and tells `progress` the bytes read after each, for a
/// loading screen.
pub fn read_limited(
    reader: impl Read,
    limit: u64,
    expected: u64,
    mut progress: impl FnMut(u64),
) -> io::Result<Vec<u8>> {
    const CHUNK: u64 = 8 << 20;
    let mut reader = reader.take(limit.saturating_add(1));
    let mut bytes = Vec::with_capacity(expected.min(limit) as usize);
    loop {
        let read = (&mut reader).take(CHUNK).read_to_end(&mut bytes)?;
        progress(bytes.len() as u64);
        if bytes.len() as u64 > limit {
            return Err(io::Error::new(
                io::ErrorKind::FileTooLarge,
                format!("larger than the limit of {limit} bytes"),
            ));
        }
        if read == 0 {
            return Ok(bytes);
        }
    }
}

/// The contents of the regular file at `path`, at most `limit` bytes ([`open_regular`],
/// [`read_limited`]).
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let expected = file.metadata().map_or(0, |meta| meta.len());
    read_limited(file, limit, expected, |_| {})
}

/// Whether an existing file at the path may be replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    Replace,
    /// Fail with [`io::ErrorKind::AlreadyExists`] instead.
    Keep,
}

/// Writes `contents` to `path` atomically, creating its directory if need be.
///
/// A symlink is written through: its target is replaced, in the target's folder, and the link
/// stays a link. A file that is replaced keeps its permissions; a new one gets the usual ones
/// (`0666` less the umask), as a shell's `>` would make it. Anything but a regular file at the
/// path is refused with `not a regular file (…)` rather than replaced.
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
    let target = write_target(path)?;
    let old = match fs::metadata(&target) {
        Ok(meta) if !meta.is_file() => return Err(not_regular(meta.file_type())),
        Ok(meta) => Some(meta),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => return Err(error),
    };
    if old.is_some() && existing == Existing::Keep {
        return Err(io::Error::from(io::ErrorKind::AlreadyExists));
    }
    let dir = folder_of(&target);
    fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".ajtl-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(dir)?;
    if let Some(old) = old {
        file.as_file().set_permissions(old.permissions())?;
    }
    file.write_all(contents)?;
    file.as_file().sync_all()?;
    before_rename()?;
    match existing {
        Existing::Replace => file.persist(&target).map(drop).map_err(|e| e.error),
        Existing::Keep => file
            .persist_noclobber(&target)
            .map(drop)
            .map_err(|e| e.error),
    }
}

/// Where a write to `path` lands: `path`, or what it leads to if it is a symlink (through
/// every link), so that replacing the file leaves the link in place. The file need not exist.
pub fn write_target(path: &Path) -> io::Result<PathBuf> {
    /// As many links as Linux follows before giving up with `ELOOP`.
    const MAX_LINKS: usize = 40;
    let mut target = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&target) {
            Ok(meta) if meta.file_type().is_symlink() => {
                // A relative link is relative to the folder it is in.
                target = folder_of(&target).join(fs::read_link(&target)?);
            }
            Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error),
            _ => return Ok(target),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        "too many levels of symbolic links",
    ))
}

/// The folder `path` is in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
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
    fn reasons_leave_out_the_error_number() {
        let error = io::Error::from_raw_os_error(20);
        assert!(error.to_string().ends_with("(os error 20)"));
        assert!(!reason(&error).contains("os error"), "{}", reason(&error));
        assert!(!reason(&error).is_empty());
        let other = io::Error::other("stopped");
        assert_eq!(reason(&other), "stopped");
    }

    #[test]
    fn only_regular_files_are_opened_and_a_fifo_does_not_block() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("marks.ron");
        fs::write(&file, "x").unwrap();
        assert_eq!(read_regular(&file, 10).unwrap(), b"x");

        let refused = open_regular(dir.path()).unwrap_err();
        assert_eq!(refused.kind(), io::ErrorKind::InvalidInput);
        assert_eq!(refused.to_string(), "not a regular file (a directory)");

        #[cfg(unix)]
        {
            let fifo = dir.path().join("fifo");
            nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
            // With a blocking open this would wait for a writer, and the test would hang.
            let refused = read_regular(&fifo, 10).unwrap_err();
            assert_eq!(refused.kind(), io::ErrorKind::InvalidInput);
            assert!(refused.to_string().starts_with("not a regular file"));
            let device = open_regular(Path::new("/dev/zero")).unwrap_err();
            assert_eq!(device.kind(), io::ErrorKind::InvalidInput);
        }
    }

    #[test]
    fn reads_stop_one_byte_past_the_limit_whatever_the_source() {
        assert_eq!(read_limited(&b"abc"[..], 3, 0, |_| {}).unwrap(), b"abc");
        let mut seen = 0;
        let endless = read_limited(io::repeat(0), 1000, u64::MAX, |read| seen = read).unwrap_err();
        assert_eq!(seen, 1001, "the progress reaches the byte past the limit");
        assert_eq!(endless.kind(), io::ErrorKind::FileTooLarge);
        assert_eq!(endless.to_string(), "larger than the limit of 1000 bytes");
    }

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

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_modes_any_new_file_gets_and_link_loops_are_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |name: &str| {
            let meta = fs::metadata(dir.path().join(name)).unwrap();
            meta.permissions().mode() & 0o7777
        };
        fs::write(dir.path().join("plain.md"), "x").unwrap();
        write_atomically(&dir.path().join("new.md"), b"x", Existing::Keep).unwrap();
        assert_eq!(mode("new.md"), mode("plain.md"), "0666 less the umask");

        std::os::unix::fs::symlink("b", dir.path().join("a")).unwrap();
        std::os::unix::fs::symlink("a", dir.path().join("b")).unwrap();
        let looped = write_atomically(&dir.path().join("a"), b"x", Existing::Replace);
        assert_eq!(
            looped.unwrap_err().to_string(),
            "too many levels of symbolic links"
        );
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            4,
            "nothing written"
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
