//! The header: the dataset's title, the index entry the timeline is narrowed to and the
//! `N/M events` count, then one chip per pillar with the key in force that picks it, dimmed
//! while the pillar is filtered out.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::timeline::fit;
use crate::app::keys::ActionName;
use crate::app::{App, Order};
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let timeline = app.timeline();
    // The count, then what may go when the title would not fit beside it: a timeline with
    // undated entries counts them apart (`56/56 events · 14/14 undated`), and a ranked search
    // says its order.
    let shown_undated = app.undated_row_count();
    let dated = timeline.dated_count();
    let mut parts = vec![format!(
        "{}/{dated} events",
        app.row_count() - shown_undated
    )];
    let undated = timeline.undated_count();
    if undated > 0 {
        parts.push(format!("{shown_undated}/{undated} undated"));
    }
    if app.compiled().ranks() {
        parts.push(match app.order() {
            Order::Relevance => "by relevance".to_string(),
            Order::Timeline => "by date".to_string(),
        });
    }
    let title_width = timeline.title.width() + 2;
    let mut count = format!("{} ", parts.join(" · "));
    while parts.len() > 1 && title_width + count.width() > area.width as usize {
        parts.pop();
        count = format!("{} ", parts.join(" · "));
    }
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
        if let Some(key) = app.keys().first_label(ActionName::CLEAR_SCOPE) {
            title.push(Span::styled(format!(" {key} clears"), theme.dim));
        }
    }
    if app.bookmarked_only() {
        title.push(Span::raw("  "));
        title.push(Span::styled(
            format!(" {} bookmarked ", theme.glyphs.bookmark),
            theme.selected,
        ));
        if let Some(key) = app.keys().first_label(ActionName::BOOKMARKED_ONLY) {
            title.push(Span::styled(format!(" {key} shows all"), theme.dim));
        }
    }
    frame.render_widget(Line::from(title), title_area);
    frame.render_widget(Line::raw(count).right_aligned(), count_area);

    // The n-th pillar key picks the n-th pillar.
    let keys: Vec<String> = (0..timeline.pillars.len())
        .map(|nth| match app.keys().nth_label(ActionName::PILLAR, nth) {
            Some(key) => format!("{key} "),
            None => String::new(),
        })
        .collect();
    let names: Vec<&str> = timeline.pillars.iter().map(|p| p.name.as_str()).collect();
    let name_width = chip_name_width(&keys, &names, area.width as usize);
    let mut chips = vec![Span::raw(" ")];
    for (i, (pillar, key)) in timeline.pillars.iter().zip(keys).enumerate() {
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

/// The widest a pillar name may be for every chip (`1 Name  `, its key then its name) to fit in
/// `width` columns.
fn chip_name_width(keys: &[String], names: &[&str], width: usize) -> usize {
    let widest = names.iter().map(|n| n.width()).max().unwrap_or(0);
    // One leading space, then per chip its key and two spaces of gap.
    let fixed = 1 + keys.iter().map(|key| key.width() + 2).sum::<usize>();
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
        let keys = ["1 ", "2 ", "3 "].map(String::from);
        assert_eq!(chip_name_width(&keys, &names, 120), 14);
        assert_eq!(chip_name_width(&keys, &names, 13 + 10 + 8 + 10), 10);
        assert_eq!(chip_name_width(&keys, &names, 20), 2);
        assert_eq!(chip_name_width(&keys, &names, 0), 1);
        let wider = ["F1 ", "F2 ", "F3 "].map(String::from);
        assert_eq!(
            chip_name_width(&wider, &names, 13 + 10 + 8 + 10),
            8,
            "wider keys leave less room for the names"
        );
    }
}
