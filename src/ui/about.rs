//! The About overlay: the timeline's title, description, source, counts and eras, as
//! `app::about` lays them out, over the timeline.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};

use crate::app::App;
use crate::app::about::{self, Part};
use crate::app::keys::ActionName;

/// Draws the About over `area`, scrolled down by `scroll` lines when it does not fit.
pub fn render(app: &App, frame: &mut Frame, area: Rect, scroll: usize) {
    let theme = app.theme();
    let lines = app.about_lines();
    let popup = about::area(area, lines.len());
    let inside_height = usize::from(popup.height.saturating_sub(2));
    let text: Vec<Line> = lines
        .into_iter()
        .map(|line| {
            let spans = line.into_iter().map(|(part, text)| {
                let style = match part {
                    Part::Title => theme.title,
                    Part::Label => theme.label,
                    Part::Text => Style::new(),
                    Part::Missing => theme.dim,
                };
                Span::styled(text, style)
            });
            Line::from_iter(spans)
        })
        .collect();
    let key = |name| app.keys().first_label(name).unwrap_or_default();
    let hint = if text.len() > inside_height {
        format!(
            " {}/{} scroll · {} closes ",
            key(ActionName::NEXT),
            key(ActionName::PREVIOUS),
            key(ActionName::CLOSE_ABOUT)
        )
    } else {
        format!(" {} closes ", key(ActionName::CLOSE_ABOUT))
    };
    let block = Block::bordered()
        .border_set(theme.glyphs.border)
        .title(" About ")
        .title_bottom(Line::from(hint).right_aligned())
        .border_style(theme.border(true))
        .padding(Padding::horizontal(1));
    frame.render_widget(Clear, popup);
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(text).block(block).scroll((scroll, 0)), popup);
}
