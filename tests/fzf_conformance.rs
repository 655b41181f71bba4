//! ajtl reads fzf's extended-search syntax as fzf does: for each query of
//! `tests/fixtures/fzf-queries.txt`, the titles ajtl matches are those fzf matched, as recorded once
//! by `tests/fixtures/record-fzf.sh` in `tests/fixtures/fzf-conformance.txt` (no fzf is needed
//! here). The titles include fzf's own test inputs. Where ajtl differs on purpose, the query is
//! listed below with why, and the README lists the same queries.

use std::collections::BTreeSet;

use ajtl::search::{Index, Query};
use ajtl::timeline::{EventId, Timeline, load_str};

/// Queries whose matches differ from fzf's on purpose, with why. The README's "Differences from
/// fzf" lists the same queries.
const DIFFERENCES: &[(&str, &str)] = &[
    ("| | foo", LONE_BAR),
    ("| | | foo", LONE_BAR),
    ("|", LONE_BAR),
    ("| a", LONE_BAR),
    ("^$", DOLLAR),
    ("'$", DOLLAR),
    ("!^$", DOLLAR),
    ("foo\\tbar", TAB),
    ("tab\\tgone", TAB),
    ("re:proposal", FIELD),
    ("tokyo:", FIELD),
    ("e:5", FIELD),
    ("C:\\path", FIELD),
    ("year:2008", FIELD),
    (
        "'istanbul",
        "full Unicode case folding lowercases İ to i and a combining dot",
    ),
];
const LONE_BAR: &str = "a | with no term before it is ignored, as while typing";
const DOLLAR: &str = "a $ after an empty term is the text $, where fzf drops the term";
const TAB: &str = "a tab separates terms, where fzf reads it as a space in the term";
const FIELD: &str = "letters and a colon make a field term, or an unknown field's error";

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The lines of a fixture that are not comments.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter(|line| !line.starts_with('#'))
}

/// A timeline whose events carry only these titles, in this order.
fn timeline_of(titles: &[&str]) -> Timeline {
    let events: String = titles
        .iter()
        .enumerate()
        .map(|(n, title)| {
            let title = ron::to_string(title).unwrap();
            format!("Event(id: \"e{n}\", date: \"2000\", title: {title}, pillar: \"p\"),\n")
        })
        .collect();
    let text = format!(
        "Timeline(title: \"fzf\", pillars: [Pillar(id: \"p\", name: \"P\", color: \"red\")], \
         events: [{events}])"
    );
    load_str("fzf.ron", &text).unwrap_or_else(|e| panic!("{e}"))
}

/// The titles ajtl matches, by number, or the query's error.
fn ajtl_matches(timeline: &Timeline, index: &Index, query: &str) -> Result<BTreeSet<u32>, String> {
    let query = Query::parse(query).map_err(|e| e.to_string())?;
    let compiled = index.compile(&query);
    let all: Vec<EventId> = timeline.event_ids().collect();
    Ok(index
        .search(&compiled, &all)
        .into_iter()
        .map(|hit| hit.event.index() as u32)
        .collect())
}

/// The recorded queries, as typed (`\t` read as a tab), with what fzf matched.
fn recorded() -> Vec<(String, BTreeSet<u32>)> {
    lines(&fixture("fzf-conformance.txt"))
        .map(|line| {
            let (query, numbers) = line.split_once('\t').expect("query<TAB>numbers");
            let numbers = numbers
                .split_whitespace()
                .map(|n| n.parse().expect("a title number"))
                .collect();
            (query.to_string(), numbers)
        })
        .collect()
}

#[test]
fn ajtl_matches_what_fzf_matches() {
    let titles_text = fixture("fzf-titles.txt");
    let titles: Vec<&str> = lines(&titles_text).collect();
    assert!(titles.len() >= 300, "{} titles", titles.len());
    let timeline = timeline_of(&titles);
    let index = Index::new(timeline);
    let timeline = index.timeline();
    let recorded = recorded();
    assert!(recorded.len() >= 100, "{} queries", recorded.len());
    // The fixture was recorded from the queries file, all of them.
    let queries = lines(&fixture("fzf-queries.txt")).count();
    assert_eq!(queries, recorded.len(), "re-run record-fzf.sh");
    let mut wrong = Vec::new();
    for (raw, fzf) in &recorded {
        let query = raw.replace("\\t", "\t");
        let ajtl = ajtl_matches(timeline, &index, &query);
        let differs = ajtl.as_ref() != Ok(fzf);
        let on_purpose = DIFFERENCES.iter().any(|(listed, _)| listed == raw);
        if differs != on_purpose {
            let show = |set: &BTreeSet<u32>| -> Vec<&str> {
                set.iter().map(|&n| titles[n as usize]).collect()
            };
            let ajtl = match &ajtl {
                Ok(set) => format!("{:?}", show(set)),
                Err(e) => e.clone(),
            };
            let why = if on_purpose {
                "listed as a difference but agrees"
            } else {
                "differs"
            };
            wrong.push(format!(
                "{raw:?} {why}:\n  fzf  {:?}\n  ajtl {ajtl}",
                show(fzf)
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The queries the README lists as differing on purpose: those in backticks before the dash of
/// each point under "Where ajtl's matches differ from fzf's on purpose".
fn readme_differences() -> BTreeSet<String> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let (_, after) = readme
        .split_once("Where ajtl's matches differ from fzf's on purpose")
        .expect("the README lists the differences from fzf");
    let mut queries = BTreeSet::new();
    for line in after.lines().skip(1) {
        if line.is_empty() && !queries.is_empty() {
            break;
        }
        let Some(point) = line.strip_prefix("- ") else {
            continue;
        };
        let (listed, _) = point.split_once(" — ").expect("queries — why");
        queries.extend(listed.split('`').skip(1).step_by(2).map(str::to_string));
    }
    queries
}

#[test]
fn the_readme_lists_the_same_differences() {
    let listed: BTreeSet<String> = DIFFERENCES
        .iter()
        .map(|(query, _)| query.to_string())
        .collect();
    assert_eq!(readme_differences(), listed);
}
