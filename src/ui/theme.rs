//! Every style the explorer uses, in one place.

use ratatui::style::{Color, Modifier, Style};

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// Secondary text: hints, gutters, labels.
pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn label() -> Style {
    Style::new().fg(Color::Gray).add_modifier(Modifier::BOLD)
}

/// The selected row in the focused pane.
pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

/// The selected row while another pane has focus.
pub fn selected_unfocused() -> Style {
    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// Characters that matched the query.
pub fn matched() -> Style {
    Style::new()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

pub fn border(focused: bool) -> Style {
    if focused {
        Style::new().fg(Color::Cyan)
    } else {
        dim()
    }
}

pub fn pillar(color: Color) -> Style {
    Style::new().fg(color)
}

pub fn key() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

/// A query that cannot be used.
pub fn error() -> Style {
    Style::new().fg(Color::Red)
}
