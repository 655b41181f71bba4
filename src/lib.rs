//! ajtl — a terminal explorer for timelines of dated events, bundled with fifty years of
//! ASEAN–Japan relations.
//!
//! The library holds everything that is not argument parsing: the [`timeline`] domain (dates,
//! loading, validation) and the headless [`output`] formats and [`stats`]. The binary in `main.rs` wires them to
//! the command line.

pub mod app;
pub mod bookmarks;
pub mod commands;
pub mod config;
pub mod files;
pub mod host;
pub mod memory;
pub mod output;
pub mod search;
pub mod stats;
pub mod terminal;
pub mod timeline;
pub mod ui;
pub mod watch;
