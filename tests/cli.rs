//! The headless commands, run as a user's script would run them: as a subprocess.

mod common;

use std::io::Write;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn ajtl() -> Command {
    common::ajtl_command()
}

fn stdout_json(args: &[&str]) -> Value {
    let output = ajtl()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&output).expect("valid JSON on stdout")
}

fn temp_file(contents: &str) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new().suffix(".ron").tempfile().unwrap();
    file.write_all(contents.as_bytes()).unwrap();
    file
}

const SMALL: &str = r#"Timeline(
    title: "Small",
    pillars: [Pillar(id: "p", name: "P", color: "red")],
    glossary: { "ABC": "A Big Committee" },
    events: [
        Event(id: "later", date: "2001-02-03", title: "Later", pillar: "p"),
        Event(id: "first", date: "1999/2000", title: "First", pillar: "p", acronyms: ["ABC"], source: 4),
    ],
)"#;

#[test]
fn check_prints_a_summary_of_the_bundled_dataset() {
    ajtl().arg("check").assert().success().stdout(
        predicate::str::is_match(
            r"^\d+ events( · \d+ undated)? · 6 pillars · \d+ acronyms · 1973–2030\n$",
        )
        .unwrap(),
    );
}

#[test]
fn check_accepts_a_file_argument_or_data() {
    let file = temp_file(SMALL);
    let path = file.path().to_str().unwrap();
    for args in [
        vec!["check", path],
        vec!["--data", path, "check"],
        vec!["check", "--data", path],
    ] {
        ajtl()
            .args(&args)
            .assert()
            .success()
            .stdout("2 events · 1 pillar · 1 acronym · 1999–2001\n");
    }
}

#[test]
fn check_reports_every_problem_and_exits_2() {
    let bad = SMALL
        .replace(r#""2001-02-03""#, r#""2001-02-30""#)
        .replace(r#"pillar: "p", acronyms"#, r#"pillar: "q", acronyms"#);
    let file = temp_file(&bad);
    let path = file.path().to_str().unwrap();
    ajtl()
        .args(["check", path])
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "{path}: event #1 \"later\": date \"2001-02-30\": 2001-02 has no day 30\n\
             {path}: event #2 \"first\": pillar \"q\": is not one of the pillars [p]\n\
             2 problems in {path}\n"
        ));
}

#[test]
fn syntax_errors_give_file_line_col_and_no_debug_dump() {
    let file = temp_file("Timeline(\n  title: \"x\",\n  pilars: [],\n)");
    let path = file.path().to_str().unwrap();
    let assert = ajtl().args(["check", path]).assert().code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.starts_with(&format!("{path}:3:3: ")), "{stderr}");
    assert!(
        !stderr.contains("backtrace") && !stderr.contains("SpannedError"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn a_missing_file_is_a_clear_error() {
    ajtl()
        .args(["list", "--data", "/no/such/timeline.ron"])
        .assert()
        .code(2)
        .stderr("/no/such/timeline.ron: no such file\n");
}

#[test]
fn a_path_through_a_file_is_refused_in_words_without_the_error_number() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plain");
    std::fs::write(&file, "x").unwrap();
    let data = file.join("timeline.ron");
    ajtl()
        .args(["list", "--data", data.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(format!(
            "{}: cannot read: Not a directory\n",
            data.display()
        ));
}

#[test]
fn list_json_holds_the_documented_fields_in_timeline_order() {
    let file = temp_file(SMALL);
    let json = stdout_json(&[
        "list",
        "--format",
        "json",
        "--data",
        file.path().to_str().unwrap(),
    ]);
    let events = json.as_array().unwrap();
    assert_eq!(
        events[0],
        serde_json::json!({
            "id": "first",
            "date": "1999/2000",
            "start": "1999-01-01",
            "end": "2000-12-31",
            "precision": "year",
            "title": "First",
            "summary": "",
            "pillar": "p",
            "acronyms": ["ABC"],
            "mechanisms": [],
            "place": null,
            "source": 4,
        })
    );
    assert_eq!(events[1]["id"], "later");
    assert_eq!(events[1]["precision"], "day");
}

#[test]
fn list_json_of_the_bundled_dataset_has_the_jaif_event() {
    let json = stdout_json(&["list", "--format", "json"]);
    let jaif = json
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "jaif-established")
        .unwrap();
    assert_eq!(jaif["date"], "2006-03");
    assert_eq!(jaif["start"], "2006-03-01");
    assert_eq!(jaif["end"], "2006-03-31");
    assert_eq!(jaif["precision"], "month");
    assert_eq!(jaif["pillar"], "development");
}

#[test]
fn list_text_is_aligned_columns() {
    let file = temp_file(SMALL);
    ajtl()
        .args(["list", "--data", file.path().to_str().unwrap()])
        .assert()
        .success()
        .stdout("1999–2000        p  First\n3 February 2001  p  Later\n");
}

#[test]
fn glossary_text_is_alphabetical_whatever_the_case() {
    let out = ajtl()
        .args(["glossary"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let at = |key: &str| {
        text.lines()
            .position(|line| line.starts_with(&format!("{key} ")))
            .unwrap_or_else(|| panic!("{key} not listed"))
    };
    assert!(at("Smart JAMP") < at("SOMTC"), "{text}");
}

#[test]
fn glossary_json_maps_acronyms_to_expansions() {
    let json = stdout_json(&["glossary", "--format", "json"]);
    assert_eq!(json["JAIF"], "Japan-ASEAN Integration Fund");
    assert_eq!(
        json["AJCEP"],
        "ASEAN-Japan Comprehensive Economic Partnership"
    );
}

#[test]
fn glossary_text_lists_every_acronym() {
    let file = temp_file(SMALL);
    ajtl()
        .args(["glossary", "--data", file.path().to_str().unwrap()])
        .assert()
        .success()
        .stdout("ABC  A Big Committee\n");
}

#[test]
fn usage_errors_exit_2() {
    ajtl().args(["list", "--format", "xml"]).assert().code(2);
    ajtl().arg("frobnicate").assert().code(2);
}

#[test]
fn help_and_version_work() {
    ajtl()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("check").and(predicate::str::contains("--data")));
    ajtl()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("ajtl {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn control_characters_in_data_never_reach_the_output() {
    let hostile = SMALL.replace(
        r#"title: "Later""#,
        r#"title: "\u{1b}[31mRed\u{1b}]0;pwned\u{7}""#,
    );
    let file = temp_file(&hostile);
    for format in ["text", "json"] {
        let assert = ajtl()
            .args([
                "list",
                "--format",
                format,
                "--data",
                file.path().to_str().unwrap(),
            ])
            .assert()
            .success();
        let stdout = &assert.get_output().stdout;
        assert!(
            !stdout.contains(&0x1b) && !stdout.contains(&0x07),
            "{format}"
        );
    }
}

#[test]
fn the_explorer_refuses_a_pipe_and_points_to_list() {
    ajtl()
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("ajtl list"));
}

#[test]
fn search_exits_0_with_results_1_without_and_2_on_a_bad_query() {
    ajtl()
        .args(["search", "JAIF"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "Japan-ASEAN Integration Fund (JAIF) established",
        ));
    ajtl()
        .args(["search", "zzzzzz"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("");
    ajtl().args(["search", "year:abc"]).assert().code(2).stderr(
        "bad query: year:abc: expected a year like 2008 or -300 (BCE), a range 2003..2013 or \
         -500..-100, or >2010, <0\n",
    );
    ajtl()
        .args(["search", "colour:red"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "bad query: colour:red: unknown field",
        ));
}

#[test]
fn search_json_adds_a_score_and_respects_the_limit() {
    let json = stdout_json(&["search", "AJCEP", "--format", "json", "--limit", "2"]);
    let results = json.as_array().unwrap();
    assert_eq!(results.len(), 2);
    for result in results {
        assert!(result["id"].as_str().unwrap().contains("ajcep"));
        assert!(result["score"].as_u64().unwrap() > 0);
        assert!(result["start"].is_string() && result["precision"].is_string());
    }
}

#[test]
fn search_csv_parses_back_with_the_csv_crate() {
    let output = ajtl()
        .args(["search", "summit", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let mut reader = csv::Reader::from_reader(output.as_slice());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    assert_eq!(headers.iter().next_back(), Some("score"));
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(records.len() > 3);
    let titles: Vec<&str> = records.iter().map(|r| &r[5]).collect();
    assert!(
        titles.iter().any(|t| t.contains("Commemorative Summit")),
        "{titles:?}"
    );
}

#[test]
fn markdown_is_a_table() {
    let output = ajtl()
        .args(["search", "bali", "--format", "markdown", "--limit", "1"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "| Date | Pillar | Title | Place | ¶ |");
    assert_eq!(lines[1], "|---|---|---|---|---|");
    assert_eq!(
        lines[2],
        "| November 2011 | Milestones | 14th ASEAN-Japan Summit issues the Bali Declaration | Bali | 5 |"
    );
}

#[test]
fn list_and_search_filter_by_pillar_and_years() {
    let json = stdout_json(&[
        "list",
        "--format",
        "json",
        "--pillar",
        "economic",
        "--pillar",
        "development",
        "--from",
        "2016",
        "--to",
        "2017",
    ]);
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "ajcep-negotiations-completed",
            "economic-roadmap-renewed",
            "ajin-launched"
        ]
    );
    // Years keep what overlaps them: the Sports Work Plan 2021–2025 reaches 2023.
    let json = stdout_json(&["search", "summit", "--format", "json", "--from", "2023"]);
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .all(|e| e["end"].as_str().unwrap() >= "2023")
    );
    ajtl()
        .args(["list", "--pillar", "eco"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown pillar \"eco\""));
    ajtl()
        .args(["list", "--from", "2020", "--to", "2010"])
        .assert()
        .code(2);
    // A negative year is a year, not an option: `--from -100` as `--from=-100`.
    let early = stdout_json(&["list", "--format", "json", "--from", "-100", "--to", "1980"]);
    assert_eq!(early.as_array().unwrap().len(), 2);
}

#[test]
fn text_output_has_no_colour_when_piped() {
    let assert = ajtl().args(["search", "jaif"]).assert().success();
    assert!(!assert.get_output().stdout.contains(&0x1b));
}

#[test]
fn stats_counts_add_up_to_the_total() {
    let stats = stdout_json(&["stats", "--format", "json"]);
    let (dated, undated) = (
        stats["events"].as_u64().unwrap(),
        stats["undated"].as_u64().unwrap(),
    );
    let listed = stdout_json(&["list", "--format", "json"]);
    assert_eq!((dated + undated) as usize, listed.as_array().unwrap().len());
    let sum = |key: &str, field: &str| -> u64 {
        stats
            .pointer(key)
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|row| row[field].as_u64().unwrap())
            .sum()
    };
    assert_eq!(sum("/pillars", "events"), dated);
    assert_eq!(sum("/pillars", "undated"), undated);
    assert_eq!(sum("/periods/counts", "events"), dated);
    assert_eq!(stats["periods"]["period"], "decade");
    assert_eq!(stats["first_year"], 1973);
    assert_eq!(stats["glossary"]["defined"], 66);
    assert!(
        stats["glossary"]["unused"]
            .as_array()
            .unwrap()
            .contains(&Value::from("ATM")),
        "the source writes ATM only as ATM+Japan"
    );
}

#[test]
fn stats_text_charts_a_data_file_and_bad_data_exits_2() {
    let file = temp_file(SMALL);
    let path = file.path().to_str().unwrap();
    ajtl()
        .args(["stats", "--data", path])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Small: 2 events, 1999–2001\n"))
        .stdout(predicate::str::contains(
            "  P  2  ████████████████████████████████████████\n",
        ))
        .stdout(predicate::str::contains("  1990s  1  "));
    let broken = temp_file("Timeline(title: ");
    ajtl()
        .args(["stats", "--data", broken.path().to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".ron:1:"));
}

#[test]
fn completions_cover_every_command_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let output = ajtl().args(["completions", shell]).assert().success();
        let script = String::from_utf8(output.get_output().stdout.clone()).unwrap();
        for command in [
            "list",
            "search",
            "check",
            "glossary",
            "stats",
            "completions",
            "chart",
        ] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
    }
    ajtl().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn a_bad_config_file_is_an_error_at_its_line_and_column() {
    let config = temp_file("Config(\n    theme: Neon,\n)");
    let output = ajtl()
        .env("AJTL_CONFIG", config.path())
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(output).unwrap();
    let at = format!("{}:2:12: ", config.path().display());
    assert!(stderr.starts_with(&at), "{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Error {"),
        "{stderr}"
    );
    ajtl()
        .env("AJTL_CONFIG", "/nonexistent/ajtl.ron")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "/nonexistent/ajtl.ron: cannot read",
        ));
}

/// Whether `bytes` hold anything that drives a terminal: a C0 control other than a line
/// break, DEL, a C1 control, or a bidi override.
fn drives_a_terminal(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes).chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

#[test]
fn escape_sequences_in_arguments_never_reach_the_terminal_through_errors() {
    let title = "\u{1b}]2;PWNED\u{7}";
    let cases: [Vec<String>; 6] = [
        vec!["search".into(), format!("year:{title}")],
        // clap's own usage error quotes the value.
        vec![
            "search".into(),
            "jaif".into(),
            "--from".into(),
            title.into(),
        ],
        vec!["check".into(), format!("x{title}.ron")],
        vec!["list".into(), "--pillar".into(), format!("eco{title}")],
        vec![format!("--bogus{title}")],
        vec!["check".into(), "a\u{202E}b.ron".into()],
    ];
    for args in cases {
        let output = ajtl().args(&args).assert().code(2).get_output().clone();
        assert!(output.stdout.is_empty(), "{args:?}");
        assert!(
            !drives_a_terminal(&output.stderr),
            "{args:?} printed {:?}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!output.stderr.is_empty(), "{args:?} said nothing");
    }
    // The escape is shown, not dropped: the user sees what they typed.
    ajtl()
        .args(["check", &format!("x{title}.ron")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("x␛]2;PWNED␇.ron"));
}

#[test]
fn search_reads_fzf_syntax_and_misspelt_acronyms_keep_the_output_shape() {
    // `!^asean` keeps the events whose titles don't start with ASEAN, as fzf does.
    let kept = stdout_json(&["search", "!^asean", "--format", "json"]);
    assert_eq!(kept.as_array().unwrap().len(), 61);
    // A misspelt acronym ranks its events first, in the same columns as any search.
    let typo = ajtl()
        .args(["search", "ajecp", "--format", "csv", "--limit", "5"])
        .assert()
        .success()
        .stderr("")
        .get_output()
        .stdout
        .clone();
    let plain = ajtl()
        .args(["search", "ajcep", "--format", "csv", "--limit", "5"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let typo = String::from_utf8(typo).unwrap();
    let plain = String::from_utf8(plain).unwrap();
    assert_eq!(typo.lines().next(), plain.lines().next(), "same header");
    assert!(
        typo.lines().skip(1).all(|row| row.contains("AJCEP")),
        "{typo}"
    );
    // A field-looking term with no value is an unknown field, as `re:p` is.
    ajtl()
        .args(["search", "!tokyo:"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "write !'tokyo: to search for the text",
        ));
}

/// A FIFO in a new temporary directory: opening it for reading the plain way waits for a
/// writer, forever.
fn fifo(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    nix::unistd::mkfifo(&path, nix::sys::stat::Mode::S_IRWXU).unwrap();
    (dir, path)
}

/// `ajtl` that is killed, failing the test, if it hangs.
fn ajtl_in_time() -> Command {
    let mut command = ajtl();
    command.timeout(std::time::Duration::from_secs(20));
    command
}

#[test]
fn a_data_path_that_is_not_a_regular_file_is_refused_at_once() {
    let (_dir, fifo) = fifo("timeline.ron");
    let name = fifo.to_str().unwrap();
    let refused = format!("{name}: not a regular file (a FIFO, device or socket)\n");
    for args in [vec!["check", name], vec!["--data", name, "list"]] {
        ajtl_in_time()
            .args(&args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(refused.clone());
    }
    let dir = fifo.parent().unwrap().to_str().unwrap();
    ajtl_in_time()
        .args(["check", dir])
        .assert()
        .code(2)
        .stderr(format!("{dir}: not a regular file (a directory)\n"));
    ajtl_in_time()
        .args(["check", "/dev/zero"])
        .assert()
        .code(2)
        .stderr("/dev/zero: not a regular file (a FIFO, device or socket)\n");
}

#[test]
fn a_config_that_is_not_a_regular_file_is_refused_at_once() {
    let (_dir, fifo) = fifo("config.ron");
    ajtl_in_time()
        .env("AJTL_CONFIG", &fifo)
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "{}: not a regular file (a FIFO, device or socket)\n",
            fifo.display()
        ));
}

#[test]
fn a_path_with_control_characters_is_reported_sanitised() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x\u{1b}]2;PWNED\u{7}.ron");
    ajtl_in_time()
        .args(["check".as_ref(), path.as_os_str()])
        .assert()
        .code(2)
        .stderr(format!(
            "{}/x␛]2;PWNED␇.ron: no such file\n",
            dir.path().display()
        ));
}

#[test]
fn keys_lists_every_action_with_the_keys_in_force() {
    let listing = |config: &str| {
        let config = temp_file(config);
        let output = ajtl()
            .arg("keys")
            .env("AJTL_CONFIG", config.path())
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(output).unwrap()
    };
    let defaults = listing("Config()");
    let header = defaults.lines().next().unwrap();
    assert!(header.starts_with("ACTION"), "{defaults}");
    let row = |text: &str, name: &str| {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("{name} ")))
            .unwrap();
        line.split_whitespace()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(row(&defaults, "quit")[..3], ["quit", "q", "browse"]);
    assert_eq!(row(&defaults, "next")[1..3], ["j", "down"]);
    let column = header.find("KEYS").unwrap();
    for line in defaults.lines().take_while(|l| !l.is_empty()) {
        assert_eq!(
            line.find(' ').map(|_| &line[column - 2..column]),
            Some("  "),
            "{line}"
        );
    }
    let rebound = listing(r#"Config(keys: {"next": ["n", "down"], "quit": ["ctrl-q"]})"#);
    assert_eq!(row(&rebound, "quit")[..3], ["quit", "ctrl-q", "browse"]);
    assert_eq!(row(&rebound, "next")[1..3], ["n", "down"]);
}

/// The explorer's and `ajtl keys`'s answer to a config file, the same from both: its stderr
/// after exit 2, the file's name as `FILE`.
fn refused_config(text: &str) -> String {
    let config = temp_file(text);
    let answers: Vec<String> = [&[][..], &["keys"][..]]
        .into_iter()
        .map(|args| {
            let output = ajtl()
                .args(args)
                .env("AJTL_CONFIG", config.path())
                .assert()
                .code(2)
                .stdout("")
                .get_output()
                .stderr
                .clone();
            let stderr = String::from_utf8(output).unwrap();
            stderr.replace(&config.path().display().to_string(), "FILE")
        })
        .collect();
    assert_eq!(answers[0], answers[1]);
    answers[0].clone()
}

#[test]
fn a_rebinding_to_an_unknown_action_is_placed_and_lists_the_actions() {
    let stderr = refused_config("Config(\n    keys: {\"nxet\": [\"n\"]},\n)");
    let actions = stderr
        .strip_prefix("FILE:2:13: unknown action \"nxet\": the actions are ")
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(actions.starts_with("next, previous, "), "{stderr}");
    assert!(actions.trim_end().ends_with("quit, suspend"), "{stderr}");
}

#[test]
fn an_unknown_key_name_is_placed_and_the_names_explained() {
    let stderr = refused_config("Config(keys: {\"quit\": [\"ctrl-q\", \"hyper-q\"]})");
    assert!(
        stderr.starts_with(
            "FILE:1:35: unknown key \"hyper-q\": use a character (a, G, /, '), ctrl-X or alt-X"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("pgdn") && stderr.contains("shift-tab"),
        "{stderr}"
    );
}

#[test]
fn a_key_bound_twice_is_placed_at_the_rebinding_and_every_problem_is_said() {
    let text =
        "Config(keys: {\n  \"copy_citation\": [\"q\"],\n  \"quit_anywhere\": [\"ctrl-q\"],\n})";
    let stderr = refused_config(text);
    assert_eq!(
        stderr,
        "FILE:2:22: q is bound to both copy_citation and quit in browse: rebind one of them\n\
         FILE:3:4: quit_anywhere cannot be rebound\n"
    );
}
