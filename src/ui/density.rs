//! The density strip: events per year (or per bin of years) over the timeline's span, as bars
//! coloured by each bin's busiest pillar, with the span's first and last years and a marker at
//! the selected event's year beneath.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::app::App;
use crate::app::density::Strip;
use crate::timeline::compact_year;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(strip) = app.density().strip(area.width) else {
        return;
    };
    let theme = app.theme();
    let most = strip.bins.iter().map(|bin| bin.events).max().unwrap_or(0);
    let pillars = &app.timeline().pillars;
    let cell = usize::from(strip.cell_width);
    let bars: Vec<Span> = strip
        .bins
        .iter()
        .map(|bin| {
            let style = pillars
                .get(bin.pillar)
                .map_or(Style::new(), |pillar| theme.pillar(pillar));
            let bar = bar(&theme.glyphs.bars, bin.events, most);
            Span::styled(bar.to_string().repeat(cell), style)
        })
        .collect();
    frame.render_widget(Line::from(bars), Rect { height: 1, ..area });
    if area.height > 1 {
        let selected = app
            .selected_event()
            .and_then(|event| event.date.as_ref())
            .map(|date| date.earliest().year());
        let axis = axis(theme, &strip, selected);
        frame.render_widget(axis, Rect::new(area.x, area.y + 1, area.width, 1));
    }
}

/// The bar of `bars` (lowest first) for `events` when the busiest bin has `most`: empty for
/// none, else at least the lowest bar, so a single event still shows.
fn bar(bars: &[char; 8], events: u32, most: u32) -> char {
    if events == 0 || most == 0 {
        return ' ';
    }
    let level = (u64::from(events) * bars.len() as u64).div_ceil(u64::from(most));
    bars[(level as usize).clamp(1, bars.len()) - 1]
}

/// The line under the bars: the first and last years at the ends, and `▲year` under the bin
/// of the selected event's year (the end labels give way to it).
fn axis(theme: &Theme, strip: &Strip, selected: Option<i64>) -> Line<'static> {
    let marker = theme.glyphs.year_marker;
    let width = usize::from(strip.width());
    let first = compact_year(*strip.years(0).start());
    let last = compact_year(strip.last_year);
    // (column, text, style), in no particular order.
    let mut labels = vec![(0, first, theme.dim)];
    if last.chars().count() + labels[0].1.chars().count() < width {
        labels.push((width - last.chars().count(), last, theme.dim));
    }
    if let Some(year) = selected
        && let Some(bin) = strip.bin_of(year)
    {
        let column = bin * usize::from(strip.cell_width);
        let year = compact_year(year);
        let (column, text) = if column + 1 + year.chars().count() <= width {
            (column, format!("{marker}{year}"))
        } else {
            let text = format!("{year}{marker}");
            ((column + 1).saturating_sub(text.chars().count()), text)
        };
        let end = column + text.chars().count();
        labels.retain(|(at, label, _)| at + label.chars().count() < column || *at > end);
        labels.push((column, text, theme.key));
    }
    labels.sort_by_key(|(at, _, _)| *at);
    let mut spans = Vec::new();
    let mut column = 0;
    for (at, text, style) in labels {
        spans.push(Span::raw(" ".repeat(at.saturating_sub(column))));
        column = at.max(column) + text.chars().count();
        spans.push(Span::styled(text, style));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::theme::Glyphs;

    #[test]
    fn bars_scale_to_the_busiest_bin_and_never_vanish() {
        let bars = &Glyphs::UNICODE.bars;
        assert_eq!(bar(bars, 0, 10), ' ');
        assert_eq!(bar(bars, 1, 1000), '▁');
        assert_eq!(bar(bars, 10, 10), '█');
        assert_eq!(bar(bars, 5, 10), '▄');
        assert_eq!(bar(&Glyphs::ASCII.bars, 10, 10), '@');
    }
}
