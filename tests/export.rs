//! The export of the current view, written as the explorer's host writes it, read back with
//! the csv crate, serde_json and a Markdown table reader: the same events, in the same order.

use ajtl::app::effect::EffectResult;
use ajtl::app::{Action, App, Edit};
use ajtl::files::Existing;
use ajtl::host::export;
use ajtl::output::Format;
use ajtl::timeline::bundled;
use ratatui::layout::Rect;

/// The explorer after searching `integration`.
fn app() -> App {
    let mut app = App::new(bundled().unwrap(), Rect::new(0, 0, 120, 40));
    app.update(Action::StartSearch);
    for c in "integration".chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
    app
}

fn shown(app: &App) -> Vec<(String, String)> {
    app.rows()
        .iter()
        .map(|&e| {
            let event = &app.timeline().events[e as usize];
            (event.id().to_string(), event.title().to_string())
        })
        .collect()
}

#[test]
fn each_format_reads_back_as_the_events_shown_in_their_order() {
    let app = app();
    let expected = shown(&app);
    assert!(expected.len() > 1);
    let dir = tempfile::tempdir().unwrap();

    let csv_path = dir.path().join("view.csv");
    assert!(matches!(
        export(&app, &csv_path, Format::Csv, Existing::Keep),
        EffectResult::Done(message) if message == format!("Exported {} events to {}", expected.len(), csv_path.display())
    ));
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let rows: Vec<(String, String)> = reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            (record[0].to_string(), record[5].to_string())
        })
        .collect();
    assert_eq!(rows, expected);

    let json_path = dir.path().join("view.json");
    export(&app, &json_path, Format::Json, Existing::Keep);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    let rows: Vec<(String, String)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap().into(),
                e["title"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(rows, expected);

    let md_path = dir.path().join("view.md");
    export(&app, &md_path, Format::Markdown, Existing::Keep);
    let text = std::fs::read_to_string(&md_path).unwrap();
    let titles: Vec<String> = text
        .lines()
        .skip(2)
        .map(|line| line.split(" | ").nth(2).unwrap().replace("\\|", "|"))
        .collect();
    let expected_titles: Vec<String> = expected.into_iter().map(|(_, title)| title).collect();
    assert_eq!(titles, expected_titles);
}

#[test]
fn an_existing_file_is_left_alone_unless_replacing_was_confirmed() {
    let app = app();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.md");
    std::fs::write(&path, "my notes").unwrap();
    assert_eq!(
        export(&app, &path, Format::Markdown, Existing::Keep),
        EffectResult::Exists(path.clone())
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my notes");
    assert!(matches!(
        export(&app, &path, Format::Markdown, Existing::Replace),
        EffectResult::Done(_)
    ));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("| Date |")
    );
    let missing = dir.path().join("no-such-dir").join("x").join("v.json");
    assert!(matches!(
        export(&app, &missing, Format::Json, Existing::Keep),
        EffectResult::Done(_)
    ));
}
