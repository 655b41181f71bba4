//! `ajtl stats`: how a timeline's events spread over pillars, decades and years, and how well its
//! glossary covers the acronyms its events use. Events count once, in the year they start (as
//! the explorer's density strip counts them), so every breakdown adds up to the total; undated
//! entries are counted apart, per pillar and as a row of their own after the decades.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::timeline::{Timeline, year_label, years_label};

mod periods;
pub use periods::{PeriodCount, Periods};

/// The formats `ajtl stats` writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    /// Headed sections with small bar charts, for reading.
    #[default]
    Text,
    /// Pretty-printed JSON for programs.
    Json,
}

/// How many of the busiest years are listed.
const BUSIEST: usize = 5;
/// The longest bar in the text charts, in columns.
const BAR_WIDTH: usize = 40;

/// A timeline's figures, as `--format json` writes them.
#[derive(Debug, Serialize)]
pub struct Stats<'a> {
    /// Dated events.
    pub events: usize,
    /// Entries the source gives no date.
    pub undated: usize,
    pub first_year: Option<i64>,
    pub last_year: Option<i64>,
    /// Every pillar, in the timeline's order, with its events and undated entries.
    pub pillars: Vec<PillarCount<'a>>,
    /// Events per decade (or per wider period, for a long span) from the first event's start
    /// to the last year any event reaches.
    pub periods: Periods,
    /// The years with the most events, most first (ties: earlier first).
    pub busiest_years: Vec<YearCount>,
    pub glossary: Coverage<'a>,
}

#[derive(Debug, Serialize)]
pub struct PillarCount<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub events: usize,
    pub undated: usize,
}

#[derive(Debug, Serialize)]
pub struct YearCount {
    pub year: i64,
    pub events: usize,
}

/// How the glossary and the events' acronyms meet.
#[derive(Debug, Serialize)]
pub struct Coverage<'a> {
    /// Glossary entries.
    pub defined: usize,
    /// Glossary entries at least one event lists.
    pub used: usize,
    /// Glossary entries no event lists (still worth defining: the index shows them).
    pub unused: Vec<&'a str>,
    /// Acronym-like words (two or more capitals, no lower case) in titles and summaries that
    /// no glossary entry defines. Acronyms events *list* must be defined (`ajtl check`), so
    /// these are the ones a dataset author may have missed.
    pub undefined: Vec<Mention>,
}

#[derive(Debug, Serialize)]
pub struct Mention {
    pub acronym: String,
    /// Events whose title or summary uses it.
    pub events: usize,
}

impl<'a> Stats<'a> {
    pub fn new(timeline: &'a Timeline) -> Self {
        let years: Vec<i64> = timeline
            .events
            .iter()
            .filter_map(|event| event.date.as_ref())
            .map(|date| date.earliest().year())
            .collect();
        // The span `check` and the explorer give: the first start to the last year reached.
        let (first_year, last_year) = timeline.year_span().unzip();
        // Per pillar: dated events, undated entries.
        let mut per_pillar = vec![(0, 0); timeline.pillars.len()];
        for event in &timeline.events {
            let (dated, undated) = &mut per_pillar[event.pillar];
            *(if event.date.is_some() { dated } else { undated }) += 1;
        }
        let pillars = timeline
            .pillars
            .iter()
            .zip(per_pillar)
            .map(|(pillar, (events, undated))| PillarCount {
                id: &pillar.id,
                name: &pillar.name,
                events,
                undated,
            })
            .collect();
        let mut per_year: BTreeMap<i64, usize> = BTreeMap::new();
        years
            .iter()
            .for_each(|&year| *per_year.entry(year).or_default() += 1);
        let periods = Periods::new(&per_year, timeline.year_span());
        let mut busiest: Vec<YearCount> = per_year
            .into_iter()
            .map(|(year, events)| YearCount { year, events })
            .collect();
        busiest.sort_by_key(|year| (std::cmp::Reverse(year.events), year.year));
        busiest.truncate(BUSIEST);
        Stats {
            events: years.len(),
            undated: timeline.events.len() - years.len(),
            first_year,
            last_year,
            pillars,
            periods,
            busiest_years: busiest,
            glossary: Coverage::new(timeline),
        }
    }
}

impl<'a> Coverage<'a> {
    fn new(timeline: &'a Timeline) -> Self {
        let listed: BTreeSet<&str> = timeline
            .events
            .iter()
            .flat_map(|event| event.acronyms.iter().map(|name| &**name))
            .collect();
        let mut unused: Vec<&str> = timeline
            .glossary
            .keys()
            .map(String::as_str)
            .filter(|acronym| !listed.contains(acronym))
            .collect();
        unused.sort_by_cached_key(|acronym| (acronym.to_lowercase(), *acronym));
        // A word of a defined entry counts as defined: `ADMM` of `ADMM-Plus`.
        let defined: BTreeSet<&str> = timeline
            .glossary
            .keys()
            .flat_map(|key| key.split(|c: char| !c.is_alphanumeric()))
            .collect();
        let mut mentions: HashMap<&str, usize> = HashMap::new();
        for event in &timeline.events {
            let words: BTreeSet<&str> = [event.title(), event.summary()]
                .into_iter()
                .flat_map(|text| text.split(|c: char| !c.is_alphanumeric()))
                .filter(|word| is_acronym_like(word) && !defined.contains(word))
                .collect();
            words
                .into_iter()
                .for_each(|word| *mentions.entry(word).or_default() += 1);
        }
        let mut undefined: Vec<Mention> = mentions
            .into_iter()
            .map(|(acronym, events)| Mention {
                acronym: acronym.to_string(),
                events,
            })
            .collect();
        undefined.sort_by(|a, b| b.events.cmp(&a.events).then(a.acronym.cmp(&b.acronym)));
        Coverage {
            defined: timeline.glossary.len(),
            used: timeline
                .glossary
                .keys()
                .filter(|key| listed.contains(key.as_str()))
                .count(),
            unused,
            undefined,
        }
    }
}

/// Two or more capital letters, maybe digits, no lower case, and not a Roman numeral (`III`).
fn is_acronym_like(word: &str) -> bool {
    let capitals = word.chars().filter(|c| c.is_uppercase()).count();
    capitals >= 2
        && !word.chars().any(char::is_lowercase)
        && !word.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// Writes `stats` for `timeline` as `format` asks.
pub fn write_stats(
    out: &mut impl Write,
    timeline: &Timeline,
    stats: &Stats,
    format: StatsFormat,
) -> io::Result<()> {
    match format {
        StatsFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, stats)?;
            writeln!(out)
        }
        StatsFormat::Text => write_text(out, timeline, stats),
    }
}

fn write_text(out: &mut impl Write, timeline: &Timeline, stats: &Stats) -> io::Result<()> {
    let span = match (stats.first_year, stats.last_year) {
        (Some(first), Some(last)) => format!(", {}", years_label(first, last)),
        _ => String::new(),
    };
    let undated = match stats.undated {
        0 => String::new(),
        n => format!(" · {n} undated"),
    };
    writeln!(
        out,
        "{}: {} events{undated}{span}",
        timeline.title, stats.events
    )?;
    let pillars: Vec<(String, usize)> = stats
        .pillars
        .iter()
        .map(|pillar| (pillar.name.to_string(), pillar.events + pillar.undated))
        .collect();
    let per_pillar = match stats.undated {
        0 => "Events per pillar",
        _ => "Events per pillar (undated entries included)",
    };
    write_chart(out, per_pillar, &pillars)?;
    let (per_period, mut periods) = (&stats.periods.period, stats.periods.rows());
    if stats.undated > 0 {
        periods.push(("undated".to_string(), stats.undated));
    }
    write_chart(
        out,
        &format!("Events per {per_period} (by start year)"),
        &periods,
    )?;
    let years: Vec<(String, usize)> = stats
        .busiest_years
        .iter()
        .map(|year| (year_label(year.year), year.events))
        .collect();
    write_chart(out, "Busiest years", &years)?;

    let glossary = &stats.glossary;
    writeln!(out, "\nGlossary")?;
    writeln!(
        out,
        "  {} acronyms defined, {} listed by events",
        glossary.defined, glossary.used
    )?;
    if !glossary.unused.is_empty() {
        writeln!(
            out,
            "  defined but listed by no event ({}): {}",
            glossary.unused.len(),
            glossary.unused.join(", ")
        )?;
    }
    if glossary.undefined.is_empty() {
        writeln!(out, "  every acronym in titles and summaries is defined")?;
    } else {
        let mentions: Vec<String> = glossary
            .undefined
            .iter()
            .map(|mention| format!("{} ({})", mention.acronym, mention.events))
            .collect();
        writeln!(
            out,
            "  in titles and summaries but not defined ({}), with their events: {}",
            mentions.len(),
            mentions.join(", ")
        )?;
    }
    Ok(())
}

/// A titled list of `label  count  bar`, bars scaled so the largest is [`BAR_WIDTH`] long.
fn write_chart(out: &mut impl Write, title: &str, rows: &[(String, usize)]) -> io::Result<()> {
    writeln!(out, "\n{title}")?;
    let label_width = rows
        .iter()
        .map(|(label, _)| label.width())
        .max()
        .unwrap_or(0);
    let count_width = rows
        .iter()
        .map(|(_, n)| n.to_string().len())
        .max()
        .unwrap_or(1);
    let most = rows.iter().map(|(_, n)| *n).max().unwrap_or(0);
    for (label, count) in rows {
        let padding = " ".repeat(label_width - label.width());
        writeln!(
            out,
            "  {label}{padding}  {count:>count_width$}  {}",
            "█".repeat(bar_length(*count, most))
        )?;
    }
    Ok(())
}

/// Columns for `count` when `most` fills [`BAR_WIDTH`]: at least one for any count above zero.
fn bar_length(count: usize, most: usize) -> usize {
    if count == 0 || most == 0 {
        return 0;
    }
    (count * BAR_WIDTH).div_ceil(most).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::{bundled, load_str};

    #[test]
    fn every_breakdown_adds_up_to_the_total() {
        let timeline = bundled().unwrap();
        let stats = Stats::new(&timeline);
        assert_eq!(stats.events, timeline.dated_count());
        assert_eq!(stats.undated, timeline.undated_count());
        let sum = |counts: &mut dyn Iterator<Item = usize>| counts.sum::<usize>();
        assert_eq!(
            sum(&mut stats.pillars.iter().map(|p| p.events)),
            stats.events
        );
        assert_eq!(
            sum(&mut stats.periods.counts.iter().map(|d| d.events)),
            stats.events
        );
        assert_eq!(
            (
                stats.periods.counts.first().unwrap().start,
                stats.periods.counts.last().unwrap().start
            ),
            (1970, 2030),
            "to the last year reached: the Sendai Framework runs to 2030"
        );
        assert_eq!(
            (stats.first_year, stats.last_year),
            (Some(1973), Some(2030))
        );
        assert_eq!(stats.busiest_years.len(), BUSIEST);
        let events: Vec<usize> = stats.busiest_years.iter().map(|y| y.events).collect();
        assert!(
            events.windows(2).all(|pair| pair[0] >= pair[1]),
            "{events:?}"
        );
    }

    #[test]
    fn the_glossary_coverage_names_unused_and_undefined_acronyms() {
        let timeline = load_str(
            "t.ron",
            r#"Timeline(title: "t", pillars: [Pillar(id: "p", name: "P", color: "red")],
            glossary: {"JAIF": "Japan-ASEAN Integration Fund", "JENESYS": "", "ADMM-Plus": ""},
            events: [
                Event(id: "a", date: "2006", title: "JAIF set up", pillar: "p", acronyms: ["JAIF"],
                      summary: "With ASEAN and the ADMM, under Work Plan III."),
                Event(id: "b", date: "2016", title: "ASEAN and JAIF", pillar: "p"),
            ])"#,
        )
        .unwrap();
        let coverage = Stats::new(&timeline).glossary;
        assert_eq!((coverage.defined, coverage.used), (3, 1));
        assert_eq!(coverage.unused, ["ADMM-Plus", "JENESYS"]);
        let undefined: Vec<(&str, usize)> = coverage
            .undefined
            .iter()
            .map(|m| (m.acronym.as_str(), m.events))
            .collect();
        assert_eq!(undefined, [("ASEAN", 2)]);
    }

    #[test]
    fn text_charts_scale_their_bars_and_json_holds_the_same_figures() {
        assert_eq!(bar_length(0, 10), 0);
        assert_eq!(bar_length(1, 1000), 1);
        assert_eq!(bar_length(10, 10), BAR_WIDTH);
        let timeline = bundled().unwrap();
        let stats = Stats::new(&timeline);
        let mut text = Vec::new();
        write_stats(&mut text, &timeline, &stats, StatsFormat::Text).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(
            text.starts_with("ASEAN–Japan Relations: 62 events · 22 undated, 1973–2030\n"),
            "{text}"
        );
        assert!(text.contains("Events per pillar") && text.contains("2020s"));
        let mut json = Vec::new();
        write_stats(&mut json, &timeline, &stats, StatsFormat::Json).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(json["events"], 62);
        assert_eq!(
            json["pillars"].as_array().unwrap().len(),
            timeline.pillars.len()
        );
    }
}
