//! The command line, as clap definitions only; `main.rs` acts on them.

use std::path::PathBuf;

use ajtl::commands::chart::ChartFormat;
use ajtl::convert::Target;
use ajtl::output::Format;
use ajtl::stats::StatsFormat;
use clap::{Args, Parser, Subcommand};

/// Explore fifty years of ASEAN–Japan relations, or any timeline: ajtl's RON, TimelineJS JSON or CSV,
/// or a Timeline app file.
#[derive(Debug, Parser)]
#[command(name = "ajtl", version, about)]
pub struct Cli {
    /// Load this timeline file instead of the bundled ASEAN–Japan dataset: ajtl's RON
    /// (docs/dataset-format.md), TimelineJS JSON or spreadsheet CSV, or a Timeline app .timeline
    /// file, told apart by content (docs/formats.md)
    #[arg(long, global = true, value_name = "FILE")]
    pub data: Option<PathBuf>,

    /// Leave the mouse to the terminal (text selection) instead of scrolling and clicking
    #[arg(long)]
    pub no_mouse: bool,

    /// Draw in plain ASCII (borders, markers, punctuation), for limited terminals and screen readers
    #[arg(long)]
    pub ascii: bool,

    /// Reload the --data file whenever it changes on disk, keeping the view (for authors)
    #[arg(long, requires = "data")]
    pub watch: bool,

    /// Neither read nor write snapshots: parse the file as if never seen (see `ajtl cache`)
    #[arg(long, global = true)]
    pub no_cache: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a timeline file: a summary line and exit 0, or every problem and exit 2
    Check {
        /// The file to check (default: --data, else the bundled dataset)
        file: Option<PathBuf>,
    },
    /// Print the events in timeline order
    List {
        #[command(flatten)]
        filters: Filters,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Print the events matching a query, best first (exit 1 when none match, like grep)
    #[command(after_help = QUERY_HELP)]
    Search {
        /// The query, in the explorer's syntax (see below)
        query: String,
        #[command(flatten)]
        filters: Filters,
        /// Print at most this many results
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Print the glossary of acronyms
    Glossary {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Print a completion script for your shell, e.g. `ajtl completions bash > ~/.local/share/bash-completion/completions/ajtl`
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
    /// Print events per pillar and per decade, the busiest years, and glossary coverage
    Stats {
        #[arg(long, value_enum, default_value_t)]
        format: StatsFormat,
    },
    /// Print every action of the explorer: its keys (with config.ron's rebindings), where it
    /// applies and what it does
    Keys,
    /// Draw the events on a time axis, a lane per pillar, spans as bars: as text to paste into a
    /// README or an email, or as an SVG picture for reports (--ascii applies to text only)
    Chart {
        #[command(flatten)]
        filters: Filters,
        #[arg(long, value_enum, default_value_t)]
        format: ChartFormat,
        /// The chart's width: in columns for text (default: the terminal's, else 100), in pixels
        /// for svg (default 1200, at least 320)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
        width: Option<u16>,
    },
    /// Write the whole timeline to stdout as ajtl's RON, TimelineJS JSON or the TimelineJS
    /// sheet CSV (what a format cannot hold is said on stderr)
    Convert {
        /// The file to convert, in any format --data reads (default: --data, else the bundled
        /// dataset)
        file: Option<PathBuf>,
        /// The format to write
        #[arg(long, value_enum, default_value_t)]
        to: Target,
    },
    /// Show the snapshot cache (where it is, its size, a line per file it holds); files of 1 MiB
    /// or more reopen from a snapshot without being parsed again
    Cache {
        #[command(subcommand)]
        action: Option<CacheAction>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CacheAction {
    /// Delete every snapshot (nothing else in the cache directory) and say how much that freed
    Clear,
}

/// Narrowing shared by `list`, `search` and `chart`.
#[derive(Debug, Args)]
pub struct Filters {
    /// Only events of this pillar (repeat for several)
    #[arg(long = "pillar", value_name = "ID")]
    pub pillars: Vec<String>,
    /// Only events reaching this year or later
    #[arg(long, value_name = "YEAR", allow_negative_numbers = true)]
    pub from: Option<i64>,
    /// Only events reaching this year or earlier
    #[arg(long, value_name = "YEAR", allow_negative_numbers = true)]
    pub to: Option<i64>,
}

const QUERY_HELP: &str = "Query syntax (the same as in the explorer):
  jaif summit       both terms (fuzzy; a capital letter makes a term case-sensitive)
  jaif | ajcep      either term
  'bali ^asean force$ !tokyo !^asean !'x
                    exact substring, prefix, suffix, exclusion (exact; !'x excludes
                    fuzzy matches); a term without accents matches accented letters
                    (tokyo finds Tōkyō)
  pillar:eco acronym:jaif place:tokyo
                    fields (pillar and place fuzzy, acronym exact)
  year:2008 year:2003..2013 year:>2010 year:<1990
                    events whose span overlaps those years";
