//! The header: the dataset's title, the index entry the timeline is narrowed to and the
//! `N/M events` count, then, when there is more than one pillar, one chip per pillar with the
//! key in force that picks it, dimmed while the pillar is filtered out, and no two alike.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::timeline::fit;
use crate::app::keys::ActionName;
use crate::app::{App, Order};
use crate::timeline::Pillar;
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
    // A space before the count too, so a title cut to make room never runs into it.
    let mut count = format!(" {} ", parts.join(" · "));
    while parts.len() > 1 && title_width + count.width() > area.width as usize {
        parts.pop();
        count = format!(" {} ", parts.join(" · "));
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

    if area.height > 1 && timeline.pillars.len() > 1 {
        let row = Rect::new(area.x, area.y + 1, area.width, 1);
        frame.render_widget(chips(app, row.width as usize), row);
    }
}

/// The fewest columns a chip's name is cut to: below it names stop being readable, and the row
/// shows as many chips as fit, then how many more there are.
const MIN_NAME_WIDTH: usize = 4;

/// One chip per pillar, in the file's order: the number key in force that picks it (none beyond
/// the keys, the ninth by default: the picker reaches those), then its name, cut alike to fit
/// but never so that two read the same; dimmed while filtered out. Chips that do not fit even
/// cut to [`MIN_NAME_WIDTH`] give way to `+N more` and the picker's key.
fn chips(app: &App, width: usize) -> Line<'static> {
    let theme = app.theme();
    let pillars = &app.timeline().pillars;
    // The n-th pillar key picks the n-th pillar.
    let keys: Vec<String> = (0..pillars.len())
        .map(|nth| match app.keys().nth_label(ActionName::PILLAR, nth) {
            Some(key) => format!("{key} "),
            None => String::new(),
        })
        .collect();
    let texts = chip_texts(pillars);
    let names: Vec<&str> = texts.iter().map(String::as_str).collect();
    let name_width = chip_name_width(&keys, &names, width).max(MIN_NAME_WIDTH);
    let labels = distinct_labels(&names, name_width);
    // How many chips did not fit, and of those how many are shown: a pick the row cannot show
    // is still said.
    let more = |from: usize| {
        let hidden = pillars.len() - from;
        let shown = (from..pillars.len())
            .filter(|&p| app.filter().shows(p))
            .count();
        let mut message = format!("+{hidden} more");
        if !app.filter().is_all() && shown > 0 {
            message += &format!(", {shown} shown");
        }
        let pick = |key: &str| format!(" ({key})");
        app.keys().with_key(&message, ActionName::PILLAR_PICK, pick)
    };
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (i, ((pillar, key), label)) in pillars.iter().zip(&keys).zip(&labels).enumerate() {
        let chip = format!("{key}{label}");
        // Room for this chip, and for the count of those after it when any are left.
        let tail = if i + 1 < pillars.len() {
            more(i + 1).width()
        } else {
            0
        };
        if used + chip.width() + 2 + tail > width && i > 0 {
            spans.push(Span::styled(more(i), theme.dim));
            break;
        }
        let style = if app.filter().shows(i) {
            theme.pillar(pillar)
        } else {
            theme.dim
        };
        used += chip.width() + 2;
        spans.push(Span::styled(chip, style));
        spans.push(Span::raw("  "));
    }
    Line::from(spans)
}

/// The text each chip shows: the pillar's name, or, where two pillars share a name, the name
/// and the id that tells them apart.
fn chip_texts(pillars: &[Pillar]) -> Vec<String> {
    pillars
        .iter()
        .map(|pillar| {
            let shared = pillars.iter().filter(|p| p.name == pillar.name).count() > 1;
            if shared {
                format!("{} ({})", pillar.name, pillar.id)
            } else {
                pillar.name.clone()
            }
        })
        .collect()
}

/// `names` cut to `width` columns each (see [`fit`]), where two would then read the same each
/// lengthened, a column at a time, to the shortest cut that tells it apart: `三国时代` and
/// `三国` both read `三…` at three columns, so they show as `三…` and `三国` at four.
/// Distinct names always end distinct: a name whole is never cut.
fn distinct_labels(names: &[&str], width: usize) -> Vec<String> {
    let mut widths = vec![width; names.len()];
    loop {
        let labels: Vec<String> = names
            .iter()
            .zip(&widths)
            .map(|(name, &width)| fit(name, width).into_owned())
            .collect();
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for label in &labels {
            *counts.entry(label).or_default() += 1;
        }
        let mut grew = false;
        for (i, label) in labels.iter().enumerate() {
            let alike = counts.get(label.as_str()).is_some_and(|&count| count > 1);
            if alike && widths[i] < names[i].width() {
                widths[i] += 1;
                grew = true;
            }
        }
        if !grew {
            return labels;
        }
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

    #[test]
    fn cut_names_that_would_read_the_same_are_lengthened_until_they_differ() {
        let names = [
            "三国时代",
            "三国",
            "三国时期",
            "南北朝",
            "Economic",
            "Economy",
        ];
        let labels = distinct_labels(&names, 3);
        assert_eq!(
            labels,
            ["三国时代", "三国", "三国时期", "南…", "Econom…", "Economy"]
        );
        let labels = distinct_labels(&["Economic", "Economy", "Culture"], 4);
        assert_eq!(labels, ["Econom…", "Economy", "Cul…"]);
        let labels = distinct_labels(&["Economic policy", "Economy", "Culture"], 5);
        assert_eq!(labels, ["Econom…", "Economy", "Cult…"]);
        let distinct = std::collections::HashSet::<&String>::from_iter(&labels);
        assert_eq!(distinct.len(), labels.len());
    }

    #[test]
    fn pillars_sharing_a_name_are_told_apart_by_id() {
        let pillar = |id: &str, name: &str| Pillar {
            id: id.into(),
            name: name.into(),
            color: ratatui::style::Color::Reset,
        };
        let texts = chip_texts(&[
            pillar("a", "Trade"),
            pillar("b", "Trade"),
            pillar("c", "Aid"),
        ]);
        assert_eq!(texts, ["Trade (a)", "Trade (b)", "Aid"]);
    }
}
