//! The pillar picker (`p`): a box of the pillars the name typed in the footer matches, best
//! first, each with its number key where it has one, whether it is shown, the typed letters
//! highlighted in its name, and how many events it holds. How to pick and leave is written on
//! its border.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::timeline::{fit, highlighted};
use crate::app::App;
use crate::app::keys::{ActionName, Label};
use crate::app::{Mode, PillarPick};

/// The widest the box may be; longer names are cut.
const MAX_WIDTH: usize = 60;

/// Draws the picker in the middle of `area`.
pub fn render(app: &App, frame: &mut Frame, area: Rect, pick: &PillarPick) {
    let theme = app.theme();
    let pillars = &app.timeline().pillars;
    let matches = app.pillar_matches();
    let keys = app.keys();
    let key_of = |pillar: usize| keys.nth_label(ActionName::PILLAR, pillar);
    let key_width = (0..pillars.len())
        .filter_map(|p| key_of(p).map(|key| key.width()))
        .max()
        .unwrap_or(0);
    let name_width = matches
        .iter()
        .map(|found| pillars[found.pillar].name.width())
        .max()
        .unwrap_or(0);
    let sizes: Vec<String> = matches
        .iter()
        .map(|found| app.index().pillar_size(found.pillar).to_string())
        .collect();
    let size_width = sizes.iter().map(String::len).max().unwrap_or(0);
    let hint = hint(app);
    let title = format!(" Pillars · {} of {} ", matches.len(), pillars.len());
    // The selection mark, the key, the shown mark, the name, its events and a column to spare;
    // the borders.
    let fixed = 2 + key_width + 1 + 2 + 2 + size_width + 1;
    let inside = (fixed + name_width).max(hint.width()).max(title.width());
    let width = (inside + 2).min(MAX_WIDTH).min(usize::from(area.width));
    let name_room = width.saturating_sub(2 + fixed);
    let height = (matches.len().max(1) + 2).min(usize::from(area.height));
    let visible = height.saturating_sub(2).max(1);
    let selected = pick.selected(matches.len());
    // Scrolled so that the highlighted pillar is on screen.
    let offset = selected.map_or(0, |at| (at + 1).saturating_sub(visible));
    let mut lines: Vec<Line> = Vec::new();
    let shown_matches = matches.iter().zip(&sizes).enumerate();
    for (at, (found, size)) in shown_matches.skip(offset).take(visible) {
        let pillar = &pillars[found.pillar];
        let here = Some(at) == selected;
        let shown = if app.filter().shows(found.pillar) {
            theme.glyphs.marker
        } else {
            " "
        };
        let key = key_of(found.pillar).unwrap_or_default();
        let mut spans = vec![
            Span::styled(if here { "> " } else { "  " }, theme.key),
            Span::styled(format!("{key:<key_width$} "), theme.key),
            Span::styled(format!("{shown} "), theme.pillar(pillar)),
        ];
        let name = fit(&pillar.name, name_room);
        let matched = theme.matched;
        spans.extend(highlighted(&name, &found.positions, matched));
        // The count in a column of its own at the right.
        let gap = name_room.saturating_sub(name.width()) + 2;
        spans.push(Span::styled(
            format!("{:gap$}{size:>size_width$}", ""),
            theme.dim,
        ));
        let line = Line::from(spans);
        lines.push(if here {
            line.style(theme.selected)
        } else {
            line
        });
    }
    if matches.is_empty() {
        lines.push(Line::styled("  No pillar matches", theme.dim));
    }
    let width = u16::try_from(width).unwrap_or(u16::MAX);
    let height = u16::try_from(height).unwrap_or(u16::MAX);
    let [popup] = area.layout(&Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center));
    let [popup] = popup.layout(&Layout::vertical([Constraint::Length(height)]).flex(Flex::Center));
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .border_set(theme.glyphs.border)
        .title(title)
        .title_bottom(Line::from(hint).right_aligned())
        .border_style(theme.border(true));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// How to pick and leave, with the keys in force: ` Enter picks · Tab more · Esc closes `.
fn hint(app: &App) -> String {
    let keys = app.keys();
    let parts = [
        (ActionName::ACCEPT_PILLAR_PICK, "picks"),
        (ActionName::TOGGLE_PILLAR_PICK, "more"),
        (ActionName::CANCEL_PILLAR_PICK, "closes"),
    ];
    let parts: Vec<String> = parts
        .into_iter()
        .filter_map(|(action, what)| Some(format!("{} {what}", keys.label(Label::One(action))?)))
        .collect();
    format!(" {} ", parts.join(" · "))
}

/// The picker's state, when it is open.
pub fn open(app: &App) -> Option<&PillarPick> {
    match app.mode() {
        Mode::PillarPick(pick) => Some(pick),
        _ => None,
    }
}
