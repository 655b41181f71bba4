//! The bundled ASEAN–Japan dataset: valid, complete where the issue pins it down, and faithful to
//! the source document (`../shared/seed/asean-japan-csp-overview.md`) wherever that is present.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use ajtl::timeline::{Event, Name, Precision, Timeline, bundled};

fn dataset() -> Timeline {
    bundled().unwrap_or_else(|error| panic!("the bundled dataset must load:\n{error}"))
}

fn event<'a>(timeline: &'a Timeline, id: &str) -> &'a Event {
    timeline
        .events
        .iter()
        .find(|e| e.id() == id)
        .unwrap_or_else(|| panic!("no event {id:?}"))
}

#[test]
fn loads_with_zero_problems_and_spans_the_documents_years() {
    let timeline = dataset();
    // The dated events reach from 1973 to the end of the Sendai Framework (2015-2030, ¶27).
    assert_eq!(timeline.year_span(), Some((1973, 2030)));
    // 56 dated facts before issue 17, plus six periods the document names (¶3, ¶5, ¶27 twice,
    // ¶31, ¶32); 22 undated entries, one per distinct undated subject.
    assert_eq!(timeline.dated_count(), 62);
    assert_eq!(timeline.undated_count(), 22);
    let dated = timeline.dated();
    assert_eq!(dated[0].when().to_string(), "1973");
    assert_eq!(dated.last().unwrap().when().to_string(), "December 2023");
}

#[test]
fn every_paragraph_has_an_entry_and_the_undated_ones_follow_in_paragraph_order() {
    let timeline = dataset();
    let cited: BTreeSet<u32> = timeline.events.iter().filter_map(|e| e.source).collect();
    let missing: Vec<u32> = (1..=39).filter(|n| !cited.contains(n)).collect();
    assert!(
        missing.is_empty(),
        "paragraphs without an entry: {missing:?}"
    );
    let undated: Vec<u32> = timeline.events[timeline.dated_count()..]
        .iter()
        .map(|e| e.source.unwrap())
        .collect();
    assert!(undated.is_sorted(), "{undated:?}");
}

#[test]
fn pillars_come_in_the_documents_order() {
    let ids: Vec<String> = dataset().pillars.into_iter().map(|p| p.id).collect();
    assert_eq!(
        ids,
        [
            "milestones",
            "political-security",
            "economic",
            "socio-cultural",
            "connectivity",
            "development"
        ]
    );
}

#[test]
fn holds_jaif_and_ajcep_with_the_documents_dates() {
    let timeline = dataset();
    let jaif = event(&timeline, "jaif-established");
    assert_eq!(jaif.when().to_string(), "March 2006");
    assert_eq!(jaif.date.as_ref().unwrap().precision(), Precision::Month);
    assert_eq!(*jaif.acronyms, [ajtl::timeline::Name::from("JAIF")]);
    assert_eq!(jaif.source, Some(37));

    let signed = event(&timeline, "ajcep-signed");
    assert_eq!(signed.when().to_string(), "14 April 2008");
    let in_force = event(&timeline, "ajcep-in-force");
    assert_eq!(in_force.when().to_string(), "1 December 2008");
    // Paragraph 17 alone gives five dated AJCEP facts.
    let paragraph_17 = timeline
        .events
        .iter()
        .filter(|e| e.source == Some(17))
        .map(|e| e.date.as_ref().unwrap().edtf().to_string())
        .collect::<Vec<_>>();
    assert_eq!(
        paragraph_17,
        ["2008-04-14", "2008-12-01", "2016", "2019", "2022-02-01"]
    );
}

#[test]
fn keeps_the_documents_precision_for_key_events() {
    let timeline = dataset();
    let dates: HashMap<&str, String> = timeline
        .events
        .iter()
        .map(|e| (e.id(), e.when().to_string()))
        .collect();
    for (id, shown) in [
        ("informal-dialogue-1973", "1973"),
        ("forum-1977", "March 1977"),
        ("mission-to-asean", "26 May 2011"),
        ("law-justice-meetings-2023", "5–7 July 2023"),
        ("ajin-launched", "6–9 April 2017"),
        ("csp-established", "6 September 2023"),
        ("commemorative-summit-2023", "December 2023"),
    ] {
        assert_eq!(dates.get(id).map(String::as_str), Some(shown), "{id}");
    }
}

#[test]
fn the_periods_the_document_names_are_intervals_of_its_precision() {
    let timeline = dataset();
    for (id, edtf) in [
        ("tokyo-declaration-roadmap", "2003-12/2010"),
        ("plan-of-action-2011-2015", "2011/2015"),
        ("sendai-framework-2015-2030", "2015/2030"),
        ("aadmer-work-programme-2021-2025", "2021/2025"),
        ("sports-work-plan-2021-2025", "2021/2025"),
        ("culture-work-plan-2022-2025", "2022/2025"),
    ] {
        let date = event(&timeline, id).date.as_ref();
        let written = date.map(|d| d.edtf().to_string());
        assert_eq!(written.as_deref(), Some(edtf), "{id}");
    }
}

#[test]
fn every_event_cites_a_paragraph_and_has_a_summary() {
    for event in dataset().events {
        let paragraph = event
            .source
            .unwrap_or_else(|| panic!("{} has no source", event.id()));
        assert!(
            (1..=39).contains(&paragraph),
            "{}: ¶{paragraph}",
            event.id()
        );
        assert!(
            !event.summary().trim().is_empty(),
            "{} has no summary",
            event.id()
        );
    }
}

#[test]
fn the_glossary_holds_the_documents_acronyms() {
    let timeline = dataset();
    for acronym in [
        "TAC",
        "EPG",
        "CSP",
        "AOIP",
        "ARF",
        "APT",
        "EAS",
        "ADMM-Plus",
        "EAMF",
        "HADR",
        "AMMTC",
        "SOMTC",
        "AJCT",
        "AJCC",
        "ASOD",
        "AJCEP",
        "MNP",
        "FDI",
        "AEM",
        "METI",
        "AEM-METI",
        "AMEICC",
        "ACCMSME",
        "AJIN",
        "MOC",
        "SOME",
        "ATM",
        "AJ-ASA",
        "TELMIN",
        "ADGMIN",
        "ADM2025",
        "AJC",
        "JENESYS",
        "UHC",
        "AADMER",
        "AHA Centre",
        "ACPHEED",
        "AJCCST",
        "ACCC",
        "MPAC",
        "ASCN",
        "SCAPs",
        "JASCA",
        "Smart JAMP",
        "IAI",
        "JAIF",
        "JMT",
        "TCA",
    ] {
        assert!(timeline.glossary.contains_key(acronym), "{acronym} missing");
    }
    assert_eq!(
        timeline.expansion("JAIF"),
        Some("Japan-ASEAN Integration Fund")
    );
    // JENESYS has no date in the document: only undated entries list it.
    let jenesys: Vec<&Event> = timeline
        .events
        .iter()
        .filter(|e| e.acronyms.iter().any(|a| &**a == "JENESYS"))
        .collect();
    assert!(!jenesys.is_empty());
    assert!(jenesys.iter().all(|e| e.date.is_none()));
}

#[test]
fn the_plus_japan_forms_are_glossary_entries_of_their_own() {
    let timeline = dataset();
    // (the form as the document writes it, its expansion there, the bare acronym's own)
    for (form, expansion, bare, bare_expansion) in [
        (
            "AMMTC+Japan",
            Some("ASEAN Plus Japan Ministerial Meeting on Transnational Crime"),
            "AMMTC",
            None,
        ),
        (
            "SOMTC + Japan Consultation",
            Some("ASEAN Senior Officials Meeting on Transnational Crime + Japan Consultation"),
            "SOMTC",
            Some("ASEAN Senior Officials Meeting on Transnational Crime"),
        ),
        (
            "ASOD + Japan",
            Some("ASEAN Plus Japan Senior Officials Meetings on Drug Matters"),
            "ASOD",
            None,
        ),
        (
            "ATM+Japan",
            Some("ASEAN and Japan Transport Ministers' Meeting"),
            "ATM",
            None,
        ),
        (
            "TELMIN+Japan",
            Some("ASEAN and Japan Telecommunications and IT Ministers Meeting"),
            "TELMIN",
            None,
        ),
        (
            "ADGMIN+Japan",
            None,
            "ADGMIN",
            Some("ASEAN Digital Ministers' Meeting"),
        ),
    ] {
        assert!(timeline.glossary.contains_key(form), "{form} missing");
        assert_eq!(timeline.expansion(form), expansion, "{form}");
        assert!(timeline.glossary.contains_key(bare), "{bare} missing");
        assert_eq!(timeline.expansion(bare), bare_expansion, "{bare}");
    }
    // Each event lists the form its paragraph uses: the 19th ASEAN TELMIN was ASEAN's own.
    for (id, form) in [
        ("telmin-renamed-adgmin", "TELMIN"),
        ("telmin-japan-ict-cooperation", "TELMIN+Japan"),
        ("adgmin-japan-first", "ADGMIN+Japan"),
        ("atm-japan-begins", "ATM+Japan"),
        ("ammtc-japan-first", "AMMTC+Japan"),
        ("asod-japan-begins", "ASOD + Japan"),
        ("somtc-japan-established", "SOMTC + Japan Consultation"),
        ("ajct-dialogue-established", "SOMTC + Japan Consultation"),
    ] {
        let acronyms = &event(&timeline, id).acronyms;
        assert!(acronyms.iter().any(|a| &**a == form), "{id}: {acronyms:?}");
    }
    let renamed = &event(&timeline, "telmin-renamed-adgmin").acronyms;
    assert!(!renamed.iter().any(|a| &**a == "TELMIN+Japan"));
}

/// The numbered paragraphs of the source document: paragraph N runs from the line starting `N. `
/// to the next numbered line, across page breaks. A footnote (`<sup>2</sup> ASEAN data for 2022`)
/// belongs to the paragraph that carries its marker, wherever the page break put it.
fn paragraphs(document: &str) -> HashMap<u32, String> {
    let mut paragraphs: HashMap<u32, String> = HashMap::new();
    let mut footnotes = Vec::new();
    let mut current = None;
    for line in document.lines() {
        if let Some(marker) = footnote_marker(line) {
            footnotes.push((marker, line));
            continue;
        }
        let number = line
            .split_once(". ")
            .and_then(|(head, _)| head.trim().parse::<u32>().ok());
        if number.is_some() {
            current = number;
        }
        if let Some(n) = current {
            let text = paragraphs.entry(n).or_default();
            text.push_str(line);
            text.push('\n');
        }
    }
    for (marker, line) in footnotes {
        let mut citing = paragraphs
            .values_mut()
            .filter(|text| text.contains(&marker));
        let text = citing
            .next()
            .unwrap_or_else(|| panic!("no paragraph cites {line}"));
        assert!(citing.next().is_none(), "two paragraphs cite {marker}");
        text.push_str(line);
        text.push('\n');
    }
    paragraphs
}

/// `<sup>2</sup>` for a footnote line `<sup>2</sup> ASEAN data for 2022`; ordinals such as
/// `12<sup>th</sup>` never start a line.
fn footnote_marker(line: &str) -> Option<String> {
    let number = line.strip_prefix("<sup>")?.split_once("</sup>")?.0;
    number
        .parse::<u32>()
        .ok()
        .map(|_| format!("<sup>{number}</sup>"))
}

fn source_document() -> Option<String> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/asean-japan-csp-overview.md");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            eprintln!("{} is absent: source checks skipped", path.display());
            None
        }
    }
}

#[test]
fn every_event_year_and_place_appear_in_its_source_paragraph() {
    let Some(document) = source_document() else {
        return;
    };
    let paragraphs = paragraphs(&document);
    assert_eq!(paragraphs.len(), 39);
    for event in dataset().events {
        let text = &paragraphs[&event.source.unwrap()];
        let years = event
            .date
            .iter()
            .flat_map(|date| [date.start().year(), date.end().year()]);
        for year in years {
            assert!(
                text.contains(&year.to_string()),
                "{}: {year} is not in ¶{}",
                event.id(),
                event.source.unwrap()
            );
        }
        if let Some(place) = &event.place() {
            let first = place.split(", ").next().unwrap();
            assert!(
                text.contains(first),
                "{}: {place} is not in its paragraph",
                event.id()
            );
        }
    }
}

#[test]
fn every_number_in_a_summary_comes_from_its_paragraph() {
    let Some(document) = source_document() else {
        return;
    };
    let paragraphs = paragraphs(&document);
    for event in dataset().events {
        let text = &paragraphs[&event.source.unwrap()];
        let numbers = event
            .summary()
            .split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .map(|n| n.trim_matches('.'))
            .filter(|n| !n.is_empty());
        for number in numbers {
            assert!(
                text.contains(number),
                "{}: {number} is not in ¶{}",
                event.id(),
                event.source.unwrap()
            );
        }
    }
}

#[test]
fn every_acronym_in_the_glossary_is_spelled_as_in_the_document() {
    let Some(document) = source_document() else {
        return;
    };
    for acronym in dataset().glossary.keys() {
        assert!(
            document.contains(acronym.as_str()),
            "{acronym} is not in the document"
        );
    }
}

/// Whether `word` occurs in `text` as a whole term: `ATM` in `(ATM+Japan)`, never `EAS` in
/// `EASt`.
fn has_term(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The ways a paragraph may name a mechanism besides word for word: without the acronym the
/// document puts in brackets (`ASEAN-Japan Counter-Terrorism (AJCT) Dialogue`), with the acronym
/// instead of the words it stands for (`ASEAN Agreement on Disaster Management and Emergency
/// Response (AADMER) Work Programme`), or with an acronym the entry lists written out
/// (`ASEAN-Japan CSP`).
fn readings(text: &str, glossary: &BTreeMap<String, String>, acronyms: &[Name]) -> Vec<String> {
    let mut unbracketed = text.to_string();
    let mut abbreviated = text.to_string();
    for (key, expansion) in glossary {
        unbracketed = unbracketed.replace(&format!(" ({key})"), "");
        if !expansion.is_empty() {
            abbreviated = abbreviated.replace(&format!("{expansion} ({key})"), key);
        }
    }
    let mut expanded = unbracketed.clone();
    for acronym in acronyms {
        if let Some(expansion) = glossary.get(&**acronym).filter(|e| !e.is_empty()) {
            expanded = expanded.replace(&**acronym, expansion);
        }
    }
    vec![text.to_string(), unbracketed, abbreviated, expanded]
}

/// Mechanisms an event names as the rest of the dataset spells them, where its own paragraph
/// shortens the name: (event id, mechanism, where the document gives the full name).
const SHORTENED: &[(&str, &str, &str)] = &[(
    "commemorative-summit-2013",
    "ASEAN-Japan Commemorative Summit",
    "¶6 writes \"the Commemorative Summit in December 2013\"; ¶31 names it in full",
)];

#[test]
fn every_acronym_and_mechanism_of_an_entry_is_in_its_paragraph() {
    let Some(document) = source_document() else {
        return;
    };
    let paragraphs = paragraphs(&document);
    let timeline = dataset();
    let mut problems = Vec::new();
    for event in &timeline.events {
        let paragraph = event.source.unwrap();
        let text = &paragraphs[&paragraph];
        for acronym in &event.acronyms {
            // The paragraph may spell the acronym out only (¶36's Initiative for ASEAN Integration).
            let spelled = timeline
                .expansion(acronym)
                .is_some_and(|e| text.contains(e));
            if !has_term(text, acronym) && !spelled {
                problems.push(format!(
                    "{}: acronym {acronym} is not in ¶{paragraph}",
                    event.id()
                ));
            }
        }
        let readings = readings(text, &timeline.glossary, &event.acronyms);
        for mechanism in &event.mechanisms {
            let shortened = SHORTENED
                .iter()
                .any(|&(id, name, _)| (id, name) == (event.id(), &**mechanism));
            if !shortened
                && !readings
                    .iter()
                    .any(|reading| reading.contains(&**mechanism))
            {
                problems.push(format!(
                    "{}: mechanism {mechanism} is not in ¶{paragraph}",
                    event.id()
                ));
            }
        }
    }
    for &(id, mechanism, reason) in SHORTENED {
        assert!(!reason.is_empty());
        let named = &event(&timeline, id).mechanisms;
        assert!(named.iter().any(|m| &**m == mechanism), "SHORTENED: {id}");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The years written in the source that are deliberately not in any event's date, with why:
/// (paragraph, year, reason). Every other year of a paragraph lies within the date of an event
/// citing that paragraph.
const NOT_EVENTS: &[(u32, i64, &str)] = &[
    (
        6,
        2015,
        "\"beyond 2015\": the horizon of the ASEAN Community-building the 2013 Vision Statement supports; nothing happens in 2015",
    ),
    (
        6,
        2025,
        "in the names \"ASEAN Vision 2025\" and \"Master Plan on ASEAN Connectivity 2025\": a plan's target year, not a date of anything",
    ),
    (
        16,
        2022,
        "footnote 2: Japan's ranks among ASEAN's partners rest on ASEAN data for 2022; the year of a statistic, not an event",
    ),
    (
        18,
        2025,
        "in the names \"ASEAN Community Vision 2025\" and \"AEC Blueprint 2025\": a plan's target year, not a date of anything",
    ),
    (
        23,
        2025,
        "in the name \"ASEAN Digital Masterplan 2025 (ADM2025)\": a plan's target year, not a date of anything",
    ),
    (
        26,
        2030,
        "\"by 2030\": the year by which the ASEAN-Japan UHC Initiative aims at sustainable UHC; a goal, not an event",
    ),
    (
        33,
        2025,
        "in the name \"Master Plan on ASEAN Connectivity (MPAC) 2025\": a plan's target year, not a date of anything",
    ),
];

/// The years (1900–2099) written in `text`: `2015-2030` gives both ends, `ADM2025` its 2025.
fn years(text: &str) -> BTreeSet<i64> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|digits| digits.len() == 4)
        .filter_map(|digits| digits.parse().ok())
        .filter(|year| (1900..=2099).contains(year))
        .collect()
}

#[test]
fn every_year_in_the_document_is_in_an_event_date_or_listed_with_its_reason() {
    let Some(document) = source_document() else {
        return;
    };
    let paragraphs = paragraphs(&document);
    let timeline = dataset();
    let mut problems = Vec::new();
    for (&paragraph, text) in &paragraphs {
        for year in years(text) {
            let dated = timeline
                .events
                .iter()
                .filter(|e| e.source == Some(paragraph))
                .filter_map(|e| e.date.as_ref())
                .any(|date| (date.start().year()..=date.end().year()).contains(&year));
            let listed = NOT_EVENTS
                .iter()
                .any(|&(p, y, _)| (p, y) == (paragraph, year));
            match (dated, listed) {
                (true, true) => problems.push(format!(
                    "¶{paragraph} {year} is an event's date: drop it from NOT_EVENTS"
                )),
                (false, false) => problems.push(format!(
                    "¶{paragraph} {year} is in no event's date: make it an event or list it in NOT_EVENTS"
                )),
                _ => {}
            }
        }
    }
    for &(paragraph, year, reason) in NOT_EVENTS {
        assert!(!reason.is_empty());
        if !paragraphs
            .get(&paragraph)
            .is_some_and(|text| years(text).contains(&year))
        {
            problems.push(format!("NOT_EVENTS: ¶{paragraph} does not write {year}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
