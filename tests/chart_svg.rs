//! `ajtl chart --format svg`: the document parses as XML, holds one mark (an element with a
//! `<title>`) per event shown and one label per lane, renders to pixels with something drawn in
//! every lane, escapes what XML gives a meaning to, and refuses a width too narrow to draw in.

mod common;

use std::collections::BTreeSet;

use ajtl::timeline::{Filter, Timeline, bundled};
use insta::assert_snapshot;
use roxmltree::{Document, Node};

fn ajtl(args: &[&str]) -> std::process::Output {
    common::ajtl_command().args(args).output().unwrap()
}

/// The SVG `ajtl` writes for `args` (after `chart --format svg`).
fn svg(data: Option<&str>, args: &[&str]) -> String {
    let mut all = Vec::new();
    if let Some(data) = data {
        all.extend(["--data", data]);
    }
    all.extend(["chart", "--format", "svg"]);
    all.extend(args);
    let output = ajtl(&all);
    assert!(output.status.success(), "{all:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

fn has_class(node: &Node, class: &str) -> bool {
    node.attribute("class") == Some(class)
}

/// The text of every mark's `<title>`: the marks are the elements, other than the document,
/// with a `<title>` child.
fn mark_titles(document: &Document) -> Vec<String> {
    document
        .descendants()
        .filter(|node| node.is_element() && node.parent().is_some_and(|p| p.is_element()))
        .filter_map(|node| node.children().find(|child| child.has_tag_name("title")))
        .map(|title| title.text().unwrap_or_default().to_string())
        .collect()
}

fn lane_labels(document: &Document) -> Vec<String> {
    document
        .descendants()
        .filter(|node| node.has_tag_name("text") && has_class(node, "label"))
        .map(|node| node.text().unwrap_or_default().to_string())
        .collect()
}

/// The dated events the filters allow, as `date: title`, and the names of their pillars in
/// pillar order.
fn expected(
    timeline: &Timeline,
    pillars: &[&str],
    from: Option<i64>,
    to: Option<i64>,
) -> (Vec<String>, Vec<String>) {
    let ids: Vec<String> = pillars.iter().map(|id| id.to_string()).collect();
    let filter = Filter::new(timeline, &ids, from, to).unwrap();
    let shown: Vec<_> = timeline
        .events
        .iter()
        .filter(|event| filter.allows(event) && event.date.is_some())
        .collect();
    let titles = shown
        .iter()
        .map(|event| format!("{}: {}", event.when(), event.title()))
        .collect();
    let lanes: BTreeSet<usize> = shown.iter().map(|event| event.pillar).collect();
    let names = lanes
        .into_iter()
        .map(|pillar| timeline.pillars[pillar].name.clone())
        .collect();
    (titles, names)
}

/// Arguments to `ajtl chart`, and the same narrowing as [`Filter::new`] takes it.
struct Narrowing {
    args: &'static [&'static str],
    pillars: &'static [&'static str],
    from: Option<i64>,
    to: Option<i64>,
}

#[test]
fn every_event_shown_is_one_mark_and_every_lane_has_one_label() {
    let timeline = bundled().unwrap();
    let cases = [
        Narrowing {
            args: &[],
            pillars: &[],
            from: None,
            to: None,
        },
        Narrowing {
            args: &["--pillar", "economic"],
            pillars: &["economic"],
            from: None,
            to: None,
        },
        Narrowing {
            args: &["--from", "2010"],
            pillars: &[],
            from: Some(2010),
            to: None,
        },
        Narrowing {
            args: &[
                "--pillar",
                "milestones",
                "--pillar",
                "development",
                "--from",
                "2000",
                "--to",
                "2015",
            ],
            pillars: &["milestones", "development"],
            from: Some(2000),
            to: Some(2015),
        },
    ];
    for Narrowing {
        args,
        pillars,
        from,
        to,
    } in cases
    {
        let text = svg(None, args);
        let document = Document::parse(&text).unwrap();
        let (titles, names) = expected(&timeline, pillars, from, to);
        assert!(!titles.is_empty(), "{args:?}");
        // Marks come lane by lane, so compare them in any order.
        let (mut marks, mut titles) = (mark_titles(&document), titles);
        marks.sort();
        titles.sort();
        assert_eq!(marks, titles, "{args:?}");
        assert_eq!(lane_labels(&document), names, "{args:?}");
    }
}

/// The bands of the lanes in `text` rendered at its own size: for each, whether a pixel inside
/// it is drawn darker than any band, grid line or background is.
fn lanes_drawn(text: &str) -> Vec<bool> {
    let document = Document::parse(text).unwrap();
    let tree = resvg::usvg::Tree::from_str(text, &resvg::usvg::Options::default()).unwrap();
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(&tree, Default::default(), &mut pixmap.as_mut());
    let number =
        |node: &Node, name: &str| node.attribute(name).unwrap().parse::<f64>().unwrap() as u32;
    document
        .descendants()
        .filter(|node| has_class(node, "band"))
        .map(|band| {
            let (x, y) = (number(&band, "x"), number(&band, "y"));
            let (width, height) = (number(&band, "width"), number(&band, "height"));
            (y..y + height).any(|row| {
                (x..x + width).any(|column| {
                    let pixel = pixmap.pixel(column, row).unwrap().demultiply();
                    pixel.red().min(pixel.green()).min(pixel.blue()) < 160
                })
            })
        })
        .collect()
}

#[test]
fn something_is_drawn_in_every_lane() {
    for (data, lanes) in [(None, 6), (Some("tests/fixtures/deep-time.ron"), 2)] {
        let drawn = lanes_drawn(&svg(data, &[]));
        assert_eq!(drawn, vec![true; lanes], "{data:?}");
    }
    let narrowed = lanes_drawn(&svg(None, &["--pillar", "connectivity", "--width", "320"]));
    assert_eq!(narrowed, [true]);
}

#[test]
fn a_tiny_timeline_at_600_pixels() {
    assert_snapshot!(svg(
        Some("tests/fixtures/chart-tiny.ron"),
        &["--width", "600"]
    ));
}

#[test]
fn titles_and_names_are_escaped_and_read_back_as_written() {
    let text = svg(Some("tests/fixtures/chart-tiny.ron"), &[]);
    assert!(
        text.contains("R&amp;D &lt;Timeline&gt; &quot;tiny&quot;"),
        "{text}"
    );
    let document = Document::parse(&text).unwrap();
    let heading = document
        .descendants()
        .find(|node| node.attribute("id") == Some("heading"))
        .unwrap();
    assert_eq!(heading.text(), Some("R&D <Timeline> \"tiny\""));
    assert_eq!(lane_labels(&document), ["Trade & <Aid>", "文化"]);
    assert_eq!(
        mark_titles(&document),
        [
            "14 April 2008: AJCEP signed: \"goods\" & <services>",
            "June 2009 – March 2012: A span, 'quoted'",
            "2010: 日本・ASEAN交流年",
        ]
    );
}

#[test]
fn the_deep_time_timeline_parses_with_every_dated_event_and_its_ticks() {
    let text = svg(Some("tests/fixtures/deep-time.ron"), &[]);
    let document = Document::parse(&text).unwrap();
    assert_eq!(mark_titles(&document).len(), 13);
    assert!(text.contains(">12B yrs ago</text>"), "{text}");
    assert!(text.contains(">1 undated entry not shown</text>"), "{text}");
}

#[test]
fn events_past_the_last_sub_row_are_drawn_over_it_and_counted() {
    let events: String = (0..12)
        .map(|n| format!("Event(id: \"e{n}\", date: \"2020-05-01\", title: \"E{n}\"),\n"))
        .collect();
    let ron = format!("Timeline(title: \"Busy day\", events: [{events}])");
    let file = tempfile::Builder::new().suffix(".ron").tempfile().unwrap();
    std::fs::write(file.path(), ron).unwrap();
    let text = svg(file.path().to_str(), &[]);
    let document = Document::parse(&text).unwrap();
    assert_eq!(mark_titles(&document).len(), 12);
    let counts: Vec<&str> = document
        .descendants()
        .filter(|node| has_class(node, "count"))
        .filter_map(|node| node.text())
        .collect();
    assert_eq!(counts, ["+4"]);
}

#[test]
fn a_width_too_narrow_or_an_unknown_format_exits_2() {
    for args in [
        &["chart", "--format", "svg", "--width", "319"][..],
        &["chart", "--format", "png"][..],
    ] {
        let output = ajtl(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {output:?}");
        assert!(output.stdout.is_empty());
        assert!(!output.stderr.is_empty());
    }
    let output = ajtl(&["chart", "--format", "svg", "--width", "319"]);
    let message = String::from_utf8(output.stderr).unwrap();
    assert!(message.contains("at least 320 pixels"), "{message}");
}
