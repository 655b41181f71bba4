//! The help overlay: every key, grouped as a reader would look for them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::theme::Theme;
use crate::app::keymap::HELP;

const KEY_WIDTH: usize = 15;

/// Draws the help over `area`, scrolled down by `scroll` lines when it does not fit.
pub fn render(frame: &mut Frame, theme: &Theme, area: Rect, scroll: usize) {
    let lines: Vec<Line> = HELP
        .iter()
        .map(|&(keys, what)| {
            if keys.is_empty() {
                Line::styled(what, theme.label)
            } else {
                Line::from(vec![
                    Span::styled(format!("  {keys:<KEY_WIDTH$}"), theme.key),
                    Span::raw(what),
                ])
            }
        })
        .collect();
    let width = (KEY_WIDTH + 2 + 40 + 2) as u16;
    let height = lines.len() as u16 + 2;
    let [popup] = area.layout(&Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center));
    let [popup] = popup.layout(&Layout::vertical([Constraint::Length(height)]).flex(Flex::Center));
    frame.render_widget(Clear, popup);
    let hint = if popup.height < height {
        " j/k scroll · Esc closes "
    } else {
        " Esc or ? closes "
    };
    let block = Block::bordered()
        .border_set(theme.glyphs.border)
        .title(" Keys ")
        .title_bottom(Line::from(hint).right_aligned())
        .border_style(theme.border(true));
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((scroll, 0)),
        popup,
    );
}
