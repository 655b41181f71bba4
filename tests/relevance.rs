//! What a reader expects at the top of a search of the bundled dataset: acronyms, their
//! expansions, places, numbers, topics and abbreviations by omission, and for each paragraph the
//! source gives no date, its topics. Each case names the events that must come first, in any
//! order among themselves.

use std::collections::BTreeSet;

use ajtl::search::{Index, Query};
use ajtl::timeline::{EventId, Timeline, bundled};

fn top(timeline: &Timeline, index: &Index, query: &str, n: usize) -> Vec<String> {
    let query = Query::parse(query).unwrap_or_else(|e| panic!("{e}"));
    let compiled = index.compile(&query);
    let all: Vec<EventId> = timeline.event_ids().collect();
    index
        .search(&compiled, &all)
        .into_iter()
        .take(n)
        .map(|hit| timeline.event(hit.event).id().to_string())
        .collect()
}

/// (query, the events that must be the top results)
const CASES: &[(&str, &[&str])] = &[
    // Acronyms, typed any way.
    (
        "JAIF",
        &["jaif-established", "jaif-pledge", "jmt-established"],
    ),
    (
        "jaif",
        &["jaif-established", "jaif-pledge", "jmt-established"],
    ),
    (
        "AJCEP",
        &[
            "ajcep-signed",
            "ajcep-in-force",
            "ajcep-negotiations-completed",
            "ajcep-first-protocol-signed",
            "ajcep-first-protocol-in-force",
        ],
    ),
    ("tac", &["tac-accession"]),
    // One typo away from an acronym: its events first.
    (
        "ajecp",
        &[
            "ajcep-signed",
            "ajcep-in-force",
            "ajcep-negotiations-completed",
            "ajcep-first-protocol-signed",
            "ajcep-first-protocol-in-force",
        ],
    ),
    ("csp", &["csp-established", "commemorative-summit-2023"]),
    ("aoip", &["summit-23-aoip"]),
    ("uhc", &["health-ministers-uhc-2017"]),
    ("jmt", &["jmt-established"]),
    (
        "AEM-METI",
        &[
            "economic-roadmap-endorsed",
            "economic-roadmap-improved",
            "economic-roadmap-renewed",
        ],
    ),
    (
        "aem meti",
        &[
            "economic-roadmap-endorsed",
            "economic-roadmap-improved",
            "economic-roadmap-renewed",
        ],
    ),
    (
        "aemmeti",
        &[
            "economic-roadmap-endorsed",
            "economic-roadmap-improved",
            "economic-roadmap-renewed",
        ],
    ),
    ("aj asa", &["aj-asa-negotiations-begin"]),
    // Expansions find their acronym's events.
    (
        "integration fund",
        &["jaif-established", "jaif-pledge", "jmt-established"],
    ),
    (
        "comprehensive economic partnership",
        &[
            "ajcep-signed",
            "ajcep-in-force",
            "ajcep-first-protocol-signed",
        ],
    ),
    ("treaty of amity", &["tac-accession"]),
    ("indo-pacific", &["summit-23-aoip"]),
    // Places.
    ("bali", &["summit-14-bali"]),
    ("bagan", &["defence-ministers-informal-2014"]),
    ("siem riep", &["economic-roadmap-endorsed"]),
    (
        "nay pyi taw",
        &[
            "economic-roadmap-improved",
            "joint-declaration-terrorism-2014",
        ],
    ),
    (
        "place:vientiane",
        &["economic-roadmap-renewed", "telmin-renamed-adgmin"],
    ),
    // Numbers.
    ("241.1", &["trade-investment-2023"]),
    ("14.5", &["trade-investment-2023"]),
    // Topics.
    ("defence", &["defence-ministers-informal-2014"]),
    ("cyber", &["ajcc-dialogue-established"]),
    (
        "health",
        &[
            "health-ministers-uhc-2017",
            "japan-asean-health-initiative",
            "asia-health-wellbeing-initiative",
        ],
    ),
    ("drug", &["asod-japan-begins"]),
    ("counter terrorism", &["ajct-dialogue-established"]),
    (
        "quality infrastructure",
        &[
            "quality-infrastructure-2015",
            "expanded-quality-infrastructure-2016",
        ],
    ),
    ("digital", &["telmin-renamed-adgmin", "adgmin-japan-first"]),
    (
        "anniversary",
        &["anniversary-40", "anniversary-45", "anniversary-50"],
    ),
    ("trusted partners", &["commemorative-summit-2023"]),
    ("koizumi", &["jaif-pledge"]),
    // Undated subjects of dated paragraphs, and the periods the document names.
    ("hadr", &["admm-plus-practical-cooperation"]),
    ("accmsme", &["ameicc-sme-joint-consultation"]),
    (
        "connectivity initiative",
        &["comprehensive-connectivity-initiative"],
    ),
    ("culture", &["culture-work-plan-2022-2025"]),
    (
        "plan of action",
        &["plan-of-action-2011-2015", "tokyo-declaration-roadmap"],
    ),
    (
        "abe",
        &[
            "quality-infrastructure-2015",
            "expanded-quality-infrastructure-2016",
        ],
    ),
    // Abbreviations by omission.
    ("ajcp", &["ajcep-in-force", "ajcep-first-protocol-signed"]),
    // Operators and fields.
    ("force$", &["ajcep-in-force"]),
    (
        "'protocol",
        &[
            "ajcep-first-protocol-signed",
            "ajcep-first-protocol-in-force",
        ],
    ),
    (
        "summit year:2023",
        &["commemorative-summit-2023", "csp-established"],
    ),
    ("jaif !koizumi", &["jmt-established"]),
];

/// Topic queries for the paragraphs that had no dated event before issue 17, each naming the
/// paragraph whose entries must come first: (query, paragraph, those entries).
const TOPICS: &[(&str, u32, &[&str])] = &[
    ("experts meetings", 11, &["dialogue-mechanisms"]),
    ("east asia summit", 11, &["asean-led-mechanisms"]),
    ("eamf", 11, &["asean-led-mechanisms"]),
    ("energy", 21, &["some-meti-energy-cooperation"]),
    ("youth exchange", 25, &["jenesys-youth-exchanges"]),
    ("people-to-people", 25, &["people-to-people-exchanges"]),
    ("disaster", 27, &["disaster-management-work-plan"]),
    (
        "aadmer",
        27,
        &[
            "aadmer-work-programme-2021-2025",
            "disaster-management-work-plan",
        ],
    ),
    ("aha centre", 27, &["aha-centre-operationalisation"]),
    ("sendai", 27, &["sendai-framework-2015-2030"]),
    ("covid", 28, &["covid-19-cooperation"]),
    ("pandemic", 28, &["covid-19-cooperation"]),
    ("acpheed", 28, &["acpheed-support"]),
    ("environment", 29, &["environment-cooperation-initiative"]),
    (
        "climate change",
        29,
        &["environment-cooperation-initiative"],
    ),
    ("science technology", 30, &["ajccst-science-technology"]),
    (
        "sport",
        32,
        &["sport-ministerial-meeting", "sports-work-plan-2021-2025"],
    ),
    ("smart cities", 34, &["smart-cities-network"]),
    ("jasca", 34, &["smart-cities-network"]),
    ("IAI", 35, &["iai-work-plans"]),
    ("junior diplomats", 35, &["asean-secretariat-attachments"]),
    ("mekong", 36, &["mekong-japan-development-gap"]),
    ("development gap", 36, &["mekong-japan-development-gap"]),
];

/// The queries of `cases` whose top results are not the expected events, with what came instead.
fn failures<'a>(cases: impl IntoIterator<Item = (&'a str, &'a [&'a str])>) -> Vec<String> {
    let timeline = bundled().unwrap();
    let index = Index::new(timeline);
    let timeline = index.timeline();
    let mut failures = Vec::new();
    for (query, expected) in cases {
        let mut got = top(timeline, &index, query, expected.len());
        got.sort();
        let mut want: Vec<String> = expected.iter().map(|id| id.to_string()).collect();
        want.sort();
        if got != want {
            failures.push(format!("{query:?}: expected {want:?}, got {got:?}"));
        }
    }
    failures
}

#[test]
fn the_expected_events_come_first() {
    assert!(CASES.len() >= 25);
    let failures = failures(CASES.iter().copied());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_topic_brings_its_undated_paragraphs_entries_first() {
    let timeline = bundled().unwrap();
    let covered: BTreeSet<u32> = TOPICS.iter().map(|&(_, paragraph, _)| paragraph).collect();
    assert_eq!(
        covered.into_iter().collect::<Vec<_>>(),
        [11, 21, 25, 27, 28, 29, 30, 32, 34, 35, 36]
    );
    for &(query, paragraph, expected) in TOPICS {
        for id in expected {
            let entry = timeline.events.iter().find(|e| e.id() == *id);
            let cited = entry.and_then(|e| e.source);
            assert_eq!(cited, Some(paragraph), "{query:?}: {id}");
        }
    }
    assert!(TOPICS.len() >= 15);
    let failures = failures(TOPICS.iter().map(|&(query, _, expected)| (query, expected)));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_acronym_finds_an_event_that_only_spells_it_out() {
    let timeline = ajtl::timeline::load_str(
        "spelled.ron",
        r#"Timeline(
            title: "t",
            pillars: [Pillar(id: "p", name: "P", color: "red")],
            glossary: { "JAIF": "Japan-ASEAN Integration Fund", "ADMM-Plus": "ASEAN Defence Ministers' Meeting Plus" },
            events: [
                Event(id: "spelled", date: "2006", title: "A fund is born", pillar: "p",
                      summary: "The Japan–ASEAN integration fund was set up."),
                Event(id: "other", date: "2007", title: "Something else", pillar: "p"),
                Event(id: "admm", date: "2010", title: "Meeting", pillar: "p", acronyms: ["ADMM-Plus"]),
            ],
        )"#,
    )
    .unwrap();
    let index = Index::new(timeline);
    let timeline = index.timeline();
    assert_eq!(top(timeline, &index, "JAIF", 5), ["spelled"]);
    for query in ["admm plus", "ADMM-Plus", "admmplus", "Admm-plus"] {
        assert_eq!(top(timeline, &index, query, 5), ["admm"], "{query}");
    }
}
