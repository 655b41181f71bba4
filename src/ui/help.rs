//! The help overlay: every key, grouped as a reader would look for them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::theme;

/// (keys, what they do); an empty key starts a new group titled by the description.
const KEYS: &[(&str, &str)] = &[
    ("", "Move"),
    ("j k  ↓ ↑", "next / previous event"),
    ("PgDn PgUp", "page down / up"),
    ("Ctrl-d Ctrl-u", "half page down / up"),
    ("g G  Home End", "first / last event"),
    ("] [", "next / previous year"),
    ("} {", "next / previous decade"),
    ("", "Find"),
    ("/", "search: type to filter live"),
    ("Enter", "keep the search, back to the list"),
    ("Esc", "clear the search"),
    ("↑ ↓", "earlier / later searches"),
    ("Ctrl-n Ctrl-p", "next / previous event while typing"),
    ("s", "relevance / date order of a search"),
    ("1-9", "show one pillar, then toggle others"),
    ("0", "show every pillar"),
    ("", "Search syntax"),
    ("a b  a | b", "both terms / either term"),
    ("'a ^a a$ !a", "exact, prefix, suffix, exclude"),
    ("pillar:eco", "pillar by id or name (fuzzy)"),
    ("acronym:jaif", "events with that acronym"),
    ("place:tokyo", "place (fuzzy)"),
    ("year:2008", "also 2003..2013, >2010, <1990"),
    ("", "Read"),
    ("Tab", "switch between timeline and detail"),
    ("Enter", "open detail / jump to related event"),
    ("Esc", "back to the timeline"),
    ("mouse", "wheel scrolls, click selects"),
    ("", "Other"),
    ("? F1", "this help"),
    ("q  Ctrl-c", "quit"),
    ("Ctrl-z", "suspend (fg resumes)"),
];

const KEY_WIDTH: usize = 15;

pub fn render(frame: &mut Frame, area: Rect) {
    let lines: Vec<Line> = KEYS
        .iter()
        .map(|&(keys, what)| {
            if keys.is_empty() {
                Line::styled(what, theme::label())
            } else {
                Line::from(vec![
                    Span::styled(format!("  {keys:<KEY_WIDTH$}"), theme::key()),
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
    let block = Block::bordered()
        .title(" Keys ")
        .title_bottom(Line::from(" Esc or ? closes ").right_aligned())
        .border_style(theme::border(true));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
