//! Writing a loaded timeline out in another format, for `ajtl convert`: ajtl's own RON (so a
//! timeline read from another tool can be kept, edited and checked as ajtl's format), TimelineJS3
//! JSON and the TimelineJS Google-Sheets CSV template (so a timeline can be published with
//! TimelineJS). Each writer works from the validated [`Timeline`], never from a file's text, so
//! whatever the loader reads can be written in every format.
//!
//! What a format cannot hold is counted in an [`Omitted`] tally, printed as one line, never lost
//! silently.

mod html;
mod ron;
mod sheet;
mod timelinejs;

use std::{fmt, io};

use ratatui::style::Color;
use serde::Serialize;

use crate::timeline::{Pillar, Timeline};

/// The formats `ajtl convert` writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    /// ajtl's own RON format (docs/dataset-format.md), which loads back and passes `ajtl check`.
    #[default]
    Ron,
    /// TimelineJS3 JSON; what TimelineJS cannot show travels in its `ajtl` keys.
    #[value(name = "timelinejs")]
    TimelineJs,
    /// The TimelineJS Google-Sheets template, as CSV; what a sheet cannot hold is said on stderr.
    Csv,
}

/// A converted timeline: the text to write and what the format could not hold.
#[derive(Debug)]
pub struct Converted {
    /// The whole file, ending in a line feed.
    pub text: String,
    /// What the format had no place for, to tell the user.
    pub omitted: Omitted,
}

/// Converts `timeline` to `target`. The writers serialise plain strings, numbers, lists and
/// string-keyed maps, which never fails; an error is still reported, as output that could not
/// be written, rather than assumed away.
pub fn convert(timeline: &Timeline, target: Target) -> io::Result<Converted> {
    Ok(match target {
        Target::Ron => Converted {
            text: ron::to_ron(timeline)?,
            omitted: Omitted::default(),
        },
        Target::TimelineJs => Converted {
            text: timelinejs::to_json(timeline)?,
            omitted: Omitted {
                no_dated_event: timeline.dated_count() == 0,
                ..Omitted::default()
            },
        },
        Target::Csv => sheet::to_csv(timeline)?,
    })
}

/// What a format had no place for (or, for a timeline without dated events, could not show),
/// by kind, so the user is told in one line rather than finding it missing later.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Omitted {
    /// Entries without a date: TimelineJS places every slide in time.
    pub undated: usize,
    /// Eras of a single second, which a sheet cannot give an end apart from their start.
    pub second_eras: usize,
    /// Events whose acronyms, mechanisms, place, source paragraph or links the format drops.
    pub details: usize,
    /// Glossary entries the format drops.
    pub glossary: usize,
    /// Pillar colours the format drops (its groups have none).
    pub colours: usize,
    /// Whether the timeline's source document, which the format has no place for, is dropped.
    pub source: bool,
    /// Whether the timeline has no dated event, without which TimelineJS shows only an error.
    pub no_dated_event: bool,
}

impl Omitted {
    /// Whether anything was left out.
    pub fn is_empty(&self) -> bool {
        *self == Omitted::default()
    }
}

/// One line, e.g. `22 undated entries left out: TimelineJS needs a date; the sheet has no place
/// for 66 glossary entries, 6 pillar colours, the source, nor the acronyms, mechanisms, places,
/// source paragraphs or links of 62 events (--to timelinejs keeps them)`.
impl fmt::Display for Omitted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if self.no_dated_event {
            parts.push(
                "no dated event: TimelineJS shows an error for a timeline without one".to_string(),
            );
        }
        if self.undated > 0 {
            let entries = plural(self.undated, "undated entry", "undated entries");
            parts.push(format!("{entries} left out: TimelineJS needs a date"));
        }
        if self.second_eras > 0 {
            let eras = plural(self.second_eras, "era", "eras");
            parts.push(format!(
                "{eras} of a single second left out: a sheet cannot end one after its start"
            ));
        }
        let mut lost = Vec::new();
        if self.glossary > 0 {
            lost.push(plural(self.glossary, "glossary entry", "glossary entries"));
        }
        if self.colours > 0 {
            lost.push(plural(self.colours, "pillar colour", "pillar colours"));
        }
        if self.source {
            lost.push("the source".to_string());
        }
        if self.details > 0 {
            let events = plural(self.details, "event", "events");
            let details = "the acronyms, mechanisms, places, source paragraphs or links of";
            let nor = if lost.is_empty() { "" } else { "nor " };
            lost.push(format!("{nor}{details} {events}"));
        }
        if !lost.is_empty() {
            parts.push(format!(
                "the sheet has no place for {} (--to timelinejs keeps them)",
                lost.join(", ")
            ));
        }
        f.write_str(&parts.join("; "))
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// Whether the timeline's only pillar is the one the loader gives a file without `pillars`:
/// then no pillar is written, so the file loads back the same way.
fn has_implicit_pillar(timeline: &Timeline) -> bool {
    timeline.pillars == [Pillar::implicit()]
}

/// A pillar as RON (`Pillar(id: …, name: …, color: …)`) and the TimelineJS `ajtl` keys
/// (`{"id": …, "name": …, "color": …}`) write it.
#[derive(Serialize)]
#[serde(rename = "Pillar")]
struct PillarRecord<'a> {
    id: &'a str,
    name: &'a str,
    color: String,
}

/// The pillars to write: none for a timeline with only the implicit one.
fn pillar_records(timeline: &Timeline) -> Vec<PillarRecord<'_>> {
    if has_implicit_pillar(timeline) {
        return Vec::new();
    }
    let pillars = timeline.pillars.iter();
    pillars
        .map(|pillar| PillarRecord {
            id: &pillar.id,
            name: &pillar.name,
            color: color_name(pillar.color),
        })
        .collect()
}

/// A colour as the dataset format writes it: `light-blue`, `#2e8b57`, `208`.
fn color_name(color: Color) -> String {
    match color {
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(index) => index.to_string(),
        named => {
            // ratatui names colours in CamelCase (`LightBlue`); the format writes `light-blue`.
            let mut name = String::new();
            for c in named.to_string().chars() {
                if c.is_ascii_uppercase() && !name.is_empty() {
                    name.push('-');
                }
                name.push(c.to_ascii_lowercase());
            }
            name
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_names_read_back_as_the_same_colour() {
        let colors = [
            Color::Reset,
            Color::Gray,
            Color::DarkGray,
            Color::LightBlue,
            Color::White,
            Color::Rgb(0x2e, 0x8b, 0x57),
            Color::Indexed(208),
        ];
        for color in colors {
            assert_eq!(color_name(color).parse::<Color>(), Ok(color), "{color:?}");
        }
        assert_eq!(color_name(Color::LightBlue), "light-blue");
        assert_eq!(color_name(Color::Rgb(0x2e, 0x8b, 0x57)), "#2e8b57");
    }

    #[test]
    fn omissions_read_as_one_line_each() {
        let omitted = Omitted {
            undated: 22,
            ..Omitted::default()
        };
        assert_eq!(
            omitted.to_string(),
            "22 undated entries left out: TimelineJS needs a date"
        );
        let omitted = Omitted {
            undated: 1,
            second_eras: 0,
            details: 62,
            glossary: 1,
            colours: 6,
            source: true,
            no_dated_event: false,
        };
        assert_eq!(
            omitted.to_string(),
            "1 undated entry left out: TimelineJS needs a date; the sheet has no place for \
             1 glossary entry, 6 pillar colours, the source, nor the acronyms, mechanisms, \
             places, source paragraphs or links of 62 events (--to timelinejs keeps them)"
        );
        assert!(Omitted::default().is_empty());
    }
}
