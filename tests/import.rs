//! Other tools' timelines read with `--data`: TimelineJS3's own published templates and examples
//! (JSON and the spreadsheet CSV), and a Timeline desktop app `.timeline` file written after the
//! format. Each loads with every event its source holds (counted here independently of the
//! importers), its dates, times and BCE years intact, and what cannot be carried is counted.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use ajtl::timeline::{Event, Loaded, Timeline, load_file, load_str};
use assert_cmd::Command;
use ratatui::style::Color;
use serde_json::Value;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

fn load(path: &str) -> Loaded {
    load_file(&fixture(path)).unwrap_or_else(|error| panic!("{path}:\n{error}"))
}

fn event<'a>(timeline: &'a Timeline, title: &str) -> &'a Event {
    let found = timeline.events.iter().find(|event| event.title() == title);
    found.unwrap_or_else(|| panic!("no event {title:?}"))
}

fn date(event: &Event) -> String {
    event
        .date
        .as_ref()
        .map(|d| d.edtf().to_string())
        .unwrap_or_default()
}

/// The TimelineJS3 timelines committed as fixtures (see tests/fixtures/timelinejs/README.md).
const TIMELINEJS_JSON: [&str; 12] = [
    "timelinejs/src/template/all-media-types.json",
    "timelinejs/src/template/cosmo.json",
    "timelinejs/src/template/cosmo-mixed.json",
    "timelinejs/src/template/eras.json",
    "timelinejs/contrib/women_in_computing.json",
    "timelinejs/website/examples/timeline3.json",
    "timelinejs/website/examples/houston/timeline3.json",
    "timelinejs/website/examples/mediatypes/timeline3.json",
    "timelinejs/website/examples/republican/timeline3.json",
    "timelinejs/website/examples/shit-people-say/timeline3.json",
    "timelinejs/website/examples/soundcite/timeline3.json",
    "timelinejs/website/examples/twain/marktwain.json",
];

const TIMELINEJS_CSV: [&str; 2] = [
    "timelinejs/src/template/my-own-timeline.csv",
    "timelinejs/contrib/women_in_computing.csv",
];

const TIMELINE_APP: &str = "timeline-app/apollo11.timeline";

#[test]
fn every_timelinejs_json_fixture_loads_with_every_event() {
    for path in TIMELINEJS_JSON {
        let source: Value =
            serde_json::from_str(&std::fs::read_to_string(fixture(path)).unwrap()).unwrap();
        let events = source["events"].as_array().map_or(0, Vec::len);
        let eras = source["eras"].as_array().map_or(0, Vec::len);
        let loaded = load(path);
        assert_eq!(loaded.timeline.events.len(), events, "{path}");
        assert_eq!(loaded.timeline.eras.len(), eras, "{path}");
        assert!(!loaded.timeline.title.trim().is_empty(), "{path}");
    }
}

#[test]
fn every_spreadsheet_fixture_loads_with_every_event_row() {
    for path in TIMELINEJS_CSV {
        let mut reader = csv::Reader::from_path(fixture(path)).unwrap();
        let headers = reader.headers().unwrap().clone();
        let type_column = headers.iter().position(|h| h == "Type").unwrap();
        let events = reader
            .records()
            .filter(|row| {
                let kind = row.as_ref().unwrap().get(type_column).unwrap_or_default();
                !matches!(kind, "title" | "era")
            })
            .count();
        let loaded = load(path);
        assert_eq!(loaded.timeline.events.len(), events, "{path}");
        // The title row gives the title, and is no event.
        let title = if path.contains("women") {
            "Women in Computing"
        } else {
            "MY OWN CSV"
        };
        assert_eq!(loaded.timeline.title, title, "{path}");
    }
}

#[test]
fn the_timeline_app_fixture_loads_with_every_event() {
    let text = std::fs::read_to_string(fixture(TIMELINE_APP)).unwrap();
    let events = text.matches("<event>").count();
    let loaded = load(TIMELINE_APP);
    assert_eq!(loaded.timeline.events.len(), events);
    assert_eq!(loaded.timeline.title, "apollo11");
}

#[test]
fn deep_time_and_bce_years_are_kept() {
    let cosmo = load("timelinejs/src/template/cosmo-mixed.json").timeline;
    assert_eq!(date(event(&cosmo, "The Big Bang")), "Y-13800000000");
    assert_eq!(date(event(&cosmo, "Homo sapiens Appear")), "Y-300000");
    assert_eq!(date(event(&cosmo, "First Manufactured Glass")), "-3500");
    assert_eq!(date(event(&cosmo, "Euclid's Optica")), "-0300");
    assert_eq!(
        date(event(&cosmo, "Apollo 11: Humans Walk on the Moon")),
        "1969-07-20"
    );
    // Ordered from the Big Bang on.
    assert_eq!(cosmo.events[0].title(), "The Big Bang");
    let cosmo = load("timelinejs/src/template/cosmo.json").timeline;
    assert_eq!(
        date(event(&cosmo, "Paleozoic era")),
        "Y-538800000/Y-251902000"
    );
}

#[test]
fn times_of_day_are_kept() {
    let twain = load("timelinejs/website/examples/twain/marktwain.json").timeline;
    assert_eq!(
        date(event(&twain, "Florida, Missouri")),
        "2000-01-05T06:45:56"
    );
    assert_eq!(
        date(event(&twain, "Hannibal, Missouri")),
        "1920-01-05T06:45:56/1923-01-05T06:45:56"
    );
    // A slide with only a year, its other parts blank strings.
    assert_eq!(date(event(&twain, "Get started!")), "2014");
    let apollo = load(TIMELINE_APP).timeline;
    assert_eq!(
        date(event(&apollo, "Kennedy asks Congress for the Moon")),
        "1961-05-25T12:30"
    );
    assert_eq!(
        date(event(&apollo, "Lunar orbit insertion")),
        "1969-07-19T17:21:50"
    );
    assert_eq!(
        date(event(&apollo, "Moonwalk")),
        "1969-07-21T02:39:33/1969-07-21T05:11:13"
    );
    // Midnight at both ends: whole days.
    assert_eq!(date(event(&apollo, "Apollo 11")), "1969-07-16/1969-07-24");
    assert_eq!(date(event(&apollo, "Fiftieth anniversary")), "2019-07-20");
    assert_eq!(
        date(event(
            &apollo,
            "Aristarchus measures the distance to the Moon"
        )),
        // The app's year -270 is what it shows as 271 BC.
        "-0271-01-01"
    );
}

#[test]
fn eras_days_and_spans_of_the_eras_template() {
    let eras = load("timelinejs/src/template/eras.json").timeline;
    let spans: Vec<(String, String)> = eras
        .eras
        .iter()
        .map(|era| (era.title.clone(), era.date.edtf().to_string()))
        .collect();
    assert_eq!(
        spans,
        [
            ("Era Test 600-650".to_string(), "0600/0650".to_string()),
            ("Era Test 650-700".to_string(), "0650/0700".to_string()),
            ("Era Test 700-720".to_string(), "0700/0720".to_string()),
        ]
    );
    let hijra = event(&eras, "Muhammad Migrates from Mecca to Medina");
    assert_eq!(date(hijra), "0622-08-09/0622-08-23");
    let apollo = load(TIMELINE_APP).timeline;
    let titles: Vec<&str> = apollo.eras.iter().map(|era| era.title.as_str()).collect();
    assert_eq!(titles, ["Space Race", "Apollo programme"]);
}

#[test]
fn links_and_media_are_carried() {
    let sheet = load("timelinejs/src/template/my-own-timeline.csv").timeline;
    let ada = event(&sheet, "Ada Lovelace");
    assert_eq!(
        ada.links(),
        [
            "https://en.wikipedia.org/wiki/Ada_Lovelace",
            "https://en.wikipedia.org/wiki/Analytical_Engine",
            "https://en.wikipedia.org/wiki/Ada_Lovelace#/media/File:Ada_Lovelace_portrait.jpg",
        ]
    );
    let media = ada.media().expect("a portrait");
    assert!(media.url.starts_with("https://upload.wikimedia.org/"));
    assert_eq!(media.caption, "Portrait by Alfred Edward Chalon");
    assert_eq!(media.credit, "Wikimedia Commons");
    assert!(
        ada.summary()
            .starts_with("Women have been programming since before it was a thing.")
    );
    // A quotation given as media is text, and joins the summary.
    let clarke = event(&sheet, "Edith Clarke: Bucking the Trend");
    assert!(clarke.media().is_none());
    assert!(
        clarke
            .summary()
            .contains("There is no demand for women engineers")
    );
    let apollo = load(TIMELINE_APP).timeline;
    let step = event(&apollo, "First step");
    assert_eq!(
        step.links(),
        ["https://www.hq.nasa.gov/alsj/a11/a11.step.html"]
    );
}

#[test]
fn groups_and_categories_become_pillars() {
    let media = load("timelinejs/src/template/all-media-types.json").timeline;
    let names: Vec<&str> = media.pillars.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["Video", "Social Media", "Audio", "Other", "HTML", "Image"]
    );
    assert_eq!(media.pillar_of(event(&media, "Bluesky")).id, "social-media");
    let apollo = load(TIMELINE_APP).timeline;
    let pillars: Vec<(&str, Color)> = apollo
        .pillars
        .iter()
        .map(|p| (p.name.as_str(), p.color))
        .collect();
    assert_eq!(
        pillars,
        [
            ("Background", Color::Rgb(160, 160, 160)),
            ("Mission", Color::Rgb(70, 130, 180)),
            ("Launch & flight", Color::Rgb(255, 140, 0)),
            ("Lunar surface", Color::Rgb(46, 139, 87)),
            ("Uncategorised", Color::LightBlue),
        ]
    );
    let landing = event(&apollo, "\"The Eagle has landed\"");
    assert_eq!(apollo.pillar_of(landing).name, "Lunar surface");
    assert_eq!(
        landing.summary(),
        "The lunar module Eagle touches down in the Sea of Tranquility with about 25 seconds of \
         fuel left before the abort limit.\nArmstrong: \"Houston, Tranquility Base here. The \
         Eagle has landed.\""
    );
    // A text that only looks like a container mark is kept whole.
    event(&apollo, "(Parade) New York ticker-tape welcome");
    event(&apollo, "(2) Apollo 12 lands in the Ocean of Storms");
}

#[test]
fn html_becomes_paragraphs_and_list_items() {
    let json = r#"{
        "title": {"text": {"headline": "Lists &amp; more", "text": "<p>One.</p><p>Two <a href=\"https://example.org/\">here</a>.</p>"}},
        "events": [{
            "start_date": {"year": 1999},
            "text": {"headline": "<b>Bold</b> news", "text": "<p>Intro:</p><ul><li>first</li><li>second</li></ul>"}
        }]
    }"#;
    let timeline = load_str("lists.json", json).unwrap();
    assert_eq!(timeline.title, "Lists & more");
    assert_eq!(timeline.description, "One.\n\nTwo here.");
    let news = &timeline.events[0];
    assert_eq!(news.title(), "Bold news");
    assert_eq!(news.summary(), "Intro:\n\n• first\n• second");
    assert_eq!(news.id(), "bold-news");
}

#[test]
fn the_ajtl_keys_carry_what_timelinejs_has_no_place_for() {
    let json = r##"{
        "title": {"text": {"headline": "T", "text": "<p>About.</p>"}},
        "events": [{
            "unique_id": "jaif", "start_date": {"year": 2006, "month": 3},
            "text": {"headline": "Fund", "text": "<p>Set up.</p>"}, "group": "Economic",
            "ajtl": {"pillar": "econ", "acronyms": ["JAIF"], "mechanisms": ["Fund"],
                     "place": "Tokyo", "source": 37, "links": ["https://example.org/jaif"]}
        }],
        "ajtl": {"version": 1, "source": "A report",
                 "pillars": [{"id": "econ", "name": "Economic", "color": "#2e8b57"}],
                 "glossary": {"JAIF": "Japan-ASEAN Integration Fund"},
                 "undated": [{"unique_id": "later", "text": {"headline": "Someday"},
                              "ajtl": {"pillar": "econ"}}]}
    }"##;
    let timeline = load_str("round.json", json).unwrap();
    assert_eq!(timeline.source, "A report");
    assert_eq!(timeline.glossary["JAIF"], "Japan-ASEAN Integration Fund");
    let fund = &timeline.events[0];
    assert_eq!((fund.id(), date(fund).as_str()), ("jaif", "2006-03"));
    assert_eq!(timeline.pillar_of(fund).id, "econ");
    assert_eq!(&*fund.acronyms, [std::sync::Arc::from("JAIF")]);
    assert_eq!((fund.place(), fund.source), (Some("Tokyo"), Some(37)));
    assert_eq!(fund.links(), ["https://example.org/jaif"]);
    assert_eq!(timeline.events[1].id(), "later");
    assert!(timeline.events[1].date.is_none());
}

fn ajtl() -> Command {
    common::ajtl_command()
}

#[test]
fn the_tally_of_what_was_ignored_is_one_line_on_stderr() {
    let path = fixture("timelinejs/src/template/cosmo-mixed.json");
    let output = ajtl()
        .arg("--data")
        .arg(&path)
        .args(["list", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let listed: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(listed.as_array().map(Vec::len), Some(11));
    assert_eq!(listed[0]["title"], "The Big Bang");
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        format!(
            "{}: 11 backgrounds, 1 title media item ignored\n",
            path.display()
        )
    );
    let twain = load("timelinejs/website/examples/twain/marktwain.json");
    assert_eq!(
        twain
            .warning()
            .map(|w| w.rsplit(": ").next().unwrap_or_default().to_string()),
        Some(
            "5 backgrounds, 12 map locations, 1 media thumbnail, 1 title media item, 1 type field \
             ignored"
                .to_string()
        )
    );
    let apollo = load(TIMELINE_APP);
    assert_eq!(
        apollo.ignored.to_string(),
        "1 alert, 4 category done colours, 4 category font colours, 4 category progress \
         colours, 9 container memberships, 2 era colours, 1 event colour, 1 fuzzy flag, 1 icon, \
         1 label, 2 locked flags, 1 milestone flag, 1 now setting, 2 progress values, 1 view \
         setting ignored"
    );
}

#[test]
fn a_json_file_that_is_not_a_timelinejs_timeline_is_named_as_such() {
    let path = fixture("timelinejs/website/examples/example.json");
    ajtl()
        .arg("--data")
        .arg(&path)
        .arg("check")
        .assert()
        .code(2)
        .stderr(format!(
            "{}: looks like JSON, but has no \"events\" array: not a TimelineJS timeline\n",
            path.display()
        ));
}

fn temp_file(suffix: &str, contents: &str) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new().suffix(suffix).tempfile().unwrap();
    file.write_all(contents.as_bytes()).unwrap();
    file
}

#[test]
fn errors_name_where_they_are() {
    let problem = |suffix: &str, text: &str| {
        let file = temp_file(suffix, text);
        let error = load_file(file.path()).unwrap_err().to_string();
        error.replace(&file.path().display().to_string(), "FILE")
    };
    assert_eq!(
        problem(
            ".csv",
            "Year,Month,Day,Time,Headline\n1969,7,20,20:17,Landing\n1969,7,21,soon,Step\n"
        ),
        "FILE:3: time \"soon\": is not a time of day: write 11:16, 11:16:05 or 9:05 PM"
    );
    assert_eq!(
        problem(
            ".timeline",
            "<timeline>\n  <events>\n    <event>\n      <start>c. 1500</start>\n      \
             <text>Vague</text>\n    </event>\n  </events>\n</timeline>\n"
        ),
        "FILE:3:5: start \"c. 1500\": is not a moment as the Timeline app writes one \
         (YYYY-MM-DD HH:MM:SS)"
    );
    assert_eq!(
        problem(
            ".json",
            "{\"events\": [\n  {\"text\": {\"headline\": \"No date\"}}\n]}"
        ),
        "FILE: event #1 \"no-date\": start_date: is missing: every TimelineJS event has one"
    );
    assert_eq!(
        problem(
            ".json",
            "{\"events\": [\n  {\"start_date\": {\"year\": \"c. 1500\"}}\n]}"
        ),
        "FILE: event #1 \"untitled\": start_date: year \"c. 1500\" is not a whole number"
    );
}

#[test]
fn a_watched_file_says_what_was_ignored_when_it_reloads() {
    use ajtl::app::App;
    use ajtl::app::state::Data;
    use ratatui::layout::Rect;

    let mut app = App::new(ajtl::timeline::bundled().unwrap(), Rect::new(0, 0, 100, 30));
    // Deep time too: the Big Bang is prepared for the explorer like any other year.
    let loaded = load("timelinejs/src/template/cosmo-mixed.json");
    let warning = loaded.warning();
    app.reload(Ok(Data::new(loaded.timeline).with_warning(warning.clone())));
    assert_eq!(
        app.status().map(str::to_string),
        Some(format!("Reloaded: 11 events · {}", warning.unwrap()))
    );
}

mod robustness {
    use ajtl::timeline::load_str;
    use proptest::prelude::*;
    use serde_json::{Value, json};

    /// A date part as published files write them, and as they should not.
    fn part() -> impl Strategy<Value = Value> {
        prop_oneof![
            any::<i64>().prop_map(Value::from),
            (-3000i64..3000).prop_map(Value::from),
            (-3000i64..3000).prop_map(|n| Value::from(n.to_string())),
            "[ -~]{0,6}".prop_map(Value::from),
            Just(Value::Null),
            any::<f64>().prop_map(Value::from),
        ]
    }

    fn slide() -> impl Strategy<Value = Value> {
        let date = (part(), part(), part(), part(), part(), part());
        (
            date,
            "\\PC{0,40}",
            "(<[a-z]{1,3}>|</[a-z]{1,3}>|&[a-z]{0,4};?|\\PC){0,30}",
        )
            .prop_map(
                |((year, month, day, hour, minute, second), headline, text)| {
                    json!({
                        "start_date": {"year": year, "month": month, "day": day,
                                       "hour": hour, "minute": minute, "second": second},
                        "text": {"headline": headline, "text": text},
                    })
                },
            )
    }

    proptest! {
        /// Whatever a TimelineJS file holds, loading it answers with a timeline or with
        /// problems, never a panic; a timeline has every event.
        #[test]
        fn any_timelinejs_file_loads_or_says_why(slides in prop::collection::vec(slide(), 0..8)) {
            let count = slides.len();
            let file = json!({"events": slides}).to_string();
            match load_str("any.json", &file) {
                Ok(timeline) => prop_assert_eq!(timeline.events.len(), count),
                Err(error) => prop_assert!(!error.problems.is_empty()),
            }
        }

        /// Text that starts as another tool's file and goes on anyhow is refused with a
        /// message, or loads, and never panics.
        #[test]
        fn any_text_in_another_tools_clothes_is_answered(
            opening in prop_oneof![
                Just("{\"events\": [{\"start_date\": {\"year\": "),
                Just("<timeline><events><event><start>"),
                Just("Year,Month,Day,Time,Headline,Type,Group\n"),
            ],
            rest in "(\\PC|[<>{}\\[\\],:\"\n-]){0,60}",
        ) {
            let text = format!("{opening}{rest}");
            if let Err(error) = load_str("any", &text) {
                prop_assert!(!error.problems.is_empty());
            }
        }
    }
}
