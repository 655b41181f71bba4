//! ajtl — a terminal explorer for timelines of dated events, bundled with fifty years of
//! ASEAN–Japan relations.
//!
//! The library holds everything but argument parsing, so tests and benchmarks drive the same
//! code the binary runs. Its layers, each knowing only those before it:
//!
//! - [`timeline`]: the domain — dates, events, pillars, the glossary; loading and validating a
//!   file; the pillar and year filters. Knows nothing of terminals.
//! - [`search`]: the query syntax and the index that matches and ranks events.
//! - [`app`]: the explorer's behaviour — keys become actions, `App::update` applies them — and
//!   its event loop, generic over the terminal backend.
//! - [`ui`]: drawing the explorer's state; it only reads.
//! - [`output`] and [`stats`]: the headless formats (text, JSON, CSV, Markdown).
//! - [`chart`]: events placed on a time axis, a lane per pillar, binned per column; drawn
//!   as text for `ajtl chart`. Knows nothing of terminals.
//! - [`convert`]: the whole timeline written as ajtl's RON, TimelineJS JSON or its sheet CSV.
//! - [`commands`]: what each command of the binary does, from loading to writing.
//! - Around the explorer: [`terminal`] (raw mode, signals, suspend), [`host`] (clipboard,
//!   export), [`bookmarks`], [`watch`], [`config`], [`files`] and [`memory`].
//! - `fixtures` (with the `fixtures` feature, for tests and benchmarks only): synthetic
//!   timelines of any size.
//!
//! The binary in `main.rs` parses the command line, calls [`commands`] and maps the outcome to
//! an exit code.

pub mod app;
pub mod bookmarks;
pub mod chart;
pub mod commands;
pub mod config;
pub mod convert;
pub mod files;
#[cfg(feature = "fixtures")]
pub mod fixtures;
pub mod host;
pub mod memory;
pub mod output;
pub mod search;
pub mod shared;
pub mod snapshot;
pub mod stats;
pub mod terminal;
pub mod timeline;
pub mod ui;
pub mod watch;
