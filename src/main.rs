//! The `ajtl` binary: parse the command line, run one command, map the outcome to an exit code.

mod cli;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use ajtl::app::loading::Waited;
use ajtl::app::{self, App, Live, Outcome};
use ajtl::bookmarks::{BookmarkFile, Keeper};
use ajtl::config::{Config, ConfigError};
use ajtl::host::TerminalHost;
use ajtl::output::{self, Row};
use ajtl::search::{Index, Query, QueryError};
use ajtl::stats::{self, Stats};
use ajtl::terminal::{self, Session};
use ajtl::timeline::text::{sanitize, sanitize_message};
use ajtl::timeline::{self, EventId, LoadError, Timeline};
use ajtl::ui::theme::Theme;
use chrono::Datelike;
use clap::{CommandFactory, Parser};
use ratatui::layout::Rect;

use cli::{Cli, Command, Filters};

/// mimalloc: loading a large timeline makes millions of small allocations, which it serves
/// about a third faster than the system allocator (measured on 100k events).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit code for invalid data or usage (clap uses it for usage errors too).
const EXIT_INVALID: u8 = 2;
/// Exit code for a search without results, as grep uses.
const EXIT_NO_MATCH: u8 = 1;

/// Why a command failed; each is reported as a plain message on stderr.
#[derive(Debug, thiserror::Error)]
enum Failure {
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
    Filter(String),
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

fn main() -> ExitCode {
    let cli = match parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stops early (`ajtl list | head`) is not an error.
        Err(Failure::Write(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        // The terminal is already restored; a signal is not an error to report.
        Err(Failure::Signalled(signal)) => ExitCode::from((128 + signal) as u8),
        Err(Failure::NoMatch) => ExitCode::from(EXIT_NO_MATCH),
        Err(failure) => {
            report(&failure);
            ExitCode::from(EXIT_INVALID)
        }
    }
}

/// The command line, or clap's answer to one it will not run. Errors quote the arguments as
/// typed, so they are rendered without styles: what is left is clap's text and the user's, to
/// be made safe. Help and version quote nothing typed and keep their colours.
fn parse() -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    use clap::builder::Styles;
    use clap::error::ErrorKind;
    let matches = Cli::command().styles(Styles::plain()).try_get_matches();
    match matches.and_then(|matches| Cli::from_arg_matches(&matches)) {
        Err(error) if matches!(error.kind(), ErrorKind::DisplayHelp) => Cli::try_parse(),
        parsed => parsed,
    }
}

/// Prints clap's answer to a command line it did not run and returns its exit code: help and
/// version as clap prints them, an error made safe.
fn usage_error(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        // Nothing sensible is left to do if stdout itself is closed.
        let _ = error.print();
        return ExitCode::SUCCESS;
    }
    let text = error.render().ansi().to_string();
    let _ = write!(io::stderr().lock(), "{}", sanitize_message(&text));
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(EXIT_INVALID))
}

fn report(failure: &Failure) {
    let mut stderr = io::stderr().lock();
    // Arguments, paths and library messages are quoted in failures: print them made safe.
    // Nothing sensible is left to do if stderr itself is closed.
    let _ = writeln!(stderr, "{}", sanitize_message(&failure.to_string()));
    if let Failure::Load(error) = failure
        && error.problems.len() > 1
    {
        let _ = writeln!(
            stderr,
            "{} problems in {}",
            error.problems.len(),
            error.file
        );
    }
}

fn load(path: Option<&Path>) -> Result<Timeline, Failure> {
    match path {
        Some(path) => timeline::load_file(path),
        None => timeline::bundled(),
    }
    .map_err(Failure::Load)
}

fn run(cli: Cli) -> Result<(), Failure> {
    let Some(command) = cli.command else {
        let config = Config::load().map_err(Failure::Config)?;
        let mouse = !cli.no_mouse && config.mouse.unwrap_or(true);
        let theme = config.theme(!no_color(), cli.ascii);
        let watch = cli.watch.then_some(()).and(cli.data.as_deref());
        return explore(cli.data.as_deref(), mouse, &theme, &config, watch);
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match command {
        Command::Check { file } => {
            let timeline = load(file.as_deref().or(cli.data.as_deref()))?;
            writeln!(out, "{}", output::summary(&timeline)).map_err(Failure::Write)?;
        }
        Command::List { filters, format } => {
            let timeline = load(cli.data.as_deref())?;
            let candidates = candidates(&timeline, &filters)?;
            let rows: Vec<Row> = candidates
                .iter()
                .map(|&event| Row {
                    event: timeline.event(event),
                    score: None,
                })
                .collect();
            output::write_events(&mut out, &timeline, &rows, format, wants_color())
                .map_err(Failure::Write)?;
        }
        Command::Search {
            query,
            filters,
            limit,
            format,
        } => {
            let timeline = load(cli.data.as_deref())?;
            let query = Query::parse(&query).map_err(Failure::Query)?;
            let candidates = candidates(&timeline, &filters)?;
            let index = Index::new(timeline);
            let timeline = index.timeline();
            let compiled = index.compile(&query);
            let hits = index.search(&compiled, &candidates);
            let rows: Vec<Row> = hits
                .iter()
                .take(limit.unwrap_or(usize::MAX))
                .map(|hit| Row {
                    event: timeline.event(hit.event),
                    score: Some(hit.score),
                })
                .collect();
            output::write_events(&mut out, timeline, &rows, format, wants_color())
                .map_err(Failure::Write)?;
            out.flush().map_err(Failure::Write)?;
            if rows.is_empty() {
                return Err(Failure::NoMatch);
            }
        }
        Command::Glossary { format } => {
            let timeline = load(cli.data.as_deref())?;
            output::write_glossary(&mut out, &timeline, format).map_err(Failure::Write)?;
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "ajtl", &mut out);
        }
        Command::Stats { format } => {
            let timeline = load(cli.data.as_deref())?;
            let stats = Stats::new(&timeline);
            stats::write_stats(&mut out, &timeline, &stats, format).map_err(Failure::Write)?;
        }
    }
    out.flush().map_err(Failure::Write)
}

/// Files at least this large load behind a progress screen instead of before the first frame.
const LOAD_IN_BACKGROUND_FROM: u64 = 4 << 20;

/// Where the explorer's timeline comes from.
enum Source<'a> {
    Ready(Timeline),
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
fn explore(
    data: Option<&Path>,
    mouse: bool,
    theme: &Theme,
    config: &Config,
    watch: Option<&Path>,
) -> Result<(), Failure> {
    if !io::stdout().is_terminal() {
        return Err(Failure::NotATerminal);
    }
    // A small file loads in milliseconds: load it first, so its errors print on a plain screen.
    let source = match data {
        Some(path) if is_large(path) => Source::Background(path),
        _ => Source::Ready(load(data)?),
    };
    let (others, inputs) = terminal::inputs().map_err(Failure::Terminal)?;
    let mut session = Session::start(mouse).map_err(Failure::Terminal)?;
    let size = session.terminal.size().map_err(Failure::Terminal)?;
    let area = Rect::new(0, 0, size.width, size.height);
    let (mut app, typed_ahead) = match source {
        Source::Ready(timeline) => {
            let app = App::new(timeline, area);
            release_freed_memory();
            (app, Vec::new())
        }
        Source::Background(path) => {
            match load_in_background(&mut session, theme, path, area, &inputs)? {
                Some(ready) => ready,
                None => return Ok(()),
            }
        }
    };
    app.set_theme(theme.clone());
    app.set_order(config.order());
    let mut host = TerminalHost {
        bookmarks: keep_bookmarks(&mut app, data, others.clone()),
    };
    // Dropped, and so stopped, when the explorer ends.
    let _watcher = match watch.map(|path| ajtl::watch::watch(path, others)) {
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
fn keep_bookmarks(
    app: &mut App,
    data: Option<&Path>,
    inputs: std::sync::mpsc::Sender<app::Input>,
) -> Option<Keeper> {
    let Some(file) = BookmarkFile::for_dataset(data, None) else {
        app.set_status("No data directory: bookmarks are not saved (set AJTL_DATA_DIR)".into());
        return None;
    };
    // The loop is gone only when the explorer is ending; the keeper saves all the same.
    let report = move |report| drop(inputs.send(app::Input::Bookmarks(report)));
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

/// Loads a large file and prepares the explorer on another thread while showing progress;
/// the explorer and the inputs typed meanwhile, or `None` when the user gave up.
fn load_in_background(
    session: &mut Session,
    theme: &Theme,
    path: &Path,
    area: Rect,
    inputs: &std::sync::mpsc::Receiver<app::Input>,
) -> Result<Option<(App, Vec<app::Input>)>, Failure> {
    let progress = std::sync::Arc::new(timeline::Progress::default());
    let (sender, result) = std::sync::mpsc::channel();
    let (shared, owned_path) = (progress.clone(), path.to_path_buf());
    std::thread::spawn(move || {
        let loaded = timeline::load_file_with_progress(&owned_path, &shared).map(|timeline| {
            shared.enter(timeline::Stage::Indexing);
            let app = App::new(timeline, area);
            release_freed_memory();
            app
        });
        // The receiver is gone only if the user already quit.
        let _ = sender.send(loaded);
    });
    let name = sanitize(&path.display().to_string()).into_owned();
    let waited = app::loading::wait_for(
        &mut session.terminal,
        theme,
        &name,
        &progress,
        &result,
        inputs,
    )
    .map_err(Failure::Terminal)?;
    match waited {
        Waited::Ready(Ok(mut app), typed_ahead) => {
            let size = session.terminal.size().map_err(Failure::Terminal)?;
            app.update(app::Action::Resize(size.width, size.height));
            Ok(Some((app, typed_ahead)))
        }
        Waited::Ready(Err(error), _) => Err(Failure::Load(error)),
        Waited::Quit => Ok(None),
        Waited::Signal(signal) => Err(Failure::Signalled(signal)),
        Waited::Lost => Err(Failure::Terminal(io::Error::other(
            "loading stopped unexpectedly",
        ))),
    }
}

/// Hands memory freed while loading (the file's text, parsing scratch) back to the system, so
/// the explorer stays resident with what it keeps rather than what loading passed through.
fn release_freed_memory() {
    // SAFETY: `mi_collect` has no preconditions; it only returns free pages of this thread's
    // heap and of abandoned segments to the operating system.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// Colour in text output only for a person at a terminal who has not asked for none
/// (<https://no-color.org>).
fn wants_color() -> bool {
    io::stdout().is_terminal() && !no_color()
}

/// Whether the user asked for no colour (<https://no-color.org>: set and not empty).
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The events `--pillar`, `--from` and `--to` allow, in timeline order.
fn candidates(timeline: &Timeline, filters: &Filters) -> Result<Vec<EventId>, Failure> {
    let mut pillars = vec![filters.pillars.is_empty(); timeline.pillars.len()];
    for wanted in &filters.pillars {
        let Some(index) = timeline.pillars.iter().position(|p| &p.id == wanted) else {
            let known: Vec<&str> = timeline.pillars.iter().map(|p| p.id.as_ref()).collect();
            return Err(Failure::Filter(format!(
                "unknown pillar \"{wanted}\": the pillars are {}",
                known.join(", ")
            )));
        };
        pillars[index] = true;
    }
    let from = filters.from.unwrap_or(i32::MIN);
    let to = filters.to.unwrap_or(i32::MAX);
    if from > to {
        return Err(Failure::Filter(format!("--from {from} is after --to {to}")));
    }
    Ok(timeline
        .events
        .iter()
        .enumerate()
        .filter(|(_, event)| {
            pillars[event.pillar]
                && event.date.latest().year() >= from
                && event.date.earliest().year() <= to
        })
        .map(|(index, _)| EventId::at(index))
        .collect())
}
