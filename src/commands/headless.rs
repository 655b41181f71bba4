//! The headless commands — `check`, `list`, `search`, `glossary`, `stats` — for scripts and
//! pipes: each loads the timeline, asks the domain and search layers, and writes through
//! [`crate::output`] or [`crate::stats`]. Nothing here knows a terminal.

use std::io::Write;
use std::path::Path;

use super::{Failure, load, wants_color};
use crate::config::Config;
use crate::output::{self, Format, Row};
use crate::search::{Index, Query};
use crate::stats::{self, Stats, StatsFormat};
use crate::timeline::Filter;

/// What `--pillar`, `--from` and `--to` ask for, before it is checked against a timeline.
pub struct Narrowing<'a> {
    pub pillars: &'a [String],
    pub from: Option<i64>,
    pub to: Option<i64>,
}

/// `ajtl check`: a summary line of a valid file (a load error otherwise).
pub fn check(out: &mut impl Write, path: Option<&Path>) -> Result<(), Failure> {
    let timeline = load(path)?;
    writeln!(out, "{}", output::summary(&timeline)).map_err(Failure::Write)
}

/// `ajtl list`: the events the filters allow, in timeline order.
pub fn list(
    out: &mut impl Write,
    data: Option<&Path>,
    narrowing: &Narrowing,
    format: Format,
) -> Result<(), Failure> {
    let timeline = load(data)?;
    let filter = Filter::new(&timeline, narrowing.pillars, narrowing.from, narrowing.to)
        .map_err(Failure::Filter)?;
    let rows: Vec<Row> = timeline
        .events
        .iter()
        .filter(|event| filter.allows(event))
        .map(|event| Row { event, score: None })
        .collect();
    output::write_events(out, &timeline, &rows, format, wants_color()).map_err(Failure::Write)
}

/// `ajtl search`: the events matching `query` within the filters, best first, at most `limit`;
/// [`Failure::NoMatch`] once written when none match.
pub fn search(
    out: &mut impl Write,
    data: Option<&Path>,
    query: &str,
    narrowing: &Narrowing,
    limit: Option<usize>,
    format: Format,
) -> Result<(), Failure> {
    let timeline = load(data)?;
    let query = Query::parse(query).map_err(Failure::Query)?;
    let filter = Filter::new(&timeline, narrowing.pillars, narrowing.from, narrowing.to)
        .map_err(Failure::Filter)?;
    let candidates = filter.events(&timeline);
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
    output::write_events(out, timeline, &rows, format, wants_color()).map_err(Failure::Write)?;
    out.flush().map_err(Failure::Write)?;
    if rows.is_empty() {
        return Err(Failure::NoMatch);
    }
    Ok(())
}

/// `ajtl glossary`: the acronyms and what they stand for.
pub fn glossary(out: &mut impl Write, data: Option<&Path>, format: Format) -> Result<(), Failure> {
    let timeline = load(data)?;
    output::write_glossary(out, &timeline, format).map_err(Failure::Write)
}

/// `ajtl stats`: events per pillar and decade, the busiest years, glossary coverage.
pub fn stats(
    out: &mut impl Write,
    data: Option<&Path>,
    format: StatsFormat,
) -> Result<(), Failure> {
    let timeline = load(data)?;
    let stats = Stats::new(&timeline);
    stats::write_stats(out, &timeline, &stats, format).map_err(Failure::Write)
}

/// `ajtl keys`: every action with the keys in force (the user's config applied), where it
/// applies and what it does.
pub fn keys(out: &mut impl Write) -> Result<(), Failure> {
    let config = Config::load().map_err(Failure::Config)?;
    out.write_all(config.keymap.listing().as_bytes())
        .map_err(Failure::Write)
}
