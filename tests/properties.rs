//! Random action sequences at random terminal sizes: the explorer never panics, and the selection
//! always points into the shown list.

use ajtl::app::{Action, App, Edit};
use ajtl::search::Query;
use ajtl::timeline::{EventId, bundled};
use ajtl::ui;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        prop::sample::select(vec!['a', 'J', 'f', ' ', '2', '日', 'é', '-']).prop_map(Edit::Insert),
        Just(Edit::DeleteBackward),
        Just(Edit::DeleteForward),
        Just(Edit::DeleteWordBackward),
        Just(Edit::DeleteToStart),
        Just(Edit::Left),
        Just(Edit::Right),
        Just(Edit::Home),
        Just(Edit::End),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        prop::sample::select(vec![
            Action::Next,
            Action::Previous,
            Action::PageDown,
            Action::PageUp,
            Action::HalfPageDown,
            Action::HalfPageUp,
            Action::First,
            Action::Last,
            Action::NextYear,
            Action::PreviousYear,
            Action::NextDecade,
            Action::PreviousDecade,
            Action::StartSearch,
            Action::AcceptSearch,
            Action::CancelSearch,
            Action::ToggleOrder,
            Action::AllPillars,
            Action::ToggleFocus,
            Action::Open,
            Action::Back,
            Action::ToggleHelp,
            Action::CloseHelp,
            Action::Suspend,
            Action::StartJump,
            Action::AcceptJump,
            Action::CancelJump,
            Action::HistoryBack,
            Action::HistoryForward,
            Action::ToggleIndex,
            Action::SwitchTab,
            Action::ClearScope,
            Action::ToggleBookmark,
            Action::ToggleBookmarkedOnly,
            Action::CopyCitation,
            Action::StartExport,
            Action::SwitchFormat,
            Action::AcceptExport,
            Action::CancelExport,
            Action::Confirm(true),
        ]),
        edit().prop_map(Action::Edit),
        (0usize..10).prop_map(Action::Pillar),
        (1u16..=300, 1u16..=100).prop_map(|(w, h)| Action::Resize(w, h)),
        (0u16..300, 0u16..100, -5i8..=5).prop_map(|(column, row, lines)| Action::Scroll {
            column,
            row,
            lines
        }),
        (0u16..300, 0u16..100).prop_map(|(column, row)| Action::Click { column, row }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_actions_at_random_sizes_never_panic(
        (width, height) in (1u16..=300, 1u16..=100),
        actions in prop::collection::vec(action(), 1..60),
    ) {
        let timeline = bundled().unwrap();
        let mut app = App::new(timeline, Rect::new(0, 0, width, height));
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        for action in actions {
            app.update(action);
            if let Some(row) = app.selected_row() {
                prop_assert!(row < app.rows().len());
                prop_assert!(app.offset() <= row);
            } else {
                prop_assert!(app.rows().is_empty());
            }
            let area = app.area();
            terminal.backend_mut().resize(area.width, area.height);
            terminal.draw(|frame| ui::render(&app, frame)).unwrap();
        }
    }
}

/// Types `keys` one at a time into the search, each deleted and typed again where `deletions`
/// says so, and checks after every key that the rows (found among the previous hits when the query
/// only grew) are those a full scan for the query finds.
fn typing_matches_a_full_rescan(keys: &[char], deletions: &[bool]) -> Result<(), TestCaseError> {
    let area = Rect::new(0, 0, 120, 40);
    let mut typed = App::new(bundled().unwrap(), area);
    typed.update(Action::StartSearch);
    for (key, &delete) in keys.iter().zip(deletions) {
        typed.update(Action::Edit(Edit::Insert(*key)));
        if delete {
            typed.update(Action::Edit(Edit::DeleteBackward));
            typed.update(Action::Edit(Edit::Insert(*key)));
        }
        let query = typed.query().text().to_string();
        let Ok(parsed) = Query::parse(&query) else {
            continue;
        };
        let timeline = typed.timeline();
        let all: Vec<EventId> = timeline.event_ids().collect();
        let compiled = typed.index().compile(&parsed);
        // The same events in the same order: the rows show no scores, and the index's own
        // property tests check that resumed scores equal those from scratch.
        let rescan: Vec<EventId> = typed
            .index()
            .search(&compiled, &all)
            .iter()
            .map(|hit| hit.event)
            .collect();
        prop_assert_eq!(typed.rows(), rescan.as_slice(), "query {:?}", query);
    }
    Ok(())
}

/// A letter typed after `$ | '` starts a term ORed with `$`: it widens the results, so they are
/// not found among the previous hits (it once showed none of the 81).
#[test]
fn a_term_typed_after_a_pending_bar_widens() {
    let keys = ['$', ' ', '|', ' ', '\'', 'j'];
    typing_matches_a_full_rescan(&keys, &[false; 6]).unwrap();
}

/// `\ ` is a space inside a token: typing `|` after `!\ ` grows the exclusion `! ` into `! |`,
/// which excludes less, rather than starting a term.
#[test]
fn typing_after_an_escaped_space_grows_the_same_term() {
    let keys = ['!', '\\', ' ', '|'];
    typing_matches_a_full_rescan(&keys, &[false; 4]).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Typing a query a character at a time (which matches among the previous results when the
    /// query only grew) shows exactly what typing it at once (a full scan) shows.
    #[test]
    fn incremental_search_equals_a_full_rescan(
        keys in prop::collection::vec(
            prop::sample::select(vec!['j', 'a', 'i', 'f', 'e', 'n', 's', ' ', '|', '!', '\'', '^', '$', 'J', '2', 'y', ':']),
            1..12,
        ),
        deletions in prop::collection::vec(any::<bool>(), 12),
    ) {
        typing_matches_a_full_rescan(&keys, &deletions)?;
    }
}
