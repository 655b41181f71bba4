//! The `ajtl` binary: parse the command line, run one command, map the outcome to an exit code.
//! What each command does lives in the library ([`ajtl::commands`]).

mod cli;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use ajtl::commands::explore::{self, Options};
use ajtl::commands::headless::{self, Narrowing};
use ajtl::commands::{Failure, Source, cache, chart, convert};
use ajtl::snapshot::Cache;
use ajtl::timeline::text::sanitize_message;
use clap::{CommandFactory, Parser};

use cli::{CacheAction, Cli, Command, Filters};

/// mimalloc: loading a large timeline makes millions of small allocations, which it serves
/// about a third faster than the system allocator (measured on 100k events).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit code for invalid data or usage (clap uses it for usage errors too).
const EXIT_INVALID: u8 = 2;
/// Exit code for a search without results, as grep uses.
const EXIT_NO_MATCH: u8 = 1;

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

/// Runs the command the user gave, or the explorer when none.
fn run(cli: Cli) -> Result<(), Failure> {
    let data = cli.data.as_deref();
    let located = Cache::locate();
    let cache = located.as_ref().filter(|_| !cli.no_cache);
    let source = Source { path: data, cache };
    let Some(command) = cli.command else {
        return explore::explore(&Options {
            data,
            no_mouse: cli.no_mouse,
            ascii: cli.ascii,
            watch: cli.watch,
            cache,
        });
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match command {
        Command::Check { file } => {
            headless::check(&mut out, &source.with_path(file.as_deref().or(data)))?
        }
        Command::List { filters, format } => {
            headless::list(&mut out, &source, &narrowing(&filters), format)?;
        }
        Command::Search {
            query,
            filters,
            limit,
            format,
        } => headless::search(
            &mut out,
            &source,
            &query,
            &narrowing(&filters),
            limit,
            format,
        )?,
        Command::Glossary { format } => headless::glossary(&mut out, &source, format)?,
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "ajtl", &mut out);
        }
        Command::Stats { format } => headless::stats(&mut out, &source, format)?,
        Command::Keys => headless::keys(&mut out)?,
        Command::Chart {
            filters,
            format,
            width,
        } => {
            let width = width.map(usize::from);
            chart::chart(
                &mut out,
                &source,
                &narrowing(&filters),
                format,
                width,
                cli.ascii,
            )?;
        }
        Command::Convert { file, to } => {
            let source = source.with_path(file.as_deref().or(data));
            convert::convert(&mut out, &mut io::stderr().lock(), &source, to)?;
        }
        // The cache itself is shown and cleared whatever --no-cache says: it is about loading.
        Command::Cache { action: None } => cache::show(&mut out, located.as_ref())?,
        Command::Cache {
            action: Some(CacheAction::Clear),
        } => cache::clear(&mut out, located.as_ref())?,
    }
    out.flush().map_err(Failure::Write)
}

fn narrowing(filters: &Filters) -> Narrowing<'_> {
    Narrowing {
        pillars: &filters.pillars,
        from: filters.from,
        to: filters.to,
    }
}
