//! `ajtl chart`: the text chart of the bundled data and of a deep-time timeline, in Unicode and
//! ASCII, narrowed by pillar, and its usage errors.

mod common;

use insta::assert_snapshot;

fn ajtl(args: &[&str]) -> std::process::Output {
    common::ajtl_command()
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stdout(args: &[&str]) -> String {
    let output = ajtl(args);
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_bundled_data_at_100_columns() {
    assert_snapshot!(stdout(&["chart", "--width", "100"]));
}

#[test]
fn a_deep_time_timeline_at_100_columns() {
    assert_snapshot!(stdout(&[
        "--data",
        "tests/fixtures/deep-time.ron",
        "chart",
        "--width",
        "100"
    ]));
}

#[test]
fn the_width_defaults_to_100_when_not_a_terminal_and_is_kept() {
    for (args, width) in [(&["chart"][..], 100), (&["chart", "--width", "60"][..], 60)] {
        let text = stdout(args);
        let widest = text.lines().map(|l| l.chars().count()).max().unwrap();
        assert_eq!(widest, width, "{text}");
    }
}

#[test]
fn ascii_output_is_ascii() {
    let text = stdout(&["--ascii", "chart", "--width", "100"]);
    assert!(text.is_ascii(), "{text}");
    assert!(text.contains("undated entries not shown"));
}

#[test]
fn one_pillar_shows_one_lane() {
    let text = stdout(&["chart", "--pillar", "economic", "--width", "100"]);
    let labelled: Vec<&str> = text
        .lines()
        .filter(|line| line.starts_with(|c: char| !c.is_whitespace()))
        .filter(|line| line.contains('│'))
        .collect();
    assert_eq!(labelled.len(), 1, "{text}");
    assert!(labelled[0].contains("Economic"), "{text}");
}

#[test]
fn a_bad_pillar_or_width_exits_2() {
    for args in [
        &["chart", "--pillar", "nope"][..],
        &["chart", "--width", "5"][..],
        &["chart", "--format", "png"][..],
    ] {
        let output = ajtl(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {output:?}");
        assert!(output.stdout.is_empty());
    }
}
