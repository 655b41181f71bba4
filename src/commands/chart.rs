//! `ajtl chart`: the events the filters allow, drawn on a time axis with a lane per pillar
//! (see [`crate::chart`]), for reports.

use std::io::{IsTerminal, Write};

use super::headless::{Narrowing, flush_and_save};
use super::{Failure, Source, load};
use crate::chart::svg;
use crate::chart::text::{self, Options};
use crate::timeline::{Filter, MAX_YEAR, Moment};

/// The width when stdout is not a terminal.
pub const DEFAULT_WIDTH: usize = 100;

/// What `ajtl chart` writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ChartFormat {
    /// Lines of Unicode text (ASCII with --ascii)
    #[default]
    Text,
    /// One self-contained SVG picture, each event's date and title shown on hover
    Svg,
}

/// `ajtl chart`: the chart of the events the filters allow. As text it is `width` columns wide
/// (default: the terminal's when stdout is one, else [`DEFAULT_WIDTH`]); as SVG `width` pixels
/// (default [`svg::DEFAULT_WIDTH`], at least [`svg::MIN_WIDTH`]), and `ascii` does not apply to
/// a picture. `--from`/`--to` set the axis's span; otherwise it is the span of the events shown.
pub fn chart(
    out: &mut impl Write,
    source: &Source,
    narrowing: &Narrowing,
    format: ChartFormat,
    width: Option<usize>,
    ascii: bool,
) -> Result<(), Failure> {
    let opened = load(source)?;
    let timeline = &opened.contents;
    let filter = Filter::new(timeline, narrowing.pillars, narrowing.from, narrowing.to)
        .map_err(Failure::Filter)?;
    let shown: Vec<_> = timeline
        .events
        .iter()
        .filter(|event| filter.allows(event))
        .collect();
    let span = text::span_of(shown.iter().copied()).map(|(start, end)| {
        let from = narrowing.from.and_then(year_start);
        let to = narrowing
            .to
            .and_then(|year| year_start(year.saturating_add(1)));
        (
            from.map_or(start, Moment::as_years),
            to.map_or(end, Moment::as_years),
        )
    });
    match format {
        ChartFormat::Text => {
            let options = Options {
                width: width.unwrap_or_else(terminal_width),
                ascii,
                span,
            };
            for line in text::render(timeline, shown.iter().copied(), options) {
                writeln!(out, "{line}").map_err(Failure::Write)?;
            }
        }
        ChartFormat::Svg => {
            let width = width.unwrap_or(svg::DEFAULT_WIDTH);
            if width < svg::MIN_WIDTH {
                return Err(Failure::Usage(format!(
                    "an SVG chart is at least {} pixels wide, not {width}",
                    svg::MIN_WIDTH
                )));
            }
            let options = svg::Options { width, span };
            let document = svg::render(timeline, shown.iter().copied(), options);
            writeln!(out, "{document}").map_err(Failure::Write)?;
        }
    }
    flush_and_save(out, opened)
}

/// The moment `year` starts, for a year a date can have.
fn year_start(year: i64) -> Option<Moment> {
    (year.unsigned_abs() <= MAX_YEAR as u64)
        .then(|| Moment::day_start(year, 1, 1))
        .flatten()
}

/// The terminal's width when stdout is a terminal, else [`DEFAULT_WIDTH`].
fn terminal_width() -> usize {
    if !std::io::stdout().is_terminal() {
        return DEFAULT_WIDTH;
    }
    ratatui::crossterm::terminal::size()
        .map(|(columns, _)| usize::from(columns).max(20))
        .unwrap_or(DEFAULT_WIDTH)
}
