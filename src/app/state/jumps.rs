//! Jumps and the jump list: to related events, dates and years on the strip, and back and
//! forth between the places they leave.

use super::choices::Place;
use super::{App, Mode};
use crate::timeline::{DateError, EventDate, EventId, PartialDate, years_label};

impl App {
    /// Selects `event`, clearing the query and pillar filter first if they hide it.
    pub(super) fn jump_to(&mut self, event: EventId) {
        self.choices.leave(self.place());
        if self.row_of(event).is_none() {
            self.choices.show_everything();
            self.refresh();
            self.status = Some("Filters cleared to show the related event".into());
        }
        if let Some(row) = self.row_of(event) {
            self.select_row(row);
        }
    }

    /// Where the user is now.
    pub(super) fn place(&self) -> Place {
        let event = self.selected_event().map(|event| event.id().to_string());
        self.choices.place(event)
    }

    /// Puts the view back as it was at `place`.
    pub(super) fn go_to(&mut self, place: Place) {
        self.mode = Mode::Browse;
        let event = self.choices.return_to(place);
        self.refresh();
        if let Some(row) = event.and_then(|id| self.row_of_id(&id)) {
            self.select_row(row);
        }
    }

    /// The row showing the event with `id`, if it is shown.
    pub(super) fn row_of_id(&self, id: &str) -> Option<usize> {
        self.row_of(self.data.find(id)?)
    }

    /// Selects the first shown event whose span reaches the date typed after `:`, or failing
    /// that the first after it; or says why it cannot under the prompt, and changes nothing.
    pub(super) fn jump_to_date(&mut self) {
        let Mode::Jump(prompt) = &self.mode else {
            return;
        };
        let text = prompt.line.text().trim();
        // The chart also zooms to a range of years, as `year:` writes it.
        if self.chart_shown()
            && let Some((first, last)) = super::chart::year_range(text)
        {
            self.mode = Mode::Browse;
            self.choices.leave(self.place());
            self.zoom_to_years(first, last);
            return;
        }
        let found = if self.chart_shown() && text.contains("..") {
            Err(format!(
                "{text:?} is not a range of years: type the first and the last, 2008..2023"
            ))
        } else {
            self.row_on_or_after(text)
        };
        match found {
            Ok(row) => {
                self.mode = Mode::Browse;
                self.choices.leave(self.place());
                self.select_row(row);
            }
            Err(error) => {
                if let Mode::Jump(prompt) = &mut self.mode {
                    prompt.error = Some(error);
                }
            }
        }
    }

    /// The row of the first shown event whose span reaches the date `text`, or failing that
    /// the first after it; or why there is none. Spans begun in an earlier year come last, as
    /// the year gutter files them under that year: `:2017` lands among 2017's events, not on a
    /// framework running 2015–2030, which it finds only when nothing starts in 2017 or later.
    fn row_on_or_after(&self, text: &str) -> Result<usize, String> {
        let date = match PartialDate::parse(&padded(text)) {
            Ok(date) => date,
            Err(DateError::Form | DateError::Empty) => {
                return Err(format!(
                    "{text:?} is not a date: type a year (1973, -300, 300 BCE), YYYY-MM or \
                     YYYY-MM-DD"
                ));
            }
            Err(error) => return Err(format!("{text}: {error}")),
        };
        // Events are in order of their start, so the first that lasts until the date (or
        // later) either reaches it or is the first after it.
        let from = date.earliest();
        let first = |wanted: &dyn Fn(&EventDate) -> bool| {
            let shown = self.session.hits().iter().map(|hit| hit.event);
            shown
                .filter(|&event| self.data.event(event).date.as_ref().is_some_and(wanted))
                .find_map(|event| self.row_of(event))
        };
        let reaches = |event: &EventDate| event.latest() >= from;
        first(&|event| reaches(event) && event.earliest().year() >= from.year())
            .or_else(|| first(&reaches))
            .ok_or_else(|| format!("No event shown on or after {date}"))
    }

    /// Selects the first shown event, in timeline order, that starts in `years`.
    pub(super) fn select_first_in(&mut self, years: std::ops::RangeInclusive<i64>) {
        let first = (self.session.hits().iter())
            .find(|hit| (self.data.year_of(hit.event)).is_some_and(|year| years.contains(&year)));
        match first.and_then(|hit| self.row_of(hit.event)) {
            Some(row) => {
                self.choices.leave(self.place());
                self.select_row(row);
            }
            None => {
                let years = years_label(*years.start(), *years.end());
                self.status = Some(format!("No event shown in {years}"));
            }
        }
    }
}

/// What a reader types at `:` as the data format writes it: `632` as `0632`, `2013-3-5` as
/// `2013-03-05`, `-300` and `300 BCE` as `-0300`, `12345` as `Y12345`. A prompt is forgiving
/// where a data file is strict; anything else is left as typed, for the parser to say what is
/// wrong.
fn padded(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let bce = [" bce", " bc"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix))
        .map(|year| year.trim());
    let (sign, unsigned) = match (bce, text.strip_prefix('-')) {
        (Some(year), _) if !year.starts_with('-') => ("-", year),
        (None, Some(rest)) => ("-", rest),
        _ => ("", text),
    };
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if all_digits(unsigned) && unsigned.len() > 4 {
        return format!("Y{sign}{unsigned}");
    }
    let widths = [4, 2, 2];
    let parts: Vec<&str> = unsigned.split('-').collect();
    let fits = |part: &str, width: usize| all_digits(part) && part.len() <= width;
    if parts.len() > widths.len() || !parts.iter().zip(widths).all(|(part, w)| fits(part, w)) {
        return text.to_string();
    }
    let padded: Vec<String> = (parts.iter().zip(widths))
        .map(|(part, width)| format!("{part:0>width$}"))
        .collect();
    format!("{sign}{}", padded.join("-"))
}

#[cfg(test)]
mod tests {
    use super::padded;

    #[test]
    fn a_typed_date_is_zero_padded_and_anything_else_left_alone() {
        assert_eq!(padded("632"), "0632");
        assert_eq!(padded("2013-3-5"), "2013-03-05");
        assert_eq!(padded("2013-12-14"), "2013-12-14");
        assert_eq!(padded("12345"), "Y12345");
        assert_eq!(padded("-300"), "-0300");
        assert_eq!(padded("300 BCE"), "-0300");
        assert_eq!(padded("44 bc"), "-0044");
        assert_eq!(padded("-13800000000"), "Y-13800000000");
        assert_eq!(padded("-44-3-15"), "-0044-03-15");
        assert_eq!(padded("2013-03-30T11:16"), "2013-03-30T11:16");
        assert_eq!(padded("2013-123"), "2013-123");
        assert_eq!(padded("March"), "March");
        assert_eq!(padded(""), "");
    }
}
