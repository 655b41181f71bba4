//! The loader refuses every bad file with a message that names the file, the place and the field,
//! reports all problems at once, and never panics.

use ajtl::timeline::{LoadError, Timeline, load_bytes, load_str};
use proptest::prelude::*;

const FILE: &str = "my.ron";

/// A valid timeline with two pillars, a glossary, and the given events spliced in.
fn with_events(events: &str) -> String {
    format!(
        r#"Timeline(
    title: "Test",
    pillars: [
        Pillar(id: "milestones", name: "Milestones", color: "yellow"),
        Pillar(id: "economic", name: "Economic", color: "green"),
    ],
    glossary: {{ "JAIF": "Japan-ASEAN Integration Fund", "AJCEP": "" }},
    events: [
{events}
    ],
)"#
    )
}

fn event(id: &str, date: &str, pillar: &str) -> String {
    format!(
        r#"        Event(id: "{id}", date: "{date}", title: "Title of {id}", pillar: "{pillar}"),"#
    )
}

fn load(text: &str) -> Result<Timeline, LoadError> {
    load_str(FILE, text)
}

/// Every problem line of a file that must fail.
fn problems(text: &str) -> Vec<String> {
    load(text)
        .expect_err("the file should be refused")
        .lines()
        .collect()
}

fn only_problem(text: &str) -> String {
    let lines = problems(text);
    assert_eq!(lines.len(), 1, "expected one problem, got {lines:#?}");
    lines.into_iter().next().unwrap()
}

#[test]
fn the_documented_example_loads() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/dataset-format.md"
    ))
    .unwrap();
    let start = doc.find("```ron\n").expect("a ron block") + "```ron\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let timeline = load_str("docs/dataset-format.md", &doc[start..end]).unwrap();
    assert_eq!(timeline.events.len(), 4);
    assert_eq!(timeline.events[0].id(), "jaif-established");
    assert_eq!(timeline.events[0].source, Some(37));
    assert_eq!(timeline.events[2].place(), Some("Tokyo"));
    assert_eq!(timeline.events[3].id(), "jaif-projects");
    assert_eq!(timeline.events[3].date, None);
    assert_eq!(timeline.expansion("PMC"), None);
    assert_eq!(
        ajtl::output::summary(&timeline),
        "3 events · 1 undated · 2 pillars · 3 acronyms · 2006–2023",
        "the summary the format guide shows"
    );
}

#[test]
fn a_valid_file_loads_in_timeline_order() {
    let text = with_events(
        &[
            event("late", "2008-12-01", "economic"),
            event("year", "2008", "milestones"),
            event("month", "2008-04", "milestones"),
            event("tie-first", "2008-04-14", "economic"),
            event("tie-second", "2008-04-14", "economic"),
        ]
        .join("\n"),
    );
    let timeline = load(&text).unwrap();
    let ids: Vec<&str> = timeline.events.iter().map(|e| e.id()).collect();
    assert_eq!(ids, ["year", "month", "tie-first", "tie-second", "late"]);
    assert_eq!(timeline.pillar_of(&timeline.events[1]).id, "milestones");
}

#[test]
fn syntax_errors_name_line_and_column() {
    let text =
        with_events(r#"        Event(id: "a", date: "2000", title: "x" pillar: "economic"),"#);
    let line = only_problem(&text);
    assert!(line.starts_with("my.ron:9:49: "), "{line}");
}

#[test]
fn unknown_fields_are_refused_at_their_position() {
    let text =
        with_events(r#"        Event(id: "a", date: "2000", titel: "x", pillar: "economic"),"#);
    let line = only_problem(&text);
    assert!(line.starts_with("my.ron:9:38: "), "{line}");
    assert!(line.contains("`titel`"), "{line}");
}

#[test]
fn missing_required_fields_are_refused() {
    let text = with_events(r#"        Event(id: "a", date: "2000", pillar: "economic"),"#);
    let line = only_problem(&text);
    assert!(line.starts_with("my.ron:9:"), "{line}");
    assert!(line.contains("`title`"), "{line}");
}

#[test]
fn bad_dates_name_the_event_field_and_value() {
    let line = only_problem(&with_events(&event("ajcep-signed", "2003-13", "economic")));
    assert_eq!(
        line,
        r#"my.ron: event #1 "ajcep-signed": date "2003-13": month must be 01-12"#
    );
    let line = only_problem(&with_events(&event("x", "2023-02-29", "economic")));
    assert_eq!(
        line,
        r#"my.ron: event #1 "x": date "2023-02-29": 2023-02 has no day 29"#
    );
}

#[test]
fn an_interval_ending_before_it_starts_is_refused() {
    let line = only_problem(&with_events(&event("x", "2010/2009", "economic")));
    assert_eq!(
        line,
        r#"my.ron: event #1 "x": date "2010/2009": interval ends (2009) before it starts (2010)"#
    );
}

#[test]
fn empty_required_strings_are_refused() {
    let text = with_events(r#"        Event(id: " ", date: "", title: "", pillar: ""),"#);
    assert_eq!(
        problems(&text),
        [
            r#"my.ron: event #1 " ": id: is empty"#,
            r#"my.ron: event #1 " ": title: is empty"#,
            r#"my.ron: event #1 " ": date "": is empty"#,
            r#"my.ron: event #1 " ": pillar: is empty"#,
        ]
    );
}

#[test]
fn unknown_pillars_suggest_the_closest() {
    let line = only_problem(&with_events(&event("x", "2000", "econ")));
    assert_eq!(
        line,
        r#"my.ron: event #1 "x": pillar "econ": is not one of the pillars [milestones, economic] (did you mean "economic"?)"#
    );
}

#[test]
fn duplicate_event_ids_name_both_events() {
    let text = with_events(
        &[
            event("same", "2000", "economic"),
            event("same", "2001", "economic"),
        ]
        .join("\n"),
    );
    assert_eq!(
        only_problem(&text),
        r#"my.ron: event #2 "same": id "same": is already used by event #1"#
    );
}

#[test]
fn duplicate_pillar_ids_are_refused() {
    let text = with_events("").replace(
        r#"Pillar(id: "economic", name: "Economic""#,
        r#"Pillar(id: "milestones", name: "Economic""#,
    );
    assert_eq!(
        only_problem(&text),
        r#"my.ron: pillar #2 "milestones": id "milestones": is already used by pillar #1"#
    );
}

#[test]
fn acronyms_must_be_glossary_keys() {
    let text = with_events(
        r#"        Event(id: "x", date: "2006-03", title: "t", pillar: "economic", acronyms: ["JAIF", "jaif", "XYZ"]),"#,
    );
    assert_eq!(
        problems(&text),
        [
            r#"my.ron: event #1 "x": acronym "jaif": is not in the glossary (did you mean "JAIF"?)"#,
            r#"my.ron: event #1 "x": acronym "XYZ": is not in the glossary"#,
        ]
    );
}

#[test]
fn glossary_keys_defined_twice_are_refused() {
    let text = with_events("").replace(r#""AJCEP": """#, r#""JAIF": "again""#);
    assert_eq!(
        only_problem(&text),
        r#"my.ron: glossary "JAIF": acronym: is defined more than once"#
    );
}

#[test]
fn bad_colours_are_refused() {
    let text = with_events("").replace(r##"color: "green""##, r##"color: "#12345""##);
    let line = only_problem(&text);
    assert!(
        line.starts_with(r##"my.ron: pillar #2 "economic": color "#12345": is not a colour"##),
        "{line}"
    );
}

#[test]
fn colour_names_and_hex_are_accepted() {
    let text = with_events("")
        .replace(r#"color: "green""#, r##"color: "#2E8B57""##)
        .replace(r#"color: "yellow""#, r#"color: "light-blue""#);
    assert!(load(&text).is_ok());
}

#[test]
fn non_utf8_files_name_the_position() {
    let mut bytes = b"Timeline(\n  title: \"caf".to_vec();
    bytes.push(0xe9); // Latin-1 é
    bytes.extend_from_slice(b"\")");
    let error = load_bytes(FILE, &bytes).unwrap_err();
    assert_eq!(
        error.to_string(),
        "my.ron:2:14: not valid UTF-8: timeline files must be UTF-8 text"
    );
}

#[test]
fn empty_files_are_refused() {
    for text in ["", "  \n\t\n"] {
        assert_eq!(
            only_problem(text),
            "my.ron: the file is empty; see docs/dataset-format.md for the format"
        );
    }
}

#[test]
fn every_problem_is_reported_at_once() {
    let text = with_events(
        &[
            event("a", "2003-13", "economic"),
            event("a", "2000", "nowhere"),
            event("c", "1999/1998", "economic"),
        ]
        .join("\n"),
    );
    let lines = problems(&text);
    assert_eq!(lines.len(), 4, "{lines:#?}");
    assert!(lines.iter().all(|line| line.starts_with("my.ron: event #")));
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!("Timeline(title: {}", "[".repeat(200_000));
    assert_eq!(problems(&deep).len(), 1);
    let deep_glossary = format!(
        "Timeline(title: \"t\", pillars: [], glossary: {{ \"a\": {} }})",
        "(".repeat(200_000)
    );
    assert_eq!(problems(&deep_glossary).len(), 1);
}

#[test]
fn control_and_bidi_characters_never_survive_loading() {
    let text = with_events(
        r#"        Event(id: "x", date: "2000", title: "a\u{1b}]52;c;ZXZpbA==\u{7}b\u{202e}c", summary: "line\nbreak\u{9b}", pillar: "economic", place: "\u{2066}Tokyo\u{2069}"),"#,
    );
    let timeline = load(&text).unwrap();
    let event = &timeline.events[0];
    assert_eq!(event.title(), "a␛]52;c;ZXZpbA==␇bc");
    // A summary keeps its line breaks (paragraphs), and nothing else that steers a terminal.
    assert_eq!(event.summary(), "line\nbreak\u{fffd}");
    assert_eq!(event.place(), Some("Tokyo"));
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let text = format!("\u{feff}{}", with_events(""));
    assert!(load(&text).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = load_bytes(FILE, &bytes);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,512}") {
        let _ = load(&text);
    }

    #[test]
    fn mutations_of_the_bundled_dataset_never_panic(
        position in 0.0f64..1.0,
        cut in 0usize..64,
        insert in proptest::collection::vec(any::<u8>(), 0..16),
    ) {
        let mut bytes = ajtl::timeline::load::BUNDLED.as_bytes().to_vec();
        let at = ((bytes.len() as f64) * position) as usize;
        let end = (at + cut).min(bytes.len());
        bytes.splice(at..end, insert);
        if let Ok(timeline) = load_bytes(FILE, &bytes) {
            // Whatever survives a mutation still keeps the loader's promises.
            // Dated events by date, then the undated ones.
            let in_order = |w: &[ajtl::timeline::Event]| match (&w[0].date, &w[1].date) {
                (Some(a), Some(b)) => a.timeline_cmp(b).is_le(),
                (Some(_) | None, None) => true,
                (None, Some(_)) => false,
            };
            prop_assert!(timeline.events.windows(2).all(in_order));
            prop_assert!(timeline.events.iter().all(|e| !e.id().trim().is_empty()));
        }
    }
}

#[test]
fn other_tools_files_are_read_by_content_rather_than_misparsed() {
    let problem = |text: &str| load_str("t", text).unwrap_err().to_string();
    let events = |text: &str| {
        load_str("t", text)
            .map(|t| t.events.len())
            .map_err(|e| e.to_string())
    };
    assert_eq!(
        events(r#"{"title": {"text": {"headline": "x"}}, "events": []}"#),
        Ok(0)
    );
    assert_eq!(
        problem("[]"),
        "t: looks like JSON, but has no \"events\" array: not a TimelineJS timeline"
    );
    assert_eq!(events("<?xml version=\"1.0\"?>\n<timeline/>"), Ok(0));
    assert_eq!(events("Year,Month,Day,Time,Headline\n2001,,,,A\n"), Ok(1));
    // The data format's own openings, commas and all, are parsed as ever.
    for text in [
        "/* a, b, c */ Timeline(title: \"t\", pillars: [])",
        "// a, b, c\nTimeline(title: \"t\", pillars: [])",
        "#![enable(implicit_some)]\nTimeline(title: \"t\", pillars: [])",
    ] {
        assert!(load_str("t", text).is_ok(), "{text}: {}", problem(text));
    }
}
