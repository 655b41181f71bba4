//! The loading screen: the file's name, the stage, and a gauge where the fraction is known.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout};
use ratatui::text::Line;
use ratatui::widgets::{Gauge, Paragraph};

use super::theme::Theme;
use crate::timeline::Stage;

/// Draws the loading of the file `name` at `stage`, with the key that gives up (`quit_key`).
pub fn render(
    frame: &mut Frame,
    theme: &Theme,
    name: &str,
    quit_key: &str,
    (stage, fraction): (Stage, Option<f64>),
) {
    let area = frame.area();
    let width = area.width.saturating_sub(4).min(60);
    let [column] = area.layout(&Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center));
    let [title, gauge, hint] = column.layout(
        &Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .flex(Flex::Center)
        .spacing(1),
    );
    frame.render_widget(
        Paragraph::new(Line::styled(format!("Loading {name}"), theme.title)).centered(),
        title,
    );
    let doing = match stage {
        Stage::Reading => "reading",
        Stage::Parsing => "parsing",
        Stage::Checking => "checking",
        Stage::Indexing => "preparing search",
        Stage::Restoring => "reading the snapshot",
    };
    match fraction {
        Some(fraction) => {
            let label = format!("{doing} {:.0}%", fraction * 100.0);
            let bar = Gauge::default()
                .ratio(fraction.clamp(0.0, 1.0))
                .label(label)
                .gauge_style(theme.color(ratatui::style::Color::Cyan));
            frame.render_widget(bar, gauge);
        }
        None => frame.render_widget(Paragraph::new(format!("{doing}…")).centered(), gauge),
    }
    frame.render_widget(
        Paragraph::new(Line::styled(format!("{quit_key} quits"), theme.dim)).centered(),
        hint,
    );
    theme.glyphs.fall_back(frame.buffer_mut());
}
