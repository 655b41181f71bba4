//! A fast path for reading timeline files: a small hand-written parser for exactly the shape the
//! format documents, about ten times quicker than going through `ron`'s general deserializer.
//!
//! It never decides that a file is wrong. Whenever it meets anything it does not handle — a syntax
//! error, an unknown or repeated field, a raw string, a block comment, an extension attribute — it
//! gives up and the loader hands the whole file to `ron`, which either reads it or reports the
//! problem at its `LINE:COL`. So the fast path changes speed, never meaning or messages; a property
//! test checks that both paths agree.

use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering};

use super::raw::{GlossaryEntries, RawEvent, RawPillar, RawTimeline};

/// Parses `text`, or returns `None` to ask for the general parser. After each event the number
/// of bytes read so far is stored in `progress`, for a loading screen to show.
pub fn parse<'a>(text: &'a str, progress: Option<&'a AtomicU64>) -> Option<RawTimeline<'a>> {
    let mut parser = Parser {
        bytes: text.as_bytes(),
        text,
        at: 0,
        progress,
    };
    let timeline = parser.timeline()?;
    parser.skip_blank()?;
    (parser.at == parser.bytes.len()).then_some(timeline)
}

struct Parser<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
    progress: Option<&'a AtomicU64>,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips whitespace and `//` comments; `None` on a block comment (left to `ron`).
    fn skip_blank(&mut self) -> Option<()> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.at += 1,
                Some(b'/') => match self.bytes.get(self.at + 1) {
                    Some(b'/') => {
                        let rest = &self.bytes[self.at..];
                        self.at += memchr::memchr(b'\n', rest).unwrap_or(rest.len());
                    }
                    _ => return None,
                },
                _ => return Some(()),
            }
        }
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        self.skip_blank()?;
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// Consumes `byte` if it comes next (after blanks).
    fn eat_if(&mut self, byte: u8) -> Option<bool> {
        self.skip_blank()?;
        if self.peek() == Some(byte) {
            self.at += 1;
            Some(true)
        } else {
            Some(false)
        }
    }

    fn ident(&mut self) -> Option<&'a str> {
        self.skip_blank()?;
        let start = self.at;
        while matches!(
            self.peek(),
            Some(b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_')
        ) {
            self.at += 1;
        }
        (self.at > start).then(|| &self.text[start..self.at])
    }

    /// `Name(` or `(`: a struct opening with an optional name, which must be `name` if present.
    fn open_struct(&mut self, name: &str) -> Option<()> {
        self.skip_blank()?;
        if self.peek() != Some(b'(') && self.ident()? != name {
            return None;
        }
        self.eat(b'(')
    }

    /// Calls `field` for each `name: value` until `)`, allowing a trailing comma.
    fn fields(&mut self, mut field: impl FnMut(&mut Self, &'a str) -> Option<()>) -> Option<()> {
        loop {
            if self.eat_if(b')')? {
                return Some(());
            }
            let name = self.ident()?;
            self.eat(b':')?;
            field(self, name)?;
            if !self.eat_if(b',')? {
                return self.eat(b')');
            }
        }
    }

    /// `[a, b, …]` with an optional trailing comma.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.eat(b'[')?;
        let mut items = Vec::new();
        loop {
            if self.eat_if(b']')? {
                return Some(items);
            }
            items.push(item(self)?);
            if !self.eat_if(b',')? {
                self.eat(b']')?;
                return Some(items);
            }
        }
    }

    fn string(&mut self) -> Option<String> {
        self.text_value().map(Cow::into_owned)
    }

    /// A string value, borrowed from the file's text unless it has escapes.
    fn text_value(&mut self) -> Option<Cow<'a, str>> {
        self.eat(b'"')?;
        let start = self.at;
        // The common case: no escapes, so the text is used where it is.
        let end = start + memchr::memchr2(b'"', b'\\', &self.bytes[start..])?;
        if self.bytes[end] == b'"' {
            self.at = end + 1;
            return Some(Cow::Borrowed(&self.text[start..end]));
        }
        let mut out = String::from(&self.text[start..end]);
        self.at = end;
        loop {
            let next = self.at + memchr::memchr2(b'"', b'\\', &self.bytes[self.at..])?;
            out.push_str(&self.text[self.at..next]);
            self.at = next + 1;
            if self.bytes[next] == b'"' {
                return Some(Cow::Owned(out));
            }
            let escape = *self.bytes.get(self.at)?;
            self.at += 1;
            out.push(match escape {
                b'"' => '"',
                b'\\' => '\\',
                b'n' => '\n',
                b't' => '\t',
                b'r' => '\r',
                b'u' => self.unicode_escape()?,
                _ => return None,
            });
        }
    }

    /// The `{XXXX}` of a `\u{XXXX}` escape.
    fn unicode_escape(&mut self) -> Option<char> {
        if self.peek()? != b'{' {
            return None;
        }
        let close = self.at + memchr::memchr(b'}', &self.bytes[self.at..])?;
        let digits = &self.text[self.at + 1..close];
        if digits.is_empty() || digits.len() > 6 {
            return None;
        }
        self.at = close + 1;
        char::from_u32(u32::from_str_radix(digits, 16).ok()?)
    }

    fn number(&mut self) -> Option<u32> {
        self.skip_blank()?;
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        // Anything number-like beyond plain digits (signs, `_`, `0x`, floats, leading zeros) is
        // left to `ron`.
        let digits = &self.text[start..self.at];
        if matches!(
            self.peek(),
            Some(b'.' | b'_' | b'e' | b'E' | b'x' | b'b' | b'o')
        ) || (digits.len() > 1 && digits.starts_with('0'))
        {
            return None;
        }
        digits.parse().ok()
    }

    /// `None`, `Some(value)` or, as with ron's `implicit_some`, a bare value.
    fn option<T>(&mut self, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        self.skip_blank()?;
        if matches!(self.peek(), Some(b'N' | b'S')) {
            return match self.ident()? {
                "None" => Some(None),
                "Some" => {
                    self.eat(b'(')?;
                    let inner = value(self)?;
                    self.eat(b')')?;
                    Some(Some(inner))
                }
                _ => None,
            };
        }
        value(self).map(Some)
    }

    fn timeline(&mut self) -> Option<RawTimeline<'a>> {
        self.skip_blank()?;
        if self.peek() == Some(b'#') {
            return None;
        }
        self.open_struct("Timeline")?;
        let mut seen = Seen::default();
        let (mut title, mut source, mut pillars) = (None, None, None);
        let (mut glossary, mut events) = (None, None);
        self.fields(|p, name| {
            seen.once(name)?;
            match name {
                "title" => title = Some(p.string()?),
                "source" => source = Some(p.string()?),
                "pillars" => pillars = Some(p.list(Self::pillar)?),
                "glossary" => glossary = Some(p.glossary()?),
                "events" => events = Some(p.list(Self::event)?),
                _ => return None,
            }
            Some(())
        })?;
        Some(RawTimeline {
            title: title?,
            description: String::new(),
            source: source.unwrap_or_default(),
            pillars: pillars.unwrap_or_default(),
            glossary: glossary.unwrap_or_default(),
            eras: Vec::new(),
            events: events.unwrap_or_default(),
        })
    }

    fn pillar(&mut self) -> Option<RawPillar> {
        self.open_struct("Pillar")?;
        let mut seen = Seen::default();
        let (mut id, mut name, mut color) = (None, None, None);
        self.fields(|p, field| {
            seen.once(field)?;
            match field {
                "id" => id = Some(p.string()?),
                "name" => name = Some(p.string()?),
                "color" => color = Some(p.string()?),
                _ => return None,
            }
            Some(())
        })?;
        Some(RawPillar {
            id: id?,
            name: name?,
            color: color?,
        })
    }

    fn glossary(&mut self) -> Option<GlossaryEntries> {
        self.eat(b'{')?;
        let mut entries = Vec::new();
        loop {
            if self.eat_if(b'}')? {
                return Some(GlossaryEntries(entries));
            }
            let key = self.string()?;
            self.eat(b':')?;
            entries.push((key, self.string()?));
            if !self.eat_if(b',')? {
                self.eat(b'}')?;
                return Some(GlossaryEntries(entries));
            }
        }
    }

    fn event(&mut self) -> Option<RawEvent<'a>> {
        self.open_struct("Event")?;
        let mut seen = Seen::default();
        let (mut id, mut date, mut title, mut summary, mut pillar) = (None, None, None, None, None);
        let (mut acronyms, mut mechanisms, mut place, mut source) = (None, None, None, None);
        self.fields(|p, field| {
            seen.once(field)?;
            match field {
                "id" => id = Some(p.text_value()?),
                "date" => date = Some(p.text_value()?),
                "title" => title = Some(p.text_value()?),
                "summary" => summary = Some(p.text_value()?),
                "pillar" => pillar = Some(p.text_value()?),
                "acronyms" => acronyms = Some(p.list(Self::text_value)?),
                "mechanisms" => mechanisms = Some(p.list(Self::text_value)?),
                "place" => place = Some(p.option(Self::text_value)?),
                "source" => source = Some(p.option(Self::number)?),
                _ => return None,
            }
            Some(())
        })?;
        if let Some(progress) = self.progress {
            progress.store(self.at as u64, Ordering::Relaxed);
        }
        Some(RawEvent {
            id: id?,
            date: date?,
            title: title?,
            summary: summary.unwrap_or_default(),
            pillar,
            acronyms: acronyms.unwrap_or_default(),
            mechanisms: mechanisms.unwrap_or_default(),
            place: place.flatten(),
            source: source.flatten(),
            links: Vec::new(),
            media: None,
        })
    }
}

/// Which fields of one struct were met so far; a repeated field is left to `ron` to report.
#[derive(Default)]
struct Seen(u16);

/// Every field name of the format, so `Seen` can keep one bit per name.
const FIELD_NAMES: [&str; 14] = [
    "title",
    "source",
    "pillars",
    "glossary",
    "events",
    "id",
    "name",
    "color",
    "date",
    "summary",
    "pillar",
    "acronyms",
    "mechanisms",
    "place",
];

impl Seen {
    fn once(&mut self, name: &str) -> Option<()> {
        let index = FIELD_NAMES.iter().position(|&known| known == name)?;
        let bit = 1 << index;
        if self.0 & bit != 0 {
            return None;
        }
        self.0 |= bit;
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::load::BUNDLED;
    use crate::timeline::raw::parse_with_ron;
    use proptest::prelude::*;

    /// Both parsers on `text`: the fast one must either step aside or agree with `ron`.
    fn agrees(text: &str) -> bool {
        match parse(text, None) {
            None => true,
            Some(fast) => parse_with_ron("t.ron", text).is_ok_and(|slow| slow == fast),
        }
    }

    #[test]
    fn reads_the_bundled_dataset_like_ron() {
        assert!(
            parse(BUNDLED, None).is_some(),
            "the fast path should handle the bundled file"
        );
        assert!(agrees(BUNDLED));
    }

    #[test]
    fn handles_the_documented_forms() {
        let text = r#"// comment
            Timeline(title: "T \"q\" \\ \u{e9}\n", pillars: [(id: "p", name: "P", color: "red",)],
              glossary: {"A": "B",}, events: [
                Event(id: "a", date: "2000", title: "x", pillar: "p", place: "Tokyo", source: 3),
                (id: "b", date: "2001", title: "y", pillar: "p", place: Some("Bali"), source: None),
              ],)"#;
        let raw = parse(text, None).expect("fast path");
        assert_eq!(raw.title, "T \"q\" \\ é\n");
        assert_eq!(raw.events[0].place.as_deref(), Some("Tokyo"));
        assert_eq!(raw.events[0].source, Some(3));
        assert_eq!(raw.events[1].place.as_deref(), Some("Bali"));
        assert!(agrees(text));
    }

    #[test]
    fn steps_aside_for_what_it_does_not_handle() {
        for text in [
            "#![enable(implicit_some)] Timeline(title: \"t\", pillars: [])",
            "Timeline(title: r\"raw\", pillars: [])",
            "Timeline(/* block */ title: \"t\", pillars: [])",
            "Timeline(title: \"t\", title: \"u\", pillars: [])",
            "Timeline(title: \"t\", pillars: [], colour: 1)",
            "Other(title: \"t\", pillars: [])",
            "Timeline(title: \"t\", pillars: [], events: [Event(id: \"a\", date: \"2000\", title: \"x\", pillar: \"p\", source: 0x10)])",
            "Timeline(title: \"t\", pillars: []) trailing",
        ] {
            assert!(parse(text, None).is_none(), "{text}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn agrees_with_ron_on_mutations_of_the_bundled_dataset(
            position in 0.0f64..1.0,
            cut in 0usize..8,
            insert in "[\\PC]{0,6}",
        ) {
            let mut text = BUNDLED.to_string();
            let mut at = ((text.len() as f64) * position) as usize;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + cut).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.replace_range(at..end, &insert);
            prop_assert!(agrees(&text));
        }
    }
}
