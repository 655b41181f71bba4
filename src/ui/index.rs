//! The index view: a tab per kind of entry (acronyms, mechanisms, eras) and a list of entries
//! with their event counts — acronyms with their expansions, mechanisms with their first year,
//! eras with their spans.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::timeline::{fit, highlighted};
use crate::app::geometry::index_rows;
use crate::app::index_view::{Entry, Kind};
use crate::app::keys::ActionName;
use crate::app::{App, Mode};
use crate::timeline::compact_year;
use crate::ui::theme::Theme;

/// The widest the acronym column grows before names are cut.
const MAX_ACRONYM_WIDTH: usize = 16;
/// The widest the era column grows: era titles are names of periods, longer than acronyms.
const MAX_ERA_WIDTH: usize = 32;
/// `Events` and its right-aligned counts.
const COUNT_WIDTH: usize = 6;
const GAP: &str = "  ";
/// What a mechanism row spends besides the name and the year: margins, count and gaps.
const MECHANISM_FIXED: usize = COUNT_WIDTH + 2 * GAP.len() + 2;

pub fn render(app: &App, frame: &mut Frame, list: Rect) {
    let theme = app.theme();
    let view = app.index_view();
    let focused = *app.mode() == Mode::Index;
    let inside = super::bordered_pane(frame, theme, list, " Index ", focused);
    if inside.is_empty() {
        return;
    }
    let mut tabs = vec![Span::raw(" ")];
    for kind in view.tabs() {
        let style = if kind == view.tab() {
            theme.selected
        } else {
            theme.dim
        };
        tabs.push(Span::styled(
            format!(" {} ({}) ", kind.plural(), view.total(kind)),
            style,
        ));
        tabs.push(Span::raw(" "));
    }
    frame.render_widget(
        Line::from(tabs),
        Rect {
            height: 1,
            ..inside
        },
    );
    let rows = index_rows(list);
    if inside.height > 1 {
        let titles = Rect::new(inside.x, inside.y + 1, inside.width, 1);
        let titles_line = match view.tab() {
            Kind::Acronym => row_line(
                ("Acronym", "Events", "Expansion"),
                name_width(app),
                inside.width,
            ),
            Kind::Mechanism => mechanism_line(
                ("Mechanism", "First", "Events"),
                year_width(app),
                inside.width,
            ),
            Kind::Era => row_line(("Era", "Events", "When"), name_width(app), inside.width),
        };
        frame.render_widget(titles_line.style(theme.label), titles);
    }
    if rows.is_empty() {
        return;
    }
    if view.is_empty() && view.total(view.tab()) == 0 {
        // Nothing to search for: say so rather than that nothing matches an empty query, and
        // what the other tabs have.
        let plural = |kind: Kind| kind.plural().to_lowercase();
        let mut none = format!("This timeline has no {}", plural(view.tab()));
        let others: Vec<String> = view
            .tabs()
            .filter(|&kind| view.total(kind) > 0)
            .map(plural)
            .collect();
        if !others.is_empty() {
            let switch = |key: &str| format!(": {key} switches tabs");
            let has = format!("{none}; it has {}", others.join(" and "));
            none = app.keys().with_key(&has, ActionName::SWITCH_TAB, switch);
        }
        frame.render_widget(Line::styled(none, theme.dim), rows);
        return;
    }
    if view.is_empty() {
        let unmatched = format!(
            "No {} match {:?}",
            view.tab().plural().to_lowercase(),
            view.query().text()
        );
        let clear = |key: &str| format!(": {key} clears the search");
        let message = app
            .keys()
            .with_key(&unmatched, ActionName::CANCEL_SEARCH, clear);
        frame.render_widget(Line::styled(message, theme.dim), rows);
        return;
    }
    let offset = view.offset();
    let visible = view.rows(offset..offset + usize::from(rows.height));
    let column = match view.tab() {
        Kind::Acronym | Kind::Era => name_width(app),
        Kind::Mechanism => year_width(app),
    };
    for (i, entry) in visible.enumerate() {
        let matched = view.matched_chars(entry);
        let line = match view.tab() {
            Kind::Acronym | Kind::Era => named_row(theme, entry, &matched, column, rows.width),
            Kind::Mechanism => mechanism_row(theme, entry, &matched.0, column, rows.width),
        };
        let style = if Some(offset + i) == view.selected_row() {
            if focused {
                theme.selected
            } else {
                theme.selected_unfocused
            }
        } else if entry.events == 0 {
            theme.dim
        } else {
            Style::new()
        };
        let area = Rect::new(rows.x, rows.y + i as u16, rows.width, 1);
        frame.render_widget(line.style(style), area);
    }
}

/// The name column's width on the acronyms' or eras' tab: its longest name (so it does not
/// change while a search narrows the list), within bounds.
fn name_width(app: &App) -> usize {
    let view = app.index_view();
    let (least, most) = match view.tab() {
        Kind::Era => ("Era".len(), MAX_ERA_WIDTH),
        Kind::Acronym | Kind::Mechanism => ("Acronym".len(), MAX_ACRONYM_WIDTH),
    };
    view.entries()
        .iter()
        .map(|entry| entry.name.width())
        .max()
        .unwrap_or(0)
        .clamp(least, most)
}

/// A mechanism's first year as the year gutter writes years (`1977`, `300 BCE`).
fn first_year(entry: &Entry) -> String {
    entry.first_year.map_or(String::new(), compact_year)
}

/// The mechanisms' year column: as wide as its widest year, and its title.
fn year_width(app: &App) -> usize {
    let years = app.index_view().entries().iter();
    years
        .map(|entry| first_year(entry).width())
        .max()
        .unwrap_or(0)
        .max("First".len())
}

/// An acronym's row with its expansion, or an era's with its span, with the chars the search
/// matched (in the name, in the expansion or span) highlighted.
fn named_row(
    theme: &Theme,
    entry: &Entry,
    (in_name, in_expansion): &(Vec<usize>, Vec<usize>),
    name_width: usize,
    width: u16,
) -> Line<'static> {
    let name = fit(&entry.name, name_width);
    let mut spans = vec![Span::raw(" ")];
    spans.extend(highlighted(&name, in_name, theme.matched));
    let count = entry.events;
    spans.push(Span::raw(format!(
        "{}{GAP}{count:>COUNT_WIDTH$}{GAP}",
        " ".repeat(name_width.saturating_sub(name.width()))
    )));
    if entry.expansion.is_empty() {
        spans.push(Span::styled("(not spelled out in the source)", theme.dim));
    } else {
        let room = usize::from(width).saturating_sub(name_width + COUNT_WIDTH + 2 * GAP.len() + 1);
        let expansion = fit(&entry.expansion, room);
        spans.extend(highlighted(&expansion, in_expansion, theme.matched));
    }
    Line::from(spans)
}

/// A mechanism's row, with the chars the search matched highlighted.
fn mechanism_row(
    theme: &Theme,
    entry: &Entry,
    in_name: &[usize],
    year_width: usize,
    width: u16,
) -> Line<'static> {
    let year = first_year(entry);
    let count = entry.events;
    let name_width = usize::from(width).saturating_sub(MECHANISM_FIXED + year_width);
    let name = fit(&entry.name, name_width);
    let mut spans = vec![Span::raw(" ")];
    spans.extend(highlighted(&name, in_name, theme.matched));
    spans.push(Span::raw(format!(
        "{}{GAP}{year:>year_width$}{GAP}{count:>COUNT_WIDTH$}",
        " ".repeat(name_width.saturating_sub(name.width()))
    )));
    Line::from(spans)
}

/// `name  count  text`, the name padded to `name_width`, the count right-aligned, the text
/// cut to what is left of `width`.
fn row_line(
    (name, count, text): (&str, &str, &str),
    name_width: usize,
    width: u16,
) -> Line<'static> {
    let name = pad(&fit(name, name_width), name_width);
    let room = usize::from(width).saturating_sub(name_width + COUNT_WIDTH + 2 * GAP.len() + 1);
    Line::from(format!(
        " {name}{GAP}{count:>COUNT_WIDTH$}{GAP}{}",
        fit(text, room)
    ))
}

/// `name  year  count`, the name taking what the year and count leave of `width`.
fn mechanism_line(
    (name, year, count): (&str, &str, &str),
    year_width: usize,
    width: u16,
) -> Line<'static> {
    let name_width = usize::from(width).saturating_sub(MECHANISM_FIXED + year_width);
    let name = pad(&fit(name, name_width), name_width);
    Line::from(format!(
        " {name}{GAP}{year:>year_width$}{GAP}{count:>COUNT_WIDTH$}"
    ))
}

fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}
