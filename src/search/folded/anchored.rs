//! Anchored terms (`^prefix`, `suffix$`, `^whole$`) in folded text, which skip a text's leading
//! and trailing whitespace as fzf does.

use crate::search::query::TextMode;

/// Whether folded `text` holds folded `needle` where an anchored `mode` says (prefix, suffix or
/// the whole text), skipping, as fzf does, the text's leading (trailing) whitespace unless the
/// needle starts (ends) with whitespace.
pub(crate) fn anchored(text: &[u8], needle: &[u8], mode: TextMode) -> bool {
    let start = |text| {
        if needle.first().is_some_and(u8::is_ascii_whitespace) {
            text
        } else {
            trim_start(text)
        }
    };
    let end = |text| {
        if needle.last().is_some_and(u8::is_ascii_whitespace) {
            text
        } else {
            trim_end(text)
        }
    };
    match mode {
        TextMode::Prefix => start(text).starts_with(needle),
        TextMode::Suffix => end(text).ends_with(needle),
        _ => end(start(text)) == needle,
    }
}

/// `text` (UTF-8) without its leading whitespace, Unicode's, reading only the chars it drops.
fn trim_start(text: &[u8]) -> &[u8] {
    let mut text = text;
    while let Some(&lead) = text.first() {
        let width = utf8_width(lead);
        match text.get(..width).and_then(|c| std::str::from_utf8(c).ok()) {
            Some(c) if c.starts_with(char::is_whitespace) => text = &text[width..],
            _ => break,
        }
    }
    text
}

/// `text` (UTF-8) without its trailing whitespace, Unicode's, reading only the chars it drops.
fn trim_end(text: &[u8]) -> &[u8] {
    let mut text = text;
    while !text.is_empty() {
        let lead = (text.len().saturating_sub(4)..text.len())
            .rev()
            .find(|&at| text[at] & 0xC0 != 0x80)
            .unwrap_or(0);
        match std::str::from_utf8(&text[lead..]) {
            Ok(c) if c.starts_with(char::is_whitespace) => text = &text[..lead],
            _ => break,
        }
    }
    text
}

/// The length of the UTF-8 char that starts with byte `lead`.
fn utf8_width(lead: u8) -> usize {
    match lead {
        0x00..=0xBF => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}
