//! The query language, shared by the explorer and `ajtl search`, in fzf's spirit:
//!
//! - space-separated terms are ANDed; `|` between terms ORs them (`jaif | ajcep summit`);
//! - `term` fuzzy, `'term` exact substring, `^term` prefix, `term$` suffix, `^term$` the whole
//!   text; `!` before any of these excludes what it finds, and, as in fzf, `!term` excludes exact
//!   matches and `!'term` fuzzy ones;
//! - field terms `pillar:eco` (fuzzy on id or name), `acronym:jaif` (exact acronym),
//!   `place:tokyo` (fuzzy), `year:2008`, `year:2003..2013`, `year:>2010`, `year:<1990`
//!   (an event matches when its span overlaps).
//!
//! Parsing is lenient with what is still being typed (a lone `!`, a trailing `|`, `year:` with no
//! value) and strict with what cannot mean anything (`year:abc`, an unknown field).

use std::fmt;

use super::text::Anchor;

/// A parsed query: every group must match; a group matches when any of its terms does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub groups: Vec<Vec<Term>>,
}

/// One term, possibly negated.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Term {
    /// `!term`: the event must not match.
    pub negated: bool,
    pub kind: TermKind,
}

/// What a term looks for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TermKind {
    Text { text: String, mode: TextMode },
    Pillar(String),
    Acronym(String),
    Place(String),
    Year(YearRange),
}

/// How a text term matches a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextMode {
    /// `term`, and `!'term`.
    Fuzzy,
    /// `'term` and `!term`.
    Substring,
    /// `^term`
    Prefix,
    /// `term$`
    Suffix,
    /// `^term$`
    Whole,
}

impl TextMode {
    /// Where the mode pins the term in a text.
    pub fn anchor(self) -> Anchor {
        match self {
            TextMode::Fuzzy | TextMode::Substring => Anchor::None,
            TextMode::Prefix => Anchor::Start,
            TextMode::Suffix => Anchor::End,
            TextMode::Whole => Anchor::Both,
        }
    }
}

pub use crate::timeline::YearRange;

/// A term that cannot be understood, with why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryError {
    pub term: String,
    pub message: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.term, self.message)
    }
}

impl std::error::Error for QueryError {}

const FIELDS: &str = "pillar:, acronym:, place:, year:";

impl Query {
    /// Parses `text`; an empty or blank text is the empty query, which matches everything.
    pub fn parse(text: &str) -> Result<Self, QueryError> {
        let mut groups: Vec<Vec<Term>> = Vec::new();
        let mut join_next = false;
        for token in tokens(text) {
            if token == "|" {
                join_next = !groups.is_empty();
                continue;
            }
            let Some(term) = parse_term(&token)? else {
                continue;
            };
            match groups.last_mut() {
                Some(group) if join_next => group.push(term),
                _ => groups.push(vec![term]),
            }
            join_next = false;
        }
        Ok(Query { groups })
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Every term, in order.
    pub fn terms(&self) -> impl Iterator<Item = &Term> {
        self.groups.iter().flatten()
    }

    /// When this query is `old` with more typed onto its last term, a fuzzy or exact text term,
    /// and nothing else changed: that term's length in `old`. The longer term can then first
    /// occur in an event only where the old one first did, or later, and a search can resume
    /// there.
    pub fn grows_last_term(&self, old: &Query) -> Option<usize> {
        let new_last = self.terms().last()?;
        let old_last = old.terms().last()?;
        let grown = match (&old_last.kind, &new_last.kind) {
            (
                TermKind::Text { text: was, mode },
                TermKind::Text {
                    text: now,
                    mode: same,
                },
            ) if mode == same
                && matches!(mode, TextMode::Fuzzy | TextMode::Substring)
                && now.starts_with(was.as_str()) =>
            {
                Some(was.len())
            }
            _ => None,
        };
        let mut rest = old.clone();
        if let Some(last) = rest.groups.last_mut().and_then(|group| group.last_mut()) {
            *last = new_last.clone();
        }
        grown.filter(|_| !old_last.negated && !new_last.negated && rest == *self)
    }
}

/// Whether every event matching `new` also matches `old`, so results for `new` can be searched
/// for among those of `old`: typing more of a fuzzy, exact or prefix term, or adding an ANDed
/// term, narrows; a term ORed onto a group, longer exclusions, field values and suffixes change
/// meaning instead.
pub fn extends(old: &str, new: &str) -> bool {
    let Some(added) = new.strip_prefix(old) else {
        return false;
    };
    // A `:` turns a term into a field (and `year:` with no value into nothing).
    if added.contains(':') || old.ends_with('\\') || !keeps_groups(old, new) {
        return false;
    }
    // `\ ` is a space inside a token, which typing onto goes on growing.
    let starts_new_term = old.is_empty()
        || (old.ends_with(char::is_whitespace) && !old.ends_with("\\ "))
        || added.starts_with(char::is_whitespace);
    if starts_new_term {
        return true;
    }
    let last = tokens(old).pop().unwrap_or_default();
    let longer_exclusion = last.len() > 1 && last.starts_with('!');
    !(longer_exclusion || last.contains(':') || last.ends_with('$'))
}

/// Whether `new` keeps every group of `old` with as many terms, adding only ANDed groups: a term
/// ORed onto a group widens it. The text cannot tell: a `|` stays pending across tokens that are
/// only operators still being typed, so in `a | '` the next letter starts a term ORed with `a`.
fn keeps_groups(old: &str, new: &str) -> bool {
    let (Ok(old), Ok(new)) = (Query::parse(old), Query::parse(new)) else {
        return false;
    };
    new.groups.len() >= old.groups.len()
        && old
            .groups
            .iter()
            .zip(&new.groups)
            .all(|(was, now)| was.len() == now.len())
}

/// Whitespace-separated tokens; `\ ` is a literal space inside a token.
fn tokens(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek() == Some(&' ') {
            current.push(' ');
            chars.next();
        } else if c.is_whitespace() {
            if !current.is_empty() {
                tokens.push(std::mem::take(&mut current));
            }
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

/// One token as a term; `None` for a token that is only an operator still being typed.
fn parse_term(token: &str) -> Result<Option<Term>, QueryError> {
    let (negated, body) = match token.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, token),
    };
    if let Some((field, value)) = body.split_once(':')
        && !field.is_empty()
        && field.chars().all(|c| c.is_ascii_alphabetic())
    {
        let field = field.to_ascii_lowercase();
        let known = FIELDS
            .split(", ")
            .any(|name| name.strip_suffix(':') == Some(&field));
        let kind = match field.as_str() {
            // `year:` is a field still being typed.
            _ if known && value.is_empty() => return Ok(None),
            "pillar" => TermKind::Pillar(value.to_string()),
            "acronym" => TermKind::Acronym(value.to_string()),
            "place" => TermKind::Place(value.to_string()),
            "year" => TermKind::Year(parse_years(value).map_err(|message| QueryError {
                term: token.to_string(),
                message,
            })?),
            _ => {
                let bang = if negated { "!" } else { "" };
                return Err(QueryError {
                    term: token.to_string(),
                    message: format!(
                        "unknown field {field}: (fields are {FIELDS}; write {bang}'{body} to search for the text)"
                    ),
                });
            }
        };
        return Ok(Some(Term { negated, kind }));
    }
    let (mode, text) = text_mode(body, negated);
    if text.is_empty() {
        return Ok(None);
    }
    Ok(Some(Term {
        negated,
        kind: TermKind::Text {
            text: text.to_string(),
            mode,
        },
    }))
}

/// The match mode a term's operators ask for, and its text without them, as fzf's parser reads
/// them: a trailing `$` (not a lone one) asks for a suffix, then a leading `'` makes the term
/// exact (fuzzy after `!`, whose terms are exact), overriding the `$`, or a leading `^` asks for
/// a prefix (with the `$`, the whole text).
fn text_mode(body: &str, negated: bool) -> (TextMode, &str) {
    let (suffix, rest) = match body.strip_suffix('$') {
        // A `$` after an empty term is the text `$` (fzf drops `^$` and `'$`).
        Some(inner) if !inner.is_empty() && inner != "^" && inner != "'" => (true, inner),
        _ => (false, body),
    };
    if let Some(rest) = rest.strip_prefix('\'') {
        let mode = if negated {
            TextMode::Fuzzy
        } else {
            TextMode::Substring
        };
        return (mode, rest);
    }
    let (prefix, rest) = match rest.strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    let mode = match (prefix, suffix) {
        (true, true) => TextMode::Whole,
        (true, false) => TextMode::Prefix,
        (false, true) => TextMode::Suffix,
        // Exclusions are exact, as in fzf: `!jaif` removes events that contain "jaif".
        (false, false) if negated => TextMode::Substring,
        (false, false) => TextMode::Fuzzy,
    };
    (mode, rest)
}

const YEAR_FORMS: &str =
    "expected a year like 2008 or -300 (BCE), a range 2003..2013 or -500..-100, or >2010, <0";

fn parse_years(value: &str) -> Result<YearRange, String> {
    let year = |text: &str| -> Result<i64, String> {
        let text = text.trim();
        let digits = text.strip_prefix('-').unwrap_or(text);
        if digits.is_empty() || digits.len() > 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(YEAR_FORMS.to_string());
        }
        text.parse().map_err(|_| YEAR_FORMS.to_string())
    };
    let range = if let Some((from, to)) = value.split_once("..") {
        let first = if from.is_empty() {
            i64::MIN
        } else {
            year(from)?
        };
        let last = if to.is_empty() { i64::MAX } else { year(to)? };
        YearRange { first, last }
    } else if let Some(rest) = value.strip_prefix(">=") {
        YearRange {
            first: year(rest)?,
            last: i64::MAX,
        }
    } else if let Some(rest) = value.strip_prefix("<=") {
        YearRange {
            first: i64::MIN,
            last: year(rest)?,
        }
    } else if let Some(rest) = value.strip_prefix('>') {
        YearRange {
            first: year(rest)? + 1,
            last: i64::MAX,
        }
    } else if let Some(rest) = value.strip_prefix('<') {
        YearRange {
            first: i64::MIN,
            last: year(rest)? - 1,
        }
    } else {
        let only = year(value)?;
        YearRange {
            first: only,
            last: only,
        }
    };
    if range.first > range.last {
        return Err(format!("the range {value} is empty"));
    }
    Ok(range)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_typing_onto_the_last_text_term_grows_it() {
        let grows = |old: &str, new: &str| {
            Query::parse(new)
                .unwrap()
                .grows_last_term(&Query::parse(old).unwrap())
                .is_some()
        };
        assert_eq!(
            Query::parse("jaif int")
                .unwrap()
                .grows_last_term(&Query::parse("jaif in").unwrap()),
            Some(2)
        );
        assert!(grows("in", "int"));
        assert!(grows("jaif in", "jaif int"));
        assert!(grows("'in", "'int"));
        assert!(grows("a | in", "a | int"));
        assert!(!grows("in", "in t"), "a new term");
        assert!(!grows("in", "in$"), "a suffix now");
        assert!(!grows("^in", "^int"), "prefixes are matched per field");
        assert!(!grows("!in", "!int"));
        assert!(!grows("jaif in", "jaif2 in"), "another term changed");
        assert!(!grows("", "i"));
        assert!(!grows("year:2000", "year:20001"));
    }

    fn text(text: &str, mode: TextMode) -> Term {
        Term {
            negated: false,
            kind: TermKind::Text {
                text: text.into(),
                mode,
            },
        }
    }

    fn parse(text: &str) -> Vec<Vec<Term>> {
        Query::parse(text).unwrap().groups
    }

    fn error(text: &str) -> String {
        Query::parse(text).unwrap_err().to_string()
    }

    #[test]
    fn spaces_and_and_bars_or() {
        assert_eq!(
            parse("jaif | ajcep  summit"),
            vec![
                vec![
                    text("jaif", TextMode::Fuzzy),
                    text("ajcep", TextMode::Fuzzy)
                ],
                vec![text("summit", TextMode::Fuzzy)],
            ]
        );
        assert!(parse("   ").is_empty());
    }

    #[test]
    fn operators_choose_the_match_mode() {
        assert_eq!(
            parse("'bali"),
            vec![vec![text("bali", TextMode::Substring)]]
        );
        assert_eq!(parse("^asean"), vec![vec![text("asean", TextMode::Prefix)]]);
        assert_eq!(parse("force$"), vec![vec![text("force", TextMode::Suffix)]]);
        assert_eq!(parse("^jaif$"), vec![vec![text("jaif", TextMode::Whole)]]);
        let excluded = &parse("!summit")[0][0];
        assert!(excluded.negated);
        assert_eq!(
            excluded.kind,
            TermKind::Text {
                text: "summit".into(),
                mode: TextMode::Substring
            }
        );
        assert_eq!(
            parse(r"'viet\ nam"),
            vec![vec![text("viet nam", TextMode::Substring)]]
        );
    }

    #[test]
    fn unfinished_operators_are_ignored_while_typing() {
        assert!(parse("!").is_empty());
        assert!(parse("'").is_empty());
        assert!(parse("^").is_empty());
        assert!(parse("year:").is_empty());
        assert_eq!(parse("jaif |").len(), 1);
        assert_eq!(parse("| jaif").len(), 1);
        assert_eq!(parse("$"), vec![vec![text("$", TextMode::Fuzzy)]]);
    }

    #[test]
    fn field_terms() {
        assert_eq!(
            parse("pillar:eco")[0][0].kind,
            TermKind::Pillar("eco".into())
        );
        assert_eq!(
            parse("ACRONYM:jaif")[0][0].kind,
            TermKind::Acronym("jaif".into())
        );
        assert_eq!(
            parse("place:tokyo")[0][0].kind,
            TermKind::Place("tokyo".into())
        );
        assert!(parse("!pillar:eco")[0][0].negated);
    }

    #[test]
    fn year_terms_are_inclusive_ranges() {
        let years = |q: &str| match &parse(q)[0][0].kind {
            TermKind::Year(range) => (range.first, range.last),
            other => panic!("{other:?}"),
        };
        assert_eq!(years("year:2008"), (2008, 2008));
        assert_eq!(years("year:2003..2013"), (2003, 2013));
        assert_eq!(years("year:>2010"), (2011, i64::MAX));
        assert_eq!(years("year:>=2010"), (2010, i64::MAX));
        assert_eq!(years("year:<1990"), (i64::MIN, 1989));
        assert_eq!(years("year:..1990"), (i64::MIN, 1990));
        assert_eq!(years("year:<0"), (i64::MIN, -1));
        assert_eq!(years("year:-500..-100"), (-500, -100));
        assert_eq!(years("year:-13800000000..0"), (-13_800_000_000, 0));
    }

    #[test]
    fn bad_terms_are_errors_that_name_the_term() {
        assert_eq!(
            error("jaif year:abc"),
            "year:abc: expected a year like 2008 or -300 (BCE), a range 2003..2013 or -500..-100, or >2010, <0"
        );
        assert_eq!(
            error("year:2013..2003"),
            "year:2013..2003: the range 2013..2003 is empty"
        );
        assert_eq!(
            error("colour:red"),
            "colour:red: unknown field colour: (fields are pillar:, acronym:, place:, year:; write 'colour:red to search for the text)"
        );
    }

    #[test]
    fn typing_more_extends_only_when_results_can_only_shrink() {
        assert!(extends("", "j"));
        assert!(extends("j", "ja"));
        assert!(extends("jaif", "jaif "));
        assert!(extends("jaif ", "jaif 2006"));
        assert!(extends("'ba", "'bal"));
        assert!(extends("^as", "^ase"));
        assert!(extends("jaif", "jaif !summit"));
        assert!(!extends("jaif", "jaif | ajcep"));
        assert!(!extends("!sum", "!summ"));
        assert!(!extends("year:200", "year:2008"));
        assert!(!extends("year", "year:"));
        assert!(!extends("jj | ", "jj | j"));
        assert!(!extends("jj |", "jj | j"));
        assert!(extends("jj", "jj|"), "a `|` inside a token is text");
        // A `|` stays pending across operators still being typed.
        assert!(!extends("$ | '", "$ | 'j"));
        assert!(!extends("a | !", "a | !j"));
        assert!(!extends("a | ^", "a | ^j"));
        assert!(!extends("a | ! '", "a | ! 'j"));
        assert!(extends("a | b '", "a | b 'j"));
        assert!(!extends("a b", "a b | c"), "pasted at once");
        // An escaped space goes on with the same token.
        assert!(!extends("!\\ ", "!\\ |"));
        assert!(!extends("!a\\ b", "!a\\ bc"));
        assert!(extends("'a\\ ", "'a\\ b"));
        assert!(!extends("force$", "force$x"));
        assert!(!extends("jaif", "jai"));
        assert!(!extends("abc", "xbc"));
    }

    fn negated(text: &str, mode: TextMode) -> Term {
        Term {
            negated: true,
            ..self::text(text, mode)
        }
    }

    #[test]
    fn exclusions_keep_their_operators_as_in_fzf() {
        assert_eq!(
            parse("!^asean"),
            vec![vec![negated("asean", TextMode::Prefix)]]
        );
        assert_eq!(
            parse("!summit$"),
            vec![vec![negated("summit", TextMode::Suffix)]]
        );
        assert_eq!(parse("!^abc$"), vec![vec![negated("abc", TextMode::Whole)]]);
        assert_eq!(
            parse("!abc"),
            vec![vec![negated("abc", TextMode::Substring)]]
        );
        // fzf's `!'x` excludes fuzzy matches.
        assert_eq!(parse("!'abc"), vec![vec![negated("abc", TextMode::Fuzzy)]]);
    }

    #[test]
    fn a_quote_overrides_a_trailing_dollar_as_in_fzf() {
        assert_eq!(parse("'abc$"), vec![vec![text("abc", TextMode::Substring)]]);
        assert_eq!(parse("!'abc$"), vec![vec![negated("abc", TextMode::Fuzzy)]]);
        assert_eq!(parse("^'abc"), vec![vec![text("'abc", TextMode::Prefix)]]);
        assert_eq!(parse("^'$"), vec![vec![text("'", TextMode::Whole)]]);
        // A `$` after an empty term stays the text `$` (fzf drops the term).
        assert_eq!(parse("^$"), vec![vec![text("$", TextMode::Prefix)]]);
        assert_eq!(parse("'$"), vec![vec![text("$", TextMode::Substring)]]);
    }

    #[test]
    fn a_field_looking_term_without_a_value_is_an_unknown_field() {
        assert_eq!(
            error("tokyo:"),
            "tokyo:: unknown field tokyo: (fields are pillar:, acronym:, place:, year:; write 'tokyo: to search for the text)"
        );
        assert_eq!(
            error("!re:proposal"),
            "!re:proposal: unknown field re: (fields are pillar:, acronym:, place:, year:; write !'re:proposal to search for the text)"
        );
        // A known field still being typed is not an error.
        assert!(parse("jaif place:").len() == 1);
    }

    #[test]
    fn colons_elsewhere_are_text() {
        assert_eq!(parse("'a:b"), vec![vec![text("a:b", TextMode::Substring)]]);
        assert_eq!(parse("10:30"), vec![vec![text("10:30", TextMode::Fuzzy)]]);
    }
}
