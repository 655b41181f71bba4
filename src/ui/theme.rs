//! Every style and drawing character the explorer uses, in one place: the dark and light themes,
//! colour overrides from the config file, `NO_COLOR`, and `--ascii`.

use std::collections::HashMap;

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

use crate::timeline::Pillar;
use crate::timeline::text::ascii_stand_in;

/// The styles of the screen's elements, and the characters it draws with.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub title: Style,
    /// Secondary text: hints, gutters, labels.
    pub dim: Style,
    pub label: Style,
    /// The selected row in the focused pane.
    pub selected: Style,
    /// The selected row while another pane has focus.
    pub selected_unfocused: Style,
    /// Characters that matched the query.
    pub matched: Style,
    /// A focused pane's border; unfocused borders are `dim`.
    pub border: Style,
    pub key: Style,
    /// A query or date that cannot be used.
    pub error: Style,
    /// Per pillar id: a colour that replaces the dataset's.
    pillar_colors: HashMap<String, Color>,
    /// False under `NO_COLOR`: pillars and elements go uncoloured.
    colored: bool,
    pub glyphs: Glyphs,
}

/// The characters the screen is drawn with: Unicode, or plain ASCII (`--ascii`) for limited
/// terminals and screen readers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Glyphs {
    pub border: border::Set<'static>,
    /// The pillar marker before a title.
    pub marker: &'static str,
    /// Between the year gutter and the date.
    pub gutter: &'static str,
    /// Density bars, lowest first.
    pub bars: [char; 8],
    /// Under the selected year on the density strip.
    pub year_marker: char,
    /// Before a bookmarked event's title.
    pub bookmark: &'static str,
    /// Whether the terminal shows only ASCII, so that every other character that has an ASCII
    /// stand-in is drawn as that (see [`Glyphs::fall_back`]).
    pub ascii_only: bool,
}

impl Glyphs {
    pub const UNICODE: Glyphs = Glyphs {
        border: border::PLAIN,
        marker: "●",
        gutter: "│",
        bars: ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
        year_marker: '▲',
        bookmark: "★",
        ascii_only: false,
    };

    pub const ASCII: Glyphs = Glyphs {
        border: border::Set {
            top_left: "+",
            top_right: "+",
            bottom_left: "+",
            bottom_right: "+",
            vertical_left: "|",
            vertical_right: "|",
            horizontal_top: "-",
            horizontal_bottom: "-",
        },
        marker: "*",
        gutter: "|",
        bars: ['.', ':', '-', '=', '+', '*', '#', '@'],
        year_marker: '^',
        bookmark: "+",
        ascii_only: true,
    };

    /// A date or span of years as this terminal should draw it: in ASCII, a span's dash becomes
    /// `..` (`2003..2005`, `10 Apr..27 Nov 1816`) and a spaced one ` to `, since a lone `-` before
    /// a year would read as a negative year. Applied before measuring, so columns stay aligned.
    pub fn dates(&self, text: String) -> String {
        if !self.ascii_only || !text.contains('–') {
            return text;
        }
        text.replace(" – ", " to ").replace('–', "..")
    }

    /// For an ASCII-only terminal, redraws each character of a finished frame that has an
    /// ASCII stand-in as that: one pass catches the explorer's text wherever it is written, and
    /// the data's quotes and dashes, which such a terminal could not show either. Other text
    /// (names in other scripts) is left as the data has it.
    pub fn fall_back(&self, buffer: &mut Buffer) {
        if !self.ascii_only {
            return;
        }
        for cell in &mut buffer.content {
            let mut chars = cell.symbol().chars();
            let (Some(only), None) = (chars.next(), chars.next()) else {
                continue;
            };
            if let Some(stand_in) = ascii_stand_in(only) {
                cell.set_char(stand_in);
            }
        }
    }
}

/// An element whose colour the config file can set, by name.
pub const ELEMENTS: [&str; 8] = [
    "title", "dim", "label", "selected", "matched", "border", "key", "error",
];

impl Default for Theme {
    fn default() -> Self {
        Theme::dark()
    }
}

impl Theme {
    /// For dark backgrounds: the default.
    pub fn dark() -> Self {
        Theme {
            title: Style::new().add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::DarkGray),
            label: Style::new().fg(Color::Gray).add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            selected_unfocused: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            matched: Style::new()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            border: Style::new().fg(Color::Cyan),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Red),
            pillar_colors: HashMap::new(),
            colored: true,
            glyphs: Glyphs::UNICODE,
        }
    }

    /// For light backgrounds: no yellow or light grey text, which vanish on white.
    pub fn light() -> Self {
        Theme {
            label: Style::new().add_modifier(Modifier::BOLD),
            matched: Style::new()
                .fg(Color::Magenta)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            border: Style::new().fg(Color::Blue),
            key: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            ..Theme::dark()
        }
    }

    /// Sets element `name` (one of [`ELEMENTS`]) to `color`: the text's colour, or for
    /// `selected` the highlight's. False for an unknown name.
    pub fn set_color(&mut self, name: &str, color: Color) -> bool {
        let style = match name {
            "title" => &mut self.title,
            "dim" => &mut self.dim,
            "label" => &mut self.label,
            "matched" => &mut self.matched,
            "border" => &mut self.border,
            "key" => &mut self.key,
            "error" => &mut self.error,
            "selected" => {
                self.selected = Style::new().bg(color).add_modifier(Modifier::BOLD);
                return true;
            }
            _ => return false,
        };
        *style = style.fg(color);
        true
    }

    /// Shows pillar `id` in `color` instead of the dataset's colour.
    pub fn set_pillar_color(&mut self, id: &str, color: Color) {
        self.pillar_colors.insert(id.to_string(), color);
    }

    /// No colours at all (<https://no-color.org>): emphasis by bold, underline and reverse video.
    pub fn without_color(self) -> Self {
        let plain = |style: Style| Style {
            fg: None,
            bg: None,
            ..style
        };
        Theme {
            title: plain(self.title),
            // Faint rather than grey: filtered-out pillars and hints still look secondary.
            dim: plain(self.dim).add_modifier(Modifier::DIM),
            label: plain(self.label),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_unfocused: plain(self.selected_unfocused),
            matched: plain(self.matched),
            border: plain(self.border),
            key: plain(self.key).add_modifier(Modifier::BOLD),
            error: plain(self.error).add_modifier(Modifier::BOLD),
            colored: false,
            ..self
        }
    }

    /// Draws with plain ASCII.
    pub fn ascii(self) -> Self {
        Theme {
            glyphs: Glyphs::ASCII,
            ..self
        }
    }

    /// A pane's border.
    pub fn border(&self, focused: bool) -> Style {
        if focused { self.border } else { self.dim }
    }

    /// Text in a pillar's colour.
    pub fn pillar(&self, pillar: &Pillar) -> Style {
        let color = self.pillar_colors.get(&pillar.id).copied();
        self.color(color.unwrap_or(pillar.color))
    }

    /// Text in `color`, unless colours are off.
    pub fn color(&self, color: Color) -> Style {
        if self.colored {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::text::ASCII_STAND_INS;
    use ratatui::layout::Rect;
    use unicode_width::UnicodeWidthChar;

    #[test]
    fn ascii_stand_ins_take_the_same_column_and_leave_other_scripts_alone() {
        for (c, stand_in) in ASCII_STAND_INS {
            assert_eq!(c.width(), Some(1), "{c:?}");
            assert!(
                stand_in.is_ascii() && !stand_in.is_control(),
                "{stand_in:?}"
            );
        }
        let mut buffer = Buffer::empty(Rect::new(0, 0, 12, 1));
        buffer.set_string(0, 0, "日本 “a–b” …", Style::new());
        Glyphs::UNICODE.fall_back(&mut buffer);
        let unchanged = buffer.clone();
        Glyphs::ASCII.fall_back(&mut buffer);
        let text = |b: &Buffer| b.content.iter().map(|c| c.symbol()).collect::<String>();
        assert!(text(&unchanged).contains("“a–b” …"));
        let expected = text(&unchanged)
            .replace(['“', '”'], "\"")
            .replace('–', "-")
            .replace('…', "~");
        assert_eq!(text(&buffer), expected);
        assert!(expected.contains('日') && expected.contains('本'));
    }

    #[test]
    fn ascii_spans_read_as_spans_never_as_negative_years() {
        let ascii = |text: &str| Glyphs::ASCII.dates(text.to_string());
        assert_eq!(ascii("2003–2005"), "2003..2005");
        assert_eq!(ascii("10 Apr–27 Nov 1816"), "10 Apr..27 Nov 1816");
        assert_eq!(ascii("300 BCE – 2025"), "300 BCE to 2025");
        assert_eq!(ascii("to 2025"), "to 2025");
        assert_eq!(Glyphs::UNICODE.dates("2003–2005".into()), "2003–2005");
    }

    fn pillar() -> Pillar {
        Pillar {
            id: "economic".into(),
            name: "Economic".into(),
            color: Color::Green,
        }
    }

    #[test]
    fn no_color_keeps_emphasis_and_drops_every_colour() {
        let theme = Theme::dark().without_color();
        for style in [
            theme.title,
            theme.dim,
            theme.matched,
            theme.key,
            theme.border,
        ] {
            assert_eq!((style.fg, style.bg), (None, None));
        }
        assert!(theme.selected.add_modifier.contains(Modifier::REVERSED));
        assert!(theme.matched.add_modifier.contains(Modifier::UNDERLINED));
        assert_eq!(theme.pillar(&pillar()), Style::new());
    }

    #[test]
    fn overrides_recolour_elements_and_pillars() {
        let mut theme = Theme::light();
        assert!(theme.set_color("matched", Color::Red));
        assert_eq!(theme.matched.fg, Some(Color::Red));
        assert!(theme.matched.add_modifier.contains(Modifier::BOLD));
        assert!(theme.set_color("selected", Color::Blue));
        assert_eq!(theme.selected.bg, Some(Color::Blue));
        assert!(!theme.set_color("sparkles", Color::Red));
        assert_eq!(theme.pillar(&pillar()).fg, Some(Color::Green));
        theme.set_pillar_color("economic", Color::Rgb(1, 2, 3));
        assert_eq!(theme.pillar(&pillar()).fg, Some(Color::Rgb(1, 2, 3)));
        assert_eq!(
            ELEMENTS
                .iter()
                .filter(|e| theme.set_color(e, Color::Red))
                .count(),
            8
        );
    }
}
