//! The command line, as clap definitions only; `main.rs` acts on them.

use std::path::PathBuf;

use ajtl::output::Format;
use clap::{Parser, Subcommand};

/// Explore fifty years of ASEAN–Japan relations, or any timeline in ajtl's RON format.
#[derive(Debug, Parser)]
#[command(name = "ajtl", version, about)]
pub struct Cli {
    /// Load this timeline file instead of the bundled ASEAN–Japan dataset
    /// (format: docs/dataset-format.md)
    #[arg(long, global = true, value_name = "FILE")]
    pub data: Option<PathBuf>,

    /// Leave the mouse to the terminal (text selection) instead of scrolling and clicking
    #[arg(long)]
    pub no_mouse: bool,

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
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Print the glossary of acronyms
    Glossary {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}
