//! The header: the dataset's title, the index entry the timeline is narrowed to and the
//! `N/M events` count, then one chip per pillar with the digit that toggles it, dimmed while the
//! pillar is filtered out.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::timeline::fit;
use crate::app::{App, Order};
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let timeline = app.timeline();
    let mut count = format!("{}/{} events", app.row_count(), timeline.events.len());
    if app.compiled().ranks() {
        count += match app.order() {
            Order::Relevance => " · by relevance",
            Order::Timeline => " · by date",
        };
    }
    let count = format!("{count} ");
    let [title_area, count_area] = Rect { height: 1, ..area }.layout(&Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(count.chars().count() as u16),
    ]));
    let mut title = vec![Span::styled(format!(" {}", timeline.title), theme.title)];
    if let Some(scope) = app.scope() {
        // A chip for the index entry the timeline is narrowed to, and how to remove it.
        title.push(Span::raw("  "));
        title.push(Span::styled(
            format!(" {} {} ", scope.kind.singular(), scope.name),
            theme.selected,
        ));
        title.push(Span::styled(" x clears", theme.dim));
    }
    if app.bookmarked_only() {
        title.push(Span::raw("  "));
        title.push(Span::styled(
            format!(" {} bookmarked ", theme.glyphs.bookmark),
            theme.selected,
        ));
        title.push(Span::styled(" ' shows all", theme.dim));
    }
    frame.render_widget(Line::from(title), title_area);
    frame.render_widget(Line::raw(count).right_aligned(), count_area);

    let names: Vec<&str> = timeline.pillars.iter().map(|p| p.name.as_str()).collect();
    let name_width = chip_name_width(&names, area.width as usize);
    let mut chips = vec![Span::raw(" ")];
    for (i, pillar) in timeline.pillars.iter().enumerate() {
        let key = if i < 9 {
            format!("{} ", i + 1)
        } else {
            String::new()
        };
        let style = if app.filter().shows(i) {
            theme.pillar(pillar)
        } else {
            theme.dim
        };
        let name = fit(&pillar.name, name_width);
        chips.push(Span::styled(format!("{key}{name}"), style));
        chips.push(Span::raw("  "));
    }
    if area.height > 1 {
        frame.render_widget(
            Line::from(chips),
            Rect::new(area.x, area.y + 1, area.width, 1),
        );
    }
}

/// The widest a pillar name may be for every chip (`1 Name  `) to fit in `width` columns.
fn chip_name_width(names: &[&str], width: usize) -> usize {
    let widest = names.iter().map(|n| n.width()).max().unwrap_or(0);
    // One leading space, then per chip a digit, a space, the name and two spaces of gap.
    let fixed = 1 + names.len() * 4;
    (1..=widest)
        .rev()
        .find(|&limit| fixed + names.iter().map(|n| n.width().min(limit)).sum::<usize>() <= width)
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chip_names_shrink_until_every_chip_fits() {
        let names = ["Milestones", "Economic", "Socio-Cultural"];
        assert_eq!(chip_name_width(&names, 120), 14);
        assert_eq!(chip_name_width(&names, 13 + 10 + 8 + 10), 10);
        assert_eq!(chip_name_width(&names, 20), 2);
        assert_eq!(chip_name_width(&names, 0), 1);
    }
}
