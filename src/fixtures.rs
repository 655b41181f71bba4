//! Realistic synthetic timelines of any size, for tests, benchmarks and the `gen_timeline`
//! example, so that all of them measure and check the same data. Compiled only with the
//! `fixtures` feature, which the crate's own tests, benchmarks and examples turn on (a
//! dev-dependency of the crate on itself), so the binary never carries it.
//!
//! Titles, summaries, acronyms, mechanisms and places vary; dates run from 1900 to 2025 at every
//! precision, with some intervals; the glossary holds several hundred acronyms. The output is the
//! same for the same count (a fixed-seed generator), so measurements can be repeated.

use std::io::{self, Write};

use crate::timeline::{LoadError, Timeline, load_str};

/// A small, fast, deterministic generator (xorshift64*); benchmarks need repeatable data, not
/// cryptographic randomness.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PILLARS: [(&str, &str, &str); 6] = [
    ("milestones", "Milestones", "yellow"),
    ("political-security", "Political-Security", "red"),
    ("economic", "Economic", "green"),
    ("socio-cultural", "Socio-Cultural", "magenta"),
    ("connectivity", "Connectivity", "cyan"),
    ("development", "Development", "blue"),
];

const WORDS: &[&str] = &[
    "Integration",
    "Fund",
    "Partnership",
    "Economic",
    "Comprehensive",
    "Strategic",
    "Regional",
    "Maritime",
    "Security",
    "Cooperation",
    "Dialogue",
    "Forum",
    "Ministers",
    "Summit",
    "Plan",
    "Action",
    "Digital",
    "Energy",
    "Transport",
    "Health",
    "Disaster",
    "Management",
    "Innovation",
    "Network",
    "Trade",
    "Investment",
    "Culture",
    "Youth",
    "Exchange",
    "Science",
    "Technology",
    "Connectivity",
    "Infrastructure",
    "Quality",
    "Development",
    "Mekong",
    "Smart",
    "Cities",
    "Defence",
    "Cyber",
    "Crime",
    "Justice",
    "Environment",
    "Climate",
    "Water",
    "Education",
];

const VERBS: &[&str] = &[
    "established",
    "signed",
    "adopted",
    "launched",
    "endorsed",
    "convened",
    "renewed",
    "announced",
    "completed",
    "entered into force",
];

const PLACES: &[&str] = &[
    "Tokyo",
    "Jakarta",
    "Bangkok",
    "Manila",
    "Hanoi",
    "Kuala Lumpur",
    "Singapore",
    "Vientiane",
    "Phnom Penh",
    "Nay Pyi Taw",
    "Bandar Seri Begawan",
    "Bali",
    "Bagan",
    "Siem Riep",
    "Osaka",
    "Kyoto",
    "Cebu",
    "Da Nang",
    "Yangon",
    "Penang",
];

const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPRSTUVW";

/// The n-th glossary acronym: a few capitals and its number, so every key is unique.
fn acronym(n: usize) -> String {
    let mut state = Rng(0x9E37_79B9_7F4A_7C15 ^ (n as u64 + 1).wrapping_mul(0xBF58_476D_1CE4_E5B9));
    let length = 3 + state.below(3);
    let mut text: String = (0..length)
        .map(|_| LETTERS[state.below(LETTERS.len())] as char)
        .collect();
    text.push_str(&n.to_string());
    text
}

fn expansion(rng: &mut Rng) -> String {
    let words = 3 + rng.below(4);
    (0..words)
        .map(|_| rng.pick(WORDS))
        .collect::<Vec<_>>()
        .join(" ")
}

fn date(rng: &mut Rng) -> String {
    let year = 1900 + rng.below(126);
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(25);
    match rng.below(10) {
        0..=2 => format!("{year:04}"),
        3..=5 => format!("{year:04}-{month:02}"),
        6..=8 => format!("{year:04}-{month:02}-{day:02}"),
        _ => {
            let end_day = day + 1 + rng.below(3);
            format!("{year:04}-{month:02}-{day:02}/{year:04}-{month:02}-{end_day:02}")
        }
    }
}

/// Writes a synthetic timeline of `count` events.
pub fn write_timeline(out: &mut impl Write, count: usize) -> io::Result<()> {
    let glossary_size = 400;
    let mut rng = Rng(0x005E_ED0F_A77E);

    writeln!(
        out,
        "// Synthetic timeline of {count} events written by examples/gen_timeline.rs"
    )?;
    writeln!(out, "Timeline(")?;
    writeln!(out, "    title: \"Synthetic timeline ({count} events)\",")?;
    writeln!(out, "    source: \"gen_timeline\",")?;
    writeln!(out, "    pillars: [")?;
    for (id, name, color) in PILLARS {
        writeln!(
            out,
            "        Pillar(id: \"{id}\", name: \"{name}\", color: \"{color}\"),"
        )?;
    }
    writeln!(out, "    ],")?;
    writeln!(out, "    glossary: {{")?;
    let acronyms: Vec<String> = (0..glossary_size).map(acronym).collect();
    let expansions: Vec<String> = (0..glossary_size).map(|_| expansion(&mut rng)).collect();
    for (key, value) in acronyms.iter().zip(&expansions) {
        writeln!(out, "        \"{key}\": \"{value}\",")?;
    }
    writeln!(out, "        \"JAIF\": \"Japan-ASEAN Integration Fund\",")?;
    writeln!(out, "    }},")?;
    writeln!(out, "    events: [")?;
    for n in 0..count {
        let cited = rng.below(glossary_size);
        let (key, expanded) = if rng.below(50) == 0 {
            ("JAIF", "Japan-ASEAN Integration Fund")
        } else {
            (acronyms[cited].as_str(), expansions[cited].as_str())
        };
        let title = format!(
            "{} {} ({key}) {}",
            rng.pick(WORDS),
            rng.pick(WORDS),
            rng.pick(VERBS)
        );
        let place = if rng.below(3) == 0 {
            format!("Some(\"{}\")", rng.pick(PLACES))
        } else {
            "None".to_string()
        };
        let mechanism = format!("{} {} Committee", rng.pick(WORDS), rng.pick(WORDS));
        let summary = format!(
            "The {expanded} {} a {} {} programme worth USD {}.{} million with {} partners.",
            rng.pick(VERBS),
            rng.pick(WORDS).to_lowercase(),
            rng.pick(WORDS).to_lowercase(),
            1 + rng.below(900),
            rng.below(10),
            2 + rng.below(9),
        );
        let (pillar, _, _) = PILLARS[rng.below(PILLARS.len())];
        writeln!(
            out,
            "        Event(id: \"e{n}\", date: \"{}\", title: \"{title}\", summary: \"{summary}\", \
             pillar: \"{pillar}\", acronyms: [\"{key}\"], mechanisms: [\"{mechanism}\"], \
             place: {place}, source: Some({})),",
            date(&mut rng),
            1 + rng.below(40),
        )?;
    }
    writeln!(out, "    ],")?;
    writeln!(out, ")")
}

/// Writes a timeline of a few ordinary events and one, `e1` (second in time), whose summary
/// holds `bytes` bytes of words in paragraphs of a few thousand words each: the worst case for
/// laying out the detail pane and for every pass over an event's text.
pub fn write_big_summary(out: &mut impl Write, bytes: usize) -> io::Result<()> {
    let mut rng = Rng(0x0B16_5E44);
    writeln!(out, "Timeline(")?;
    writeln!(out, "    title: \"One summary of {bytes} bytes\",")?;
    writeln!(out, "    source: \"big_summary\",")?;
    let (id, name, color) = PILLARS[0];
    writeln!(
        out,
        "    pillars: [Pillar(id: \"{id}\", name: \"{name}\", color: \"{color}\")],"
    )?;
    writeln!(out, "    events: [")?;
    for n in 0..3 {
        write!(
            out,
            "        Event(id: \"e{n}\", date: \"20{n:02}\", title: \"Event {n}\", pillar: \"{id}\", \
             summary: \""
        )?;
        let mut written = 0;
        while n == 1 && written < bytes {
            let word = rng.pick(WORDS);
            let gap = if rng.below(3000) == 0 { "\\n\\n" } else { " " };
            write!(out, "{word}{gap}")?;
            written += word.len() + gap.len();
        }
        writeln!(out, "The end.\"),")?;
    }
    writeln!(out, "    ],")?;
    writeln!(out, ")")
}

/// The text of a synthetic timeline of `count` events.
pub fn synthetic_text(count: usize) -> String {
    let mut text = Vec::new();
    // Writing to memory cannot fail, and the generator writes only UTF-8.
    let _ = write_timeline(&mut text, count);
    String::from_utf8_lossy(&text).into_owned()
}

/// A synthetic timeline of `count` events, loaded as a file would be.
pub fn synthetic_timeline(count: usize) -> Result<Timeline, LoadError> {
    load_str("synthetic.ron", &synthetic_text(count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_count_gives_the_same_valid_timeline() {
        assert_eq!(synthetic_text(50), synthetic_text(50));
        assert_eq!(synthetic_timeline(50).unwrap().events.len(), 50);
    }
}
