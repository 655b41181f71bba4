//! What each command of the `ajtl` binary does, so that `main.rs` only parses the command line,
//! dispatches here and maps the outcome to an exit code: the headless commands in [`headless`],
//! the interactive explorer in [`explore`], and the one error type all of them report.

pub mod cache;
pub mod chart;
pub mod convert;
pub mod explore;
pub mod headless;

use std::io::{self, IsTerminal};
use std::path::Path;

use crate::config::ConfigError;
use crate::search::{Index, QueryError};
use crate::snapshot::codec::Keep;
use crate::snapshot::{self, Cache, Opened};
use crate::timeline::{self, FilterError, Ignored, LoadError, Progress, Timeline};

/// Why a command failed; each is reported as a plain message on stderr.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("{0}")]
    Load(LoadError),
    #[error("cannot write output: {0}")]
    Write(io::Error),
    #[error(
        "the explorer needs a terminal; for scripts and pipes use `ajtl list` (see `ajtl --help`)"
    )]
    NotATerminal,
    #[error("terminal: {0}")]
    Terminal(io::Error),
    #[error("bad query: {0}")]
    Query(QueryError),
    #[error("{0}")]
    Filter(FilterError),
    /// Arguments clap accepts alone but not together (the message says which and why).
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Config(ConfigError),
    /// A search that matched nothing: exit 1 and no message, like grep.
    #[error("no events match")]
    NoMatch,
    /// Bookmarks made in the explorer could not be saved (the message says where and why).
    #[error("{0}")]
    Bookmarks(String),
    /// The cache could not be listed or cleared (`ajtl cache`; the message says where).
    #[error("{0}")]
    Cache(String),
    /// Ended by a signal; exits with 128 + its number, as shells expect.
    #[error("terminated by signal {0}")]
    Signalled(i32),
}

/// Where a command's timeline comes from: a file or the bundled dataset, and the cache it
/// is opened through (`None`: `--no-cache`, or no cache directory).
#[derive(Clone, Copy, Debug, Default)]
pub struct Source<'a> {
    pub path: Option<&'a Path>,
    pub cache: Option<&'a Cache>,
}

impl<'a> Source<'a> {
    /// The same cache, for the file at `path` (or the bundled dataset).
    pub fn with_path(self, path: Option<&'a Path>) -> Self {
        Source { path, ..self }
    }
}

/// The timeline of `source`; what the file held that ajtl could not carry is said in one line
/// on stderr. A snapshot may be due: [`Opened::save`] it once the output is written.
///
/// A command ends soon, so what comes from a snapshot is read where it lies ([`Keep`]).
pub fn load(source: &Source) -> Result<Opened<Timeline>, Failure> {
    noted(open_timeline(source, &Progress::default(), Keep::InPlace))
}

/// [`load`] with the search index, read from the snapshot when it holds one.
pub fn load_index(source: &Source) -> Result<Opened<Index>, Failure> {
    noted(open_index(source, &Progress::default(), Keep::InPlace))
}

/// The timeline of `source`, the tally of what was ignored left for the caller to say.
pub fn open_timeline(
    source: &Source,
    progress: &Progress,
    keep: Keep,
) -> Result<Opened<Timeline>, LoadError> {
    match source.path {
        Some(path) => snapshot::open_timeline(path, source.cache, progress, keep),
        None => timeline::bundled().map(bundled),
    }
}

/// [`open_timeline`] with the search index.
pub fn open_index(
    source: &Source,
    progress: &Progress,
    keep: Keep,
) -> Result<Opened<Index>, LoadError> {
    match source.path {
        Some(path) => snapshot::open_index(path, source.cache, progress, keep),
        None => timeline::bundled().map(|timeline| bundled(Index::new(timeline))),
    }
}

/// The bundled dataset's contents, which need no snapshot: they parse in a millisecond.
fn bundled<T>(contents: T) -> Opened<T> {
    Opened::uncached(
        contents,
        Ignored::default(),
        timeline::BUNDLED_NAME.to_string(),
    )
}

/// `opened`, its warning said on stderr.
fn noted<T>(opened: Result<Opened<T>, LoadError>) -> Result<Opened<T>, Failure> {
    let opened = opened.map_err(Failure::Load)?;
    if let Some(warning) = opened.warning() {
        eprintln!("{warning}");
    }
    Ok(opened)
}

/// Colour in text output only for a person at a terminal who has not asked for none
/// (<https://no-color.org>).
pub fn wants_color() -> bool {
    io::stdout().is_terminal() && !no_color()
}

/// Whether the user asked for no colour (<https://no-color.org>: set and not empty).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}
