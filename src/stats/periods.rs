//! Events per period for `ajtl stats`: per decade, or, when a span is long, per century,
//! millennium or larger power of ten of years — the smallest that keeps the chart within
//! [`MOST_PERIODS`] rows, so a timeline from the Big Bang to today is a short chart too.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::timeline::years_label;

/// The most periods counted: a long span is counted per century, per millennium, … rather than
/// in hundreds of decades.
pub const MOST_PERIODS: i64 = 30;

/// Events per period over the timeline's span, as `--format json` writes them.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Periods {
    /// What one period is called: `decade`, `century`, `millennium`, `10,000 years`, …
    pub period: String,
    /// Years per period: 10, 100, 1000, …
    pub years: i64,
    /// Every period from the first event's start to the last year any event reaches, empty
    /// ones included.
    pub counts: Vec<PeriodCount>,
}

#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct PeriodCount {
    /// The period's first year: 1970 for the 1970s.
    pub start: i64,
    pub events: usize,
}

impl Periods {
    /// Counts `per_year` (events per start year) over `span` (first year, last year reached).
    pub fn new(per_year: &BTreeMap<i64, usize>, span: Option<(i64, i64)>) -> Self {
        let count = |step: i64| {
            span.map_or(0, |(first, last)| {
                last.div_euclid(step) - first.div_euclid(step) + 1
            })
        };
        let years = std::iter::successors(Some(10_i64), |step| step.checked_mul(10))
            .find(|&step| count(step) <= MOST_PERIODS)
            .unwrap_or(i64::MAX);
        let counts = match span {
            Some((first, _)) => (0..count(years))
                .map(|n| first.div_euclid(years) * years + n * years)
                .map(|start| PeriodCount {
                    start,
                    events: per_year.range(start..start + years).map(|(_, n)| n).sum(),
                })
                .collect(),
            None => Vec::new(),
        };
        Periods {
            period: name(years),
            years,
            counts,
        }
    }

    /// The rows of the text chart: `1970s`, `1500–1599`, `500–401 BCE`, with their events.
    pub fn rows(&self) -> Vec<(String, usize)> {
        let label = |start: i64| match self.years {
            10 if start >= 0 => format!("{start}s"),
            _ => years_label(start, start + self.years - 1),
        };
        (self.counts.iter())
            .map(|count| (label(count.start), count.events))
            .collect()
    }
}

/// `decade`, `century`, `millennium`, `10,000 years`, `million years`, `10 billion years`.
fn name(years: i64) -> String {
    match years {
        10 => "decade".into(),
        100 => "century".into(),
        1_000 => "millennium".into(),
        10_000 => "10,000 years".into(),
        100_000 => "100,000 years".into(),
        _ => {
            let (value, unit) = match years {
                ..1_000_000_000 => (years / 1_000_000, "million"),
                _ => (years / 1_000_000_000, "billion"),
            };
            match value {
                1 => format!("{unit} years"),
                _ => format!("{value} {unit} years"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn periods(years: impl IntoIterator<Item = i64>) -> Periods {
        let mut per_year = BTreeMap::new();
        for year in years {
            *per_year.entry(year).or_insert(0) += 1;
        }
        let span = Some((
            *per_year.keys().next().unwrap(),
            *per_year.keys().last().unwrap(),
        ));
        Periods::new(&per_year, span)
    }

    #[test]
    fn a_long_span_is_counted_in_wider_periods() {
        let decades = periods((1970..=2020).step_by(10));
        assert_eq!(
            (decades.period.as_str(), decades.counts.len()),
            ("decade", 6)
        );
        assert_eq!(decades.rows()[0], ("1970s".to_string(), 1));
        let centuries = periods((1500..=1990).step_by(10));
        assert_eq!(
            (centuries.period.as_str(), centuries.rows().len()),
            ("century", 5)
        );
        assert_eq!(centuries.rows()[0], ("1500–1599".to_string(), 10));
        let millennia = periods((0..=6990).step_by(10));
        assert_eq!(
            (millennia.period.as_str(), millennia.counts.len()),
            ("millennium", 7)
        );
        assert_eq!(millennia.rows()[0], ("0–999".to_string(), 100));
        let total: usize = millennia.counts.iter().map(|c| c.events).sum();
        assert_eq!(total, 700);
        assert!(Periods::new(&BTreeMap::new(), None).counts.is_empty());
    }

    #[test]
    fn bce_and_deep_time_stay_within_thirty_rows() {
        let bce = periods([-900, -850, -300]);
        assert_eq!(bce.period, "century");
        assert_eq!(bce.rows()[0], ("900–801 BCE".to_string(), 2));
        let decades = periods([-500, -300]);
        assert_eq!(decades.rows()[0], ("500–491 BCE".to_string(), 1));
        let cosmos = periods([-13_800_000_000, -4_540_000_000, -65_000_000, -300, 2023]);
        assert_eq!(cosmos.period, "billion years");
        assert!(cosmos.counts.len() as i64 <= MOST_PERIODS);
        assert_eq!(cosmos.counts.iter().map(|c| c.events).sum::<usize>(), 5);
        assert_eq!(
            cosmos.rows()[0].0,
            "14 billion years ago – 13 billion years ago"
        );
    }
}
