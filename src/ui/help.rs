//! The help overlay: every action with the keys in force, grouped as a reader would look for
//! them, made from the app's keymap so that a rebinding shows here at once.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::app::App;
use crate::app::keys::{ActionName, HELP_KEY_WIDTH, HelpLine};

/// Spaces between the keys and what they do.
const GAP: usize = 2;

/// Draws the help over `area`, scrolled down by `scroll` lines when it does not fit.
pub fn render(app: &App, frame: &mut Frame, area: Rect, scroll: usize) {
    let theme = app.theme();
    let help = app.keys().help();
    let width_of = |text: &str| text.chars().count();
    let key_width = HELP_KEY_WIDTH;
    let text_width = help
        .iter()
        .map(|line| match line {
            HelpLine::Keys(_, what) => width_of(what) + GAP,
            HelpLine::Group(title) => width_of(title),
        })
        .max()
        .unwrap_or(0);
    let lines: Vec<Line> = help
        .into_iter()
        .map(|line| match line {
            HelpLine::Group(title) => Line::styled(title, theme.label),
            HelpLine::Keys(keys, what) => Line::from(vec![
                Span::styled(format!("  {keys:<key_width$}"), theme.key),
                Span::raw(format!("{:GAP$}{what}", "")),
            ]),
        })
        .collect();
    // The indent, the borders, and a column to spare on the right.
    let width = u16::try_from(2 + key_width + text_width + 2 + 1).unwrap_or(u16::MAX);
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let [popup] = area.layout(&Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center));
    let [popup] = popup.layout(&Layout::vertical([Constraint::Length(height)]).flex(Flex::Center));
    frame.render_widget(Clear, popup);
    let key = |name| app.keys().first_label(name).unwrap_or_default();
    let hint = if popup.height < height {
        format!(
            " {}/{} scroll · {} closes ",
            key(ActionName::NEXT),
            key(ActionName::PREVIOUS),
            key(ActionName::CLOSE_HELP)
        )
    } else {
        format!(" {} closes ", key(ActionName::CLOSE_HELP))
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
