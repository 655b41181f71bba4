//! What the app asks of the world outside it. `App::update` never does I/O: it queues an
//! [`Effect`], the event loop's host carries it out, and the app hears how it went through
//! `App::effect_done`. Tests read the queue instead of touching the clipboard or the disk.

use std::path::PathBuf;

use crate::bookmarks::Change;
use crate::files::Existing;
use crate::output::Format;

/// Something for the host to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Put text on the clipboard (OSC 52, so it works over SSH).
    Copy(String),
    /// Save this change to the bookmarks, keeping whatever else is stored (another
    /// explorer's); the host reports the ids stored through [`App::bookmarks_stored`].
    ///
    /// [`App::bookmarks_stored`]: crate::app::App::bookmarks_stored
    SaveBookmarks(Change),
    /// Write the events shown, in their order, to `path`.
    Export {
        path: PathBuf,
        format: Format,
        existing: Existing,
    },
}

/// How an effect went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EffectResult {
    /// Done; the message (possibly empty) is for the status line.
    Done(String),
    /// Not done, and why.
    Failed(String),
    /// An export found a file at its path and left it alone.
    Exists(PathBuf),
}
