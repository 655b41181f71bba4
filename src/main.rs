//! The `ajtl` binary: parse the command line, run one command, map the outcome to an exit code.

mod cli;

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use ajtl::output;
use ajtl::timeline::{self, LoadError, Timeline};
use clap::Parser;

use cli::{Cli, Command};

/// Exit code for invalid data or usage (clap uses it for usage errors too).
const EXIT_INVALID: u8 = 2;

/// Why a command failed; each is reported as a plain message on stderr.
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error("{0}")]
    Load(LoadError),
    #[error("cannot write output: {0}")]
    Write(io::Error),
    #[error("the interactive explorer is not built yet; `ajtl list` prints the timeline")]
    NoExplorer,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stops early (`ajtl list | head`) is not an error.
        Err(Failure::Write(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(failure) => {
            report(&failure);
            ExitCode::from(EXIT_INVALID)
        }
    }
}

fn report(failure: &Failure) {
    let mut stderr = io::stderr().lock();
    // Nothing sensible is left to do if stderr itself is closed.
    let _ = writeln!(stderr, "{failure}");
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
        return Err(Failure::NoExplorer);
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match command {
        Command::Check { file } => {
            let timeline = load(file.as_deref().or(cli.data.as_deref()))?;
            writeln!(out, "{}", output::summary(&timeline)).map_err(Failure::Write)?;
        }
        Command::List { format } => {
            let timeline = load(cli.data.as_deref())?;
            let events: Vec<_> = timeline.events.iter().collect();
            output::write_events(&mut out, &timeline, &events, format).map_err(Failure::Write)?;
        }
        Command::Glossary { format } => {
            let timeline = load(cli.data.as_deref())?;
            output::write_glossary(&mut out, &timeline, format).map_err(Failure::Write)?;
        }
    }
    out.flush().map_err(Failure::Write)
}
