//! What each command of the `ajtl` binary does, so that `main.rs` only parses the command line,
//! dispatches here and maps the outcome to an exit code: the headless commands in [`headless`],
//! the interactive explorer in [`explore`], and the one error type all of them report.

pub mod chart;
pub mod convert;
pub mod explore;
pub mod headless;

use std::io::{self, IsTerminal};
use std::path::Path;

use crate::config::ConfigError;
use crate::search::QueryError;
use crate::timeline::{self, FilterError, Ignored, LoadError, Loaded, Timeline};

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
    /// Ended by a signal; exits with 128 + its number, as shells expect.
    #[error("terminated by signal {0}")]
    Signalled(i32),
}

/// The timeline at `path`, or the bundled one; what the file held that ajtl could not carry
/// is said in one line on stderr.
pub fn load(path: Option<&Path>) -> Result<Timeline, Failure> {
    let loaded = load_noting(path)?;
    if let Some(warning) = loaded.warning() {
        eprintln!("{warning}");
    }
    Ok(loaded.timeline)
}

/// The timeline at `path`, or the bundled one, with the tally of what was ignored, for the
/// explorer to show rather than print.
pub fn load_noting(path: Option<&Path>) -> Result<Loaded, Failure> {
    match path {
        Some(path) => timeline::load_file(path),
        None => timeline::bundled().map(|timeline| Loaded {
            timeline,
            ignored: Ignored::default(),
            file: timeline::BUNDLED_NAME.to_string(),
        }),
    }
    .map_err(Failure::Load)
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
