//! ajtl's plain text as the HTML TimelineJS shows: escaped, paragraphs (separated by a blank
//! line) as `<p>`, a paragraph of lines starting `• ` as a `<ul>`, other line breaks as `<br>` —
//! the reverse of what the importers make of TimelineJS's HTML.

/// What starts a list item in ajtl's text.
const BULLET: &str = "• ";

/// `text` with the characters HTML gives a meaning escaped, so a title such as `R&D <2010>`
/// shows as written.
pub(super) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// Plain text with paragraphs and list items as HTML; empty text stays empty. A paragraph of
/// list items becomes a `<ul>`; any other paragraph a `<p>` with its lines joined by `<br>`,
/// a `• ` line in it kept as text, so that reading the HTML back gives the same lines.
pub(super) fn to_html(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let mut html = String::with_capacity(text.len() + 16);
    for paragraph in text.split("\n\n") {
        let items: Option<Vec<&str>> = paragraph
            .split('\n')
            .map(|line| line.strip_prefix(BULLET))
            .collect();
        match items {
            Some(items) => {
                html.push_str("<ul>");
                for item in items {
                    html.push_str("<li>");
                    html.push_str(&escape(item));
                    html.push_str("</li>");
                }
                html.push_str("</ul>");
            }
            None => {
                let lines: Vec<String> = paragraph.split('\n').map(escape).collect();
                html.push_str("<p>");
                html.push_str(&lines.join("<br>"));
                html.push_str("</p>");
            }
        }
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_html_would_read_as_markup() {
        assert_eq!(
            escape(r#"R&D <b> "x" 'y'"#),
            "R&amp;D &lt;b&gt; &quot;x&quot; &#39;y&#39;"
        );
    }

    #[test]
    fn paragraphs_lists_and_line_breaks_become_html() {
        assert_eq!(to_html(""), "");
        assert_eq!(to_html("One."), "<p>One.</p>");
        assert_eq!(to_html("One.\n\nTwo."), "<p>One.</p><p>Two.</p>");
        assert_eq!(to_html("a\nb"), "<p>a<br>b</p>");
        assert_eq!(
            to_html("Aims:\n\n• trade\n• R&D"),
            "<p>Aims:</p><ul><li>trade</li><li>R&amp;D</li></ul>"
        );
        // A list within a paragraph stays within it, as lines.
        assert_eq!(to_html("Aims:\n• trade"), "<p>Aims:<br>• trade</p>");
    }
}
