//! Sanitising text that comes from outside — data files, arguments, paths, library errors — so
//! nothing in it can drive the terminal.
//!
//! A title holding `ESC ] 52 ; …` could otherwise rewrite the user's clipboard, and a right-to-left
//! override could make a line read differently from what it holds. Every string leaves the loader
//! through [`sanitize`], so the explorer and every headless format print only what they mean to;
//! every message printed on stderr goes through [`sanitize_message`]. [`ASCII_STAND_INS`] gives
//! what `--ascii` prints for the few characters a plain terminal cannot show.

use std::borrow::Cow;

/// Replaces control characters with visible stand-ins and removes bidi overrides.
///
/// - tab, line feed and carriage return become a space (text is reflowed for display anyway);
/// - other C0 controls become their Unicode "control picture" (`ESC` → `␛`), DEL becomes `␡`;
/// - C1 controls (U+0080–U+009F) become `�`;
/// - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are dropped.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if is_plainly_safe(text) || !text.chars().any(needs_care) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter_map(replacement).collect())
}

/// [`sanitize`] for a message of several lines: line feeds are kept, everything else is made
/// safe. For error messages, which quote arguments and paths as the user gave them.
pub fn sanitize_message(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && needs_care(c)) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<str>> = text.split('\n').map(sanitize).collect();
    Cow::Owned(lines.join("\n"))
}

/// Whether `c` can drive the terminal or change how a line reads: a control character or a
/// bidi embedding, override or isolate. Typed text refuses these.
pub fn needs_care(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// A byte-level check that settles the common case quickly: no C0 control or DEL, and no lead
/// byte of a C1 control (`0xC2`) or of a bidi control (`0xE2`). When it says no, the char-level
/// check decides.
fn is_plainly_safe(text: &str) -> bool {
    text.bytes()
        .all(|b| b >= 0x20 && b != 0x7F && b != 0xC2 && b != 0xE2)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn replacement(c: char) -> Option<char> {
    match c {
        '\t' | '\n' | '\r' => Some(' '),
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32),
        '\u{7F}' => Some('\u{2421}'),
        '\u{80}'..='\u{9F}' => Some('\u{FFFD}'),
        c if is_bidi_control(c) => None,
        c => Some(c),
    }
}

/// Characters that need more than ASCII, drawn by the explorer's own text (separators, ellipses,
/// date ranges, arrows in the help, the source's `¶`, the loading gauge) or common in datasets
/// (quotes, dashes), each with its ASCII stand-in: one column for one, so nothing moves.
pub const ASCII_STAND_INS: [(char, char); 22] = [
    ('·', '-'),
    ('…', '~'),
    ('–', '-'),
    ('—', '-'),
    ('‐', '-'),
    ('‘', '\''),
    ('’', '\''),
    ('“', '"'),
    ('”', '"'),
    ('↑', '^'),
    ('↓', 'v'),
    ('←', '<'),
    ('→', '>'),
    ('¶', '#'),
    ('×', 'x'),
    ('▲', '^'),
    ('●', '*'),
    ('•', '*'),
    ('★', '+'),
    ('│', '|'),
    ('█', '#'),
    ('\u{a0}', ' '),
];

/// `c`'s one-column ASCII stand-in, if [`ASCII_STAND_INS`] has one.
pub fn ascii_stand_in(c: char) -> Option<char> {
    ASCII_STAND_INS
        .iter()
        .find(|&&(from, _)| from == c)
        .map(|&(_, to)| to)
}

/// `value` with its digits grouped in threes by commas (`1,000,000`), as English prose writes
/// large counts and years.
pub fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed_untouched() {
        let text = "ASEAN–Japan 日本 🇯🇵 café";
        assert!(matches!(sanitize(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(sanitize("a\u{1b}]52;c;evil\u{7}b"), "a␛]52;c;evil␇b");
        assert_eq!(sanitize("x\u{7f}y\u{9b}z\u{0}"), "x␡y\u{FFFD}z␀");
    }

    #[test]
    fn whitespace_controls_become_spaces() {
        assert_eq!(sanitize("one\ttwo\nthree\r"), "one two three ");
    }

    #[test]
    fn bidi_overrides_are_dropped() {
        assert_eq!(
            sanitize("abc\u{202E}fed\u{202C} \u{2066}x\u{2069}"),
            "abcfed x"
        );
    }

    #[test]
    fn messages_keep_their_lines_and_lose_their_escapes() {
        assert_eq!(
            sanitize_message("bad: x\u{1b}]2;T\u{7}\n\u{202E}usage\tajtl\r"),
            "bad: x␛]2;T␇\nusage ajtl "
        );
        assert!(matches!(sanitize_message("a\nb"), Cow::Borrowed("a\nb")));
    }

    #[test]
    fn output_never_holds_a_control_character() {
        let all: String = (0u32..0x2100).filter_map(char::from_u32).collect();
        let clean = sanitize(&all);
        assert!(!clean.chars().any(|c| c.is_control() || is_bidi_control(c)));
    }
}
