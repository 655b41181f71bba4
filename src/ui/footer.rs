//! The bottom line: the query while searching, otherwise a status message or the keys that matter
//! in the current mode.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use crate::app::line::Line as TypedLine;
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::keys::{ActionName as A, Context, Label};
use crate::app::state::Exporting;
use crate::app::{App, Focus, Mode};
use crate::timeline::text::sanitize;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    match app.mode() {
        Mode::Search => {
            let error = app.query_error().map(ToString::to_string);
            render_prompt(frame, theme, area, "/", app.query(), error.as_deref());
            if error.is_none()
                && let Some(note) = search_note(app)
                && area.height > 1
            {
                let note = Line::styled(format!("  {note}"), theme.dim);
                frame.render_widget(note, Rect::new(area.x, area.y + 1, area.width, 1));
            }
            return;
        }
        Mode::Jump(prompt) => {
            render_prompt(
                frame,
                theme,
                area,
                ":",
                &prompt.line,
                prompt.error.as_deref(),
            );
            return;
        }
        Mode::IndexSearch => {
            render_prompt(frame, theme, area, "/", app.index_view().query(), None);
            return;
        }
        Mode::Export(prompt) => {
            let error = prompt.error.as_deref();
            render_prompt(frame, theme, area, "export to ", &prompt.line, error);
            return;
        }
        Mode::PillarPick(pick) => {
            render_prompt(frame, theme, area, "pillar ", &pick.line, None);
            return;
        }
        Mode::Confirm { path, .. } => {
            let mut question = format!(" {} exists. Replace it?", path.display());
            if let Some(keys) = app.keys().label(Label::Either(A::YES, A::NO)) {
                question += &format!(" {keys}");
            }
            frame.render_widget(Line::styled(question, theme.key), area);
            return;
        }
        Mode::Browse | Mode::Index | Mode::Help { .. } | Mode::About { .. } => {}
    }
    if let Some(status) = app.status() {
        let status = app.theme().glyphs.dates(format!(" {status}"));
        frame.render_widget(Line::raw(status), area);
        return;
    }
    if let Some(exporting) = app.exporting() {
        frame.render_widget(Line::raw(export_progress(app, exporting)), area);
        return;
    }
    if let Some(error) = app.reload_error() {
        frame.render_widget(Line::styled(format!(" {error}"), theme.error), area);
        return;
    }
    if let Some(note) = search_note(app) {
        frame.render_widget(Line::styled(format!(" {note}"), theme.dim), area);
        return;
    }
    frame.render_widget(hints(app, area.width as usize), area);
}

/// How far the export under way has got, and how to stop it:
/// ` Exporting… 41% (410,000 of 1,000,000) · Esc stops it`.
fn export_progress(app: &App, exporting: &Exporting) -> String {
    if exporting.stopping {
        return " Stopping the export…".into();
    }
    let Exporting { done, total, .. } = *exporting;
    let percent = done.saturating_mul(100).checked_div(total).unwrap_or(100);
    let line = format!(
        " Exporting… {percent}% ({} of {})",
        grouped(done),
        grouped(total)
    );
    app.keys()
        .with_key(&line, A::BACK, |key| format!(" · {key} stops it"))
}

/// `n` with its thousands grouped by commas: `1,000,000`.
fn grouped(n: usize) -> String {
    crate::timeline::text::thousands(n as u64)
}

/// What a reader should know of how the query was read: where a term was taken for the
/// acronym it misspells, e.g. `showing AJCEP for "ajecp"`, so they know why those events come
/// first; and when every hit is loose, e.g. `no exact match for "covid": 3 loose matches`, so
/// letters scattered through a title never pass for an answer.
fn search_note(app: &App) -> Option<String> {
    let mut notes: Vec<String> = app
        .compiled()
        .corrections()
        .map(ToString::to_string)
        .collect();
    if app.all_rows_loose() {
        let count = app.row_count();
        let matches = if count == 1 { "match" } else { "matches" };
        let query = app.query().text().trim();
        notes.push(format!(
            "no exact match for \"{query}\": {count} loose {matches}"
        ));
    }
    (!notes.is_empty()).then(|| sanitize(&notes.join("; ")).into_owned())
}

/// A line being typed after `prompt`, with the terminal's cursor in it and `error` beneath.
fn render_prompt(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    prompt: &str,
    query: &TypedLine,
    error: Option<&str>,
) {
    let before_cursor: String = query.text().chars().take(query.cursor()).collect();
    // A space, then the prompt.
    let prefix = 1 + prompt.width();
    // Keep the cursor on screen: show the tail of a query longer than the line.
    let room = usize::from(area.width).saturating_sub(prefix + 1);
    let skip = before_cursor.width().saturating_sub(room);
    let mut shown = String::new();
    let mut skipped = 0;
    for c in query.text().chars() {
        if skipped < skip {
            skipped += c.to_string().width();
            continue;
        }
        shown.push(c);
    }
    let line = Line::from(vec![
        Span::styled(format!(" {prompt}"), theme.key),
        Span::raw(shown),
    ]);
    frame.render_widget(line, Rect { height: 1, ..area });
    if let Some(error) = error
        && area.height > 1
    {
        let message = Line::styled(format!("  {error}"), theme.error);
        frame.render_widget(message, Rect::new(area.x, area.y + 1, area.width, 1));
    }
    let typed = before_cursor.width() - skipped.min(before_cursor.width());
    let column = area
        .x
        .saturating_add((prefix + typed).min(usize::from(u16::MAX)) as u16);
    frame.set_cursor_position(Position::new(
        column.min(area.right().saturating_sub(1)),
        area.y,
    ));
}

/// A hint: the keys it names, what they do, and how soon it goes when the line is too narrow
/// (the highest numbers first).
type Hint = (Label, &'static str, u8);

const HELP_HINTS: &[Hint] = &[(Label::One(A::CLOSE_HELP), "close help", 0)];

const ABOUT_HINTS: &[Hint] = &[(Label::One(A::CLOSE_ABOUT), "close", 0)];

/// The index's tabs, as the footer names them; a timeline with eras has a third.
const TABS: &str = "acronyms/mechanisms";
const TABS_WITH_ERAS: &str = "acronyms/mechanisms/eras";

const INDEX_HINTS: &[Hint] = &[
    (Label::Either(A::NEXT, A::PREVIOUS), "move", 2),
    (Label::One(A::SEARCH), "search", 1),
    (Label::One(A::SWITCH_TAB), TABS, 3),
    (Label::One(A::OPEN), "show its events", 0),
    (Label::One(A::CLOSE_INDEX), "back", 0),
];

const DETAIL_HINTS: &[Hint] = &[
    (Label::Either(A::NEXT, A::PREVIOUS), "related", 1),
    (Label::One(A::OPEN), "jump", 2),
    (Label::Either(A::PAGE_DOWN, A::PAGE_UP), "scroll", 4),
    (Label::Either(A::FOCUS, A::BACK), "timeline", 3),
    (Label::One(A::HELP), "help", 0),
    (Label::One(A::QUIT), "quit", 0),
];

const CHART_HINTS: &[Hint] = &[
    (Label::Either(A::LATER_EVENT, A::EARLIER_EVENT), "time", 1),
    (Label::Either(A::LANE_DOWN, A::LANE_UP), "lane", 2),
    (Label::Either(A::ZOOM_IN, A::ZOOM_OUT), "zoom", 1),
    (Label::One(A::FIT), "fit", 3),
    (Label::Both(A::PAN_EARLIER, A::PAN_LATER), "pan", 4),
    (Label::One(A::SEARCH), "search", 5),
    (Label::One(A::OPEN), "detail", 6),
    (Label::One(A::CHART), "list", 0),
    (Label::One(A::HELP), "help", 0),
    (Label::One(A::QUIT), "quit", 0),
];

const TIMELINE_HINTS: &[Hint] = &[
    (Label::Either(A::NEXT, A::PREVIOUS), "move", 2),
    (Label::One(A::SEARCH), "search", 1),
    (Label::One(A::CHART), "chart", 3),
    (Label::Span(A::PILLAR), "pillar", 3),
    (Label::One(A::PILLAR_PICK), "pick pillar", 6),
    (Label::One(A::ALL_PILLARS), "all", 5),
    (Label::Both(A::PREVIOUS_YEAR, A::NEXT_YEAR), "year", 6),
    (Label::One(A::JUMP), "date", 7),
    (Label::One(A::INDEX), "index", 5),
    (Label::One(A::BOOKMARK), "mark", 8),
    (Label::One(A::EXPORT), "export", 9),
    (Label::One(A::FOCUS), "detail", 4),
    (Label::One(A::HELP), "help", 0),
    (Label::One(A::QUIT), "quit", 0),
];

/// Whether a hint helps on a timeline of `pillars` pillars: one pillar leaves nothing to pick,
/// and the picker is worth a hint only when some pillar has no number key (`keyless`).
fn fits_pillars(label: Label, pillars: usize, keyless: bool) -> bool {
    match label {
        Label::Span(A::PILLAR) | Label::One(A::ALL_PILLARS) => pillars > 1,
        Label::One(A::PILLAR_PICK) => keyless,
        _ => true,
    }
}

/// The keys that matter now, as the keymap in force names them, as many as fit in `width`
/// columns. A hint whose actions have no key is left out.
fn hints(app: &App, width: usize) -> Line<'static> {
    let theme = app.theme();
    let hints = match (app.mode(), app.focus()) {
        (Mode::Help { .. }, _) => HELP_HINTS,
        (Mode::About { .. }, _) => ABOUT_HINTS,
        (Mode::Index | Mode::IndexSearch, _) => INDEX_HINTS,
        (_, Focus::Detail) => DETAIL_HINTS,
        _ if app.key_context() == Context::Chart => CHART_HINTS,
        (_, Focus::Timeline) => TIMELINE_HINTS,
    };
    let keys = app.keys();
    let pillars = app.timeline().pillars.len();
    // Whether some pillar has no number key in force to pick it.
    let keyless = pillars
        .checked_sub(1)
        .is_some_and(|last| keys.nth_label(A::PILLAR, last).is_none());
    let hints = hints
        .iter()
        .filter(|(label, ..)| fits_pillars(*label, pillars, keyless));
    let eras = !app.timeline().eras.is_empty();
    let mut shown: Vec<(String, &str, u8)> = hints
        .map(|&(label, what, priority)| match what {
            TABS if eras => (label, TABS_WITH_ERAS, priority),
            _ => (label, what, priority),
        })
        .filter_map(|(label, what, priority)| Some((keys.label(label)?, what, priority)))
        .collect();
    let hint_width = |(key, what, _): &(String, &str, u8)| key.width() + what.width() + 3;
    while shown.iter().map(hint_width).sum::<usize>() + 1 > width && shown.len() > 1 {
        let least = shown
            .iter()
            .enumerate()
            .max_by_key(|(_, hint)| hint.2)
            .map(|(i, _)| i);
        shown.remove(least.unwrap_or(0));
    }
    let mut spans = vec![Span::raw(" ")];
    for (key, what, _) in shown {
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {what}  "), theme.dim));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_group_their_thousands() {
        let shown: Vec<String> = [0, 7, 999, 1_000, 41_000, 410_000, 1_000_000]
            .into_iter()
            .map(grouped)
            .collect();
        assert_eq!(
            shown,
            ["0", "7", "999", "1,000", "41,000", "410,000", "1,000,000"]
        );
    }
}
