//! Prose as the explorer lays it out: a summary or a description holds paragraphs (separated by
//! a blank line) and list items (lines starting `• `), which the detail and the About overlay
//! wrap to their width with a hanging indent under each bullet; and the same text on one line,
//! for every place that has only one.
//!
//! Wrapping is done here rather than by the paragraph widget because the widget cannot indent
//! a wrapped line under its bullet or number, and because the About overlay's scroll needs to
//! know how many lines its text takes.
//!
//! A text of any length (a summary of 100 MB) is laid out by a [`Pager`], as `less` pages a
//! file: only the lines asked for, from the nearest line start already found, so that showing
//! a screenful costs the same at the top of the text and a million lines into it.

use textwrap::core::{Word, break_words, display_width};
use textwrap::{Options, WordSeparator, WordSplitter, WrapAlgorithm};

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

/// Lines a [`Pager`] lays out between two kept line starts: few enough to lay out again in a
/// fraction of a millisecond, many enough that the starts kept take a fraction of the text
/// (a 100 MB summary at 80 columns keeps about 20 000).
const STRIDE: usize = 64;

/// Where a wrapped line of a text begins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct LineStart {
    /// Its byte in the text.
    at: usize,
    /// Whether it opens its paragraph (and so carries the bullet of a list item).
    opens: bool,
    /// Whether its paragraph is a list item, indented under its bullet; known once opened.
    item: bool,
}

impl LineStart {
    /// The start of a paragraph at byte `at`.
    fn paragraph(at: usize) -> Self {
        LineStart {
            at,
            opens: true,
            item: false,
        }
    }
}

/// A text wrapped as [`wrap`] wraps it, but only as far as asked: where every [`STRIDE`]-th
/// line begins is kept as it is found, so any line already reached is laid out again from at
/// most `STRIDE` lines before it, and going further costs only the lines gone past. The
/// text is passed to each call, not kept: the pager belongs to one text and one width.
#[derive(Clone)]
pub struct Pager {
    width: usize,
    /// Where lines `0`, `STRIDE`, `2 × STRIDE`… begin, as far as the text has been laid out.
    marks: Vec<LineStart>,
    /// Lines laid out so far.
    reached: usize,
    /// Where line `reached` begins; `None` once the text's end is reached.
    next: Option<LineStart>,
}

/// Some of a text's wrapped lines, from a [`Pager`].
#[derive(Debug, PartialEq, Eq)]
pub struct Window {
    pub lines: Vec<String>,
    /// How many lines the whole text takes, when these run to its end.
    pub total: Option<usize>,
}

impl Pager {
    /// A pager for a text wrapped to `width` columns, nothing laid out yet.
    pub fn new(width: usize) -> Self {
        Pager {
            width,
            marks: vec![LineStart::paragraph(0)],
            reached: 0,
            next: Some(LineStart::paragraph(0)),
        }
    }

    /// The width the text is wrapped to.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Lays `text` out as far as line `line` (or its end, if sooner), keeping line starts on
    /// the way: costs the lines not laid out before.
    pub fn reach(&mut self, text: &str, line: usize) {
        while self.reached <= line
            && let Some(start) = self.next
        {
            let count = STRIDE - self.reached % STRIDE;
            let (laid, next) = wrap_from(text, start, self.width, count, None);
            self.next = next;
            self.reached += laid;
            if let Some(next) = self.next
                && self.reached.is_multiple_of(STRIDE)
            {
                self.marks.push(next);
            }
        }
    }

    /// Up to `count` of `text`'s lines from line `first`, laid out from the nearest kept line
    /// start before it: at once for lines already [reached](Pager::reach), and correct (if
    /// slower) for any other.
    pub fn window(&self, text: &str, first: usize, count: usize) -> Window {
        let mark = (first / STRIDE).min(self.marks.len() - 1);
        let skip = first - mark * STRIDE;
        let mut lines = Vec::new();
        let (_, next) = wrap_from(
            text,
            self.marks[mark],
            self.width,
            skip + count,
            Some(&mut lines),
        );
        let total = next.is_none().then_some(mark * STRIDE + lines.len());
        let lines = lines.split_off(skip.min(lines.len()));
        Window { lines, total }
    }
}

/// Brief: the kept line starts of a long text are not worth printing.
impl std::fmt::Debug for Pager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pager")
            .field("width", &self.width)
            .field("reached", &self.reached)
            .finish_non_exhaustive()
    }
}

/// Lays out up to `count` lines of `text` wrapped as [`wrap`] wraps it, from the line beginning
/// at `start`, appending them to `out` if given (else only counting them): how many, and where
/// the line after them begins (`None` at the text's end).
///
/// Lines are wrapped first fit, so a line's breaks depend only on where it begins: wrapping
/// may start at any line. A paragraph is read a window at a time, each a few lines' worth,
/// so a paragraph of 100 MB costs what its lines asked for cost; the window's last line, which
/// the window's end may have cut, is laid out again from the next window.
fn wrap_from(
    text: &str,
    mut start: LineStart,
    width: usize,
    count: usize,
    mut out: Option<&mut Vec<String>>,
) -> (usize, Option<LineStart>) {
    let mut left = count;
    // Enough for the lines asked for when each takes its width in bytes, several times over.
    let mut budget = (count + 2) * (width + 2) * 2 + 64;
    while left > 0 {
        let mut end = text.len().min(start.at.saturating_add(budget));
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let window = &text[start.at..end];
        let (paragraph, whole) = match memchr::memchr(b'\n', window.as_bytes()) {
            Some(at) => (&window[..at], true),
            None => (window, end == text.len()),
        };
        // After this paragraph: the next one, or the end of the text.
        let after = start.at + paragraph.len();
        let following = (after < text.len()).then(|| LineStart::paragraph(after + 1));
        let mut body = paragraph;
        let item = if start.opens {
            if let Some(item) = paragraph.strip_prefix(BULLET) {
                body = item;
                true
            } else if paragraph.trim().is_empty() {
                if !whole {
                    budget *= 2;
                    continue;
                }
                if let Some(out) = out.as_deref_mut() {
                    out.push(String::new());
                }
                left -= 1;
                match following {
                    Some(next) => {
                        start = next;
                        continue;
                    }
                    None => return (count - left, None),
                }
            } else {
                false
            }
        } else {
            start.item
        };
        let hang = if item { "  " } else { "" };
        let marker = match (start.opens, item) {
            (true, true) => BULLET,
            _ => hang,
        };
        let lines = paragraph_lines(body, marker, hang, width, start.opens);
        // A cut paragraph's last line may end where the window does rather than where it would.
        let usable = if whole { lines.len() } else { lines.len() - 1 };
        if usable == 0 {
            budget *= 2;
            continue;
        }
        let taken = usable.min(left);
        let body_at = start.at + (paragraph.len() - body.len());
        if let Some(out) = out.as_deref_mut() {
            out.extend(lines[..taken].iter().map(|line| line.text(body)));
        }
        left -= taken;
        start = match (lines.get(taken), following) {
            (Some(line), _) => LineStart {
                at: body_at + line.at,
                opens: false,
                item,
            },
            (None, Some(next)) => next,
            (None, None) => return (count - left, None),
        };
    }
    (count, Some(start))
}

/// One wrapped line of a paragraph: `prefix`, then `body[at..end]`.
struct Laid {
    at: usize,
    end: usize,
    prefix: &'static str,
}

impl Laid {
    fn text(&self, body: &str) -> String {
        format!("{}{}", self.prefix, &body[self.at..self.end])
    }
}

/// One paragraph's `body` wrapped to `width` columns as [`hanging`] wraps it, each line as
/// where in `body` it begins and ends. `marker` precedes the first line and `hang` the others;
/// `opens` says whether the first line is the paragraph's own (else wrapping resumes at a
/// later line, whose marker is the hang).
fn paragraph_lines(
    body: &str,
    marker: &'static str,
    hang: &'static str,
    width: usize,
    opens: bool,
) -> Vec<Laid> {
    // What `textwrap::wrap` does for one line, with the line starts kept.
    let width = width.max(1);
    let widths = [
        width.saturating_sub(display_width(marker)),
        width.saturating_sub(display_width(hang)),
    ];
    let words = WordSeparator::new().find_words(body);
    let mut words = break_words(words, widths[1]);
    if opens && !marker.is_empty() {
        // As textwrap does: the first word may belong on the second line.
        words.insert(0, Word::from(""));
    }
    let mut at = 0;
    let mut lines = Vec::new();
    for (n, line) in WrapAlgorithm::new()
        .wrap(&words, &widths)
        .into_iter()
        .enumerate()
    {
        let Some(last) = line.last() else {
            let (end, prefix) = (at, "");
            lines.push(Laid { at, end, prefix });
            continue;
        };
        let prefix = if n == 0 { marker } else { hang };
        let length: usize = line
            .iter()
            .map(|word| word.word.len() + word.whitespace.len())
            .sum();
        let end = at + length - last.whitespace.len();
        lines.push(Laid { at, end, prefix });
        at += length;
    }
    lines
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

    /// Texts with every shape a paragraph takes: list items, blank lines, runs of spaces,
    /// words longer than the width, wide characters, a trailing newline, and a paragraph
    /// several windows long.
    fn shapes() -> Vec<String> {
        let long: String = (0..150).map(|n| format!("w{n} ")).collect();
        vec![
            String::new(),
            "one".into(),
            "  leading spaces and   runs   of spaces  ".into(),
            "First paragraph here.\n\nItems:\n• one two three four\n• five\n".into(),
            "•  \n• \n\n   \nend".into(),
            "a https://example.org/a-very-long-path-that-is-longer-than-most-widths b".into(),
            "日本語の文章 と English words 混在 ünïcödé".into(),
            format!("{long}\n• {long}\n{}", "x".repeat(300)),
        ]
    }

    #[test]
    fn a_pager_shows_every_line_as_wrap_does_from_any_line() {
        for text in shapes() {
            for width in [0, 1, 2, 3, 5, 8, 13, 23, 40] {
                let expected = wrap(&text, width);
                let mut pager = Pager::new(width);
                for reached in [false, true] {
                    if reached {
                        pager.reach(&text, expected.len() / 2);
                    }
                    for first in 0..=expected.len() {
                        let window = pager.window(&text, first, 3);
                        let end = expected.len().min(first + 3);
                        assert_eq!(
                            window.lines,
                            expected[first..end],
                            "{width} {first} {text:?}"
                        );
                        let total = (first + 3 >= expected.len()).then_some(expected.len());
                        assert_eq!(window.total, total, "{width} {first} {text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_pager_shows_the_first_and_last_lines_of_a_long_text() {
        let text = format!("{}The end.", "Many words in a row. ".repeat(20_000));
        let mut pager = Pager::new(40);
        let top = pager.window(&text, 0, 2);
        assert_eq!(
            top.lines,
            [
                "Many words in a row. Many words in a",
                "row. Many words in a row. Many words in"
            ]
        );
        assert_eq!(top.total, None);
        pager.reach(&text, usize::MAX);
        let total = wrap(&text, 40).len();
        assert_eq!(pager.reached, total);
        let bottom = pager.window(&text, total - 1, 5);
        assert_eq!(bottom.lines, ["row. The end."]);
        assert_eq!(bottom.total, Some(total));
        assert_eq!(
            pager.window(&text, total + 7, 5).lines,
            Vec::<String>::new()
        );
    }

    proptest::proptest! {
        #[test]
        fn a_pager_wraps_any_text_as_wrap_does(
            text in "([a-c]{1,9}|[ ]{1,3}|\n|• |é|日){0,80}",
            width in 0usize..16,
            first in 0usize..40,
            count in 1usize..8,
        ) {
            let expected = wrap(&text, width);
            let window = Pager::new(width).window(&text, first, count);
            let from = first.min(expected.len());
            let end = expected.len().min(first + count);
            proptest::prop_assert_eq!(&window.lines, &expected[from..end]);
        }
    }
}
