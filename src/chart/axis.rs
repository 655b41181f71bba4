//! A time axis: a span of time, as fractional years (see [`Moment::as_years`]), spread over a
//! number of columns, and the ticks that label it. Ticks adapt to how much time a column holds:
//! days, months, years, then 2, 5, 10, 20, 50, 100… years, so that deep time gets millennia and
//! powers of ten; they stand at least [`MIN_GAP`] columns apart and never closer than their
//! labels need.

use crate::timeline::Moment;
use crate::timeline::date::{compact_year, month_name};

/// The fewest columns between two ticks.
pub const MIN_GAP: usize = 8;

/// The shortest span an axis covers, a day, so that a single event still has room.
const MIN_SPAN: f64 = 1.0 / 365.0;

/// A span of time over `width` columns.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Axis {
    start: f64,
    end: f64,
    width: usize,
}

/// A labelled mark on the axis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tick {
    pub column: usize,
    pub label: String,
}

/// How far apart ticks stand.
#[derive(Clone, Copy, Debug)]
enum Step {
    /// Every so many days, counted within each month.
    Days(u32),
    /// Every so many months, counted within each year.
    Months(u32),
    /// Every so many years, at multiples of it.
    Years(i64),
}

impl Step {
    /// The step's length in years, roughly.
    fn years(self) -> f64 {
        match self {
            Step::Days(days) => f64::from(days) / 365.25,
            Step::Months(months) => f64::from(months) / 12.0,
            Step::Years(years) => years as f64,
        }
    }
}

impl Axis {
    /// An axis from `start` to `end` (fractional years) over `width` columns; a span shorter
    /// than a day is widened to a day around its middle, and a width of 0 taken as 1.
    pub fn new(start: f64, end: f64, width: usize) -> Self {
        let (start, end) = if end - start < MIN_SPAN {
            let middle = (start + end) / 2.0;
            (middle - MIN_SPAN / 2.0, middle + MIN_SPAN / 2.0)
        } else {
            (start, end)
        };
        Axis {
            start,
            end,
            width: width.max(1),
        }
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn start(&self) -> f64 {
        self.start
    }

    pub fn end(&self) -> f64 {
        self.end
    }

    /// Years per column.
    fn per_column(&self) -> f64 {
        (self.end - self.start) / self.width as f64
    }

    /// The column `time` falls in, or `None` outside the axis (its end belongs to the last
    /// column).
    pub fn column(&self, time: f64) -> Option<usize> {
        if !(self.start..=self.end).contains(&time) {
            return None;
        }
        Some(self.column_clamped(time))
    }

    /// The column `time` falls in, the first or last column for a time before or after the axis.
    pub fn column_clamped(&self, time: f64) -> usize {
        let column = ((time - self.start) / self.per_column()).floor();
        if column.is_nan() || column < 0.0 {
            0
        } else {
            (column as usize).min(self.width - 1)
        }
    }

    /// The time in the middle of `column`, so that `column(time(c)) == Some(c)`.
    pub fn time(&self, column: usize) -> f64 {
        self.start + (column as f64 + 0.5) * self.per_column()
    }

    /// The ticks for this span and width: the finest step whose ticks stand at least
    /// [`MIN_GAP`] columns apart and one more than their longest label.
    pub fn ticks(&self) -> Vec<Tick> {
        let least = self.per_column() * MIN_GAP as f64;
        for step in steps() {
            if step.years() < least {
                continue;
            }
            let ticks = self.ticks_at(step);
            let longest = ticks.iter().map(|t| t.label.chars().count()).max();
            let fits = ticks.windows(2).all(|pair| {
                pair[1].column - pair[0].column > longest.unwrap_or(0).max(MIN_GAP - 1)
            });
            if fits {
                return ticks;
            }
        }
        Vec::new()
    }

    /// The ticks every `step` within the axis, labelled.
    fn ticks_at(&self, step: Step) -> Vec<Tick> {
        let mut ticks = Vec::new();
        let mut push = |time: f64, label: String| {
            if let Some(column) = self.column(time) {
                ticks.push(Tick { column, label });
            }
        };
        let first_year = self.start.floor() as i64;
        let last_year = self.end.floor() as i64;
        match step {
            Step::Years(every) => {
                let mut year = first_year.div_euclid(every) * every;
                while year <= last_year {
                    push(year as f64, year_tick(year, every));
                    year += every;
                }
            }
            Step::Months(every) => {
                for year in first_year..=last_year {
                    for month in (1..=12).step_by(every as usize) {
                        if let Some(moment) = Moment::day_start(year, month, 1) {
                            let label = if month == 1 {
                                compact_year(year)
                            } else {
                                format!("{} {}", &month_name(month)[..3], compact_year(year))
                            };
                            push(moment.as_years(), label);
                        }
                    }
                }
            }
            Step::Days(every) => {
                for year in first_year..=last_year {
                    for month in 1..=12 {
                        for day in (1..=31).step_by(every as usize) {
                            // The last days of a month are too close to the next month's first.
                            if day > 1 && day + every > 32 {
                                continue;
                            }
                            if let Some(moment) = Moment::day_start(year, month, day) {
                                let time = moment.as_years();
                                if time < self.start || time > self.end {
                                    continue;
                                }
                                let label = format!("{day} {}", &month_name(month)[..3]);
                                push(time, label);
                            }
                        }
                    }
                }
            }
        }
        ticks
    }
}

/// The label of a tick at `year` on a scale stepping `every` years: where steps are a million
/// years or more the start of the common era is, at that scale, the present, and `0` would
/// read as a year that does not exist.
fn year_tick(year: i64, every: i64) -> String {
    if year == 0 && every >= 1_000_000 {
        "now".to_string()
    } else {
        compact_year(year)
    }
}

/// Every step, finest first: days, months, then 1, 2, 5 × powers of ten years.
fn steps() -> impl Iterator<Item = Step> {
    let days = [1, 2, 7, 14].map(Step::Days);
    let months = [1, 3, 6].map(Step::Months);
    let years = (0..12u32).flat_map(|power| {
        let base = 10i64.pow(power);
        [base, 2 * base, 5 * base].map(Step::Years)
    });
    days.into_iter().chain(months).chain(years)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(axis: &Axis) -> Vec<String> {
        axis.ticks().into_iter().map(|tick| tick.label).collect()
    }

    fn assert_spaced(axis: &Axis) {
        let ticks = axis.ticks();
        assert!(ticks.len() >= 2, "{ticks:?}");
        for pair in ticks.windows(2) {
            assert!(pair[1].column - pair[0].column >= MIN_GAP, "{ticks:?}");
            assert!(pair[1].column - pair[0].column > pair[0].label.chars().count());
        }
    }

    #[test]
    fn a_week_is_ticked_in_days() {
        let start = Moment::day_start(2006, 3, 1).unwrap().as_years();
        let end = Moment::day_start(2006, 3, 8).unwrap().as_years();
        let axis = Axis::new(start, end, 100);
        assert_spaced(&axis);
        assert_eq!(labels(&axis)[..3], ["1 Mar", "2 Mar", "3 Mar"]);
    }

    #[test]
    fn a_year_and_a_half_is_ticked_in_months() {
        let axis = Axis::new(2006.0, 2007.5, 100);
        assert_spaced(&axis);
        assert_eq!(labels(&axis)[..2], ["2006", "Apr 2006"]);
    }

    #[test]
    fn the_bundled_span_is_ticked_in_decades() {
        let axis = Axis::new(1973.0, 2031.0, 83);
        assert_spaced(&axis);
        assert_eq!(
            labels(&axis),
            ["1980", "1990", "2000", "2010", "2020", "2030"]
        );
    }

    #[test]
    fn seven_thousand_years_are_ticked_in_millennia() {
        let axis = Axis::new(-5000.0, 2000.0, 100);
        assert_spaced(&axis);
        assert_eq!(labels(&axis)[..3], ["5000 BCE", "4000 BCE", "3000 BCE"]);
    }

    #[test]
    fn deep_time_is_ticked_in_billions_of_years() {
        let axis = Axis::new(-13.8e9, 2026.0, 100);
        assert_spaced(&axis);
        assert_eq!(labels(&axis)[..2], ["12B yrs ago", "10B yrs ago"]);
        assert_eq!(labels(&axis).last().map(String::as_str), Some("now"));
    }

    #[test]
    fn a_column_and_its_time_come_back_to_each_other() {
        for (start, end, width) in [
            (1973.0, 2031.0, 83),
            (-13.8e9, 2026.0, 97),
            (2006.1, 2006.12, 1000),
        ] {
            let axis = Axis::new(start, end, width);
            for column in 0..width {
                assert_eq!(axis.column(axis.time(column)), Some(column));
            }
            assert_eq!(axis.column(start), Some(0));
            assert_eq!(axis.column(end), Some(width - 1));
            assert_eq!(axis.column(end + 1.0), None);
            assert_eq!(axis.column_clamped(start - 1.0), 0);
        }
    }

    #[test]
    fn an_instant_and_a_zero_width_still_make_an_axis() {
        let axis = Axis::new(2000.0, 2000.0, 0);
        assert_eq!(axis.width(), 1);
        assert_eq!(axis.column(2000.0), Some(0));
        let _ = axis.ticks();
    }
}
