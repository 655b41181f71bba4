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
            let event = &app.timeline().event(e);
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

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[cfg(unix)]
#[test]
fn a_replaced_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let app = app();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.md");
    std::fs::write(&path, "old").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(matches!(
        export(&app, &path, Format::Markdown, Existing::Replace),
        EffectResult::Done(_)
    ));
    assert_eq!(mode(&path), 0o644);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("| Date |")
    );
}

#[cfg(unix)]
#[test]
fn an_export_to_a_symlink_replaces_its_target_and_the_link_stays() {
    use std::os::unix::fs::PermissionsExt;
    let app = app();
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes");
    let links = dir.path().join("links");
    std::fs::create_dir(&notes).unwrap();
    std::fs::create_dir(&links).unwrap();
    let target = notes.join("view.md");
    std::fs::write(&target, "old").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    // A relative link into another folder, followed by a link to it.
    let link = links.join("view.md");
    std::os::unix::fs::symlink("../notes/view.md", &link).unwrap();
    let outer = dir.path().join("current.md");
    std::os::unix::fs::symlink(&link, &outer).unwrap();

    assert_eq!(
        export(&app, &outer, Format::Markdown, Existing::Keep),
        EffectResult::Exists(outer.clone())
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
    assert!(matches!(
        export(&app, &outer, Format::Markdown, Existing::Replace),
        EffectResult::Done(_)
    ));
    assert!(std::fs::symlink_metadata(&outer).unwrap().is_symlink());
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("| Date |")
    );
    assert_eq!(mode(&target), 0o640);
    for folder in [dir.path(), &notes, &links] {
        let names: Vec<_> = std::fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert!(
            names
                .iter()
                .all(|name| !name.to_string_lossy().ends_with(".tmp")),
            "no temporary file left in {folder:?}: {names:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_target_that_is_not_a_regular_file_is_refused_and_left_alone() {
    let app = app();
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.md");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
    let folder = dir.path().join("folder.md");
    std::fs::create_dir(&folder).unwrap();
    for (path, what) in [
        (&fifo, "a FIFO, device or socket"),
        (&folder, "a directory"),
    ] {
        for existing in [Existing::Keep, Existing::Replace] {
            assert_eq!(
                export(&app, path, Format::Markdown, existing),
                EffectResult::Failed(format!(
                    "Cannot export to {}: not a regular file ({what})",
                    path.display()
                ))
            );
        }
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(folder.is_dir());
}

#[test]
fn missing_folders_are_made_and_the_status_says_so() {
    let app = app();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out").join("new").join("view.md");
    let EffectResult::Done(message) = export(&app, &path, Format::Markdown, Existing::Keep) else {
        panic!("exported");
    };
    assert_eq!(
        message,
        format!(
            "Exported {} events to {} (made folder {})",
            app.rows().len(),
            path.display(),
            path.parent().unwrap().display()
        )
    );
    let EffectResult::Done(again) = export(&app, &path, Format::Markdown, Existing::Replace) else {
        panic!("exported again");
    };
    assert!(!again.contains("made folder"), "{again}");
}

#[test]
fn a_home_of_another_user_is_expanded_or_refused() {
    let app = app();
    let unknown = std::path::Path::new("~no-such-user-ajtl/view.md");
    assert_eq!(
        export(&app, unknown, Format::Markdown, Existing::Keep),
        EffectResult::Failed(
            "Cannot export to ~no-such-user-ajtl/view.md: there is no user no-such-user-ajtl"
                .into()
        )
    );
    assert!(
        !std::path::Path::new("~no-such-user-ajtl").exists(),
        "no literal folder"
    );
}
