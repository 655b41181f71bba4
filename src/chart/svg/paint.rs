//! What the SVG chart is painted with: pillar colours as web colours readable on white, a
//! shape per pillar in the order of [`crate::chart::text::glyph`] (so a chart printed in grey
//! still tells pillars apart), and text measured and cut without font metrics.

use ratatui::style::Color;
use unicode_width::UnicodeWidthChar;

/// Text and outlines: near black, so they print dark.
pub const INK: &str = "#1a1a1a";

/// Average advance of a character, as a share of the font size, for the generic sans-serif
/// fonts the chart asks for (a wide character counts twice).
const ADVANCE: f64 = 0.6;

/// `color` as a web colour on a white page. The terminal's named colours are meant for a dark
/// background, so yellow, white and the light ones are darkened enough to read on paper; the
/// terminal's default colour (a pillar without one) is dark grey.
pub fn web_color(color: Color) -> String {
    let (r, g, b) = match color {
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(index) => return web_color(indexed(index)),
        Color::Black => (0x1a, 0x1a, 0x1a),
        Color::Red => (0xc6, 0x28, 0x28),
        Color::Green => (0x2e, 0x7d, 0x32),
        Color::Yellow => (0xb0, 0x80, 0x00),
        Color::Blue => (0x15, 0x65, 0xc0),
        Color::Magenta => (0xad, 0x14, 0x57),
        Color::Cyan => (0x00, 0x83, 0x8f),
        Color::Gray => (0x75, 0x75, 0x75),
        Color::DarkGray | Color::Reset => (0x42, 0x42, 0x42),
        Color::LightRed => (0xe5, 0x39, 0x35),
        Color::LightGreen => (0x43, 0xa0, 0x47),
        Color::LightYellow => (0xc7, 0x9a, 0x00),
        Color::LightBlue => (0x42, 0x85, 0xf4),
        Color::LightMagenta => (0x8e, 0x24, 0xaa),
        Color::LightCyan => (0x00, 0xac, 0xc1),
        Color::White => (0x9e, 0x9e, 0x9e),
    };
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The xterm 256-colour palette: the 16 named colours, a 6×6×6 cube, then 24 greys.
fn indexed(index: u8) -> Color {
    const NAMED: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    match index {
        0..=15 => NAMED[usize::from(index)],
        16..=231 => {
            let cube = index - 16;
            let level = |i: u8| LEVELS[usize::from(i)];
            Color::Rgb(level(cube / 36), level(cube / 6 % 6), level(cube % 6))
        }
        _ => {
            let grey = 8 + 10 * (index - 232);
            Color::Rgb(grey, grey, grey)
        }
    }
}

/// The outline of the shape that stands for `glyph` (one of the text chart's pillar glyphs),
/// centred on `(x, y)` and `r` from centre to edge, as path data; and whether it is to be
/// filled even-odd (a ring with a dot). An unknown glyph is a circle.
pub fn shape(glyph: char, x: f64, y: f64, r: f64) -> (String, bool) {
    let polygon = |points: &[(f64, f64)]| polygon(points, x, y, r);
    let path = match glyph {
        '■' => polygon(&[(-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)]),
        '▲' => polygon(&[(0.0, -1.0), (1.0, 0.8), (-1.0, 0.8)]),
        '▼' => polygon(&[(0.0, 1.0), (1.0, -0.8), (-1.0, -0.8)]),
        '◆' => polygon(&[(0.0, -1.1), (1.1, 0.0), (0.0, 1.1), (-1.1, 0.0)]),
        '★' => polygon(&star()),
        '✚' => polygon(&[
            (-0.35, -1.0),
            (0.35, -1.0),
            (0.35, -0.35),
            (1.0, -0.35),
            (1.0, 0.35),
            (0.35, 0.35),
            (0.35, 1.0),
            (-0.35, 1.0),
            (-0.35, 0.35),
            (-1.0, 0.35),
            (-1.0, -0.35),
            (-0.35, -0.35),
        ]),
        '◉' => {
            let rings = [1.0, 0.7, 0.35].map(|k| circle(x, y, r * k));
            return (rings.concat(), true);
        }
        '♣' => {
            let leaves = [(0.0, -0.5), (-0.5, 0.15), (0.5, 0.15)]
                .map(|(dx, dy)| circle(x + dx * r, y + dy * r, r * 0.45));
            let stem = polygon(&[(0.0, 0.0), (0.3, 1.0), (-0.3, 1.0)]);
            leaves.concat() + &stem
        }
        _ => circle(x, y, r),
    };
    (path, false)
}

/// A closed path through `points`, given as multiples of `r` from `(x, y)`.
fn polygon(points: &[(f64, f64)], x: f64, y: f64, r: f64) -> String {
    let mut path = String::new();
    for (index, (dx, dy)) in points.iter().enumerate() {
        let command = if index == 0 { 'M' } else { 'L' };
        path.push_str(&format!(
            "{command}{} {}",
            number(x + dx * r),
            number(y + dy * r)
        ));
    }
    path.push('Z');
    path
}

/// A circle as path data: two half arcs.
fn circle(x: f64, y: f64, r: f64) -> String {
    let (left, right, y, r) = (number(x - r), number(x + r), number(y), number(r));
    format!("M{left} {y}A{r} {r} 0 1 0 {right} {y}A{r} {r} 0 1 0 {left} {y}Z")
}

/// The five points of a star and the five notches between them, top point first.
fn star() -> Vec<(f64, f64)> {
    (0..10)
        .map(|index| {
            let reach = if index % 2 == 0 { 1.15 } else { 0.5 };
            let angle = std::f64::consts::PI * f64::from(index) / 5.0;
            (reach * angle.sin(), -reach * angle.cos())
        })
        .collect()
}

/// A length or coordinate as the SVG writes it: to a tenth of a pixel, without a needless `.0`
/// or `-0`.
pub fn number(value: f64) -> String {
    let tenths = (value * 10.0).round() / 10.0;
    let tenths = if tenths == 0.0 { 0.0 } else { tenths };
    let text = format!("{tenths:.1}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_string)
}

/// About how wide `text` is set at `size` pixels.
fn text_width(text: &str, size: f64) -> f64 {
    let columns: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    columns as f64 * size * ADVANCE
}

/// `text` cut, with an ellipsis, to about `room` pixels at `size`.
pub fn fit(text: &str, size: f64, room: f64) -> String {
    if text_width(text, size) <= room {
        return text.to_string();
    }
    let mut used = text_width("…", size);
    let mut cut = String::new();
    for c in text.chars() {
        used += c.width().unwrap_or(0) as f64 * size * ADVANCE;
        if used > room {
            break;
        }
        cut.push(c);
    }
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_read_on_white_and_the_palette_is_xterms() {
        assert_eq!(web_color(Color::Rgb(0x2e, 0x8b, 0x57)), "#2e8b57");
        assert_eq!(web_color(Color::Indexed(2)), web_color(Color::Green));
        assert_eq!(web_color(Color::Indexed(208)), "#ff8700");
        assert_eq!(web_color(Color::Indexed(232)), "#080808");
        assert_ne!(web_color(Color::White), "#ffffff");
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(number(12.0), "12");
        assert_eq!(number(12.345), "12.3");
        assert_eq!(number(-0.01), "0");
    }

    #[test]
    fn text_is_cut_to_its_room_counting_wide_characters_twice() {
        assert_eq!(fit("Economic", 10.0, 100.0), "Economic");
        assert_eq!(fit("Socio-Cultural", 10.0, 40.0), "Socio…");
        assert_eq!(fit("日本と東南アジア", 10.0, 40.0), "日本…");
    }

    #[test]
    fn every_glyph_has_a_shape_of_its_own() {
        let glyphs = (0..9).map(|pillar| crate::chart::text::glyph(pillar, false));
        let shapes: std::collections::HashSet<String> =
            glyphs.map(|glyph| shape(glyph, 0.0, 0.0, 5.0).0).collect();
        assert_eq!(shapes.len(), 9);
    }
}
