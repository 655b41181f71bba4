//! The tally of what an importer read but could not carry into ajtl's model (backgrounds, display
//! dates, map locations …), so nothing is dropped silently: the tally prints as one line on stderr
//! and is the explorer's first status message.

use std::collections::BTreeMap;
use std::fmt;

use crate::timeline::text::sanitize;

/// How many of each kind of thing were ignored, by the kind's singular name ("background"; every
/// kind is a regular noun, so the plural adds an "s").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ignored(BTreeMap<String, usize>);

impl Ignored {
    /// Counts one more thing of `kind` (a singular noun: "background").
    pub(crate) fn add(&mut self, kind: &str) {
        // Kinds may name a file's own keys or columns: made safe for the terminal here.
        let kind = sanitize(kind);
        match self.0.get_mut(&*kind) {
            Some(count) => *count += 1,
            None => {
                self.0.insert(kind.into_owned(), 1);
            }
        }
    }

    /// Counts one more `kind` when the file holds something there: an empty string or `null`
    /// means the field was left blank, not that something was lost.
    pub(crate) fn add_if(&mut self, kind: &str, present: bool) {
        if present {
            self.add(kind);
        }
    }

    /// Adds another tally's counts to this one.
    pub(crate) fn merge(&mut self, other: Ignored) {
        for (kind, count) in other.0 {
            *self.0.entry(kind).or_default() += count;
        }
    }

    /// Each kind and its count, in alphabetical order: what a snapshot stores.
    pub(crate) fn counts(&self) -> impl ExactSizeIterator<Item = (&str, usize)> {
        self.0.iter().map(|(kind, &count)| (kind.as_str(), count))
    }

    /// The tally [`Ignored::counts`] gave: kinds made safe for the terminal again, since a
    /// snapshot's bytes are checked, not trusted.
    pub(crate) fn from_counts<'a>(counts: impl IntoIterator<Item = (&'a str, usize)>) -> Self {
        let mut ignored = Ignored::default();
        for (kind, count) in counts.into_iter().filter(|&(_, count)| count > 0) {
            let total = ignored.0.entry(sanitize(kind).into_owned()).or_default();
            *total = total.saturating_add(count);
        }
        ignored
    }

    /// Nothing was ignored: the file was carried whole.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// `3 backgrounds, 1 display date ignored`, kinds in alphabetical order so the line is stable.
impl fmt::Display for Ignored {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (kind, count)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            let plural = if *count == 1 { "" } else { "s" };
            write!(f, "{count} {kind}{plural}")?;
        }
        f.write_str(" ignored")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tally_is_one_line_in_a_stable_order() {
        let mut ignored = Ignored::default();
        assert!(ignored.is_empty());
        ignored.add("display date");
        ignored.add("background");
        ignored.add_if("background", true);
        ignored.add_if("map location", false);
        assert_eq!(ignored.to_string(), "2 backgrounds, 1 display date ignored");
        ignored.add("\u{1b}[31mred field");
        assert!(!ignored.to_string().contains('\u{1b}'));
    }
}
