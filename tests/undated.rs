//! Entries the source gives no date (`date: "undated"`) in the headless commands: counted apart,
//! listed after the dated events, written as `undated` or left empty, and left out by any year
//! filter.

mod common;

use std::io::Write;

use serde_json::Value;

use common::MIXED;

fn mixed() -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new().suffix(".ron").tempfile().unwrap();
    file.write_all(MIXED.as_bytes()).unwrap();
    file
}

/// What `ajtl --data MIXED ARGS…` prints, which must succeed.
fn run(file: &tempfile::NamedTempFile, args: &[&str]) -> String {
    let output = common::ajtl_command()
        .args(["--data", file.path().to_str().unwrap()])
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(output).unwrap()
}

fn ids(json: &str) -> Vec<String> {
    let rows: Value = serde_json::from_str(json).unwrap();
    let rows = rows.as_array().unwrap();
    rows.iter()
        .map(|row| row["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn check_counts_undated_entries_apart() {
    let file = mixed();
    assert_eq!(
        run(&file, &["check"]),
        "2 events · 2 undated · 2 pillars · 0 acronyms · 1999–2025\n"
    );
}

#[test]
fn list_puts_undated_entries_after_the_dated_ones_with_null_dates() {
    let file = mixed();
    let json = run(&file, &["list", "--format", "json"]);
    assert_eq!(ids(&json), ["first", "later", "ongoing", "youth"]);
    let rows: Value = serde_json::from_str(&json).unwrap();
    let undated = &rows[2];
    for field in ["date", "start", "end", "precision"] {
        assert_eq!(undated[field], Value::Null, "{field}");
    }
    assert_eq!(undated["source"], 27);
    assert_eq!(rows[1]["date"], "2021/2025");
}

#[test]
fn csv_leaves_the_dates_empty_and_text_and_markdown_say_undated() {
    let file = mixed();
    let csv = run(&file, &["list", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let last = reader.records().last().unwrap().unwrap();
    assert_eq!(&last[0], "youth");
    assert_eq!((&last[1], &last[2], &last[3], &last[4]), ("", "", "", ""));

    let text = run(&file, &["list"]);
    let last = text.lines().last().unwrap();
    assert!(last.starts_with("undated "), "{last}");
    assert!(last.ends_with("Youth exchanges"), "{last}");

    let markdown = run(&file, &["list", "--format", "markdown"]);
    let last = markdown.lines().last().unwrap();
    assert!(
        last.starts_with("| undated | P | Youth exchanges |"),
        "{last}"
    );
}

#[test]
fn year_filters_leave_undated_entries_out_and_searches_rank_them_with_the_rest() {
    let file = mixed();
    let listed = |args: &[&str]| ids(&run(&file, &[&["list", "--format", "json"], args].concat()));
    assert_eq!(listed(&["--from", "1990"]), ["first", "later"]);
    assert_eq!(listed(&["--to", "2030"]), ["first", "later"]);
    assert_eq!(listed(&["--pillar", "q"]), ["later", "ongoing"]);
    let found = |query: &str| ids(&run(&file, &["search", query, "--format", "json"]));
    // Both titles hold the word: a search finds the undated entry as any other.
    assert_eq!(found("disaster").len(), 2);
    assert!(found("disaster").contains(&"ongoing".to_string()));
    assert_eq!(found("disaster year:2020..2030"), ["later"]);
}

#[test]
fn stats_count_undated_entries_per_pillar_and_in_a_row_of_their_own() {
    let file = mixed();
    let stats: Value = serde_json::from_str(&run(&file, &["stats", "--format", "json"])).unwrap();
    assert_eq!(
        (stats["events"].as_u64(), stats["undated"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(stats["pillars"][1]["events"], 1);
    assert_eq!(stats["pillars"][1]["undated"], 1);
    assert_eq!(
        (stats["first_year"].as_i64(), stats["last_year"].as_i64()),
        (Some(1999), Some(2025))
    );
    let text = run(&file, &["stats"]);
    assert!(
        text.starts_with("Mixed: 2 events · 2 undated, 1999–2025\n"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|line| line.trim_start().starts_with("undated")),
        "{text}"
    );
}
