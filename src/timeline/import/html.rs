//! HTML (TimelineJS's headlines, texts, captions and credits) to ajtl's plain text: paragraphs
//! separated by a blank line, list items as lines starting "• ", entities decoded, no markdown
//! decoration; anchors become their text, and their addresses are kept as the event's links.
//! `scraper` (html5ever) parses, so any HTML a browser reads is read; this only walks the tree.

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// The plain text of an HTML fragment, and what it held besides text.
#[derive(Debug, Default, PartialEq)]
pub(super) struct HtmlText {
    pub(super) text: String,
    /// Anchors' addresses, in order, each once.
    pub(super) links: Vec<String>,
    /// Pictures and frames inside the text, which a terminal cannot show.
    pub(super) embedded: usize,
}

/// What must come before the next text.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
enum Break {
    None,
    Line,
    Paragraph,
}

/// Elements that stand as paragraphs of their own.
const BLOCKS: [&str; 22] = [
    "p",
    "div",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "table",
    "pre",
    "hr",
    "address",
];

/// Text gathered while walking the tree.
struct Writer {
    out: HtmlText,
    pending: Break,
    /// Written at the start of the next line that has text (a list item's bullet).
    prefix: Option<&'static str>,
}

impl Writer {
    fn request(&mut self, wanted: Break) {
        if wanted > self.pending {
            self.pending = wanted;
        }
    }

    fn text(&mut self, text: &str) {
        let mut words = text
            .split(is_html_space)
            .filter(|w| !w.is_empty())
            .peekable();
        if words.peek().is_none() {
            // Only whitespace: a space between words, never at a line's start.
            if !text.is_empty() && self.pending == Break::None && !self.out.text.is_empty() {
                self.space();
            }
            return;
        }
        if text.starts_with(is_html_space) && self.pending == Break::None {
            self.space();
        }
        if !self.out.text.is_empty() {
            match self.pending {
                Break::None => {}
                Break::Line => self.line_end("\n"),
                Break::Paragraph => self.line_end("\n\n"),
            }
        }
        self.pending = Break::None;
        if let Some(prefix) = self.prefix.take() {
            self.out.text.push_str(prefix);
        }
        let mut first = true;
        for word in words {
            if !first {
                self.out.text.push(' ');
            }
            self.out.text.push_str(word);
            first = false;
        }
        if text.ends_with(is_html_space) {
            self.space();
        }
    }

    fn space(&mut self) {
        if !self.out.text.ends_with([' ', '\n']) && !self.out.text.is_empty() {
            self.out.text.push(' ');
        }
    }

    fn line_end(&mut self, end: &str) {
        let kept = self.out.text.trim_end_matches(' ').len();
        self.out.text.truncate(kept);
        self.out.text.push_str(end);
    }

    /// Writes the tree under `root`, walked without recursion: a file's HTML may nest as
    /// deeply as it likes without exhausting the stack.
    fn walk(&mut self, root: ego_tree::NodeRef<'_, Node>) {
        // While inside a script or style: the node it opened with, whose text is skipped.
        let mut skipping = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) if skipping.is_none() => self.open(node, &mut skipping),
                Edge::Close(node) if skipping == Some(node.id()) => skipping = None,
                Edge::Close(node) if skipping.is_none() => self.close(node),
                _ => {}
            }
        }
    }

    fn open(&mut self, node: ego_tree::NodeRef<'_, Node>, skipping: &mut Option<NodeId>) {
        match node.value() {
            Node::Text(text) => self.text(text),
            Node::Element(element) => {
                let name = element.name();
                match name {
                    "script" | "style" | "template" => *skipping = Some(node.id()),
                    "br" => self.request(Break::Line),
                    "img" | "iframe" | "video" | "audio" | "object" | "embed" => {
                        self.out.embedded += 1;
                    }
                    "li" | "dt" | "dd" | "tr" => {
                        self.request(Break::Line);
                        self.prefix = (name == "li").then_some("• ");
                    }
                    _ if BLOCKS.contains(&name) => self.request(Break::Paragraph),
                    _ => {}
                }
                if name == "a"
                    && let Some(href) = element.attr("href").map(str::trim)
                    && is_address(href)
                    && !self.out.links.iter().any(|link| link == href)
                {
                    self.out.links.push(href.to_string());
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, node: ego_tree::NodeRef<'_, Node>) {
        let Node::Element(element) = node.value() else {
            return;
        };
        let name = element.name();
        if BLOCKS.contains(&name) {
            self.request(Break::Paragraph);
        } else if matches!(name, "li" | "dt" | "dd" | "tr") {
            self.prefix = None;
            self.request(Break::Line);
        }
    }
}

/// HTML's collapsible white space: ASCII only, so a no-break space (`&nbsp;`) is kept.
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

/// Whether an anchor's `href` leads somewhere worth keeping: not a jump within the page and
/// not a script.
fn is_address(href: &str) -> bool {
    !href.is_empty()
        && !href.starts_with('#')
        && !href.to_ascii_lowercase().starts_with("javascript:")
}

/// The plain text of `html`, its links and how many embedded pictures or frames it had.
pub(super) fn to_text(html: &str) -> HtmlText {
    let mut writer = Writer {
        out: HtmlText::default(),
        pending: Break::None,
        prefix: None,
    };
    if html.contains(['<', '&']) {
        writer.walk(Html::parse_fragment(html).tree.root());
    } else {
        // Plain text: only its white space needs tidying, and no parser is needed for that.
        writer.text(html);
    }
    let text = &mut writer.out.text;
    text.truncate(text.trim_end_matches(is_html_space).len());
    writer.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_list_items_are_kept_as_lines() {
        let html = "<p class=\"lead\">Intro  with\n spaces.</p><p>Second &amp; last:</p>\
                    <ul><li>one</li><li>two <b>bold</b></li></ul><p>After.</p>";
        assert_eq!(
            to_text(html).text,
            "Intro with spaces.\n\nSecond & last:\n\n• one\n• two bold\n\nAfter."
        );
    }

    #[test]
    fn anchors_become_their_text_and_their_addresses_links() {
        let html = "See <a href=\"https://example.org/a\">the page</a>, \
                    <a href='https://example.org/a'>again</a> and <a href=\"#top\">top</a>.";
        let text = to_text(html);
        assert_eq!(text.text, "See the page, again and top.");
        assert_eq!(text.links, ["https://example.org/a"]);
    }

    #[test]
    fn line_breaks_pictures_and_scripts() {
        let text = to_text("one<br>two<br/> three<img src=\"x.png\"><script>alert(1)</script>");
        assert_eq!(text.text, "one\ntwo\nthree");
        assert_eq!(text.embedded, 1);
    }

    #[test]
    fn deep_nesting_is_walked_without_recursion() {
        let depth = 30_000;
        let html = format!("{}deep{}", "<span>".repeat(depth), "</span>".repeat(depth));
        assert_eq!(to_text(&html).text, "deep");
    }

    #[test]
    fn plain_text_passes_with_its_spaces_tidied() {
        assert_eq!(to_text("  a   plain\ttext ").text, "a plain text");
        assert_eq!(to_text("x < y, fine").text, "x < y, fine");
        assert_eq!(to_text("1&nbsp;000 m").text, "1\u{a0}000 m");
        assert_eq!(to_text("").text, "");
    }
}
