//! A file → validated [`Timeline`], with errors a data author can act on: reading the file
//! (within a size limit, reporting progress), the errors, and the two passes in order.
//!
//! Loading happens in two passes. A parser reads the file into raw structs that mirror the format
//! (`raw.rs`: the fast path of `fast.rs`, else `ron`, which reports positions as
//! `FILE:LINE:COL`; or, for another tool's file, an importer in `import/`); then `validate.rs` checks every event, pillar and glossary entry and reports
//! *all* problems at once, so an author fixes a file in one round instead of one error per run.

use std::fmt;
use std::path::Path;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::time::SystemTime;

use super::import::{self, Ignored};
use super::model::Timeline;
use super::raw::parse_with_ron;
use super::text::sanitize;
use super::validate::validate;
use crate::files;

/// The dataset shipped inside the binary, so `ajtl` works from any directory.
pub const BUNDLED: &str = include_str!("../../data/asean_japan.ron");
/// The name the bundled dataset goes by in messages.
pub const BUNDLED_NAME: &str = "data/asean_japan.ron";
/// Files larger than this are refused before parsing rather than exhausting memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// Everything wrong with one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file as the user named it.
    pub file: String,
    pub problems: Vec<Problem>,
}

/// One thing wrong with a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file could not be read at all.
    Read(String),
    /// A problem at a position in the text (syntax, encoding, types, unknown fields).
    At {
        line: usize,
        col: usize,
        message: String,
    },
    /// A problem with a line as a whole (a spreadsheet row).
    Line { line: usize, message: String },
    /// A well-formed file whose contents break a rule.
    Invalid {
        subject: Subject,
        /// The field and its value as written, e.g. `date "2003-13"`.
        field: String,
        message: String,
    },
}

/// What an [`Problem::Invalid`] is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Timeline,
    /// 1-based position in the file's `pillars` list.
    Pillar {
        number: usize,
        id: String,
    },
    Glossary {
        key: String,
    },
    Era {
        title: String,
    },
    /// 1-based position in the file's `events` list.
    Event {
        number: usize,
        id: String,
    },
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let numbered = |f: &mut fmt::Formatter<'_>, kind: &str, number: usize, id: &str| {
            write!(f, "{kind} #{number}")?;
            if !id.is_empty() {
                write!(f, " {id:?}")?;
            }
            Ok(())
        };
        match self {
            Subject::Timeline => f.write_str("timeline"),
            Subject::Pillar { number, id } => numbered(f, "pillar", *number, id),
            Subject::Glossary { key } => write!(f, "glossary {key:?}"),
            Subject::Era { title } => write!(f, "era {title:?}"),
            Subject::Event { number, id } => numbered(f, "event", *number, id),
        }
    }
}

impl LoadError {
    pub(super) fn single(file: &str, problem: Problem) -> Self {
        LoadError {
            file: file.to_string(),
            problems: vec![problem],
        }
    }

    /// Nothing, when `problems` is empty; else every one of them as `file`'s error, so a reader
    /// that collects problems as it goes reports them all at once.
    pub(super) fn unless_empty(file: &str, problems: Vec<Problem>) -> Result<(), LoadError> {
        if problems.is_empty() {
            return Ok(());
        }
        Err(LoadError {
            file: file.to_string(),
            problems,
        })
    }

    /// One line per problem, each starting with the file name.
    pub fn lines(&self) -> impl Iterator<Item = String> + '_ {
        self.problems.iter().map(|problem| match problem {
            Problem::Read(message) => format!("{}: {message}", self.file),
            Problem::At { line, col, message } => {
                format!("{}:{line}:{col}: {message}", self.file)
            }
            Problem::Line { line, message } => format!("{}:{line}: {message}", self.file),
            Problem::Invalid {
                subject,
                field,
                message,
            } => format!("{}: {subject}: {field}: {message}", self.file),
        })
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, line) in self.lines().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            f.write_str(&line)?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// The bundled dataset. The test suite guarantees it loads without problems.
pub fn bundled() -> Result<Timeline, LoadError> {
    load_str(BUNDLED_NAME, BUNDLED)
}

/// How far a load has got, shared with whoever shows it (the explorer's loading screen).
#[derive(Debug, Default)]
pub struct Progress {
    stage: AtomicU8,
    /// Bytes read, then bytes parsed, of `total`.
    done: AtomicU64,
    total: AtomicU64,
}

/// The steps of loading a large file, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Reading,
    Parsing,
    Checking,
    /// Preparing search, after the timeline itself is loaded.
    Indexing,
    /// Reading the timeline and its index back from a snapshot of the file, instead of
    /// parsing, checking and indexing it.
    Restoring,
}

impl Progress {
    /// The current stage, and how much of it is done (0.0–1.0) where that is known.
    pub fn snapshot(&self) -> (Stage, Option<f64>) {
        let stage = match self.stage.load(Ordering::Relaxed) {
            0 => Stage::Reading,
            1 => Stage::Parsing,
            2 => Stage::Checking,
            3 => Stage::Indexing,
            _ => Stage::Restoring,
        };
        let total = self.total.load(Ordering::Relaxed);
        let fraction = matches!(stage, Stage::Reading | Stage::Parsing)
            .then(|| self.done.load(Ordering::Relaxed) as f64 / total.max(1) as f64);
        (stage, fraction.map(|f| f.min(1.0)))
    }

    pub fn enter(&self, stage: Stage) {
        self.done.store(0, Ordering::Relaxed);
        self.stage.store(stage as u8, Ordering::Relaxed);
    }
}

/// Reads and validates a timeline file, in ajtl's format or another tool's (TimelineJS JSON or
/// spreadsheet CSV, a Timeline app `.timeline` file), told apart by content.
pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    let progress = Progress::default();
    load_read(&SourceFile::open(path)?.read(&progress)?, &progress)
}

/// A file's contents, read whole ([`SourceFile::read`]) to be parsed by [`load_read`]; a file
/// with a valid snapshot is only hashed, never read whole (`crate::snapshot`).
#[derive(Debug)]
pub struct FileBytes {
    /// The file as the user named it (sanitised), for messages.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A file opened and its metadata taken, not yet read: a snapshot whose header matches its
/// size and time is checked by hashing it through a small buffer ([`SourceFile::file`]), so
/// only a file that must be parsed is read whole ([`SourceFile::read`]).
#[derive(Debug)]
pub struct SourceFile {
    /// The file as the user named it (sanitised), for messages.
    pub name: String,
    pub file: std::fs::File,
    /// The size when opened, within the limit.
    pub size: u64,
    /// When the file was last modified, as it was when opened (`None` where the system cannot
    /// say).
    pub modified: Option<SystemTime>,
    limit: u64,
}

/// Opens the file at `path` with [`files::open_regular`], so a FIFO or a device is refused at
/// once instead of blocking or reading forever, and refuses one larger than `limit` (a
/// parameter so tests can show it holds without a gigabyte file).
fn open_file(path: &Path, limit: u64) -> Result<SourceFile, LoadError> {
    let name = sanitize(&path.display().to_string()).into_owned();
    let read_error = |e: std::io::Error| LoadError::single(&name, Problem::Read(describe_io(&e)));
    let file = files::open_regular(path).map_err(read_error)?;
    let meta = file.metadata().map_err(read_error)?;
    let size = meta.len();
    if size > limit {
        return Err(LoadError::single(
            &name,
            Problem::Read(format!(
                "the file is {size} bytes; timelines are limited to {limit} bytes"
            )),
        ));
    }
    Ok(SourceFile {
        name,
        file,
        size,
        modified: meta.modified().ok(),
        limit,
    })
}

impl SourceFile {
    /// Opens the file at `path` within [`MAX_FILE_BYTES`], reading nothing yet.
    pub fn open(path: &Path) -> Result<SourceFile, LoadError> {
        open_file(path, MAX_FILE_BYTES)
    }

    /// Reads the file whole from its start (whatever was read of it before), reporting the
    /// bytes read to `progress`. At most one byte past the limit is ever read, whatever the
    /// metadata said: a file that grows past the limit while being read is refused too.
    pub fn read(self, progress: &Progress) -> Result<FileBytes, LoadError> {
        let SourceFile {
            name,
            mut file,
            size,
            limit,
            ..
        } = self;
        let read_error =
            |e: std::io::Error| LoadError::single(&name, Problem::Read(describe_io(&e)));
        progress.total.store(size, Ordering::Relaxed);
        progress.enter(Stage::Reading);
        std::io::Seek::rewind(&mut file).map_err(read_error)?;
        let bytes = read_within(file, size, limit, progress).map_err(read_error)?;
        Ok(FileBytes { name, bytes })
    }
}

/// Parses and validates a file's contents read by [`read_file`], reporting progress.
pub fn load_read(file: &FileBytes, progress: &Progress) -> Result<Loaded, LoadError> {
    match std::str::from_utf8(&file.bytes) {
        Ok(text) => load_text(&file.name, text, Some(progress)),
        Err(_) => load_bytes(&file.name, &file.bytes).map(|timeline| Loaded {
            timeline,
            ignored: Ignored::default(),
            file: file.name.clone(),
        }),
    }
}

/// Reads a file, showing the bytes read so far, stopping with an error one byte past `limit`
/// that says the file grew: its size was checked against the limit before.
fn read_within(
    file: impl std::io::Read,
    size: u64,
    limit: u64,
    progress: &Progress,
) -> std::io::Result<Vec<u8>> {
    let shown = |read| progress.done.store(read, Ordering::Relaxed);
    files::read_limited(file, limit, size, shown).map_err(|error| {
        if error.kind() != std::io::ErrorKind::FileTooLarge {
            return error;
        }
        std::io::Error::new(
            error.kind(),
            format!(
                "the file grew past {limit} bytes while being read; timelines are limited to {limit} bytes"
            ),
        )
    })
}

fn describe_io(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "no such file".to_string(),
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        // `not a regular file (…)` and the size limit say all there is to say.
        ErrorKind::InvalidInput | ErrorKind::FileTooLarge => error.to_string(),
        _ => format!("cannot read: {}", files::reason(error)),
    }
}

/// Validates a timeline from raw bytes, which must be UTF-8.
pub fn load_bytes(name: &str, bytes: &[u8]) -> Result<Timeline, LoadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => load_str(name, text),
        Err(error) => {
            let valid = std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default();
            let (line, col) = end_position(valid);
            Err(LoadError::single(
                name,
                Problem::At {
                    line,
                    col,
                    message: "not valid UTF-8: timeline files must be UTF-8 text".to_string(),
                },
            ))
        }
    }
}

/// The 1-based line and column just after `text`.
fn end_position(text: &str) -> (usize, usize) {
    let line = text.matches('\n').count() + 1;
    let col = text
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count())
        + 1;
    (line, col)
}

/// Parses and validates a timeline from text, in any format [`load_file`] reads; what the
/// text held that ajtl could not carry is not reported (files are read with [`load_file`]).
pub fn load_str(name: &str, text: &str) -> Result<Timeline, LoadError> {
    load_text(name, text, None).map(|loaded| loaded.timeline)
}

/// Reads ajtl's own format, or another tool's (told by content: see `import`), and validates it.
fn load_text(name: &str, text: &str, progress: Option<&Progress>) -> Result<Loaded, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::single(
            name,
            Problem::Read("the file is empty; see docs/dataset-format.md for the format".into()),
        ));
    }
    if let Some(progress) = progress {
        progress.enter(Stage::Parsing);
    }
    let (raw, ignored) = match import::import(name, text) {
        Some(imported) => imported?,
        None => match super::fast::parse(text, progress.map(|p| &p.done)) {
            Some(raw) => (raw, Ignored::default()),
            None => (parse_with_ron(name, text)?, Ignored::default()),
        },
    };
    if let Some(progress) = progress {
        progress.enter(Stage::Checking);
    }
    let timeline = validate(raw).map_err(|problems| LoadError {
        file: name.to_string(),
        problems,
    })?;
    Ok(Loaded {
        timeline,
        ignored,
        file: name.to_string(),
    })
}

/// A timeline read from a file, and what the file held that ajtl could not carry (another
/// tool's backgrounds, display dates …), which must be said, never dropped silently.
#[derive(Debug)]
pub struct Loaded {
    pub timeline: Timeline,
    pub ignored: Ignored,
    /// The file as the user named it (sanitised).
    pub file: String,
}

impl Loaded {
    /// `data.json: 3 backgrounds, 1 display date ignored`, or `None` when nothing was: the
    /// line every command prints on stderr and the explorer shows as its first status.
    pub fn warning(&self) -> Option<String> {
        (!self.ignored.is_empty()).then(|| format!("{}: {}", self.file, self.ignored))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_position_counts_lines_and_chars() {
        assert_eq!(end_position(""), (1, 1));
        assert_eq!(end_position("ab"), (1, 3));
        assert_eq!(end_position("ab\n日本"), (2, 3));
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.ron");
        std::fs::write(&path, BUNDLED).unwrap();
        let size = BUNDLED.len() as u64;
        let refused = open_file(&path, size - 1).unwrap_err();
        assert_eq!(
            refused.lines().collect::<Vec<_>>(),
            [format!(
                "{}: the file is {size} bytes; timelines are limited to {} bytes",
                path.display(),
                size - 1
            )]
        );
        assert!(
            open_file(&path, size)
                .and_then(|file| file.read(&Progress::default()))
                .is_ok()
        );
    }

    #[test]
    fn reading_stops_one_byte_past_the_limit_whatever_the_size_said() {
        // An endless source that claimed to be small, as a file growing while read does.
        let progress = Progress::default();
        let refused = read_within(std::io::repeat(b' '), 10, 1000, &progress).unwrap_err();
        assert_eq!(refused.kind(), std::io::ErrorKind::FileTooLarge);
        assert_eq!(
            describe_io(&refused),
            "the file grew past 1000 bytes while being read; timelines are limited to 1000 bytes"
        );
        assert_eq!(progress.done.load(Ordering::Relaxed), 1001);
        let read = read_within(&b"Timeline()"[..], 10, 10, &progress).unwrap();
        assert_eq!(read, b"Timeline()");
    }
}
