//! Event dates: the level-0 subset of EDTF (the Library of Congress Extended Date/Time Format) that a
//! timeline author needs — `YYYY`, `YYYY-MM`, `YYYY-MM-DD` and closed intervals `START/END` of those.
//!
//! The point of this type is honesty: a date keeps exactly the precision its source gave. "1977-03"
//! stays "March 1977"; nothing ever invents a day. Ordering and overlap questions are answered through
//! the earliest and latest calendar day the date can mean.

use std::cmp::Ordering;
use std::fmt;

use std::num::NonZeroU8;

use chrono::NaiveDate;

/// How precisely a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Precision {
    /// The lowercase name used in JSON output: `year`, `month` or `day`.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

/// A single calendar date known to a year, a month or a day. Always a real calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    /// 0–9999 (four digits), so small integers keep a million events' dates compact.
    year: i16,
    month: Option<NonZeroU8>,
    /// Only ever `Some` when `month` is.
    day: Option<NonZeroU8>,
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The English name of a month, 1–12.
pub fn month_name(month: u32) -> &'static str {
    MONTH_NAMES[(month - 1) as usize]
}

impl PartialDate {
    pub fn year(&self) -> i32 {
        i32::from(self.year)
    }

    /// 1–12, when known.
    pub fn month(&self) -> Option<u32> {
        self.month.map(|m| u32::from(m.get()))
    }

    /// 1–31, when known.
    pub fn day(&self) -> Option<u32> {
        self.day.map(|d| u32::from(d.get()))
    }

    pub fn precision(&self) -> Precision {
        match (self.month(), self.day()) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// The first calendar day this date can mean.
    pub fn earliest(&self) -> NaiveDate {
        let month = self.month().unwrap_or(1);
        let day = self.day().unwrap_or(1);
        NaiveDate::from_ymd_opt(self.year(), month, day).expect("validated at parse time")
    }

    /// The last calendar day this date can mean.
    pub fn latest(&self) -> NaiveDate {
        match (self.month(), self.day()) {
            (Some(month), Some(day)) => NaiveDate::from_ymd_opt(self.year(), month, day),
            (Some(month), None) => last_day_of_month(self.year(), month),
            (None, _) => NaiveDate::from_ymd_opt(self.year(), 12, 31),
        }
        .expect("validated at parse time")
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, zero-padded, naming the first thing that is wrong.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let mut parts = text.split('-');
        let mut next = || parts.next();
        let (year, month, day, extra) = (next(), next(), next(), next());
        if extra.is_some()
            || [year, month, day]
                .iter()
                .flatten()
                .any(|part| part.is_empty())
        {
            return Err(DateError::Form);
        }
        let number = |part: &str, digits: usize, what: &'static str| -> Result<u32, DateError> {
            if !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(DateError::Form);
            }
            if what == "year" && part.len() > digits {
                return Err(DateError::YearRange);
            }
            if part.len() != digits {
                return Err(DateError::Padding(what));
            }
            part.parse().map_err(|_| DateError::Form)
        };
        let year = number(year.ok_or(DateError::Form)?, 4, "year")? as i32;
        let month = month.map(|p| number(p, 2, "month")).transpose()?;
        let day = day.map(|p| number(p, 2, "day")).transpose()?;
        if let Some(month) = month
            && !(1..=12).contains(&month)
        {
            return Err(DateError::Month);
        }
        if let (Some(month), Some(day)) = (month, day)
            && NaiveDate::from_ymd_opt(year, month, day).is_none()
        {
            return Err(DateError::Day { year, month, day });
        }
        let small = |n: u32| NonZeroU8::new(n as u8);
        Ok(PartialDate {
            year: year as i16,
            month: month.and_then(small),
            day: day.and_then(small),
        })
    }

    /// The canonical EDTF text, which is also the only form `parse` accepts.
    fn write_edtf(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year())?;
        if let Some(month) = self.month() {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day() {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    first_of_next.and_then(|d| d.pred_opt())
}

/// Human form of one date: `1973`, `March 1977`, `26 May 2011`.
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month(), self.day()) {
            (None, _) => write!(f, "{}", self.year()),
            (Some(month), None) => write!(f, "{} {}", month_name(month), self.year()),
            (Some(month), Some(day)) => write!(f, "{day} {} {}", month_name(month), self.year()),
        }
    }
}

/// Why a date string was refused. The messages are written for the author of the data file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("is empty")]
    Empty,
    #[error("expected YYYY, YYYY-MM, YYYY-MM-DD or START/END of those")]
    Form,
    #[error("{0} must be zero-padded (YYYY-MM-DD)")]
    Padding(&'static str),
    #[error("years run from 0000 to 9999")]
    YearRange,
    #[error("month must be 01-12")]
    Month,
    #[error("{year:04}-{month:02} has no day {day:02}")]
    Day { year: i32, month: u32, day: u32 },
    #[error(
        "an interval needs both a start and an end (START/END); open intervals are not supported"
    )]
    OpenInterval,
    #[error("interval starts and ends on the same date: write the date once")]
    SameEnds,
    #[error("interval ends ({end}) before it starts ({start})")]
    EndBeforeStart { start: String, end: String },
}

/// The date of an event: a single [`PartialDate`] or a closed interval of two.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EventDate {
    start: PartialDate,
    /// `None` for a single date; never equal to `start` (such an interval is refused).
    end: Option<PartialDate>,
}

impl EventDate {
    /// Parses the EDTF subset described in the module documentation.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        if text.is_empty() {
            return Err(DateError::Empty);
        }
        let Some((start, end)) = text.split_once('/') else {
            return Ok(EventDate {
                start: PartialDate::parse(text)?,
                end: None,
            });
        };
        if start.is_empty() || end.is_empty() || start == ".." || end == ".." {
            return Err(DateError::OpenInterval);
        }
        let start = PartialDate::parse(start)?;
        let end = PartialDate::parse(end)?;
        if end.latest() < start.earliest() {
            return Err(DateError::EndBeforeStart {
                start: start.to_string(),
                end: end.to_string(),
            });
        }
        if end == start {
            return Err(DateError::SameEnds);
        }
        Ok(EventDate {
            start,
            end: Some(end),
        })
    }

    pub fn start(&self) -> PartialDate {
        self.start
    }

    /// The end of an interval, or the date itself.
    pub fn end(&self) -> PartialDate {
        self.end.unwrap_or(self.start)
    }

    pub fn is_interval(&self) -> bool {
        self.end.is_some()
    }

    /// The coarsest precision of the date's parts: an interval is only as precise as its vaguer end.
    pub fn precision(&self) -> Precision {
        self.start.precision().min(self.end().precision())
    }

    /// The first calendar day the date can mean.
    pub fn earliest(&self) -> NaiveDate {
        self.start.earliest()
    }

    /// The last calendar day the date can mean.
    pub fn latest(&self) -> NaiveDate {
        self.end().latest()
    }

    /// Timeline order: earliest possible day, then latest possible day.
    pub fn timeline_cmp(&self, other: &Self) -> Ordering {
        (self.earliest(), self.latest()).cmp(&(other.earliest(), other.latest()))
    }

    /// The date as EDTF text, e.g. `2023-07-05/2023-07-07`; equal to what the data file holds.
    pub fn edtf(&self) -> impl fmt::Display + '_ {
        Edtf(self)
    }
}

struct Edtf<'a>(&'a EventDate);

impl fmt::Display for Edtf<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.start.write_edtf(f)?;
        if let Some(end) = self.0.end {
            f.write_str("/")?;
            end.write_edtf(f)?;
        }
        Ok(())
    }
}

/// Human form at the stored precision, sharing what both ends of an interval share:
/// `5–7 July 2023`, `30 June – 2 July 2023`, `March–May 2015`, `December 2003 – January 2004`, `2003–2005`.
impl fmt::Display for EventDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(end) = self.end else {
            return self.start.fmt(f);
        };
        let start = self.start;
        let same_year = start.year() == end.year();
        match (start.month(), start.day(), end.month(), end.day()) {
            (Some(m1), Some(d1), Some(m2), Some(d2)) if same_year && m1 == m2 => {
                write!(f, "{d1}–{d2} {} {}", month_name(m1), start.year())
            }
            (Some(m1), Some(d1), Some(_), Some(_)) if same_year => {
                write!(f, "{d1} {} – {end}", month_name(m1))
            }
            (Some(m1), None, Some(m2), None) if same_year => {
                write!(f, "{}–{} {}", month_name(m1), month_name(m2), start.year())
            }
            (None, _, None, _) => write!(f, "{}–{}", start.year(), end.year()),
            _ => write!(f, "{start} – {end}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> EventDate {
        EventDate::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn error(text: &str) -> String {
        EventDate::parse(text).expect_err(text).to_string()
    }

    #[test]
    fn displays_only_the_stored_precision() {
        assert_eq!(date("1973").to_string(), "1973");
        assert_eq!(date("1977-03").to_string(), "March 1977");
        assert_eq!(date("2011-05-26").to_string(), "26 May 2011");
        assert_eq!(date("2023-07-05/2023-07-07").to_string(), "5–7 July 2023");
        assert_eq!(date("2017-04-06/2017-04-09").to_string(), "6–9 April 2017");
        assert_eq!(
            date("2003-12/2004-01").to_string(),
            "December 2003 – January 2004"
        );
        assert_eq!(
            date("2023-06-30/2023-07-02").to_string(),
            "30 June – 2 July 2023"
        );
        assert_eq!(date("2015-03/2015-05").to_string(), "March–May 2015");
        assert_eq!(date("2003/2005").to_string(), "2003–2005");
        assert_eq!(
            date("2023-12-30/2024-01-02").to_string(),
            "30 December 2023 – 2 January 2024"
        );
        assert_eq!(date("2003/2004-05").to_string(), "2003 – May 2004");
    }

    #[test]
    fn edtf_round_trips() {
        for text in [
            "1973",
            "1977-03",
            "2011-05-26",
            "2003-12/2004-01",
            "2023-07-05/2023-07-07",
        ] {
            assert_eq!(date(text).edtf().to_string(), text);
        }
    }

    #[test]
    fn an_interval_from_a_date_to_itself_is_refused() {
        assert_eq!(
            error("2020-01/2020-01"),
            "interval starts and ends on the same date: write the date once"
        );
    }

    #[test]
    fn bounds_never_invent_precision() {
        let march = date("1977-03");
        assert_eq!(march.precision(), Precision::Month);
        assert_eq!(
            march.earliest(),
            NaiveDate::from_ymd_opt(1977, 3, 1).unwrap()
        );
        assert_eq!(
            march.latest(),
            NaiveDate::from_ymd_opt(1977, 3, 31).unwrap()
        );
        let leap = date("2024-02");
        assert_eq!(leap.latest(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        let year = date("1973");
        assert_eq!(year.precision(), Precision::Year);
        assert_eq!(
            year.latest(),
            NaiveDate::from_ymd_opt(1973, 12, 31).unwrap()
        );
        let december = date("2003-12");
        assert_eq!(
            december.latest(),
            NaiveDate::from_ymd_opt(2003, 12, 31).unwrap()
        );
        assert_eq!(date("2003/2004-05").precision(), Precision::Year);
    }

    #[test]
    fn orders_by_earliest_then_latest_day() {
        let mut dates = [
            date("2008-12-01"),
            date("2008"),
            date("2008-04-14"),
            date("2008-04"),
            date("2007/2009"),
        ];
        dates.sort_by(EventDate::timeline_cmp);
        let order: Vec<String> = dates.iter().map(|d| d.edtf().to_string()).collect();
        assert_eq!(
            order,
            ["2007/2009", "2008", "2008-04", "2008-04-14", "2008-12-01"]
        );
    }

    #[test]
    fn refuses_every_invalid_form_with_its_message() {
        assert_eq!(error(""), "is empty");
        assert_eq!(error("2003-13"), "month must be 01-12");
        assert_eq!(error("2003-00"), "month must be 01-12");
        assert_eq!(error("2003-02-30"), "2003-02 has no day 30");
        assert_eq!(error("2003-04-31"), "2003-04 has no day 31");
        assert_eq!(error("2003-01-00"), "2003-01 has no day 00");
        assert_eq!(error("2003-1"), "month must be zero-padded (YYYY-MM-DD)");
        assert_eq!(error("2003-01-5"), "day must be zero-padded (YYYY-MM-DD)");
        assert_eq!(error("73"), "year must be zero-padded (YYYY-MM-DD)");
        assert_eq!(error("12345"), "years run from 0000 to 9999");
        assert_eq!(
            error("March 1977"),
            "expected YYYY, YYYY-MM, YYYY-MM-DD or START/END of those"
        );
        assert_eq!(
            error("2003-01-01-01"),
            "expected YYYY, YYYY-MM, YYYY-MM-DD or START/END of those"
        );
        assert_eq!(
            error("2003/2004/2005"),
            "expected YYYY, YYYY-MM, YYYY-MM-DD or START/END of those"
        );
        assert_eq!(
            error("-2003"),
            "expected YYYY, YYYY-MM, YYYY-MM-DD or START/END of those"
        );
        assert_eq!(
            error("2003/"),
            "an interval needs both a start and an end (START/END); open intervals are not supported"
        );
        assert_eq!(
            error("../2003"),
            "an interval needs both a start and an end (START/END); open intervals are not supported"
        );
        assert_eq!(
            error("2004/2003"),
            "interval ends (2003) before it starts (2004)"
        );
        assert_eq!(
            error("2023-07-07/2023-07-05"),
            "interval ends (5 July 2023) before it starts (7 July 2023)"
        );
        assert_eq!(
            error("2023-07-07/2023-07-zz"),
            "expected YYYY, YYYY-MM, YYYY-MM-DD or START/END of those"
        );
    }

    #[test]
    fn an_interval_may_end_inside_its_start() {
        // "2003" runs to 31 December, so an end within 2003 is not before the start.
        assert!(EventDate::parse("2003/2003-06").is_ok());
    }
}
