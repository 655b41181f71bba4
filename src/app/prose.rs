//! Prose as the explorer lays it out: a summary or a description holds paragraphs (separated by
//! a blank line) and list items (lines starting `• `), which the detail and the About overlay
//! wrap to their width with a hanging indent under each bullet; and the same text on one line,
//! for every place that has only one.
//!
//! Wrapping is done here rather than by the paragraph widget because the widget cannot indent
//! a wrapped line under its bullet or number, and because the About overlay's scroll needs to
//! know how many lines its text takes.

use textwrap::{Options, WordSplitter};

/// What starts a list item in a summary or a description.
pub const BULLET: &str = "• ";

/// `text` wrapped to `width` columns: each paragraph's lines, a blank line between paragraphs,
/// and each list item indented under its bullet. A word longer than the width (a long URL) is
/// broken; any other word, URLs included, is kept whole on one line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    text.split('\n')
        .flat_map(|line| match line.strip_prefix(BULLET) {
            Some(item) => hanging(item, BULLET, width),
            None if line.trim().is_empty() => vec![String::new()],
            None => hanging(line, "", width),
        })
        .collect()
}

/// `text` wrapped to `width` columns after `first` (a bullet, a number), each later line indented
/// by as many spaces, so that the text reads as one block beside its marker.
pub fn hanging(text: &str, first: &str, width: usize) -> Vec<String> {
    let indent = " ".repeat(unicode_width::UnicodeWidthStr::width(first));
    let options = Options::new(width.max(1))
        .initial_indent(first)
        .subsequent_indent(&indent)
        .word_splitter(WordSplitter::NoHyphenation);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|line| line.into_owned())
        .collect()
}

/// `text` on one line, for a table cell or a one-line row: its paragraphs and list items joined
/// by spaces, the bullets kept, so that nothing a line break would have ended the row at is lost.
pub fn one_line(text: &str) -> String {
    let lines: Vec<&str> = text
        .split('\n')
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    lines.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_keep_a_blank_line_and_list_items_hang_under_their_bullet() {
        let text = "First paragraph here.\n\nItems:\n• one two three four\n• five";
        assert_eq!(
            wrap(text, 12),
            [
                "First",
                "paragraph",
                "here.",
                "",
                "Items:",
                "• one two",
                "  three four",
                "• five",
            ]
        );
    }

    #[test]
    fn a_url_that_fits_is_never_cut_and_one_that_does_not_is() {
        let lines = hanging("see https://example.org/a-long-path", "1. ", 36);
        assert_eq!(lines, ["1. see", "   https://example.org/a-long-path"]);
        let lines = hanging("https://example.org/path", "", 10);
        assert_eq!(lines, ["https://ex", "ample.org/", "path"]);
    }

    #[test]
    fn a_pane_narrower_than_the_marker_still_shows_every_character() {
        for width in 0..4 {
            let lines = hanging("https://x.org", "  12. ", width);
            let text: String = lines.iter().map(|line| line.trim()).collect();
            assert_eq!(text, "12.https://x.org", "{width}: {lines:?}");
            assert_eq!(wrap("• ab\n\ncd", width).concat().replace(' ', ""), "•abcd");
        }
    }

    #[test]
    fn one_line_joins_paragraphs_and_items() {
        let text = "Opened.\n\nWith:\n• a\n• b";
        assert_eq!(one_line(text), "Opened. With: • a • b");
        assert_eq!(one_line("plain"), "plain");
    }
}
