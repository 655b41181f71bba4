//! The timeline pane: one line per event — a sticky year gutter, the rest of the date at its own
//! precision, a pillar-coloured marker and the title with the query's matches highlighted; a
//! loose match (see [`Index::is_loose`](crate::search::Index::is_loose)) dimmed.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::theme::Glyphs;
use crate::app::keys::ActionName;
use crate::app::{App, Focus, Mode};
use crate::timeline::{EventDate, PartialDate, Precision, UNDATED, compact_year, month_name};
use ratatui::style::Style;

/// The widest date column: the longest short date, two days in different years
/// (`10 Dec–27 Nov 1816`), fits whole.
const MAX_DATE_WIDTH: usize = 18;
/// The year's column in `2008 │ ` before the date at the least; BCE and deep-time years
/// (`300 BCE`, `13.8B yrs ago`) widen it to the widest year shown.
const YEAR_WIDTH: usize = 4;
/// ` │ ` after the year.
const RULE_WIDTH: usize = 3;
// `undated` stands in the gutter of the first undated row, as wide as the narrowest gutter.
const _: () = assert!(UNDATED.len() == YEAR_WIDTH + RULE_WIDTH);
const MARKER_WIDTH: usize = 3;

pub fn render(app: &App, frame: &mut Frame, pane: Rect) {
    let theme = app.theme();
    let focused = app.focus() == Focus::Timeline;
    // Until an interrupted search ends, the rows are the previous query's.
    let title = if app.searching() {
        " Timeline · searching… "
    } else {
        " Timeline "
    };
    let list = super::bordered_pane(frame, theme, pane, title, focused);
    if list.is_empty() {
        return;
    }
    if app.row_count() == 0 {
        render_empty(app, frame, list);
        return;
    }
    let timeline = app.timeline();
    let visible =
        app.rows_in(app.offset()..(app.offset() + list.height as usize).min(app.row_count()));
    let dates: Vec<String> = visible
        .iter()
        .map(|&event| {
            timeline
                .event(event)
                .date
                .as_ref()
                .map_or_else(String::new, |date| short_date(date, &theme.glyphs))
        })
        .collect();
    let date_width = dates
        .iter()
        .map(|d| d.width())
        .max()
        .unwrap_or(0)
        .min(MAX_DATE_WIDTH);
    let years: Vec<Option<String>> = visible
        .iter()
        .map(|&event| {
            let date = timeline.event(event).date.as_ref();
            date.map(|date| compact_year(date.start().year()))
        })
        .collect();
    let year_width = years
        .iter()
        .flatten()
        .map(|year| year.width())
        .fold(YEAR_WIDTH, usize::max);
    let gutter_width = year_width + RULE_WIDTH;
    let mut previous_year = None;
    for (i, ((&number, date), year)) in visible.iter().zip(&dates).zip(&years).enumerate() {
        let event = timeline.event(number);
        // The year starting each year's rows, and `undated` (as wide as the year and the rule)
        // over the undated entries after them.
        let rule = || Span::styled(format!("{} ", theme.glyphs.gutter), theme.dim);
        let gutter = match year {
            _ if previous_year == Some(year) => {
                vec![Span::styled(" ".repeat(year_width + 1), theme.dim), rule()]
            }
            Some(year) => vec![
                Span::styled(format!("{year:>year_width$} "), theme.title),
                rule(),
            ],
            None => vec![Span::styled(pad(UNDATED, gutter_width), theme.title)],
        };
        previous_year = Some(year);
        // A bookmarked event's marker says so, still in its pillar's colour.
        let marker = if app.is_bookmarked(number) {
            theme.glyphs.bookmark
        } else {
            theme.glyphs.marker
        };
        let pillar = timeline.pillar_of(event);
        let mut spans = gutter;
        // A loose match (the query's letters only scattered through a field) is dimmed, its
        // matched letters still marked, so it never reads like the term written out.
        let text = if app.index().is_loose(app.compiled(), number) {
            theme.dim
        } else {
            Style::new()
        };
        spans.push(Span::styled(pad(date, date_width), text));
        spans.push(Span::styled(format!(" {marker} "), theme.pillar(pillar)));
        let room = (list.width as usize).saturating_sub(gutter_width + date_width + MARKER_WIDTH);
        let title = fit(event.title(), room);
        let positions = app.index().highlights(event.title(), app.compiled());
        spans.extend(
            highlighted(&title, &positions, theme.matched)
                .into_iter()
                .map(|span| {
                    if span.style == Style::new() {
                        span.style(text)
                    } else {
                        span
                    }
                }),
        );
        let row = app.offset() + i;
        let style = match (Some(row) == app.selected_row(), focused) {
            (true, true) => theme.selected,
            (true, false) => theme.selected_unfocused,
            (false, _) => Style::new(),
        };
        let area = Rect::new(list.x, list.y + i as u16, list.width, 1);
        frame.render_widget(Line::from(spans).style(style), area);
    }
}

pub(super) fn render_empty(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let lines = if app.timeline().events.is_empty() {
        vec![Line::from("This timeline has no events.")]
    } else {
        let mut why = Vec::new();
        if app.searching() {
            // The rows are an earlier query's until the search ends: it may yet find some.
            why.push(format!("Searching for “{}”…", app.query().text()));
        } else if !app.query().is_empty() {
            why.push(format!("No events match “{}”.", app.query().text()));
        } else {
            why.push(no_events_in(app));
        }
        // The keys in force that widen the list again, where it has them.
        let keys = app.keys();
        let mut hints = Vec::new();
        if !app.query().is_empty() {
            let clear = match app.mode() {
                Mode::Search => ActionName::CANCEL_SEARCH,
                _ => ActionName::BACK,
            };
            let key = keys.first_label(clear);
            hints.extend(key.map(|key| format!("{key} clears the search")));
        }
        if !app.filter().is_all() {
            let key = keys.first_label(ActionName::ALL_PILLARS);
            hints.extend(key.map(|key| format!("{key} shows every pillar")));
            let key = keys.first_label(ActionName::PILLAR_PICK);
            hints.extend(key.map(|key| format!("{key} picks another")));
        }
        vec![
            Line::from(why.join(" ")),
            Line::styled(hints.join(" · "), theme.dim),
        ]
    };
    let paragraph = Paragraph::new(lines)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
    let top = area.height.saturating_sub(2) / 2;
    let area = Rect::new(area.x, area.y + top, area.width, area.height - top);
    frame.render_widget(paragraph, area);
}

/// Why the pillars chosen show nothing: `No events in Economic.` naming the one pillar shown,
/// or how many are.
fn no_events_in(app: &App) -> String {
    let pillars = &app.timeline().pillars;
    let shown: Vec<&str> = (0..pillars.len())
        .filter(|&p| app.filter().shows(p))
        .map(|p| pillars[p].name.as_str())
        .collect();
    match shown.as_slice() {
        [one] => format!("No events in {one}."),
        [] => "No pillar is shown.".to_string(),
        many => format!("No events in the {} pillars shown.", many.len()),
    }
}

/// Pads or cuts `text` to exactly `width` columns.
fn pad(text: &str, width: usize) -> String {
    let fitted = fit(text, width);
    let filler = width.saturating_sub(fitted.width());
    format!("{fitted}{}", " ".repeat(filler))
}

/// `text` if it fits in `width` columns, else as much as fits followed by `…`. Cuts between chars,
/// so char positions (used for highlights) keep pointing at the same chars.
pub fn fit(text: &str, width: usize) -> std::borrow::Cow<'_, str> {
    if text.width() <= width {
        return text.into();
    }
    let mut cut = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        cut.push(c);
    }
    if width > 0 {
        cut.push('…');
    }
    cut.into()
}

/// `text` as spans, with the chars at `positions` (char indices, ascending) in `matched` style.
/// Styling whole chars keeps highlights aligned with display columns, whatever their width.
pub fn highlighted(text: &str, positions: &[usize], matched: Style) -> Vec<Span<'static>> {
    if positions.is_empty() {
        return vec![Span::raw(text.to_string())];
    }
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    let mut next = positions.iter().copied().peekable();
    for (index, c) in text.chars().enumerate() {
        let is_match = next.peek() == Some(&index);
        if is_match {
            next.next();
        }
        if is_match != run_matched && !run.is_empty() {
            spans.push(styled_run(std::mem::take(&mut run), run_matched, matched));
        }
        run_matched = is_match;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(styled_run(run, run_matched, matched));
    }
    spans
}

fn styled_run(text: String, is_match: bool, matched: Style) -> Span<'static> {
    if is_match {
        Span::styled(text, matched)
    } else {
        Span::raw(text)
    }
}

/// The date without its start year (the gutter shows that), at its own precision:
/// `` for a year, `Mar`, `14 Apr`, `30 Mar 11:16`, `5–7 Jul`, `30 Jun–2 Jul`, `Dec–Jan 2004`,
/// `to 2005`, `to 300 BCE`.
pub fn short_date(date: &EventDate, glyphs: &Glyphs) -> String {
    // Too long a date gives up detail from the finest part up (times, then days, then
    // months) rather than be cut, so its end year always shows.
    let levels = [
        Precision::Second,
        Precision::Day,
        Precision::Month,
        Precision::Year,
    ];
    let mut text = String::new();
    for finest in levels {
        let (start, end) = (
            coarsened(date.start(), finest),
            coarsened(date.end(), finest),
        );
        text = glyphs.dates(short_span(start, (end != start).then_some(end)));
        if text.width() <= MAX_DATE_WIDTH {
            break;
        }
    }
    text
}

/// `date` known no finer than `finest`.
fn coarsened(date: PartialDate, finest: Precision) -> PartialDate {
    let keep = |part: Precision| finest >= part;
    let month = date.month().filter(|_| keep(Precision::Month));
    let day = date.day().filter(|_| keep(Precision::Day));
    let time = date.time().filter(|_| keep(Precision::Minute));
    PartialDate::from_parts(date.year(), month, day, time).unwrap_or(date)
}

fn short_span(start: PartialDate, end: Option<PartialDate>) -> String {
    let Some(end) = end else {
        return short(start, false);
    };
    let same_year = start.year() == end.year();
    let same_month = same_year && start.month() == end.month();
    let timed = start.time().is_some() || end.time().is_some();
    match (start.day(), end.day(), start.time(), end.time()) {
        (Some(first), Some(last), Some(from), Some(to)) if same_month && first == last => {
            format!("{first} {} {from}–{to}", short_month(start))
        }
        (Some(first), Some(last), _, _) if same_month && !timed => {
            format!("{first}–{last} {}", short_month(start))
        }
        // A span from a year (which the gutter shows) reads `to 2025`: a bare `–2025` would
        // read as a negative year once `--ascii` draws the dash as `-`.
        _ => match (short(start, false), short(end, !same_year)) {
            (from, to) if from.is_empty() => format!("to {to}"),
            (from, to) => format!("{from}–{to}"),
        },
    }
}

/// `Jan`, `Feb`, … (every English month name is ASCII and at least three letters long).
fn short_month(date: PartialDate) -> &'static str {
    date.month().map_or("", |m| &month_name(m)[..3])
}

fn short(date: PartialDate, with_year: bool) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(day) = date.day() {
        parts.push(day.to_string());
    }
    if date.month().is_some() {
        parts.push(short_month(date).to_string());
    }
    if with_year {
        parts.push(compact_year(date.year()));
    }
    if let Some(time) = date.time() {
        parts.push(time.to_string());
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn short_of(text: &str) -> String {
        short_date(&EventDate::parse(text).unwrap(), &Glyphs::UNICODE)
    }

    #[test]
    fn short_dates_leave_the_year_to_the_gutter() {
        assert_eq!(short_of("1973"), "");
        assert_eq!(short_of("1977-03"), "Mar");
        assert_eq!(short_of("2011-05-26"), "26 May");
        assert_eq!(short_of("2023-07-05/2023-07-07"), "5–7 Jul");
        assert_eq!(short_of("2023-06-30/2023-07-02"), "30 Jun–2 Jul");
        assert_eq!(short_of("2015-03/2015-05"), "Mar–May");
        assert_eq!(short_of("2003-12/2004-01"), "Dec–Jan 2004");
        assert_eq!(short_of("2003/2005"), "to 2005");
        assert_eq!(short_of("-0500/-0300"), "to 300 BCE");
        assert_eq!(short_of("-0300/2025"), "to 2025");
        assert_eq!(short_of("2013-03-30T11:16"), "30 Mar 11:16");
        assert_eq!(
            short_of("2013-03-30T11:16/2013-03-30T14:00"),
            "30 Mar 11:16–14:00"
        );
        // Too long for the column: times go first, then days, never the end year.
        assert_eq!(short_of("2013-03-30T23:00/2013-03-31T01:00"), "30–31 Mar");
        assert_eq!(short_of("-0301-12-10/-0300-11-27"), "Dec–Nov 300 BCE");
        assert_eq!(short_of("Y-13800000000/Y-4540000000"), "to 4.54B yrs ago");
        // In ASCII the dash is two dots, and still the end year shows.
        let ascii = |text: &str| short_date(&EventDate::parse(text).unwrap(), &Glyphs::ASCII);
        assert_eq!(ascii("1815-12-10/1816-11-27"), "Dec..Nov 1816");
        assert_eq!(ascii("2023-07-05/2023-07-07"), "5..7 Jul");
        let longest = short_of("1815-12-10/1816-11-27");
        assert_eq!(longest, "10 Dec–27 Nov 1816");
        assert_eq!(longest.width(), MAX_DATE_WIDTH);
    }

    use crate::ui::theme::Theme;

    #[test]
    fn highlights_follow_char_positions_across_wide_chars() {
        let matched = Theme::default().matched;
        let spans = highlighted("日本JAIF", &[2, 3], matched);
        let texts: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, ["日本", "JA", "IF"]);
        assert_eq!(spans[1].style, matched);
    }

    #[test]
    fn pad_cuts_long_text_to_the_width() {
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("abcdef", 4), "abc…");
        assert_eq!(pad("日本語", 4), "日… ");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit("abc", 3), "abc");
    }
}
