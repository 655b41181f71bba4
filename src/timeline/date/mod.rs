//! Event dates: the subset of EDTF (the Library of Congress Extended Date/Time Format) that a
//! timeline author needs — `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, a time of day after a day
//! (`2013-03-30T11:16`, `…T11:16:05`), negative years for BCE (`-0300`), `Y`-prefixed years of
//! any length for deep time (`Y-13800000000`), and closed intervals `START/END` of those.
//!
//! The point of this type is honesty: a date keeps exactly the precision its source gave. "1977-03"
//! stays "March 1977"; nothing ever invents a day. Ordering and overlap questions are answered through
//! the earliest and latest [`Moment`] the date can mean.
//!
//! Years are numbered as TimelineJS numbers them: a negative year is that many years BCE
//! (`-0300` is 300 BCE), not ISO 8601's astronomical numbering (where it would be 301 BCE).
//! Leap years follow the proleptic Gregorian calendar at every year.

mod parse;
mod show;
#[cfg(test)]
mod tests;

use std::cmp::Ordering;
use std::fmt;

pub use parse::DateError;
pub use show::{compact_year, month_name, year_label, years_label};

/// How precisely a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
    Minute,
    Second,
}

impl Precision {
    /// The lowercase name used in JSON output: `year`, `month`, `day`, `minute` or `second`.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
            Precision::Minute => "minute",
            Precision::Second => "second",
        }
    }
}

/// The largest year magnitude a date may have: thirty billion years either way is deep enough
/// for cosmology (the Big Bang is 13.8 billion years ago), fits a date in one word, and keeps
/// every computation on years far from overflow.
pub const MAX_YEAR: i64 = 30_000_000_000;

/// A time of day, to the minute or to the second, as the source gives it. Local time: ajtl
/// knows no time zones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    hour: u8,
    minute: u8,
    /// `None` for a time known to the minute.
    second: Option<u8>,
}

impl TimeOfDay {
    /// A time of day, or `None` when a part is out of range (hours 0–23, minutes and seconds 0–59).
    pub fn new(hour: u32, minute: u32, second: Option<u32>) -> Option<Self> {
        let second_ok = second.is_none_or(|s| s < 60);
        (hour < 24 && minute < 60 && second_ok).then(|| TimeOfDay {
            hour: hour as u8,
            minute: minute as u8,
            second: second.map(|s| s as u8),
        })
    }

    pub fn hour(&self) -> u32 {
        u32::from(self.hour)
    }

    pub fn minute(&self) -> u32 {
        u32::from(self.minute)
    }

    /// The second, when the time is known to the second.
    pub fn second(&self) -> Option<u32> {
        self.second.map(u32::from)
    }

    /// Seconds since midnight of the first (`last == false`) or last second the time can mean.
    fn seconds(&self, last: bool) -> u32 {
        let second = self.second().unwrap_or(if last { 59 } else { 0 });
        self.hour() * 3600 + self.minute() * 60 + second
    }
}

/// `11:16` or `11:16:05`.
impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)?;
        if let Some(second) = self.second {
            write!(f, ":{second:02}")?;
        }
        Ok(())
    }
}

/// A point in time to the second, for ordering and overlap: the year times 2²⁵ plus the second
/// within it (a year has fewer than 2²⁵ seconds), so moments compare as plain integers from the
/// Big Bang to the far future, and sorting a million events' bounds moves small keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment(i64);

/// Bits for the second within a year: 366 days are 31,622,400 seconds, under 2²⁵.
const SECOND_BITS: u32 = 25;
const _: () = assert!(366 * 86_400 < 1 << SECOND_BITS);
const _: () = assert!(MAX_YEAR.checked_mul(1 << SECOND_BITS).is_some());

impl Moment {
    fn new(year: i64, second: u32) -> Self {
        Moment(year * (1 << SECOND_BITS) + i64::from(second))
    }

    /// The moment a calendar day starts; `None` for a day the calendar does not have.
    pub fn day_start(year: i64, month: u32, day: u32) -> Option<Self> {
        let ordinal = day_of_year(year, month, day)?;
        Some(Moment::new(year, (ordinal - 1) * 86_400))
    }

    pub fn year(&self) -> i64 {
        self.0 >> SECOND_BITS
    }

    /// The moment as one integer, ordered as moments are: for sort keys.
    pub fn key(self) -> i64 {
        self.0
    }

    /// The moment as a fractional year — the year plus the part of it gone by — for placing it
    /// on a chart's axis; exact to about a minute even 13.8 billion years ago.
    pub fn as_years(self) -> f64 {
        let second = self.0 & ((1 << SECOND_BITS) - 1);
        let days: i64 = if is_leap(self.year()) { 366 } else { 365 };
        self.year() as f64 + second as f64 / (days * 86_400) as f64
    }
}

/// A single date known to a year, a month, a day, or a time of day on a day. Always a real
/// calendar date.
///
/// A million events each hold one or two, so a date is packed into one word (see [`Packed`]):
/// an event's optional date, start and end, takes 16 bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate(Packed);

/// The parts of a [`PartialDate`] in one non-zero word, from the top bit down: a set bit (so
/// the word is never zero and an absent date costs nothing), the year offset by [`YEAR_BIAS`]
/// (36 bits), the month or 0 (4 bits), the day or 0 (5 bits), and the time (18 bits): 0 for
/// none, else 1 + twice the second of the day + 1 when the seconds are known.
type Packed = std::num::NonZeroU64;

const YEAR_BIAS: i64 = 1 << 35;
const YEAR_SHIFT: u32 = 27;
const MONTH_SHIFT: u32 = 23;
const DAY_SHIFT: u32 = 18;
const TIME_MASK: u64 = (1 << DAY_SHIFT) - 1;
const _: () = assert!(MAX_YEAR < YEAR_BIAS);

impl fmt::Debug for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_edtf(f)
    }
}

impl PartialDate {
    /// A date from its parts, checked: the year within [`MAX_YEAR`], a month 1–12, a day the month
    /// has, a day only with a month and a time only with a day.
    pub fn from_parts(
        year: i64,
        month: Option<u32>,
        day: Option<u32>,
        time: Option<TimeOfDay>,
    ) -> Result<Self, DateError> {
        if year.unsigned_abs() > MAX_YEAR as u64 {
            return Err(DateError::YearRange);
        }
        if let Some(month) = month
            && !(1..=12).contains(&month)
        {
            return Err(DateError::Month);
        }
        match (month, day) {
            (None, Some(_)) => return Err(DateError::Form),
            (Some(month), Some(day)) if day_of_year(year, month, day).is_none() => {
                return Err(DateError::Day { year, month, day });
            }
            _ => {}
        }
        if time.is_some() && day.is_none() {
            return Err(DateError::TimeWithoutDay);
        }
        let time_bits = time.map_or(0, |time| {
            let known_seconds = u64::from(time.second.is_some());
            1 + 2 * u64::from(time.seconds(false)) + known_seconds
        });
        let word = 1 << 63
            | ((year + YEAR_BIAS) as u64) << YEAR_SHIFT
            | u64::from(month.unwrap_or(0)) << MONTH_SHIFT
            | u64::from(day.unwrap_or(0)) << DAY_SHIFT
            | time_bits;
        Ok(PartialDate(Packed::new(word).unwrap_or(Packed::MIN)))
    }

    fn word(&self) -> u64 {
        self.0.get()
    }

    /// Parses one date in any of the forms the module documentation lists.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        parse::partial(text)
    }

    /// The date as the one word it is kept in, for a snapshot to store: [`PartialDate::from_bits`]
    /// reads it back without parsing text.
    pub fn to_bits(self) -> u64 {
        self.word()
    }

    /// The date a word from [`PartialDate::to_bits`] holds, or `None` when the word is not one
    /// `to_bits` gives (its parts are checked as [`PartialDate::from_parts`] checks them).
    pub fn from_bits(word: u64) -> Option<Self> {
        let date = PartialDate(Packed::new(word)?);
        // Built again from the parts the word seems to hold: any stray or out-of-range bit
        // makes the two differ.
        let (year, month, day, time) = (date.year(), date.month(), date.day(), date.time());
        let checked = PartialDate::from_parts(year, month, day, time).ok()?;
        (checked == date).then_some(date)
    }

    /// The year: negative years are BCE.
    pub fn year(&self) -> i64 {
        ((self.word() >> YEAR_SHIFT) & ((1 << 36) - 1)) as i64 - YEAR_BIAS
    }

    /// 1–12, when known.
    pub fn month(&self) -> Option<u32> {
        let month = (self.word() >> MONTH_SHIFT) & 0xF;
        (month != 0).then_some(month as u32)
    }

    /// 1–31, when known.
    pub fn day(&self) -> Option<u32> {
        let day = (self.word() >> DAY_SHIFT) & 0x1F;
        (day != 0).then_some(day as u32)
    }

    /// The time of day, when known.
    pub fn time(&self) -> Option<TimeOfDay> {
        let bits = self.word() & TIME_MASK;
        let known = bits.checked_sub(1)?;
        let second_of_day = (known / 2) as u32;
        let second = (known % 2 == 1).then_some(second_of_day % 60);
        TimeOfDay::new(second_of_day / 3600, second_of_day / 60 % 60, second)
    }

    pub fn precision(&self) -> Precision {
        match (self.month(), self.day(), self.time()) {
            (None, _, _) => Precision::Year,
            (Some(_), None, _) => Precision::Month,
            (Some(_), Some(_), None) => Precision::Day,
            (Some(_), Some(_), Some(time)) if time.second.is_none() => Precision::Minute,
            (Some(_), Some(_), Some(_)) => Precision::Second,
        }
    }

    /// The first moment this date can mean.
    pub fn earliest(&self) -> Moment {
        self.bound(false)
    }

    /// The last moment this date can mean.
    pub fn latest(&self) -> Moment {
        self.bound(true)
    }

    fn bound(&self, last: bool) -> Moment {
        let (month, day) = self.filled(last);
        let start = day_of_year(self.year(), month, day).unwrap_or(1) - 1;
        let within = match self.time() {
            Some(time) => time.seconds(last),
            None if last => 86_399,
            None => 0,
        };
        Moment::new(self.year(), start * 86_400 + within)
    }

    /// The month and day of the first or last day this date can mean.
    fn filled(&self, last: bool) -> (u32, u32) {
        let month = self.month().unwrap_or(if last { 12 } else { 1 });
        let day = self.day().unwrap_or(if last {
            days_in_month(self.year(), month)
        } else {
            1
        });
        (month, day)
    }

    /// The first or last day (and the time, when known) this date can mean, written out in
    /// full, `-0300-01-01`, `2013-03-30T11:16`: the `start` and `end` of JSON output.
    pub fn bound_text(&self, last: bool) -> String {
        let (month, day) = self.filled(last);
        let year = self.year();
        let sign = if year < 0 { "-" } else { "" };
        let mut text = format!("{sign}{:04}-{month:02}-{day:02}", year.unsigned_abs());
        if let Some(time) = self.time() {
            text.push_str(&format!("T{time}"));
        }
        text
    }
}

/// Whether `year` is a leap year in the proleptic Gregorian calendar.
fn is_leap(year: i64) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// 1-based day of the year, or `None` for a day the calendar does not have.
fn day_of_year(year: i64, month: u32, day: u32) -> Option<u32> {
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some((1..month).map(|m| days_in_month(year, m)).sum::<u32>() + day)
}

/// The date of an event: a single [`PartialDate`] or a closed interval of two.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EventDate {
    start: PartialDate,
    /// `None` for a single date; never equal to `start` (such an interval is refused).
    end: Option<PartialDate>,
}

impl EventDate {
    /// Parses the forms described in the module documentation.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        parse::event(text)
    }

    /// A single date, or an interval from `start` to `end`, which must not end before it
    /// starts nor end on the date it starts.
    pub fn new(start: PartialDate, end: Option<PartialDate>) -> Result<Self, DateError> {
        let Some(end) = end else {
            return Ok(EventDate { start, end: None });
        };
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

    /// The first moment the date can mean.
    pub fn earliest(&self) -> Moment {
        self.start.earliest()
    }

    /// The last moment the date can mean.
    pub fn latest(&self) -> Moment {
        self.end().latest()
    }

    /// Timeline order: earliest possible moment, then latest possible moment.
    pub fn timeline_cmp(&self, other: &Self) -> Ordering {
        (self.earliest(), self.latest()).cmp(&(other.earliest(), other.latest()))
    }

    /// The date as EDTF text, e.g. `2023-07-05/2023-07-07`; equal to what the data file holds.
    pub fn edtf(&self) -> impl fmt::Display + '_ {
        show::Edtf(self)
    }
}
