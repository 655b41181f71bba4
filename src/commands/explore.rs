//! The interactive explorer's setup and teardown: the config and theme, the timeline (loaded at
//! once, or behind a progress screen when large), the bookmark keeper and the file watcher
//! around [`crate::app::run()`], and what the outcome means for the process.

use std::io::{self, IsTerminal};
use std::path::Path;
use std::sync::mpsc::Sender;

use ratatui::layout::Rect;

use super::{Failure, Source, no_color, open_index};
use crate::app::loading::{self, Waited};
use crate::app::{self, App, Input, Live, Outcome};
use crate::bookmarks::{BookmarkFile, Keeper};
use crate::config::Config;
use crate::host::{Exports, TerminalHost};
use crate::search::Index;
use crate::snapshot::codec::Keep;
use crate::snapshot::{Cache, Opened, Saving, Unsaved};
use crate::terminal::{self, Session};
use crate::timeline::{self, Progress};

/// Files at least this large load behind a progress screen instead of before the first frame.
const LOAD_IN_BACKGROUND_FROM: u64 = 4 << 20;

/// How the explorer was asked to run, from the command line.
pub struct Options<'a> {
    /// The timeline file, or the bundled dataset.
    pub data: Option<&'a Path>,
    /// `--no-mouse`: leave the mouse to the terminal, whatever the config says.
    pub no_mouse: bool,
    /// `--ascii`: draw in plain ASCII.
    pub ascii: bool,
    /// `--watch`: reload `data` whenever it changes.
    pub watch: bool,
    /// The snapshot cache (`None`: `--no-cache`, or no cache directory).
    pub cache: Option<&'a Cache>,
}

/// Where the explorer's timeline comes from.
enum Start<'a> {
    Ready(Box<Opened<Index>>),
    /// A large file, loaded while a progress screen shows.
    Background(&'a Path),
}

/// Whether `path` loads behind the progress screen. A file too large to load at all is not,
/// nor is anything but a regular file (whose size means nothing): they are refused on the
/// plain screen, as other unreadable files are. `metadata` only looks, so a FIFO cannot block.
fn is_large(path: &Path) -> bool {
    let loads_slowly = LOAD_IN_BACKGROUND_FROM..=timeline::load::MAX_FILE_BYTES;
    std::fs::metadata(path).is_ok_and(|meta| meta.is_file() && loads_slowly.contains(&meta.len()))
}

/// Runs the interactive explorer until the user quits.
pub fn explore(options: &Options) -> Result<(), Failure> {
    let config = Config::load().map_err(Failure::Config)?;
    let mouse = !options.no_mouse && config.mouse.unwrap_or(true);
    let theme = config.theme(!no_color(), options.ascii);
    let data = options.data;
    let watch = options.watch.then_some(()).and(data);
    if !io::stdout().is_terminal() {
        return Err(Failure::NotATerminal);
    }
    // A small file loads in milliseconds: load it first, so its errors print on a plain screen.
    let source = Source {
        path: data,
        cache: options.cache,
    };
    let start = match data {
        Some(path) if is_large(path) => Start::Background(path),
        _ => Start::Ready(Box::new(
            open_index(&source, &Progress::default(), Keep::Copied).map_err(Failure::Load)?,
        )),
    };
    let (others, inputs) = terminal::inputs().map_err(Failure::Terminal)?;
    let mut session = Session::start(mouse).map_err(Failure::Terminal)?;
    let size = session.terminal.size().map_err(Failure::Terminal)?;
    let area = Rect::new(0, 0, size.width, size.height);
    let (mut app, unsaved, typed_ahead) = match start {
        Start::Ready(opened) => {
            let (app, unsaved) = loading::prepare(*opened, area);
            (app, unsaved, Vec::new())
        }
        Start::Background(path) => {
            let waited = loading::load_in_background(
                &mut session.terminal,
                &theme,
                &config.keymap,
                (path, options.cache),
                area,
                &inputs,
            )
            .map_err(Failure::Terminal)?;
            match waited {
                Waited::Ready(Ok((app, unsaved)), typed_ahead) => (app, unsaved, typed_ahead),
                Waited::Ready(Err(error), _) => return Err(Failure::Load(error)),
                Waited::Quit => return Ok(()),
                Waited::Signal(signal) => return Err(Failure::Signalled(signal)),
                Waited::Lost => {
                    return Err(Failure::Terminal(io::Error::other(
                        "loading stopped unexpectedly",
                    )));
                }
            }
        }
    };
    // Written while the explorer runs; stopped (its temporary file removed) if it quits first.
    let _saving: Option<Saving> = unsaved.map(Unsaved::save_in_background);
    app.set_theme(theme);
    app.set_today(chrono::Local::now().date_naive());
    app.set_keys(config.keymap.clone());
    app.set_order(config.order());
    let exported = others.clone();
    let mut host = TerminalHost {
        bookmarks: keep_bookmarks(&mut app, data, others.clone()),
        // The loop is gone only when the explorer is ending, which stops the export.
        exports: Exports::new(move |report| drop(exported.send(Input::Export(report)))),
    };
    // Dropped, and so stopped, when the explorer ends.
    let watching = watch.map(|path| crate::watch::watch(path, options.cache.cloned(), others));
    let _watcher = match watching {
        Some(Err(error)) => {
            app.set_status(format!("Cannot watch the file: {error}"));
            None
        }
        watching => watching.and_then(Result::ok),
    };
    let inputs = Live::new(typed_ahead.into(), inputs);
    let outcome =
        app::run(&mut session.terminal, &mut app, inputs, &mut host).map_err(Failure::Terminal)?;
    drop(session);
    // Freeing a million events one allocation at a time takes a quarter of a second once the
    // terminal is back; the process ends now, and the system takes the memory back at once.
    std::mem::forget(app);
    host.finish().map_err(Failure::Bookmarks)?;
    match outcome {
        Outcome::Quit => Ok(()),
        Outcome::Signal(signal) => Err(Failure::Signalled(signal)),
    }
}

/// Starts keeping the dataset's bookmarks off the event loop: the keeper loads them and then
/// saves each change, reporting to the loop as inputs. `None`, said in the status line, when
/// there is nowhere to keep them.
fn keep_bookmarks(app: &mut App, data: Option<&Path>, inputs: Sender<Input>) -> Option<Keeper> {
    let Some(file) = BookmarkFile::for_dataset(data, None) else {
        app.set_status("No data directory: bookmarks are not saved (set AJTL_DATA_DIR)".into());
        return None;
    };
    // The loop is gone only when the explorer is ending; the keeper saves all the same.
    let report = move |report| drop(inputs.send(Input::Bookmarks(report)));
    match Keeper::start(file, report) {
        Ok(keeper) => {
            app.await_bookmarks();
            Some(keeper)
        }
        Err(error) => {
            app.set_status(format!(
                "Cannot start saving bookmarks: {error}; they are not saved this session"
            ));
            None
        }
    }
}
