//! Dates as readers read them (`5 March 300 BCE`, `13.8 billion years ago`,
//! `30 March 2013 11:16`) and as the data file writes them (EDTF).

use std::fmt;

use super::{EventDate, PartialDate};

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
    MONTH_NAMES[(month.clamp(1, 12) - 1) as usize]
}

/// A year as a reader says it, the same everywhere ajtl shows one: `1973`, `300 BCE`,
/// `12,000 BCE`, and for a million years and more before the common era,
/// `65 million years ago`, `13.8 billion years ago` (at that scale two thousand years are
/// nothing, and "BCE" would read oddly).
pub fn year_label(year: i64) -> String {
    if year >= 0 {
        return year.to_string();
    }
    let magnitude = year.unsigned_abs();
    match scaled(magnitude) {
        Some((value, unit)) => format!("{value} {unit} years ago"),
        None => format!("{} BCE", grouped(magnitude)),
    }
}

/// A year in at most about a dozen columns, for the list's year gutter and the density strip's
/// axis: `1973`, `300 BCE`, `12k BCE`, `65M yrs ago`, `13.8B yrs ago`.
pub fn compact_year(year: i64) -> String {
    if year >= -9_999 {
        return year_label(year);
    }
    let magnitude = year.unsigned_abs();
    match scaled(magnitude) {
        Some((value, "million")) => format!("{value}M yrs ago"),
        Some((value, _)) => format!("{value}B yrs ago"),
        None => format!("{}k BCE", trimmed(magnitude as f64 / 1e3)),
    }
}

/// A magnitude of a million or more as a short number and its unit.
fn scaled(magnitude: u64) -> Option<(String, &'static str)> {
    if magnitude >= 1_000_000_000 {
        Some((trimmed(magnitude as f64 / 1e9), "billion"))
    } else if magnitude >= 1_000_000 {
        Some((trimmed(magnitude as f64 / 1e6), "million"))
    } else {
        None
    }
}

/// A number to three significant figures at most, without trailing zeros: `13.8`, `65`, `4.54`.
fn trimmed(value: f64) -> String {
    let decimals = if value >= 100.0 {
        0
    } else if value >= 10.0 {
        1
    } else {
        2
    };
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// `12,000`: digits grouped in threes past four digits (a year such as 1500 BCE stays whole).
fn grouped(value: u64) -> String {
    if value < 10_000 {
        return value.to_string();
    }
    crate::timeline::text::thousands(value)
}

impl PartialDate {
    /// The canonical EDTF text, which is also what `parse` reads back.
    pub(super) fn write_edtf(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let year = self.year();
        if year.unsigned_abs() > 9_999 {
            return write!(f, "Y{year}");
        }
        let sign = if year < 0 { "-" } else { "" };
        write!(f, "{sign}{:04}", year.unsigned_abs())?;
        if let Some(month) = self.month() {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day() {
            write!(f, "-{day:02}")?;
        }
        if let Some(time) = self.time() {
            write!(f, "T{time}")?;
        }
        Ok(())
    }

    /// The day without its year: `26 May`, `May`, or nothing for a year.
    fn day_and_month(&self) -> String {
        match (self.month(), self.day()) {
            (None, _) => String::new(),
            (Some(month), None) => month_name(month).to_string(),
            (Some(month), Some(day)) => format!("{day} {}", month_name(month)),
        }
    }
}

/// Human form of one date: `1973`, `March 1977`, `26 May 2011`, `300 BCE`,
/// `30 March 2013 11:16`.
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let year = year_label(self.year());
        let text = match (self.day_and_month(), self.time()) {
            (day, _) if day.is_empty() => year,
            (day, None) => format!("{day} {year}"),
            (day, Some(time)) => format!("{day} {year} {time}"),
        };
        f.pad(&text)
    }
}

pub(super) struct Edtf<'a>(pub(super) &'a EventDate);

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
/// `5–7 July 2023`, `30 June – 2 July 2023`, `March–May 2015`, `December 2003 – January 2004`,
/// `2003–2005`, `500–300 BCE`, `30 March 2013 11:16–14:00`.
impl fmt::Display for EventDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(end) = self.end else {
            return self.start.fmt(f);
        };
        let start = self.start;
        let same_year = start.year() == end.year();
        let same_day = same_year && start.month() == end.month() && start.day() == end.day();
        let year = year_label(start.year());
        if let (true, Some(from), Some(to)) = (same_day, start.time(), end.time()) {
            return f.pad(&format!("{} {year} {from}–{to}", start.day_and_month()));
        }
        let text = match (start.month(), start.day(), end.month(), end.day()) {
            (Some(m1), Some(d1), Some(m2), Some(d2))
                if same_year && m1 == m2 && start.time().is_none() && end.time().is_none() =>
            {
                format!("{d1}–{d2} {} {year}", month_name(m1))
            }
            (Some(_), Some(_), Some(_), Some(_))
                if same_year && start.time().is_none() && end.time().is_none() =>
            {
                format!("{} – {end}", start.day_and_month())
            }
            (Some(m1), None, Some(m2), None) if same_year => {
                format!("{}–{} {year}", month_name(m1), month_name(m2))
            }
            (None, _, None, _) => years_label(start.year(), end.year()),
            _ => format!("{start} – {end}"),
        };
        f.pad(&text)
    }
}

/// Two years as a span: `2003–2005`, `500–300 BCE`, and spaced where a label has words in it,
/// `300 BCE – 2025`; one year when both are the same.
pub fn years_label(first: i64, last: i64) -> String {
    if first == last {
        return year_label(first);
    }
    if first >= 0 {
        return format!("{first}–{last}");
    }
    if (-9_999..0).contains(&last) && first >= -9_999 {
        return format!("{}–{} BCE", first.unsigned_abs(), last.unsigned_abs());
    }
    format!("{} – {}", year_label(first), year_label(last))
}
