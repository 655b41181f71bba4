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
    /// Write the events shown, in their order, to `path`: off the event loop, for a million
    /// rows take seconds. The host answers at once (a file in the way, or a failure to
    /// start), then reports progress and the end as [`ExportReport`]s through
    /// [`App::export_report`].
    ///
    /// [`App::export_report`]: crate::app::App::export_report
    Export {
        path: PathBuf,
        format: Format,
        existing: Existing,
    },
    /// Stop the export under way: nothing is written, and a file it would have replaced is
    /// left as it was. It may have finished already; its report says which.
    StopExport,
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

/// How an export under way is going, as the host reports it to the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportReport {
    /// `done` of the `total` rows are written (to memory: the file is written whole at the end).
    Progress { done: usize, total: usize },
    /// It ended: written, or failed, or it found a file in its way after all.
    Finished(EffectResult),
    /// It stopped when asked ([`Effect::StopExport`]): nothing was written.
    Stopped,
}
