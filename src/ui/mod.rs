//! Drawing the explorer. Everything here reads `App` and writes to the frame; nothing changes state.

mod about;
mod chart;
mod density;
mod detail;
mod footer;
mod header;
mod help;
mod index;
mod loading;
mod pillar_pick;
pub mod theme;
mod timeline;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::app::geometry::{self, MIN_HEIGHT, MIN_WIDTH, Screen};
use crate::app::{App, Mode};
use theme::Theme;

pub use loading::render as loading;

/// Draws the whole screen for the current state.
pub fn render(app: &App, frame: &mut Frame) {
    match app.screen() {
        Screen::TooSmall(area) => too_small(frame, app.theme(), area),
        Screen::Panes {
            header,
            density,
            timeline,
            detail,
            footer,
        } => {
            header::render(app, frame, header);
            if let Some(strip) = density {
                density::render(app, frame, strip);
            }
            if let Some(pane) = timeline {
                if app.chart_shown() {
                    chart::render(app, frame, pane);
                } else {
                    timeline::render(app, frame, pane);
                }
            }
            if let Some(pane) = detail {
                detail::render(app, frame, pane);
            }
            footer::render(app, frame, footer);
            if let Some(pick) = pillar_pick::open(app) {
                // Over the panes, above the footer where the name is typed.
                let above = Rect {
                    height: footer.y.saturating_sub(frame.area().y),
                    ..frame.area()
                };
                pillar_pick::render(app, frame, above, pick);
            }
            match app.mode() {
                Mode::Help { scroll, .. } => help::render(app, frame, frame.area(), *scroll),
                Mode::About { scroll } => about::render(app, frame, frame.area(), *scroll),
                _ => {}
            }
        }
        Screen::Index {
            header,
            list,
            footer,
        } => {
            header::render(app, frame, header);
            index::render(app, frame, list);
            footer::render(app, frame, footer);
            if let Mode::Help { scroll, .. } = app.mode() {
                help::render(app, frame, frame.area(), *scroll);
            }
        }
    }
    app.theme().glyphs.fall_back(frame.buffer_mut());
}

/// Draws a titled border around `pane`, highlighted when focused, and returns its inside.
fn bordered_pane(frame: &mut Frame, theme: &Theme, pane: Rect, title: &str, focused: bool) -> Rect {
    let block = Block::bordered()
        .border_set(theme.glyphs.border)
        .title(title)
        .border_style(theme.border(focused));
    frame.render_widget(block, pane);
    geometry::inner(pane)
}

fn too_small(frame: &mut Frame, theme: &Theme, area: Rect) {
    let lines = vec![
        Line::from("Terminal too small"),
        Line::styled(format!("need {MIN_WIDTH}×{MIN_HEIGHT}"), theme.dim),
    ];
    let top = area.height.saturating_sub(3) / 2;
    let area = Rect::new(area.x, area.y + top, area.width, area.height - top);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        area,
    );
}
