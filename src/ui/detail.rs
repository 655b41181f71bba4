//! The detail pane: everything known about the selected event — its summary's paragraphs and
//! list items wrapped as such, its media and links, the eras it falls in — then the events
//! related to it (sharing an acronym or a mechanism), which can be selected and jumped to.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::keys::ActionName;
use crate::app::prose::{self, Pager};
use crate::app::state::related_window_start;
use crate::app::{App, Focus, geometry};
use crate::timeline::{Event, EventId};
use crate::ui::theme::Theme;

pub fn render(app: &App, frame: &mut Frame, pane: Rect) {
    let theme = app.theme();
    let focused = app.focus() == Focus::Detail;
    let inside = super::bordered_pane(frame, theme, pane, " Detail ", focused);
    let Some(event) = app.selected_event() else {
        frame.render_widget(
            Paragraph::new(Line::styled("Nothing selected.", theme.dim)),
            inside,
        );
        return;
    };
    let related = app.related();
    let (text_area, list_area) = geometry::detail_parts(pane, related.len());
    let (lines, scroll) = description(app, event, text_area);
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    let description = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0));
    frame.render_widget(description, text_area);
    render_related(app, frame, list_area, &related, focused);
}

/// The lines of the selected event's description that the detail's scroll shows in `area`,
/// and how many of their rows to scroll past: its fields, the screenful of its summary that
/// is in view (laid out by the app's [`Pager`] however long the summary), then the rest.
fn description<'a>(app: &'a App, event: &'a Event, area: Rect) -> (Vec<Line<'a>>, usize) {
    let width = usize::from(area.width);
    let mut head = fields(app, event);
    let mut tail = Vec::new();
    attachments(app, event, width, &mut tail);
    tail.extend(glossed(app, event));
    let scroll = app.detail_scroll();
    let summary = event.summary();
    if summary.is_empty() {
        head.extend(tail);
        return (head, scroll);
    }
    head.push(Line::default());
    let head_rows = Paragraph::new(head.clone())
        .wrap(Wrap { trim: false })
        .line_count(area.width);
    let fresh;
    let pager = match app.summary_pager(width) {
        Some(pager) => pager,
        None => {
            fresh = Pager::new(width);
            &fresh
        }
    };
    let first = scroll.saturating_sub(head_rows);
    let window = pager.window(summary, first, usize::from(area.height));
    let (mut lines, mut skip) = if scroll < head_rows {
        (head, scroll)
    } else {
        (Vec::new(), 0)
    };
    lines.extend(window.lines.into_iter().map(Line::raw));
    if let Some(total) = window.total {
        lines.extend(tail);
        skip += first.saturating_sub(total);
    }
    (lines, skip)
}

fn field<'a>(theme: &Theme, name: &'a str, value: impl Into<Span<'a>>) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{name:<9}"), theme.label),
        value.into(),
    ])
}

/// The selected event's title, date, pillar, eras, place and source.
fn fields<'a>(app: &'a App, event: &'a Event) -> Vec<Line<'a>> {
    let (theme, timeline) = (app.theme(), app.timeline());
    let pillar = timeline.pillar_of(event);
    let mut lines = vec![
        Line::styled(event.title(), theme.title),
        Line::default(),
        field(theme, "Date", theme.glyphs.dates(event.when().to_string())),
        field(
            theme,
            "Pillar",
            Span::styled(
                format!("{} {}", theme.glyphs.marker, pillar.name),
                theme.pillar(pillar),
            ),
        ),
    ];
    let eras: Vec<&str> = app.eras_of(event).map(|era| era.title.as_str()).collect();
    if !eras.is_empty() {
        let label = if eras.len() == 1 { "Era" } else { "Eras" };
        lines.push(field(theme, label, eras.join(", ")));
    }
    if let Some(place) = &event.place() {
        lines.push(field(theme, "Place", &**place));
    }
    if let Some(paragraph) = event.source {
        let cited = if timeline.source.is_empty() {
            format!("¶ {paragraph}")
        } else {
            format!("¶ {paragraph} · {}", timeline.source)
        };
        lines.push(field(theme, "Source", cited));
    }
    lines
}

/// The event's acronyms, spelled out, and its mechanisms.
fn glossed<'a>(app: &'a App, event: &'a Event) -> Vec<Line<'a>> {
    let (theme, timeline) = (app.theme(), app.timeline());
    let mut lines = Vec::new();
    if !event.acronyms.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled("Acronyms", theme.label));
        for acronym in &event.acronyms {
            let expansion = timeline
                .expansion(acronym)
                .unwrap_or("(not spelled out in the source)");
            lines.push(Line::from(vec![
                Span::styled(format!("  {acronym}  "), theme.key),
                Span::raw(expansion),
            ]));
        }
    }
    if !event.mechanisms.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled("Mechanisms", theme.label));
        for mechanism in &event.mechanisms {
            lines.push(Line::raw(format!("  • {mechanism}")));
        }
    }
    lines
}

/// The event's media (caption, credit, and its URL dimmed) and its links as a numbered list,
/// each heading naming the key that copies the address.
fn attachments(app: &App, event: &Event, width: usize, lines: &mut Vec<Line<'_>>) {
    let theme = app.theme();
    let copies = |what: &str| {
        let hint = app
            .keys()
            .first_label(ActionName::COPY_LINK)
            .map(|key| format!("  {key} copies {what}"));
        Span::styled(hint.unwrap_or_default(), theme.dim)
    };
    // A media part left empty (a credit-less image) takes no line.
    let indented = |text: &str, style| -> Vec<Line<'static>> {
        if text.is_empty() {
            return Vec::new();
        }
        let lines = prose::hanging(text, "  ", width).into_iter();
        lines.map(|line| Line::styled(line, style)).collect()
    };
    if let Some(media) = event.media() {
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::styled("Media", theme.label),
            copies("the URL"),
        ]));
        lines.extend(indented(&media.caption, Style::new()));
        lines.extend(indented(&media.credit, theme.dim));
        lines.extend(indented(&media.url, theme.dim));
    }
    let links = event.links();
    if !links.is_empty() {
        lines.push(Line::default());
        let what = if event.media().is_some() {
            Span::default()
        } else if links.len() == 1 {
            copies("it")
        } else {
            copies("the first")
        };
        lines.push(Line::from(vec![Span::styled("Links", theme.label), what]));
        let digits = links.len().to_string().len();
        for (n, link) in links.iter().enumerate() {
            let number = format!("  {:>digits$}. ", n + 1);
            lines.extend(
                prose::hanging(link, &number, width)
                    .into_iter()
                    .map(Line::raw),
            );
        }
    }
}

fn render_related(app: &App, frame: &mut Frame, area: Rect, related: &[EventId], focused: bool) {
    let theme = app.theme();
    if area.is_empty() {
        return;
    }
    let heading = format!("Related ({})", related.len());
    frame.render_widget(
        Line::styled(heading, theme.label),
        Rect { height: 1, ..area },
    );
    let height = area.height.saturating_sub(1);
    let first = related_window_start(app.related_cursor(), height);
    let timeline = app.timeline();
    for (i, &index) in related.iter().skip(first).take(height as usize).enumerate() {
        let event = timeline.event(index);
        let pillar = timeline.pillar_of(event);
        let selected = first + i == app.related_cursor();
        let line = Line::from(vec![
            Span::styled(format!("{} ", theme.glyphs.marker), theme.pillar(pillar)),
            Span::styled(theme.glyphs.dates(format!("{}  ", event.when())), theme.dim),
            Span::raw(event.title()),
        ]);
        let line = match (selected, focused) {
            (true, true) => line.style(theme.selected),
            _ => line,
        };
        frame.render_widget(
            line,
            Rect::new(area.x, area.y + 1 + i as u16, area.width, 1),
        );
    }
}
