//! Each action's effect on the explorer's state, with no terminal and no rendering.

mod common;

use common::apply;

use ajtl::app::{Action, App, Data, Edit, Focus, Mode, Order, Prompt};
use ajtl::timeline::{EventId, Timeline, bundled, load_str};
use ratatui::layout::Rect;

fn app() -> App {
    App::new(bundled().unwrap(), Rect::new(0, 0, 120, 40))
}

fn type_query(app: &mut App, query: &str) {
    app.update(Action::StartSearch);
    for c in query.chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
}

fn selected_id(app: &App) -> &str {
    app.selected_event().expect("a selection").id()
}

fn shown_ids(app: &App) -> Vec<&str> {
    app.rows()
        .iter()
        .map(|&event| app.timeline().event(event).id())
        .collect()
}

/// The prompt open (a date or a path being typed, and why it was refused), if one is.
fn prompt(app: &App) -> Option<&Prompt> {
    match app.mode() {
        Mode::Jump(prompt) | Mode::Export(prompt) => Some(prompt),
        _ => None,
    }
}

/// How far the help overlay is scrolled, if it is open.
fn help_scroll(app: &App) -> Option<usize> {
    match app.mode() {
        Mode::Help { scroll, .. } => Some(*scroll),
        _ => None,
    }
}

fn select_id(app: &mut App, id: &str) {
    app.update(Action::First);
    while selected_id(app) != id {
        let before = app.selected_row();
        app.update(Action::Next);
        assert_ne!(before, app.selected_row(), "{id} not shown");
    }
}

#[test]
fn launch_shows_every_event_with_the_first_selected() {
    let app = app();
    assert_eq!(app.rows().len(), app.timeline().events.len());
    assert_eq!(app.selected_row(), Some(0));
    assert_eq!(selected_id(&app), "informal-dialogue-1973");
    assert_eq!(*app.mode(), Mode::Browse);
    assert_eq!(app.focus(), Focus::Timeline);
}

#[test]
fn selection_stays_within_the_list() {
    let mut app = app();
    let last = app.rows().len() - 1;
    app.update(Action::Previous);
    assert_eq!(app.selected_row(), Some(0));
    app.update(Action::Last);
    assert_eq!(app.selected_row(), Some(last));
    app.update(Action::Next);
    app.update(Action::PageDown);
    assert_eq!(app.selected_row(), Some(last));
    app.update(Action::First);
    assert_eq!(app.selected_row(), Some(0));
}

#[test]
fn pages_move_by_the_visible_height() {
    let mut app = app();
    // 40 rows: 2 header, 2 density strip, 1 footer, 2 borders.
    assert_eq!(app.page(), 33);
    app.update(Action::PageDown);
    assert_eq!(app.selected_row(), Some(33));
    app.update(Action::HalfPageUp);
    assert_eq!(app.selected_row(), Some(17));
    app.update(Action::PageUp);
    assert_eq!(app.selected_row(), Some(0));
}

#[test]
fn the_selection_is_kept_in_view_with_context() {
    let mut app = app();
    app.update(Action::Resize(120, 15)); // 10 visible rows
    assert_eq!(app.page(), 10);
    for _ in 0..7 {
        app.update(Action::Next);
    }
    // Row 7 with three rows of context below means rows 1..=10 are shown.
    assert_eq!(app.offset(), 1);
    app.update(Action::Last);
    assert_eq!(app.offset(), app.rows().len() - 10);
    app.update(Action::First);
    assert_eq!(app.offset(), 0);
}

#[test]
fn the_first_pillar_key_shows_only_that_pillar_then_keys_toggle() {
    let mut app = app();
    let total = app.rows().len();
    app.update(Action::Pillar(2));
    let economic = app.rows().len();
    assert!(economic > 0 && economic < total);
    assert!(app.filter().shows(2) && !app.filter().shows(0));
    assert!(
        app.rows()
            .iter()
            .all(|&event| app.timeline().event(event).pillar == 2)
    );
    app.update(Action::Pillar(5));
    let both = app.rows().len();
    assert!(both > economic);
    app.update(Action::Pillar(2));
    assert_eq!(app.rows().len(), both - economic);
    app.update(Action::AllPillars);
    assert_eq!(app.rows().len(), total);
    assert!(app.filter().is_all());
}

#[test]
fn a_missing_pillar_says_so_and_changes_nothing() {
    let mut app = app();
    app.update(Action::Pillar(8));
    assert!(app.filter().is_all());
    assert_eq!(app.status(), Some("No pillar 9: this timeline has 6"));
    app.update(Action::Next);
    assert_eq!(app.status(), None);
}

#[test]
fn searching_jaif_ranks_the_jaif_events_first() {
    let mut app = app();
    type_query(&mut app, "JAIF");
    assert_eq!(*app.mode(), Mode::Search);
    assert_eq!(app.order(), Order::Relevance);
    let shown = shown_ids(&app);
    assert!(shown.len() < app.timeline().events.len());
    let mut top: Vec<&str> = shown[..3].to_vec();
    top.sort();
    assert_eq!(top, ["jaif-established", "jaif-pledge", "jmt-established"]);
}

#[test]
fn the_selection_tracks_its_event_while_the_query_changes() {
    let mut app = app();
    select_id(&mut app, "jaif-established");
    type_query(&mut app, "JAIF");
    assert_eq!(selected_id(&app), "jaif-established");
    app.update(Action::CancelSearch);
    assert_eq!(app.query().text(), "");
    assert_eq!(*app.mode(), Mode::Browse);
    assert_eq!(selected_id(&app), "jaif-established");
    assert_eq!(app.rows().len(), app.timeline().events.len());
}

#[test]
fn an_untouched_selection_follows_the_best_match_as_the_query_grows() {
    let mut app = app();
    // "AJC" alone is the ASEAN-Japan Centre's acronym; "AJCEP" must still land on AJCEP.
    type_query(&mut app, "AJCEP");
    assert!(selected_id(&app).contains("ajcep"), "{}", selected_id(&app));
    assert_eq!(app.selected_row(), Some(0));
}

#[test]
fn a_chosen_selection_that_stops_matching_falls_back_to_the_best_match() {
    let mut app = app();
    select_id(&mut app, "forum-1977");
    type_query(&mut app, "JAIF");
    assert_eq!(app.selected_row(), Some(0));
    assert!(["jaif-established", "jaif-pledge", "jmt-established"].contains(&selected_id(&app)));
}

#[test]
fn enter_keeps_the_filter_and_escape_then_clears_it() {
    let mut app = app();
    type_query(&mut app, "Bagan");
    app.update(Action::AcceptSearch);
    assert_eq!(*app.mode(), Mode::Browse);
    assert_eq!(app.query().text(), "Bagan");
    assert_eq!(shown_ids(&app)[0], "defence-ministers-informal-2014");
    assert!(app.rows().len() < app.timeline().events.len());
    app.update(Action::Back);
    assert_eq!(app.query().text(), "");
    assert_eq!(app.rows().len(), app.timeline().events.len());
}

#[test]
fn editing_the_query_refilters() {
    let mut app = app();
    type_query(&mut app, "Baganx");
    assert!(app.rows().is_empty());
    assert_eq!(app.selected_row(), None);
    app.update(Action::Edit(Edit::DeleteBackward));
    assert_eq!(selected_id(&app), "defence-ministers-informal-2014");
    app.update(Action::Edit(Edit::DeleteToStart));
    assert_eq!(app.rows().len(), app.timeline().events.len());
}

#[test]
fn search_and_pillar_filter_combine() {
    let mut app = app();
    type_query(&mut app, "AJCEP");
    let all_pillars = app.rows().len();
    app.update(Action::AcceptSearch);
    app.update(Action::Pillar(0)); // milestones: no AJCEP events there
    assert!(app.rows().len() < all_pillars);
    assert!(
        app.rows()
            .iter()
            .all(|&event| app.timeline().event(event).pillar == 0)
    );
}

#[test]
fn order_switches_between_relevance_and_timeline_only_with_a_query() {
    let mut app = app();
    app.update(Action::ToggleOrder);
    assert_eq!(app.order(), Order::Timeline);
    assert!(app.status().is_some());
    type_query(&mut app, "summit");
    app.update(Action::AcceptSearch);
    assert_eq!(app.order(), Order::Relevance);
    app.update(Action::ToggleOrder);
    assert_eq!(app.order(), Order::Timeline);
    let events: Vec<EventId> = app.rows().to_vec();
    assert!(events.windows(2).all(|w| w[0] < w[1]), "{events:?}");
}

#[test]
fn year_and_decade_keys_jump_between_groups() {
    let mut app = app();
    let year = |app: &App| {
        app.selected_event()
            .unwrap()
            .date
            .as_ref()
            .unwrap()
            .start()
            .year()
    };
    app.update(Action::NextYear);
    assert_eq!(year(&app), 1977);
    app.update(Action::NextDecade);
    assert_eq!(year(&app), 1981);
    app.update(Action::NextDecade);
    assert_eq!(year(&app), 1994);
    app.update(Action::NextDecade);
    assert_eq!(year(&app), 2003);
    assert_eq!(selected_id(&app), "atm-japan-begins");
    app.update(Action::NextYear);
    assert_eq!(year(&app), 2004);
    app.update(Action::NextYear);
    app.update(Action::PreviousYear);
    assert_eq!(
        selected_id(&app),
        "somtc-japan-established",
        "first event of 2004"
    );
    app.update(Action::PreviousDecade);
    assert_eq!(year(&app), 1994, "first event of the 1990s");
    app.update(Action::PreviousYear);
    assert_eq!(year(&app), 1981);
    app.update(Action::First);
    app.update(Action::PreviousYear);
    assert_eq!(app.selected_row(), Some(0));
    app.update(Action::Last);
    app.update(Action::NextYear);
    assert_eq!(app.selected_row(), Some(app.rows().len() - 1));
}

#[test]
fn tab_moves_focus_and_j_walks_the_related_events() {
    let mut app = app();
    select_id(&mut app, "ajcep-signed");
    let related = app.related();
    assert!(related.len() >= 4, "{related:?}");
    app.update(Action::ToggleFocus);
    assert_eq!(app.focus(), Focus::Detail);
    app.update(Action::Next);
    assert_eq!(app.related_cursor(), 1);
    app.update(Action::Open);
    let target = app.timeline().event(related[1]);
    assert_eq!(selected_id(&app), target.id());
    assert_eq!(app.related_cursor(), 0);
    app.update(Action::ToggleFocus);
    assert_eq!(app.focus(), Focus::Timeline);
}

#[test]
fn jumping_to_a_filtered_out_event_clears_the_filters() {
    let mut app = app();
    app.update(Action::Pillar(0)); // milestones only
    type_query(&mut app, "CSP");
    app.update(Action::AcceptSearch);
    select_id(&mut app, "csp-established");
    let related = app.related();
    // The 22nd Summit shares the ASEAN-Japan Summit mechanism but sits in another pillar.
    let hidden = app
        .timeline()
        .events
        .iter()
        .position(|e| e.id() == "summit-22-connectivity")
        .map(EventId::at)
        .unwrap();
    let cursor = related.iter().position(|&e| e == hidden).expect("related");
    assert!(app.rows().iter().all(|&event| event != hidden));
    app.update(Action::ToggleFocus);
    for _ in 0..cursor {
        app.update(Action::Next);
    }
    app.update(Action::Open);
    assert_eq!(selected_id(&app), "summit-22-connectivity");
    assert!(app.filter().is_all());
    assert_eq!(app.query().text(), "");
    assert!(app.status().is_some());
    // Back puts the view as it was: the pillar, the query and the event.
    app.update(Action::HistoryBack);
    assert_eq!(selected_id(&app), "csp-established");
    assert!(!app.filter().is_all() && app.filter().shows(0));
    assert_eq!(app.query().text(), "CSP");
    app.update(Action::HistoryForward);
    assert_eq!(selected_id(&app), "summit-22-connectivity");
    assert!(app.filter().is_all());
}

fn jump(app: &mut App, date: &str) {
    app.update(Action::StartJump);
    assert_eq!(*app.mode(), Mode::Jump(Prompt::default()));
    for c in date.chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
    app.update(Action::AcceptJump);
}

#[test]
fn colon_jumps_to_the_first_event_reaching_a_date_and_ctrl_o_comes_back() {
    let mut app = app();
    select_id(&mut app, "ajcep-signed");
    jump(&mut app, "2013");
    assert_eq!(*app.mode(), Mode::Browse);
    // The first of 2013's events: the Plan of Action 2011–2015 reaches 2013 too, but the
    // gutter files it under 2011.
    assert_eq!(selected_id(&app), "anniversary-40");
    // A year-precise event reaches every day of its year: `2013-12` would land here too.
    jump(&mut app, "2014-11");
    assert_eq!(selected_id(&app), "joint-declaration-terrorism-2014");
    // A day with no event: the first one after it.
    jump(&mut app, "2014-11-15");
    assert_eq!(selected_id(&app), "defence-ministers-informal-2014");
    jump(&mut app, "1975");
    assert_eq!(selected_id(&app), "forum-1977");
    // An interval reaches every day it spans.
    jump(&mut app, "2017-04-08");
    assert_eq!(selected_id(&app), "ajin-launched");

    for expected in [
        "forum-1977",
        "defence-ministers-informal-2014",
        "joint-declaration-terrorism-2014",
        "anniversary-40",
        "ajcep-signed",
    ] {
        app.update(Action::HistoryBack);
        assert_eq!(selected_id(&app), expected);
    }
    app.update(Action::HistoryBack);
    assert_eq!(selected_id(&app), "ajcep-signed");
    assert!(app.status().is_some(), "says there is nothing further back");
    app.update(Action::HistoryForward);
    assert_eq!(selected_id(&app), "anniversary-40");
    // Where nothing starts in or after the year, a span begun earlier that reaches it counts.
    jump(&mut app, "2027");
    assert_eq!(selected_id(&app), "sendai-framework-2015-2030");
    // The prompt pads what the data format would have written in full.
    jump(&mut app, "2014-11-9");
    assert_eq!(selected_id(&app), "joint-declaration-terrorism-2014");
    jump(&mut app, "632");
    assert_eq!(selected_id(&app), "informal-dialogue-1973");
}

#[test]
fn a_date_jump_stays_within_the_filters() {
    let mut app = app();
    app.update(Action::Pillar(2)); // economic only
    jump(&mut app, "2013");
    assert_eq!(selected_id(&app), "economic-roadmap-improved");
}

#[test]
fn an_invalid_date_says_so_inline_and_changes_nothing() {
    let mut app = app();
    select_id(&mut app, "ajcep-signed");
    let page = app.page();
    for (date, error) in [
        ("2013-13", "2013-13: month must be 01-12"),
        (
            "abc",
            "\"abc\" is not a date: type a year (1973, -300, 300 BCE), YYYY-MM or YYYY-MM-DD",
        ),
        ("2013-02-30", "2013-02-30: 2013-02 has no day 30"),
        ("12345", "No event shown on or after 12345"),
        ("2031", "No event shown on or after 2031"),
    ] {
        jump(&mut app, date);
        assert!(matches!(app.mode(), Mode::Jump(_)), "{date}");
        assert_eq!(prompt(&app).unwrap().error.as_deref(), Some(error));
        assert_eq!(selected_id(&app), "ajcep-signed");
        assert_eq!(app.page(), page - 1, "the message takes a line");
        app.update(Action::Edit(Edit::DeleteToStart));
        assert_eq!(
            prompt(&app).unwrap().error,
            None,
            "editing clears the message"
        );
        app.update(Action::CancelJump);
    }
    assert_eq!(*app.mode(), Mode::Browse);
    app.update(Action::HistoryBack);
    assert_eq!(selected_id(&app), "ajcep-signed");
}

#[test]
fn narrow_terminals_open_the_detail_full_screen() {
    let mut app = app();
    app.update(Action::Resize(60, 20));
    assert!(app.screen().detail().is_none());
    app.update(Action::Open);
    assert_eq!(app.focus(), Focus::Detail);
    assert!(app.screen().timeline().is_none());
    assert!(app.screen().detail().is_some());
    app.update(Action::Back);
    assert_eq!(app.focus(), Focus::Timeline);
    assert!(app.screen().timeline().is_some());
}

#[test]
fn help_opens_and_closes() {
    let mut app = app();
    app.update(Action::ToggleHelp);
    assert_eq!(help_scroll(&app), Some(0));
    app.update(Action::CloseHelp);
    assert_eq!(*app.mode(), Mode::Browse);
    apply(&mut app, &[Action::ToggleHelp, Action::ToggleHelp]);
    assert_eq!(*app.mode(), Mode::Browse);
}

#[test]
fn quit_sets_the_flag() {
    let mut app = app();
    assert!(!app.should_quit());
    app.update(Action::Quit);
    assert!(app.should_quit());
}

#[test]
fn clicks_select_rows_and_the_wheel_moves_the_selection() {
    let mut app = app();
    // Timeline rows start below the 2-line header, the 2-line strip and the pane's top border.
    app.update(Action::Click {
        column: 10,
        row: 5 + 4,
    });
    assert_eq!(app.selected_row(), Some(4));
    app.update(Action::Scroll {
        column: 10,
        row: 10,
        lines: 3,
    });
    assert_eq!(app.selected_row(), Some(7));
    app.update(Action::Click {
        column: 100,
        row: 10,
    });
    assert_eq!(app.focus(), Focus::Detail);
    // A click on a border or the header changes nothing.
    app.update(Action::Click { column: 0, row: 0 });
    assert_eq!(app.selected_row(), Some(7));
}

#[test]
fn a_click_on_the_density_strip_selects_the_first_event_of_that_year() {
    let mut app = app();
    // At 120 columns the strip starts at column 1 and gives each year of 1973–2023 two columns.
    let column = |year: u16| 1 + (year - 1973) * 2;
    app.update(Action::Click {
        column: column(2013),
        row: 2,
    });
    assert_eq!(selected_id(&app), "anniversary-40");
    app.update(Action::Click {
        column: column(2013) + 1,
        row: 3,
    });
    assert_eq!(selected_id(&app), "anniversary-40");
    // A year without events says so and keeps the selection.
    app.update(Action::Click {
        column: column(1975),
        row: 2,
    });
    assert_eq!(selected_id(&app), "anniversary-40");
    assert_eq!(app.status(), Some("No event shown in 1975"));
    // The strip counts what is shown: with only the economic pillar, 2013 has none.
    app.update(Action::Pillar(2));
    let total: u32 = app
        .density()
        .strip(118)
        .unwrap()
        .bins
        .iter()
        .map(|bin| bin.events)
        .sum();
    // Undated entries are on no year's bar.
    assert!(app.undated_row_count() > 0);
    assert_eq!(total as usize, app.row_count() - app.undated_row_count());
}

#[test]
fn a_timeline_without_events_is_safe_to_drive() {
    let empty: Timeline = load_str(
        "empty.ron",
        r#"Timeline(title: "Empty", pillars: [Pillar(id: "p", name: "P", color: "red")])"#,
    )
    .unwrap();
    let mut app = App::new(empty, Rect::new(0, 0, 80, 24));
    apply(
        &mut app,
        &[
            Action::Next,
            Action::Last,
            Action::NextYear,
            Action::PreviousDecade,
            Action::ToggleFocus,
            Action::Open,
            Action::Pillar(0),
        ],
    );
    assert_eq!(app.selected_row(), None);
    assert!(app.related().is_empty());
}

#[test]
fn a_bad_query_keeps_the_list_and_says_why() {
    let mut app = app();
    type_query(&mut app, "jaif");
    let shown = shown_ids(&app).len();
    for c in " year:abc".chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
    assert_eq!(shown_ids(&app).len(), shown);
    let error = app.query_error().expect("an error").to_string();
    assert!(error.starts_with("year:abc: "), "{error}");
    // The footer grows a line for the message.
    assert_eq!(app.page(), 32);
    app.update(Action::Edit(Edit::DeleteWordBackward));
    assert!(app.query_error().is_none());
    app.update(Action::CancelSearch);
    assert!(app.query_error().is_none());
    assert_eq!(app.rows().len(), app.timeline().events.len());
}

#[test]
fn query_syntax_works_in_the_explorer() {
    let mut app = app();
    type_query(&mut app, "year:2008 pillar:eco");
    assert_eq!(shown_ids(&app), ["ajcep-signed", "ajcep-in-force"]);
    app.update(Action::Edit(Edit::DeleteToStart));
    type_query(&mut app, "summit !tokyo");
    assert!(!app.rows().is_empty());
    assert!(app.rows().iter().all(|&event| {
        let event = &app.timeline().event(event);
        event.place().is_none_or(|place| !place.contains("Tokyo"))
    }));
}

#[test]
fn up_and_down_recall_earlier_queries() {
    let mut app = app();
    for query in ["jaif", "ajcep"] {
        type_query(&mut app, query);
        app.update(Action::AcceptSearch);
        app.update(Action::StartSearch);
        app.update(Action::Edit(Edit::DeleteToStart));
    }
    app.update(Action::Edit(Edit::Insert('x')));
    app.update(Action::OlderQuery);
    assert_eq!(app.query().text(), "ajcep");
    app.update(Action::OlderQuery);
    assert_eq!(app.query().text(), "jaif");
    app.update(Action::OlderQuery);
    assert_eq!(app.query().text(), "jaif");
    app.update(Action::NewerQuery);
    assert_eq!(app.query().text(), "ajcep");
    app.update(Action::NewerQuery);
    assert_eq!(app.query().text(), "");
    assert_eq!(app.rows().len(), app.timeline().events.len());
}

#[test]
fn a_help_taller_than_the_terminal_scrolls_within_bounds() {
    let mut app = app();
    app.update(Action::Resize(60, 20));
    app.update(Action::ToggleHelp);
    app.update(Action::Next);
    app.update(Action::Next);
    assert_eq!(
        help_scroll(&app),
        Some(2),
        "movement keys scroll the help, not the list"
    );
    assert_eq!(app.selected_row(), Some(0));
    app.update(Action::Last);
    let last = help_scroll(&app).unwrap();
    assert!(last > 0);
    app.update(Action::PageDown);
    assert_eq!(help_scroll(&app), Some(last), "never past the end");
    app.update(Action::First);
    assert_eq!(help_scroll(&app), Some(0));
    app.update(Action::CloseHelp);
    app.update(Action::ToggleHelp);
    assert_eq!(help_scroll(&app), Some(0), "opens at the top again");
    // A tall terminal shows it whole: nothing to scroll.
    app.update(Action::Resize(120, 100));
    app.update(Action::Next);
    assert_eq!(help_scroll(&app), Some(0));
}

#[test]
fn far_rows_of_a_long_ranked_list_follow_the_ranking() {
    let timeline = ajtl::fixtures::synthetic_timeline(2000).unwrap();
    let mut app = App::new(timeline, Rect::new(0, 0, 120, 40));
    type_query(&mut app, "a");
    app.update(Action::AcceptSearch);
    let count = app.row_count();
    assert!(count > 1000, "{count} rows");
    let ranked = app.rows().to_vec();
    // The list on screen is the top of the full ranking, and End reaches its last row.
    assert_eq!(app.rows_in(0..10), &ranked[..10]);
    app.update(Action::Last);
    assert_eq!(app.selected_row(), Some(count - 1));
    let last = &app.timeline().event(ranked[count - 1]);
    assert_eq!(selected_id(&app), last.id());
    assert_eq!(app.rows_in(count - 10..count), &ranked[count - 10..]);
}

fn jaif_events(app: &App) -> Vec<String> {
    app.timeline()
        .events
        .iter()
        .filter(|event| event.acronyms.iter().any(|a| &**a == "JAIF"))
        .map(|event| event.id().to_string())
        .collect()
}

#[test]
fn an_index_entry_narrows_the_timeline_until_x_or_escape() {
    let mut app = app();
    select_id(&mut app, "ajcep-signed");
    type_query(&mut app, "summit");
    app.update(Action::AcceptSearch);
    app.update(Action::ToggleIndex);
    assert_eq!(*app.mode(), Mode::Index);
    app.update(Action::StartSearch);
    assert_eq!(*app.mode(), Mode::IndexSearch);
    for c in "JAIF".chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
    assert_eq!(&*app.index_view().selected().unwrap().name, "JAIF");
    app.update(Action::Open);
    assert_eq!(*app.mode(), Mode::Browse);
    let jaif = jaif_events(&app);
    assert_eq!(shown_ids(&app), jaif);
    assert_eq!(selected_id(&app), jaif[0]);
    assert_eq!(app.query().text(), "", "the query made way for the entry");
    assert_eq!(&*app.scope().unwrap().name, "JAIF");

    // A query searches within the entry's events.
    type_query(&mut app, "management");
    assert_eq!(shown_ids(&app), ["jmt-established"]);
    // Esc clears the latest layer first: the query, then the entry.
    app.update(Action::CancelSearch);
    assert_eq!(shown_ids(&app), jaif);
    app.update(Action::Back);
    assert!(app.scope().is_none());
    assert_eq!(app.row_count(), app.timeline().events.len());

    // Ctrl-o returns to before the pick: the search and the event it had selected.
    app.update(Action::HistoryBack);
    assert_eq!(app.query().text(), "summit");
    assert!(app.scope().is_none());
    // Forward goes to where back was pressed: after Esc had cleared the entry.
    app.update(Action::HistoryForward);
    assert!(app.scope().is_none());
    assert_eq!(app.query().text(), "");
}

#[test]
fn an_entry_without_events_says_so_and_stays_in_the_index() {
    let mut app = app();
    app.update(Action::ToggleIndex);
    app.update(Action::StartSearch);
    // The source writes ATM only as ATM+Japan: the bare acronym names no event.
    for c in "atm".chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
    app.update(Action::Open);
    assert_eq!(*app.mode(), Mode::IndexSearch);
    assert_eq!(app.status(), Some("ATM: no event names it"));
    assert!(app.scope().is_none());
    // Esc clears the index's search, then closes the index; help opens over it and returns.
    app.update(Action::CancelSearch);
    assert_eq!(*app.mode(), Mode::Index);
    app.update(Action::ToggleHelp);
    assert_eq!(help_scroll(&app), Some(0));
    assert!(
        app.screen().index().is_some(),
        "the index stays under the help"
    );
    app.update(Action::CloseHelp);
    assert_eq!(*app.mode(), Mode::Index);
    assert_eq!(app.index_view().query().text(), "");
    app.update(Action::ToggleIndex);
    assert_eq!(*app.mode(), Mode::Browse);
}

#[test]
fn mechanisms_narrow_too_and_the_index_takes_the_mouse() {
    let mut app = app();
    app.update(Action::ToggleIndex);
    app.update(Action::SwitchTab);
    app.update(Action::StartSearch);
    for c in "ASEAN-Japan Forum".chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
    app.update(Action::Open);
    let forum: Vec<String> = app
        .timeline()
        .events
        .iter()
        .filter(|e| e.mechanisms.iter().any(|m| &**m == "ASEAN-Japan Forum"))
        .map(|e| e.id().to_string())
        .collect();
    assert_eq!(shown_ids(&app), forum);
    assert!(shown_ids(&app).len() < app.timeline().events.len());
    app.update(Action::ClearScope);
    assert!(app.scope().is_none());
    assert_eq!(app.row_count(), app.timeline().events.len());
    app.update(Action::ClearScope);
    assert!(app.status().is_some(), "says there is nothing to clear");

    // The index reopens as it was left; wheel and clicks move its selection.
    app.update(Action::ToggleIndex);
    assert_eq!(app.index_view().query().text(), "ASEAN-Japan Forum");
    app.update(Action::StartSearch);
    app.update(Action::CancelSearch);
    app.update(Action::Scroll {
        column: 10,
        row: 10,
        lines: 3,
    });
    assert_eq!(app.index_view().selected_row(), Some(3));
    // The list's rows start below the header, the border, the tabs and the column titles.
    app.update(Action::Click { column: 10, row: 6 });
    assert_eq!(app.index_view().selected_row(), Some(1));
}

#[test]
fn m_bookmarks_and_quote_shows_only_bookmarks_saving_each_change() {
    use ajtl::app::effect::Effect;
    use ajtl::bookmarks::Change;
    let mut app = app();
    app.update(Action::ToggleBookmarkedOnly);
    assert!(!app.bookmarked_only());
    assert!(app.status().unwrap().contains("No bookmarks yet"));

    select_id(&mut app, "jaif-established");
    app.update(Action::ToggleBookmark);
    select_id(&mut app, "csp-established");
    app.update(Action::ToggleBookmark);
    // Each change is saved as a change, so that another explorer's bookmarks are kept.
    assert_eq!(
        app.take_effects(),
        [
            Effect::SaveBookmarks(Change::Add("jaif-established".into())),
            Effect::SaveBookmarks(Change::Add("csp-established".into())),
        ]
    );
    assert_eq!(
        app.bookmarks()
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        ["csp-established", "jaif-established"]
    );

    app.update(Action::ToggleBookmarkedOnly);
    assert_eq!(shown_ids(&app), ["jaif-established", "csp-established"]);
    // Search within the bookmarks; removing one takes it off the list at once.
    type_query(&mut app, "csp");
    assert_eq!(shown_ids(&app), ["csp-established"]);
    app.update(Action::CancelSearch);
    select_id(&mut app, "csp-established");
    app.update(Action::ToggleBookmark);
    assert_eq!(shown_ids(&app), ["jaif-established"]);
    app.update(Action::ToggleBookmarkedOnly);
    assert_eq!(app.row_count(), app.timeline().events.len());
}

#[test]
fn bookmarks_of_ids_the_timeline_lacks_are_kept() {
    use ajtl::app::effect::Effect;
    use ajtl::bookmarks::Change;
    let mut app = app();
    let ids = ["gone-from-the-data", "jaif-established"].map(String::from);
    app.set_bookmarks(ids.iter().cloned().collect());
    let jaif = app
        .timeline()
        .events
        .iter()
        .position(|e| e.id() == "jaif-established")
        .map(EventId::at)
        .unwrap();
    assert!(app.is_bookmarked(jaif));
    select_id(&mut app, "forum-1977");
    app.update(Action::ToggleBookmark);
    assert_eq!(
        app.take_effects(),
        [Effect::SaveBookmarks(Change::Add("forum-1977".into()))]
    );
    let kept = app.bookmarks();
    assert!(kept.contains("gone-from-the-data") && kept.contains("forum-1977"));
}

#[test]
fn stored_bookmarks_bring_other_explorers_ones_under_the_changes_not_yet_saved() {
    use ajtl::bookmarks::Stored;
    let ids = |list: &[&str]| list.iter().map(|id| id.to_string()).collect();
    let shown = |app: &App| app.bookmarks().iter().cloned().collect::<Vec<_>>();
    let mut app = app();
    app.bookmarks_stored(Ok(Stored {
        ids: Some(ids(&["forum-1977"])),
        changes: 0,
        note: None,
    }));
    assert_eq!(shown(&app), ["forum-1977"]);
    select_id(&mut app, "jaif-established");
    app.update(Action::ToggleBookmark);
    select_id(&mut app, "csp-established");
    app.update(Action::ToggleBookmark);
    select_id(&mut app, "forum-1977");
    app.update(Action::ToggleBookmark);
    assert_eq!(shown(&app), ["csp-established", "jaif-established"]);

    // The first change is saved, into a file where another explorer had replaced the 1977
    // bookmark with the 1973 one: the two changes not yet saved stay made.
    app.bookmarks_stored(Ok(Stored {
        ids: Some(ids(&["informal-dialogue-1973", "jaif-established"])),
        changes: 1,
        note: None,
    }));
    assert_eq!(
        shown(&app),
        [
            "csp-established",
            "informal-dialogue-1973",
            "jaif-established"
        ]
    );
    let informal = app
        .timeline()
        .events
        .iter()
        .position(|e| e.id() == "informal-dialogue-1973")
        .map(EventId::at)
        .unwrap();
    assert!(
        app.is_bookmarked(informal),
        "the marker shows another explorer's bookmark"
    );
    // The rest are saved, and nobody else changed the file: nothing to take.
    app.bookmarks_stored(Ok(Stored {
        ids: None,
        changes: 2,
        note: None,
    }));
    assert_eq!(
        shown(&app),
        [
            "csp-established",
            "informal-dialogue-1973",
            "jaif-established"
        ]
    );
    // From here on a report of every change saved starts from the stored ids.
    app.bookmarks_stored(Ok(Stored {
        ids: Some(ids(&["informal-dialogue-1973"])),
        changes: 0,
        note: None,
    }));
    assert_eq!(shown(&app), ["informal-dialogue-1973"]);
    app.bookmarks_stored(Err("Bookmarks not saved to x: disk full".into()));
    assert_eq!(app.status(), Some("Bookmarks not saved to x: disk full"));
}

#[test]
fn y_copies_a_citation_of_the_selected_event() {
    use ajtl::app::effect::Effect;
    let mut app = app();
    select_id(&mut app, "jaif-established");
    app.update(Action::CopyCitation);
    let event = app.selected_event().unwrap();
    let expected = format!(
        "March 2006 — {} (¶ {}, Overview of ASEAN-Japan Comprehensive Strategic Partnership)",
        event.title(),
        event.source.unwrap()
    );
    assert_eq!(app.take_effects(), [Effect::Copy(expected)]);
}

#[test]
fn e_exports_to_a_named_file_and_asks_before_replacing_one() {
    use ajtl::app::effect::{Effect, EffectResult};
    use ajtl::files::Existing;
    use ajtl::output::Format;
    use std::path::PathBuf;
    let mut app = app();
    let path = |app: &App| {
        prompt(app)
            .expect("the export prompt")
            .line
            .text()
            .to_string()
    };
    app.update(Action::StartExport);
    assert_eq!(path(&app), "ajtl-export.md", "no clock, no date");
    app.update(Action::CancelExport);
    app.set_today(chrono::NaiveDate::from_ymd_opt(2026, 3, 9).unwrap());
    app.update(Action::StartExport);
    assert_eq!(path(&app), "ajtl-export-2026-03-09.md");
    app.update(Action::SwitchFormat);
    assert_eq!(path(&app), "ajtl-export-2026-03-09.csv");
    app.update(Action::SwitchFormat);
    assert_eq!(path(&app), "ajtl-export-2026-03-09.json");
    app.update(Action::Edit(Edit::DeleteToStart));
    for c in "out.txt".chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
    app.update(Action::AcceptExport);
    let refused = prompt(&app).expect("an unknown extension is refused");
    assert!(
        refused
            .error
            .as_ref()
            .unwrap()
            .contains(".md, .csv or .json")
    );
    app.update(Action::SwitchFormat);
    assert_eq!(path(&app), "out.md");
    app.update(Action::AcceptExport);
    assert_eq!(*app.mode(), Mode::Browse);
    let effects = app.take_effects();
    let export = Effect::Export {
        path: PathBuf::from("out.md"),
        format: Format::Markdown,
        existing: Existing::Keep,
    };
    assert_eq!(effects, std::slice::from_ref(&export));

    // The file exists: a question, and only y replaces it.
    app.effect_done(&export, EffectResult::Exists(PathBuf::from("out.md")));
    assert_eq!(
        *app.mode(),
        Mode::Confirm {
            path: PathBuf::from("out.md"),
            format: Format::Markdown
        }
    );
    app.update(Action::Confirm(false));
    assert!(app.take_effects().is_empty());
    assert!(app.status().unwrap().contains("nothing written"));
    app.effect_done(&export, EffectResult::Exists(PathBuf::from("out.md")));
    app.update(Action::Confirm(true));
    let replace = app.take_effects();
    assert!(matches!(
        replace.as_slice(),
        [Effect::Export {
            existing: Existing::Replace,
            ..
        }]
    ));
    app.effect_done(
        &replace[0],
        EffectResult::Done("Exported 56 events to out.md".into()),
    );
    assert_eq!(app.status(), Some("Exported 56 events to out.md"));
}

#[test]
fn a_reload_keeps_the_view_and_a_bad_one_keeps_the_old_data() {
    let timeline = |second: &str| {
        load_str(
            "t.ron",
            &format!(
                r#"Timeline(title: "t", pillars: [Pillar(id: "p", name: "P", color: "red"),
                Pillar(id: "q", name: "Q", color: "blue")], events: [
                Event(id: "a", date: "2001", title: "Fund talks", pillar: "p"),
                Event(id: "b", date: "2002", title: "{second}", pillar: "p"),
                Event(id: "c", date: "2003", title: "Fund review", pillar: "q"),
            ])"#
            ),
        )
        .unwrap()
    };
    let mut app = App::new(timeline("Fund launch"), Rect::new(0, 0, 120, 40));
    app.update(Action::Pillar(0));
    type_query(&mut app, "fund");
    app.update(Action::AcceptSearch);
    select_id(&mut app, "b");
    app.update(Action::ToggleBookmark);

    let fresh = Data::new(timeline("Fund launch, renamed"));
    app.reload(Ok(fresh));
    assert_eq!(app.query().text(), "fund");
    assert!(!app.filter().is_all());
    assert_eq!(selected_id(&app), "b");
    assert_eq!(
        app.selected_event().unwrap().title(),
        "Fund launch, renamed"
    );
    assert_eq!(shown_ids(&app), ["a", "b"]);
    assert!(app.bookmarks().contains("b"));
    assert!(
        app.is_bookmarked(EventId::at(1)),
        "the marker follows the reloaded events"
    );
    assert_eq!(app.status(), Some("Reloaded: 3 events"));
    app.update(Action::ToggleBookmarkedOnly);
    assert_eq!(shown_ids(&app), ["b"]);
    app.update(Action::ToggleBookmarkedOnly);

    let broken = ajtl::timeline::load_str("t.ron", "Timeline(title: ").unwrap_err();
    app.reload(Err(broken));
    assert!(app.reload_error().unwrap().starts_with("t.ron:1:"));
    assert_eq!(
        app.selected_event().unwrap().title(),
        "Fund launch, renamed"
    );
    app.update(Action::Next);
    assert!(app.reload_error().is_some(), "shown until a reload works");
    app.reload(Ok(Data::new(timeline("Fund launch"))));
    assert!(app.reload_error().is_none());
}

/// A timeline of three events for reload tests; `second` is the second event's title.
fn small_timeline(second: &str) -> Timeline {
    load_str(
        "t.ron",
        &format!(
            r#"Timeline(title: "t", pillars: [Pillar(id: "p", name: "P", color: "red")],
            glossary: {{"FUND": "Fund for Unity"}}, events: [
            Event(id: "a", date: "2001", title: "Fund talks", pillar: "p", acronyms: ["FUND"]),
            Event(id: "b", date: "2002", title: "{second}", pillar: "p", mechanisms: ["Forum"]),
            Event(id: "c", date: "2003", title: "Fund review", pillar: "p"),
        ])"#
        ),
    )
    .unwrap()
}

/// What a reload must leave as it was: the mode with its prompt, question or overlay, the
/// query, the focus, the index view and the selected event (by id).
fn where_the_user_is(app: &App) -> impl PartialEq + std::fmt::Debug + use<> {
    let view = app.index_view();
    (
        app.mode().clone(),
        app.query().text().to_string(),
        app.focus(),
        app.selected_event().map(|event| event.id().to_string()),
        (view.tab(), view.query().text().to_string()),
        view.selected().map(|entry| entry.name.to_string()),
    )
}

#[test]
fn a_reload_in_every_mode_leaves_the_mode_and_its_state_where_they_were() {
    use ajtl::app::effect::{Effect, EffectResult};
    use ajtl::app::index_view::Kind;
    use ajtl::files::Existing;
    use std::path::PathBuf;
    let typed = |app: &mut App, text: &str| {
        for c in text.chars() {
            app.update(Action::Edit(Edit::Insert(c)));
        }
    };
    let asked_to_replace = |app: &mut App| {
        app.update(Action::StartExport);
        app.update(Action::AcceptExport);
        let export = app.take_effects().pop().expect("an export");
        app.effect_done(&export, EffectResult::Exists(PathBuf::from("out.md")));
    };
    type Setup = Box<dyn Fn(&mut App)>;
    let modes: Vec<(&str, Setup)> = vec![
        ("browsing", Box::new(|_: &mut App| {})),
        ("typing a query", Box::new(|app| type_query(app, "fun"))),
        (
            "typing a date, refused",
            Box::new(move |app| {
                app.update(Action::StartJump);
                typed(app, "20x");
                app.update(Action::AcceptJump);
                assert!(prompt(app).unwrap().error.is_some());
            }),
        ),
        (
            "the index on its second tab",
            Box::new(|app| apply(app, &[Action::ToggleIndex, Action::SwitchTab])),
        ),
        (
            "searching the index",
            Box::new(move |app| {
                apply(app, &[Action::ToggleIndex, Action::SwitchTab]);
                app.update(Action::StartSearch);
                typed(app, "for");
            }),
        ),
        (
            "typing an export path, refused",
            Box::new(move |app| {
                app.update(Action::StartExport);
                app.update(Action::Edit(Edit::DeleteToStart));
                typed(app, "out.txt");
                app.update(Action::AcceptExport);
                assert!(prompt(app).unwrap().error.is_some());
            }),
        ),
        ("asked to replace a file", Box::new(asked_to_replace)),
        (
            "the help over the timeline, scrolled",
            Box::new(|app| apply(app, &[Action::ToggleHelp, Action::Next, Action::Next])),
        ),
        (
            "the help over the index",
            Box::new(|app| apply(app, &[Action::ToggleIndex, Action::ToggleHelp])),
        ),
        (
            "the About over the timeline",
            Box::new(|app| apply(app, &[Action::ToggleAbout, Action::Next])),
        ),
        (
            "the detail focused",
            Box::new(|app| app.update(Action::ToggleFocus)),
        ),
    ];
    let start = || {
        let mut app = App::new(small_timeline("Fund launch"), Rect::new(0, 0, 60, 12));
        select_id(&mut app, "b");
        app
    };
    let reload = |app: &mut App| {
        let fresh = Data::new(small_timeline("Fund launch, renamed"));
        app.reload(Ok(fresh));
        assert_eq!(app.status(), Some("Reloaded: 3 events"));
        assert_eq!(
            app.selected_event().unwrap().title(),
            "Fund launch, renamed"
        );
    };
    for (name, setup) in &modes {
        let mut app = start();
        setup(&mut app);
        let before = where_the_user_is(&app);
        reload(&mut app);
        assert_eq!(where_the_user_is(&app), before, "{name}");
    }

    // And what each mode holds still acts: typing goes on, the index entry found is the
    // reloaded one, the help returns to the index (issue 15, 9a), the answer to the
    // question replaces the file (issue 15, 9b).
    let mut app = start();
    type_query(&mut app, "fun");
    reload(&mut app);
    typed(&mut app, "d");
    assert_eq!(app.query().text(), "fund");

    let mut app = start();
    apply(&mut app, &[Action::ToggleIndex, Action::SwitchTab]);
    app.update(Action::StartSearch);
    typed(&mut app, "for");
    reload(&mut app);
    assert_eq!(app.index_view().tab(), Kind::Mechanism);
    assert_eq!(&*app.index_view().selected().unwrap().name, "Forum");

    let mut app = start();
    apply(&mut app, &[Action::ToggleIndex, Action::ToggleHelp]);
    reload(&mut app);
    app.update(Action::ToggleHelp);
    assert_eq!(*app.mode(), Mode::Index);

    let mut app = start();
    asked_to_replace(&mut app);
    reload(&mut app);
    app.update(Action::Confirm(true));
    assert!(matches!(
        app.take_effects().as_slice(),
        [Effect::Export {
            existing: Existing::Replace,
            ..
        }]
    ));
}

#[test]
fn a_reload_fits_the_choices_to_the_new_data() {
    let timeline = |pillars: &str, mechanism: &str| {
        load_str(
            "t.ron",
            &format!(
                r#"Timeline(title: "t", pillars: [{pillars}], events: [
                Event(id: "a", date: "2001", title: "Fund talks", pillar: "p"),
                Event(id: "b", date: "2002", title: "Forum", pillar: "p", mechanisms: ["{mechanism}"]),
            ])"#
            ),
        )
        .unwrap()
    };
    let p = r#"Pillar(id: "p", name: "P", color: "red")"#;
    let pq =
        r#"Pillar(id: "p", name: "P", color: "red"), Pillar(id: "q", name: "Q", color: "blue")"#;
    let mut app = App::new(timeline(pq, "Forum"), Rect::new(0, 0, 120, 40));
    apply(
        &mut app,
        &[Action::ToggleIndex, Action::SwitchTab, Action::Open],
    );
    assert_eq!(&*app.scope().unwrap().name, "Forum");
    app.update(Action::Pillar(0));
    assert!(!app.filter().is_all());

    // The same pillars and a mechanism still named: the choices stay.
    app.reload(Ok(Data::new(timeline(pq, "Forum"))));
    assert_eq!(&*app.scope().unwrap().name, "Forum");
    assert!(!app.filter().is_all());
    assert_eq!(shown_ids(&app), ["b"]);

    // No event names the mechanism, and the pillars changed: everything shows.
    app.reload(Ok(Data::new(timeline(p, "Council"))));
    assert!(app.scope().is_none());
    assert!(app.filter().is_all());
    assert_eq!(shown_ids(&app), ["a", "b"]);
    assert_eq!(selected_id(&app), "b", "the selected event stays selected");
}

#[test]
fn messages_quoting_paths_reach_the_status_line_made_safe() {
    use ajtl::app::effect::{Effect, EffectResult};
    let mut app = app();
    let evil = "x\u{1b}]2;PWNED\u{7}\u{202E}.md";
    app.effect_done(
        &Effect::Copy(String::new()),
        EffectResult::Failed(format!("Cannot export to {evil}: denied")),
    );
    assert_eq!(
        app.status(),
        Some("Cannot export to x␛]2;PWNED␇.md: denied")
    );
    app.set_status(format!("Bookmarks not saved to {evil}"));
    assert_eq!(app.status(), Some("Bookmarks not saved to x␛]2;PWNED␇.md"));
    // What the bookmarks keeper reports, loaded or failed, goes the same way.
    use ajtl::bookmarks::{LoadNote, Stored};
    let note = LoadNote::KeptAside {
        path: evil.into(),
        problem: "1:1: \u{1b}[2J".into(),
    };
    app.bookmarks_stored(Ok(Stored {
        ids: None,
        changes: 0,
        note: Some(note),
    }));
    assert_eq!(
        app.status(),
        Some("Bookmarks file unreadable (1:1: ␛[2J); kept as x␛]2;PWNED␇.md and started afresh")
    );
    app.bookmarks_stored(Err(format!("Cannot read bookmarks {evil}: denied")));
    assert_eq!(
        app.status(),
        Some("Cannot read bookmarks x␛]2;PWNED␇.md: denied")
    );
    let broken = load_str(evil, "Timeline(title: ").unwrap_err();
    app.reload(Err(broken));
    assert!(
        app.reload_error().unwrap().starts_with("x␛]2;PWNED␇.md:1:"),
        "{:?}",
        app.reload_error()
    );
}

#[test]
fn showing_only_bookmarks_before_they_have_loaded_says_they_are_loading() {
    use ajtl::bookmarks::Stored;
    let mut app = app();
    app.await_bookmarks();
    app.update(Action::ToggleBookmarkedOnly);
    assert_eq!(app.status(), Some("Bookmarks are still loading"));
    assert!(!app.bookmarked_only());
    app.bookmarks_stored(Ok(Stored {
        ids: Some(["forum-1977".to_string()].into()),
        changes: 0,
        note: None,
    }));
    app.update(Action::ToggleBookmarkedOnly);
    assert!(app.bookmarked_only());
    assert_eq!(app.row_count(), 1);

    // Loading failed: nothing more will come, and the usual answer is given.
    let mut app = self::app();
    app.await_bookmarks();
    app.bookmarks_stored(Err("Cannot read bookmarks x: denied".into()));
    app.update(Action::ToggleBookmarkedOnly);
    assert_eq!(
        app.status(),
        Some("No bookmarks yet: m bookmarks the selected event")
    );
}
