//! Tests of the index as a whole — what a query finds and in what order — and the small
//! timelines and helpers the index's other tests share.

use super::*;
use crate::search::Query;
use crate::timeline::bundled;

pub(super) fn top_ids(query: &str, n: usize) -> Vec<String> {
    let timeline = bundled().unwrap();
    let index = Index::new(timeline);
    let timeline = index.timeline();
    let compiled = index.compile(&Query::parse(query).unwrap());
    let all: Vec<EventId> = timeline.event_ids().collect();
    index
        .matches(&compiled, Candidates::Events(&all), n)
        .first
        .into_iter()
        .map(|event| timeline.event(event).id().to_string())
        .collect()
}

fn matching(timeline: &Timeline, query: &str) -> Vec<String> {
    let index = Index::new(timeline.clone());
    let compiled = index.compile(&Query::parse(query).unwrap());
    let all: Vec<EventId> = timeline.event_ids().collect();
    let mut ids: Vec<String> = index
        .search(&compiled, &all)
        .into_iter()
        .map(|hit| timeline.event(hit.event).id().to_string())
        .collect();
    ids.sort();
    ids
}

/// A lowercase ASCII timeline built from words over a small alphabet, so terms match often,
/// in every field and every way: pillars' names too, the events taking turns in two.
pub(super) fn small_timeline(events: &[[String; 5]], glossary: &[String]) -> Timeline {
    let glossary_ron: String = glossary
        .iter()
        .enumerate()
        .map(|(id, expansion)| format!("\"k{id}\": \"{expansion}\","))
        .collect();
    let events_ron: String = events
        .iter()
        .enumerate()
        .map(|(n, [title, summary, mechanism, place, acronym])| {
            let acronym = acronym.len() % glossary.len().max(1);
            let pillar = if n % 2 == 0 { "p" } else { "q" };
            let acronyms = if glossary.is_empty() {
                String::new()
            } else {
                format!("\"k{acronym}\"")
            };
            format!(
                "Event(id: \"e{n}\", date: \"2000\", title: \"{title}\", pillar: \"{pillar}\", \
                 summary: \"{summary}\", mechanisms: [\"{mechanism}\"], place: \"{place}\", \
                 acronyms: [{acronyms}]),"
            )
        })
        .collect();
    crate::timeline::load_str(
        "t.ron",
        &format!(
            "Timeline(title: \"t\", pillars: [Pillar(id: \"p\", name: \"ab\", color: \"red\"), \
             Pillar(id: \"q\", name: \"Cáb-a\", color: \"blue\")], \
             glossary: {{{glossary_ron}}}, events: [{events_ron}])"
        ),
    )
    .unwrap()
}

#[test]
fn an_event_named_by_the_query_passes_the_character_filter() {
    // The second event spells out QX's expansion without holding a `q` or an `x`.
    let timeline = crate::timeline::load_str(
        "t.ron",
        r#"Timeline(title: "t", pillars: [Pillar(id: "p", name: "P", color: "red")],
            glossary: {"QX": "Alpha Beta"},
            events: [
                Event(id: "listed", date: "2000", title: "QX talks", pillar: "p", acronyms: ["QX"]),
                Event(id: "spelled", date: "2001", title: "Alpha Beta meets", pillar: "p"),
                Event(id: "other", date: "2002", title: "Gamma", pillar: "p"),
            ])"#,
    )
    .unwrap();
    let index = Index::new(timeline);
    let timeline = index.timeline();
    let query = Query::parse("qx").unwrap();
    let compiled = index.compile(&query);
    assert_ne!(compiled.required, 0, "the query needs a q and an x");
    let hits = index.search(&compiled, &[0, 1, 2].map(EventId::at));
    let ids: Vec<&str> = hits
        .iter()
        .map(|hit| timeline.event(hit.event).id())
        .collect();
    assert_eq!(ids, ["listed", "spelled"]);
}

#[test]
fn expansions_are_found_spelled_out_in_ascii_and_non_ascii_events_alike() {
    // ASCII events are known so from the folded text's flags without being read; the others
    // (a dash, an accent, text elsewhere in the event) take the general path, which reads
    // through punctuation and accents alike.
    let timeline = crate::timeline::load_str(
        "t.ron",
        r#"Timeline(title: "t", pillars: [Pillar(id: "p", name: "P", color: "red")],
            glossary: {"JAIF": "Japan-ASEAN Integration Fund"},
            events: [
                Event(id: "ascii", date: "2000", title: "The japan asean integration fund", pillar: "p"),
                Event(id: "dash", date: "2001", title: "Japan–ASEAN Integration Fund grows", pillar: "p"),
                Event(id: "accent", date: "2002", title: "Jäpan ASEAN Integration Fund", pillar: "p"),
                Event(id: "place", date: "2003", title: "Japan ASEAN Integration Fund", pillar: "p", place: Some("Đà Nẵng")),
                Event(id: "other", date: "2004", title: "Japan ASEAN integration", pillar: "p"),
            ])"#,
    )
    .unwrap();
    let index = Index::new(timeline);
    let spelled: Vec<&str> = index
        .spelled_out(0)
        .iter()
        .map(|&event| index.timeline().event(event).id())
        .collect();
    assert_eq!(spelled, ["ascii", "dash", "accent", "place"]);
}

#[test]
fn exact_acronyms_rank_first() {
    let timeline = bundled().unwrap();
    let mut jaif_events: Vec<&str> = timeline
        .events
        .iter()
        .filter(|e| e.acronyms.iter().any(|a| &**a == "JAIF"))
        .map(|e| e.id())
        .collect();
    assert!(jaif_events.len() >= 2);
    jaif_events.sort();
    for query in ["JAIF", "jaif", " Jaif "] {
        let mut top = top_ids(query, jaif_events.len());
        top.sort();
        assert_eq!(top, jaif_events, "{query}");
    }
    let ajcep = top_ids("AJCEP", 5);
    assert!(ajcep.iter().all(|id| id.contains("ajcep")), "{ajcep:?}");
}

#[test]
fn anchored_exclusions_read_the_title_as_fzf_reads_its_line() {
    let timeline = bundled().unwrap();
    let titles_not_starting = timeline
        .events
        .iter()
        .filter(|e| !e.title().to_lowercase().starts_with("asean"))
        .count();
    assert_eq!(titles_not_starting, 61);
    assert_eq!(matching(&timeline, "!^asean").len(), 61);
    let summit_last = timeline
        .events
        .iter()
        .filter(|e| e.title().to_lowercase().ends_with("summit"))
        .count();
    assert_eq!(
        matching(&timeline, "!summit$").len(),
        timeline.events.len() - summit_last
    );
    // Unanchored exclusions still read every field: `!jaif` drops events listing JAIF.
    assert!(
        !matching(&timeline, "!jaif").contains(&"jmt-established".to_string()),
        "listed as JAIF"
    );
}

#[test]
fn a_quoted_exclusion_drops_fuzzy_matches() {
    let timeline = small_timeline(
        &[
            ["abc".into(), "".into(), "x".into(), "x".into(), "".into()],
            ["a b c".into(), "".into(), "x".into(), "x".into(), "".into()],
            ["cab".into(), "".into(), "x".into(), "x".into(), "".into()],
        ],
        &[],
    );
    assert_eq!(matching(&timeline, "!abc"), ["e1", "e2"]);
    assert_eq!(matching(&timeline, "!'abc"), ["e2"]);
}

#[test]
fn places_and_expansions_are_searched() {
    assert_eq!(top_ids("Bagan", 1), ["defence-ministers-informal-2014"]);
    let fund = top_ids("Integration Fund", 3);
    assert!(fund.contains(&"jaif-established".to_string()), "{fund:?}");
}

/// The ASEAN-only meetings and the ASEAN and Japan ones, each event listing the form its source
/// uses, as the source names them.
fn plus_japan_timeline() -> Timeline {
    crate::timeline::load_str(
        "t.ron",
        r#"Timeline(title: "t", pillars: [Pillar(id: "p", name: "P", color: "red")],
            glossary: {
                "TELMIN": "ASEAN Telecommunications and IT Ministers Meeting",
                "TELMIN+Japan": "ASEAN and Japan Telecommunications and IT Ministers Meeting (TELMIN+Japan)",
                "ASOD": "ASEAN Senior Officials on Drug Matters",
                "ASOD + Japan": "ASEAN Senior Officials on Drug Matters and Japan",
                "SOMTC": "Senior Officials Meeting on Transnational Crime",
                "SOMTC + Japan Consultation": "SOMTC + Japan Consultation",
                "ASEAN": "",
                "ASEAN+1": "ASEAN plus one partner",
            },
            events: [
                Event(id: "telmin", date: "2019", title: "19th ASEAN TELMIN", pillar: "p",
                    acronyms: ["TELMIN"]),
                Event(id: "telmin-japan", date: "2020", title: "Digital ministers meet", pillar: "p",
                    acronyms: ["TELMIN+Japan"]),
                Event(id: "asod", date: "2015", title: "Drug officials meet", pillar: "p",
                    acronyms: ["ASOD"]),
                Event(id: "asod-japan", date: "2016", title: "Drug officials meet Japan", pillar: "p",
                    acronyms: ["ASOD + Japan"]),
                Event(id: "somtc", date: "2017", title: "Crime officials meet", pillar: "p",
                    acronyms: ["SOMTC"]),
                Event(id: "somtc-japan", date: "2018", title: "Crime consultation", pillar: "p",
                    acronyms: ["SOMTC + Japan Consultation"]),
                Event(id: "other", date: "2021", title: "Japan and ASEAN meet", pillar: "p"),
                Event(id: "asean", date: "2022", title: "Leaders meet", pillar: "p",
                    acronyms: ["ASEAN"]),
                Event(id: "asean-plus-one", date: "2023", title: "Partners meet", pillar: "p",
                    acronyms: ["ASEAN+1"]),
            ])"#,
    )
    .unwrap()
}

/// The ids `query` finds in `timeline`, best first, each with whether it is loose.
fn ranked(timeline: &Timeline, query: &str) -> Vec<(String, bool)> {
    let index = Index::new(timeline.clone());
    let compiled = index.compile(&Query::parse(query).unwrap());
    let all: Vec<EventId> = timeline.event_ids().collect();
    let hits = index.search(&compiled, &all);
    hits.iter()
        .map(|hit| {
            let id = timeline.event(hit.event).id().to_string();
            (id, index.is_loose(&compiled, hit.event))
        })
        .collect()
}

#[test]
fn either_plus_japan_form_finds_both_the_written_form_first() {
    let timeline = plus_japan_timeline();
    // The two forms first, written out (other events may follow, loosely matched).
    let finds = |query: &str, first: &str, second: &str| {
        let found = ranked(&timeline, query);
        let expected = [(first.to_string(), false), (second.to_string(), false)];
        assert_eq!(found.get(..2), Some(&expected[..]), "{query}: {found:?}");
        assert!(
            found[2..].iter().all(|(_, loose)| *loose),
            "{query}: {found:?}"
        );
    };
    for query in ["TELMIN", "telmin"] {
        finds(query, "telmin", "telmin-japan");
    }
    for query in [
        "TELMIN+Japan",
        "telmin+japan",
        "telmin + japan",
        "TELMIN + Japan",
    ] {
        finds(query, "telmin-japan", "telmin");
    }
    for query in ["ASOD + Japan", "asod+japan", "asod + japan"] {
        finds(query, "asod-japan", "asod");
    }
    finds("asod", "asod", "asod-japan");
    for query in ["SOMTC + Japan Consultation", "somtc+japan consultation"] {
        finds(query, "somtc-japan", "somtc");
    }
    finds("somtc", "somtc", "somtc-japan");
    // Only "+ Japan" forms are meetings of the bare acronym's.
    let plus_one = ranked(&timeline, "ASEAN+1");
    assert_eq!(plus_one, [("asean-plus-one".to_string(), false)]);
}

#[test]
fn a_plus_japan_form_is_found_again_as_its_name_is_typed_onto_a_narrowed_search() {
    let index = Index::new(plus_japan_timeline());
    let timeline = index.timeline();
    let all: Vec<EventId> = timeline.event_ids().collect();
    // As the explorer narrows: among the previous hits and the events the new query names.
    let typed = "telmin+japan";
    let first = index.compile(&Query::parse(&typed[..1]).unwrap());
    let mut previous = index.matches(&first, Candidates::Events(&all), 10).hits;
    for end in 2..=typed.len() {
        let compiled = index.compile(&Query::parse(&typed[..end]).unwrap());
        let candidates = Candidates::Narrow {
            previous: &previous,
            named: compiled.named_events(),
        };
        previous = index.matches(&compiled, candidates, 10).hits;
    }
    let ids: Vec<&str> = previous.events().map(|e| timeline.event(e).id()).collect();
    assert_eq!(ids, ["telmin", "telmin-japan"]);
}

#[test]
fn a_pillars_name_finds_its_events_below_those_that_write_the_term() {
    let timeline = crate::timeline::load_str(
        "t.ron",
        r#"Timeline(title: "t", pillars: [
                Pillar(id: "famous", name: "名人", color: "red"),
                Pillar(id: "economic", name: "Economic", color: "green"),
                Pillar(id: "other", name: "Other", color: "blue")],
            events: [
                Event(id: "confucius", date: "1500", title: "孔子", pillar: "famous"),
                Event(id: "crisis", date: "2008", title: "Crisis", pillar: "economic"),
                Event(id: "titled", date: "2009", title: "Economic plan", pillar: "other"),
                Event(id: "summary", date: "2010", title: "Talks", pillar: "other",
                      summary: "economic matters"),
                Event(id: "about", date: "2011", title: "名人 list", pillar: "other"),
            ])"#,
    )
    .unwrap();
    let index = Index::new(timeline);
    let ranked = |query: &str| {
        let compiled = index.compile(&Query::parse(query).unwrap());
        let all: Vec<EventId> = index.timeline().event_ids().collect();
        let hits = index.search(&compiled, &all);
        let id = |hit: &Hit| index.timeline().event(hit.event).id().to_string();
        hits.iter().map(id).collect::<Vec<_>>()
    };
    assert_eq!(ranked("名人"), ["about", "confucius"]);
    assert_eq!(ranked("economic"), ["titled", "crisis", "summary"]);
    assert_eq!(ranked("'econ"), ["titled", "crisis", "summary"]);
    assert_eq!(ranked("^econ"), ["titled", "crisis", "summary"]);
    assert_eq!(
        ranked("economic$"),
        ["crisis"],
        "the pillar's name, whole, ends so"
    );
    assert_eq!(ranked("crisis economic"), ["crisis"]);
}
