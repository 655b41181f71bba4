//! The headless commands — `check`, `list`, `search`, `glossary`, `stats` — for scripts and
//! pipes: each loads the timeline, asks the domain and search layers, and writes through
//! [`crate::output`] or [`crate::stats`]. Nothing here knows a terminal.

use std::io::Write;

use super::{Failure, Source, load, load_index, wants_color};
use crate::config::Config;
use crate::output::{self, Format, Row};
use crate::search::Query;
use crate::snapshot::{Contents, Opened};
use crate::stats::{self, Stats, StatsFormat};
use crate::timeline::Filter;

/// What `--pillar`, `--from` and `--to` ask for, before it is checked against a timeline.
pub struct Narrowing<'a> {
    pub pillars: &'a [String],
    pub from: Option<i64>,
    pub to: Option<i64>,
}

/// `ajtl check`: a summary line of a valid file (a load error otherwise).
pub fn check(out: &mut impl Write, source: &Source) -> Result<(), Failure> {
    let opened = load(source)?;
    writeln!(out, "{}", output::summary(&opened.contents)).map_err(Failure::Write)?;
    flush_and_save(out, opened)
}

/// Flushes the output, then writes the snapshot the load left due: the user has the
/// output first, and a cache write never delays it. Then `opened` is leaked, not freed: the
/// command is done and its process ends, and freeing a large timeline string by string takes
/// longer than the rest of a search from a snapshot.
pub(super) fn flush_and_save<T: Contents>(
    out: &mut impl Write,
    opened: Opened<T>,
) -> Result<(), Failure> {
    out.flush().map_err(Failure::Write)?;
    opened.save();
    std::mem::forget(opened);
    Ok(())
}

/// `ajtl list`: the events the filters allow, in timeline order.
pub fn list(
    out: &mut impl Write,
    source: &Source,
    narrowing: &Narrowing,
    format: Format,
) -> Result<(), Failure> {
    let opened = load(source)?;
    let timeline = &opened.contents;
    let filter = Filter::new(timeline, narrowing.pillars, narrowing.from, narrowing.to)
        .map_err(Failure::Filter)?;
    let rows: Vec<Row> = timeline
        .events
        .iter()
        .filter(|event| filter.allows(event))
        .map(|event| Row { event, score: None })
        .collect();
    output::write_events(out, timeline, &rows, format, wants_color()).map_err(Failure::Write)?;
    flush_and_save(out, opened)
}

/// `ajtl search`: the events matching `query` within the filters, best first, at most `limit`;
/// [`Failure::NoMatch`] once written when none match.
pub fn search(
    out: &mut impl Write,
    source: &Source,
    query: &str,
    narrowing: &Narrowing,
    limit: Option<usize>,
    format: Format,
) -> Result<(), Failure> {
    let opened = load_index(source)?;
    let index = &opened.contents;
    let timeline = index.timeline();
    let query = Query::parse(query).map_err(Failure::Query)?;
    let filter = Filter::new(timeline, narrowing.pillars, narrowing.from, narrowing.to)
        .map_err(Failure::Filter)?;
    let candidates = filter.events(timeline);
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
    let matched = !rows.is_empty();
    flush_and_save(out, opened)?;
    if !matched {
        return Err(Failure::NoMatch);
    }
    Ok(())
}

/// `ajtl glossary`: the acronyms and what they stand for.
pub fn glossary(out: &mut impl Write, source: &Source, format: Format) -> Result<(), Failure> {
    let opened = load(source)?;
    output::write_glossary(out, &opened.contents, format).map_err(Failure::Write)?;
    flush_and_save(out, opened)
}

/// `ajtl stats`: events per pillar and decade, the busiest years, glossary coverage.
pub fn stats(out: &mut impl Write, source: &Source, format: StatsFormat) -> Result<(), Failure> {
    let opened = load(source)?;
    let timeline = &opened.contents;
    let stats = Stats::new(timeline);
    stats::write_stats(out, timeline, &stats, format).map_err(Failure::Write)?;
    flush_and_save(out, opened)
}

/// `ajtl keys`: every action with the keys in force (the user's config applied), where it
/// applies and what it does.
pub fn keys(out: &mut impl Write) -> Result<(), Failure> {
    let config = Config::load().map_err(Failure::Config)?;
    out.write_all(config.keymap.listing().as_bytes())
        .map_err(Failure::Write)
}
