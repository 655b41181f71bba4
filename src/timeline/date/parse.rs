//! Reading date text, with a message for each way it can be wrong that says what to write
//! instead: a data author should never have to guess why `c. 1500` or `2013-03-30 11:16` fails.

use super::{EventDate, MAX_YEAR, PartialDate, TimeOfDay};

/// What every message about an unreadable date lists.
const FORMS: &str = "expected YYYY, YYYY-MM or YYYY-MM-DD (BCE years negative: -0300; more than four \
     digits after a Y: Y-13800000000), a time after a day (2013-03-30T11:16 or T11:16:05), or \
     START/END of those";

/// Why a date string was refused. The messages are written for the author of the data file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("is empty")]
    Empty,
    #[error("{FORMS}")]
    Form,
    #[error("{0} must be zero-padded (YYYY-MM-DD)")]
    Padding(&'static str),
    #[error(
        "a year of more than four digits is written after a Y (Y12345, Y-13800000000); years \
         reach {MAX_YEAR} either way"
    )]
    YearRange,
    #[error("month must be 01-12")]
    Month,
    #[error("{} has no day {day:02}", month_text(*year, *month))]
    Day { year: i64, month: u32, day: u32 },
    #[error("a time of day needs a day (YYYY-MM-DDTHH:MM)")]
    TimeWithoutDay,
    #[error("time must be HH:MM or HH:MM:SS, from 00:00 to 23:59:59")]
    Time,
    #[error("write a T between the day and the time: {0}")]
    SpaceBeforeTime(String),
    #[error("time zones are not supported: write the local time without Z or an offset")]
    Zone,
    #[error(
        "approximate and uncertain dates are not supported: write the date ({0}) and say \
         'about' in the summary"
    )]
    Approximate(String),
    #[error("a Y-prefixed year stands alone: write Y12345, without month or day")]
    LongYearParts,
    #[error(
        "an interval needs both a start and an end (START/END); open intervals are not supported"
    )]
    OpenInterval,
    #[error("interval starts and ends on the same date: write the date once")]
    SameEnds,
    #[error("interval ends ({end}) before it starts ({start})")]
    EndBeforeStart { start: String, end: String },
}

fn month_text(year: i64, month: u32) -> String {
    let sign = if year < 0 { "-" } else { "" };
    format!("{sign}{:04}-{month:02}", year.unsigned_abs())
}

pub(super) fn event(text: &str) -> Result<EventDate, DateError> {
    if text.is_empty() {
        return Err(DateError::Empty);
    }
    let Some((start, end)) = text.split_once('/') else {
        return EventDate::new(partial(text)?, None);
    };
    if start.is_empty() || end.is_empty() || start == ".." || end == ".." {
        return Err(DateError::OpenInterval);
    }
    EventDate::new(partial(start)?, Some(partial(end)?))
}

pub(super) fn partial(text: &str) -> Result<PartialDate, DateError> {
    if let Some(plain) = approximate(text) {
        return Err(DateError::Approximate(plain));
    }
    if let Some(long) = text.strip_prefix('Y') {
        let (negative, digits) = sign(long);
        if !digits.bytes().all(|b| b.is_ascii_digit()) || digits.is_empty() {
            return Err(if digits.contains('-') {
                DateError::LongYearParts
            } else {
                DateError::Form
            });
        }
        let magnitude: i64 = digits.parse().map_err(|_| DateError::YearRange)?;
        let year = if negative { -magnitude } else { magnitude };
        return PartialDate::from_parts(year, None, None, None);
    }
    if let Some((day, time)) = text.split_once(' ')
        && time.contains(':')
    {
        return Err(DateError::SpaceBeforeTime(format!("{day}T{time}")));
    }
    let (day_text, time_text) = match text.split_once('T') {
        Some((day, time)) => (day, Some(time)),
        None => (text, None),
    };
    let (negative, unsigned) = sign(day_text);
    let mut parts = unsigned.split('-');
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
    let year = number(year.ok_or(DateError::Form)?, 4, "year")?;
    let year = if negative { -year } else { year };
    let month = month.map(|p| number(p, 2, "month")).transpose()?;
    let day = day.map(|p| number(p, 2, "day")).transpose()?;
    let time = time_text.map(time_of_day).transpose()?;
    PartialDate::from_parts(year, month.map(|m| m as u32), day.map(|d| d as u32), time)
}

/// A leading minus, and the rest.
fn sign(text: &str) -> (bool, &str) {
    match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    }
}

fn number(part: &str, digits: usize, what: &'static str) -> Result<i64, DateError> {
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
}

fn time_of_day(text: &str) -> Result<TimeOfDay, DateError> {
    if text.ends_with('Z') || text.contains('+') || text.matches('-').count() > 0 {
        return Err(DateError::Zone);
    }
    let parts: Vec<&str> = text.split(':').collect();
    let two_digits = |part: &&str| part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit());
    if !(2..=3).contains(&parts.len()) || !parts.iter().all(two_digits) {
        return Err(DateError::Time);
    }
    let value = |i: usize| parts.get(i).map(|p| p.parse::<u32>().unwrap_or(99));
    TimeOfDay::new(value(0).unwrap_or(99), value(1).unwrap_or(99), value(2)).ok_or(DateError::Time)
}

/// The date an approximate or uncertain form stands for (`c. 1500`, `circa 1500`, `ca. 1500`,
/// `~1500`, EDTF's `1500~`, `1500?` and `1500%`), so the message can say what to write.
fn approximate(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let prefixed = ["circa ", "ca. ", "ca ", "c. ", "c.", "~"]
        .iter()
        .find_map(|prefix| lower.strip_prefix(prefix));
    let suffixed = lower.strip_suffix(['~', '?', '%']);
    let plain = prefixed.or(suffixed)?.trim();
    (!plain.is_empty() && plain.bytes().any(|b| b.is_ascii_digit())).then(|| plain.to_string())
}
