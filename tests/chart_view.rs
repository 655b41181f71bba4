//! The chart in the explorer (`v`): the same rows as the list on a time axis, moved in by time
//! and lane, zoomed and panned with keys and the mouse, drawn at every size, with and without
//! colour, in ASCII, and through a reload.

mod common;

use common::{apply, key, typed};

use ajtl::app::keys::Context;
use ajtl::app::{self, Action, App, Body, Data, Edit, Input, Offline, Order, Window};
use ajtl::timeline::{Event, EventId, Timeline, bundled, load_file};
use ajtl::ui::theme::Theme;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

fn app() -> App {
    App::new(bundled().unwrap(), Rect::new(0, 0, 120, 40))
}

fn deep_time() -> Timeline {
    load_file("tests/fixtures/deep-time.ron".as_ref())
        .unwrap()
        .timeline
}

fn type_query(app: &mut App, query: &str) {
    app.update(Action::StartSearch);
    for c in query.chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
    app.update(Action::AcceptSearch);
}

fn selected_id(app: &App) -> String {
    app.selected_event().expect("a selection").id().to_string()
}

fn select_id(app: &mut App, id: &str) {
    app.update(Action::FirstInTime);
    while selected_id(app) != id {
        let before = app.selected_row();
        app.update(Action::LaterEvent);
        assert_ne!(before, app.selected_row(), "{id} not shown");
    }
}

/// When an event starts, in fractional years.
fn start(event: &Event) -> f64 {
    event.date.as_ref().unwrap().earliest().as_years()
}

fn selected_start(app: &App) -> f64 {
    start(app.selected_event().unwrap())
}

/// Where the selection stands across the chart's window: 0 at its start, 1 at its end.
fn place_in_window(app: &App) -> f64 {
    let (first, last) = app.chart_span().unwrap();
    (selected_start(app) - first) / (last - first)
}

fn in_view(app: &App) -> bool {
    (0.0..=1.0).contains(&place_in_window(app))
}

/// Everything the list and the chart share.
fn shared(app: &App) -> (String, String, Option<String>, bool, Option<String>, usize) {
    (
        app.query().text().to_string(),
        format!("{:?}", app.filter()),
        app.scope().map(|scope| scope.name.to_string()),
        app.bookmarked_only(),
        app.selected_event().map(|event| event.id().to_string()),
        app.row_count(),
    )
}

#[test]
fn v_keeps_the_query_pillars_scope_bookmarks_and_selection_both_ways() {
    let mut app = app();
    // Bookmark two JAIF events, then narrow to JAIF's index entry, the bookmarks, a query and
    // two pillars.
    type_query(&mut app, "jaif");
    app.update(Action::ToggleBookmark);
    app.update(Action::Next);
    app.update(Action::ToggleBookmark);
    app.update(Action::CancelSearch);
    app.update(Action::Back);
    apply(&mut app, &[Action::ToggleIndex, Action::StartSearch]);
    for c in "JAIF".chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
    app.update(Action::Open);
    app.update(Action::ToggleBookmarkedOnly);
    type_query(&mut app, "jaif");
    let pillar = app.selected_event().unwrap().pillar;
    app.update(Action::Pillar(pillar));
    app.update(Action::Last);
    let before = shared(&app);
    assert!(before.2.is_some() && before.3 && before.5 > 0, "{before:?}");

    app.update(Action::ToggleChart);
    assert_eq!(app.body(), Body::Chart(Window::Fitted));
    assert_eq!(app.key_context(), Context::Chart);
    assert_eq!(shared(&app), before);
    app.update(Action::ZoomIn);
    app.update(Action::ToggleChart);
    assert_eq!(app.body(), Body::List, "the list forgets the window");
    assert_eq!(app.key_context(), Context::Browse);
    assert_eq!(shared(&app), before);
    app.update(Action::ToggleChart);
    assert_eq!(
        app.body(),
        Body::Chart(Window::Fitted),
        "back in the chart, it fits"
    );
}

#[test]
fn the_chart_shows_what_the_list_shows_as_the_query_is_typed() {
    let mut app = app();
    app.update(Action::ToggleChart);
    app.update(Action::StartSearch);
    for c in "ajcep".chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
    let shown: usize = app.in_time().len();
    assert_eq!(shown, app.row_count());
    assert!(app.chart_shown(), "the chart stays under the prompt");
    assert_eq!(app.key_context(), Context::Search);
}

#[test]
fn zooming_keeps_the_selection_in_view_and_in_place() {
    let mut app = app();
    app.update(Action::ToggleChart);
    select_id(&mut app, "ajcep-signed");
    let place = place_in_window(&app);
    let (first, last) = app.chart_span().unwrap();
    app.update(Action::ZoomIn);
    let (zoomed_first, zoomed_last) = app.chart_span().unwrap();
    assert!(((zoomed_last - zoomed_first) * 2.0 - (last - first)).abs() < 1e-6);
    assert!((place_in_window(&app) - place).abs() < 1e-9);
    for _ in 0..6 {
        app.update(Action::ZoomIn);
        assert!(in_view(&app));
        assert!((place_in_window(&app) - place).abs() < 1e-6);
    }
    for _ in 0..10 {
        app.update(Action::ZoomOut);
        assert!(in_view(&app));
    }
    // Zoomed in, moving past the window's edge brings the window along.
    app.update(Action::FitChart);
    apply(&mut app, &[Action::ZoomIn, Action::ZoomIn, Action::ZoomIn]);
    for _ in 0..app.row_count() {
        app.update(Action::LaterEvent);
        if app.selected_event().unwrap().date.is_some() {
            assert!(in_view(&app), "{}", selected_id(&app));
        }
    }
}

#[test]
fn next_and_previous_in_time_visit_every_shown_event_in_timeline_order() {
    let mut app = app();
    app.set_order(Order::Relevance);
    type_query(&mut app, "japan");
    assert_eq!(app.order(), Order::Relevance);
    let listed: Vec<EventId> = app.rows().to_vec();
    let mut in_time = listed.clone();
    in_time.sort_unstable();
    assert_ne!(listed, in_time, "relevance orders the list otherwise");
    app.update(Action::ToggleChart);
    app.update(Action::FirstInTime);
    let id = |app: &App| app.rows()[app.selected_row().unwrap()];
    let mut visited = vec![id(&app)];
    for _ in 1..in_time.len() {
        app.update(Action::LaterEvent);
        visited.push(id(&app));
    }
    assert_eq!(visited, in_time);
    app.update(Action::LaterEvent);
    assert_eq!(
        id(&app),
        *in_time.last().unwrap(),
        "the last stays selected"
    );
    let mut back = vec![id(&app)];
    for _ in 1..in_time.len() {
        app.update(Action::EarlierEvent);
        back.push(id(&app));
    }
    back.reverse();
    assert_eq!(back, in_time);
    app.update(Action::LastInTime);
    assert_eq!(id(&app), *in_time.last().unwrap());
}

#[test]
fn lane_down_and_up_go_to_the_nearest_event_in_time() {
    let mut app = app();
    app.update(Action::ToggleChart);
    select_id(&mut app, "ajcep-signed");
    let pillar = app.selected_event().unwrap().pillar;
    let lanes = app.extent().pillars.clone();
    let here = lanes.iter().position(|&p| p == pillar).unwrap();
    let time = selected_start(&app);
    app.update(Action::LaneDown);
    let below = app.selected_event().unwrap();
    assert_eq!(below.pillar, lanes[here + 1]);
    let nearest = (app.in_time())
        .filter(|(_, event)| event.pillar == below.pillar && event.date.is_some())
        .map(|(_, event)| distance(event, time))
        .fold(f64::INFINITY, f64::min);
    assert_eq!(distance(below, time), nearest);
    app.update(Action::LaneUp);
    assert_eq!(app.selected_event().unwrap().pillar, pillar);
    for _ in 0..lanes.len() {
        app.update(Action::LaneUp);
    }
    assert_eq!(
        app.selected_event().unwrap().pillar,
        lanes[0],
        "stops at the top"
    );

    // Zoomed in, a lane with events in view is moved to among them, not off screen.
    app.update(Action::StartJump);
    for c in "2008..2023".chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
    app.update(Action::AcceptJump);
    let window = app.chart_span();
    for _ in 1..lanes.len() {
        app.update(Action::LaneDown);
        assert!(in_view(&app), "{}", selected_id(&app));
    }
    assert_eq!(app.chart_span(), window, "the window did not move");
}

/// How far `event` is from `time`, in years: none when it covers it.
fn distance(event: &Event, time: f64) -> f64 {
    let date = event.date.as_ref().unwrap();
    let (first, last) = (date.earliest().as_years(), date.latest().as_years());
    if time < first {
        first - time
    } else {
        (time - last).max(0.0)
    }
}

#[test]
fn fit_pan_and_a_year_range_after_the_colon() {
    let mut app = app();
    app.update(Action::ToggleChart);
    let fitted = app.chart_span().unwrap();
    app.update(Action::ZoomIn);
    let (first, last) = app.chart_span().unwrap();
    app.update(Action::PanLater);
    let quarter = (last - first) / 4.0;
    let (panned_first, panned_last) = app.chart_span().unwrap();
    assert!((panned_first - first - quarter).abs() < 1e-9);
    assert!((panned_last - last - quarter).abs() < 1e-9);
    app.update(Action::PanEarlier);
    app.update(Action::PanEarlier);
    assert!((app.chart_span().unwrap().0 - (first - quarter)).abs() < 1e-9);
    app.update(Action::FitChart);
    assert_eq!(app.chart_span(), Some(fitted));

    app.update(Action::StartJump);
    for c in "2008..2023".chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
    app.update(Action::AcceptJump);
    assert_eq!(app.chart_span(), Some((2008.0, 2024.0)));
    assert!(in_view(&app));
    // A range the wrong way round is refused under the prompt.
    app.update(Action::StartJump);
    for c in "2023..2008".chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
    app.update(Action::AcceptJump);
    let ajtl::app::Mode::Jump(prompt) = app.mode() else {
        panic!("the prompt stays open");
    };
    assert!(prompt.error.as_ref().unwrap().contains("2008..2023"));
    app.update(Action::CancelJump);
    assert_eq!(app.chart_span(), Some((2008.0, 2024.0)));
    // A date still jumps, and brings the window to the event.
    app.update(Action::StartJump);
    for c in "1977".chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
    app.update(Action::AcceptJump);
    assert_eq!(
        app.selected_event()
            .unwrap()
            .date
            .as_ref()
            .unwrap()
            .earliest()
            .year(),
        1977
    );
    assert!(in_view(&app));
}

#[test]
fn a_click_selects_the_nearest_event_of_the_lane_and_the_wheel_zooms() {
    let mut app = app();
    app.update(Action::ToggleChart);
    let parts = app.chart_parts().unwrap();
    let lanes = app.extent().pillars.clone();
    let row = parts.lane_row(2).unwrap();
    let column = parts.plot.x + parts.plot.width - 1;
    app.update(Action::Click { column, row });
    let clicked = app.selected_event().unwrap();
    assert_eq!(clicked.pillar, lanes[2]);
    let latest = (app.in_time())
        .filter(|(_, event)| event.pillar == lanes[2] && event.date.is_some())
        .map(|(_, event)| start(event))
        .fold(f64::NEG_INFINITY, f64::max);
    assert_eq!(start(clicked), latest, "the right edge is nearest the last");

    let (first, last) = app.chart_span().unwrap();
    let middle = parts.plot.x + parts.plot.width / 2;
    let axis = app.chart_axis(parts.plot.width).unwrap();
    let under = axis.time(usize::from(middle - parts.plot.x));
    app.update(Action::Scroll {
        column: middle,
        row,
        lines: -3,
    });
    let (zoomed_first, zoomed_last) = app.chart_span().unwrap();
    assert!(((zoomed_last - zoomed_first) * 2.0 - (last - first)).abs() < 1e-6);
    let axis = app.chart_axis(parts.plot.width).unwrap();
    let column = axis.column(under).unwrap();
    assert!(column.abs_diff(usize::from(middle - parts.plot.x)) <= 1);
    app.update(Action::Scroll {
        column: middle,
        row,
        lines: 3,
    });
    let (out_first, out_last) = app.chart_span().unwrap();
    assert!(((out_last - out_first) - (last - first)).abs() < 1e-6);
    // The wheel on a lane's label changes nothing: the list's order means nothing here.
    let before = (app.selected_row(), app.chart_span());
    app.update(Action::Scroll {
        column: parts.labels.x,
        row,
        lines: 3,
    });
    assert_eq!((app.selected_row(), app.chart_span()), before);

    // An undated entry in the column beside the chart.
    let undated = parts.undated.unwrap();
    app.update(Action::Click {
        column: undated.x + 3,
        row: undated.y + 2,
    });
    let entry = app.selected_event().unwrap();
    assert!(entry.date.is_none());
    let second_undated = app
        .in_time()
        .nth(app.row_count() - app.undated_row_count() + 1);
    assert_eq!(entry.id(), second_undated.unwrap().1.id());
}

#[test]
fn a_reload_keeps_the_chart_and_its_window() {
    let mut app = app();
    app.update(Action::ToggleChart);
    select_id(&mut app, "ajcep-signed");
    app.update(Action::ZoomIn);
    let window = app.body();
    app.reload(Ok(Data::new(bundled().unwrap())));
    assert_eq!(app.body(), window);
    assert_eq!(selected_id(&app), "ajcep-signed");
    app.update(Action::FitChart);
    app.reload(Ok(Data::new(bundled().unwrap())));
    assert_eq!(app.body(), Body::Chart(Window::Fitted));
}

fn screen_of(
    timeline: Timeline,
    width: u16,
    height: u16,
    theme: Theme,
    inputs: Vec<Input>,
) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut app = App::new(timeline, Rect::new(0, 0, width, height));
    app.set_theme(theme);
    app::run(&mut terminal, &mut app, inputs.into_iter(), &mut Offline).unwrap();
    terminal
}

fn bundled_after(width: u16, height: u16, inputs: Vec<Input>) -> Terminal<TestBackend> {
    screen_of(bundled().unwrap(), width, height, Theme::default(), inputs)
}

#[test]
fn the_bundled_data_fitted_at_120x40() {
    assert_snapshot!(bundled_after(120, 40, typed("v")).backend());
}

#[test]
fn the_bundled_data_zoomed_to_2008_2023_at_120x40() {
    let mut inputs = typed("v:2008..2023");
    inputs.push(key(KeyCode::Enter));
    assert_snapshot!(bundled_after(120, 40, inputs).backend());
}

#[test]
fn the_bundled_data_at_60x20() {
    assert_snapshot!(bundled_after(60, 20, typed("v")).backend());
}

#[test]
fn a_bce_to_present_timeline_at_120x40() {
    let terminal = screen_of(deep_time(), 120, 40, Theme::default(), typed("vG"));
    assert_snapshot!(terminal.backend());
}

/// In the light and dark themes, the lanes are drawn in their pillars' colours.
#[test]
fn lanes_are_in_their_pillars_colours_in_either_theme() {
    for theme in [Theme::dark(), Theme::light()] {
        let terminal = screen_of(bundled().unwrap(), 100, 30, theme, typed("v"));
        let timeline = bundled().unwrap();
        let buffer = terminal.backend().buffer();
        // The lanes' rows, under the header's chips and the chart's border.
        let lanes = 3..3 + timeline.pillars.len() as u16;
        for pillar in &timeline.pillars {
            let coloured = lanes
                .clone()
                .flat_map(|y| (20..100).map(move |x| (x, y)))
                .any(|(x, y)| buffer[(x, y)].fg == pillar.color);
            assert!(coloured, "{} is drawn in its colour", pillar.name);
        }
    }
}

/// Under `NO_COLOR` pillars are told apart by their glyphs alone: nothing is coloured.
#[test]
fn without_colour_glyphs_tell_the_pillars_apart() {
    let theme = Theme::default().without_color();
    let terminal = screen_of(bundled().unwrap(), 100, 30, theme, typed("v"));
    let buffer = terminal.backend().buffer();
    let coloured = (buffer.content.iter())
        .filter(|cell| cell.fg != ratatui::style::Color::Reset)
        .count();
    assert_eq!(coloured, 0);
    assert_snapshot!(terminal.backend());
}

#[test]
fn ascii_draws_the_chart_in_ascii() {
    let theme = Theme::default().ascii();
    let terminal = screen_of(bundled().unwrap(), 120, 40, theme, typed("v++"));
    let buffer = terminal.backend().buffer();
    let beyond: Vec<&str> = (buffer.content.iter())
        .map(|cell| cell.symbol())
        .filter(|symbol| !symbol.is_ascii())
        .collect();
    assert_eq!(beyond, Vec::<&str>::new());
    let text: String = buffer.content.iter().map(|cell| cell.symbol()).collect();
    assert!(
        text.contains("|-") && text.contains("-+-"),
        "bars and axis in ASCII"
    );
}

#[test]
fn a_reload_redraws_the_chart() {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut app = App::new(bundled().unwrap(), Rect::new(0, 0, 100, 30));
    let inputs = typed("v+")
        .into_iter()
        .chain([Input::Reloaded(Box::new(Ok(Data::new(bundled().unwrap()))))]);
    app::run(&mut terminal, &mut app, inputs, &mut Offline).unwrap();
    assert!(app.chart_shown());
    assert_snapshot!(terminal.backend());
}

/// Sizes from 1×1 to 120×40: every width at heights from one row up, and every height at
/// the widths where the layout changes.
fn sizes() -> impl Iterator<Item = (u16, u16)> {
    let heights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16, 20, 24, 32, 40];
    let widths = [1, 2, 19, 20, 21, 40, 59, 60, 79, 80, 99, 100, 101, 102, 120];
    let every_width = heights
        .into_iter()
        .flat_map(|h| (1..=120).map(move |w| (w, h)));
    every_width.chain(
        widths
            .into_iter()
            .flat_map(|w| (1..=40).map(move |h| (w, h))),
    )
}

/// Every size from 1×1 to 120×40 draws the chart, or says it is too small, without panicking.
#[test]
fn the_chart_draws_at_every_size() {
    for timeline in [bundled().unwrap(), deep_time()] {
        let mut app = App::new(timeline, Rect::new(0, 0, 120, 40));
        apply(&mut app, &[Action::ToggleChart, Action::ZoomIn]);
        for (width, height) in sizes() {
            app.update(Action::Resize(width, height));
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            terminal
                .draw(|frame| ajtl::ui::render(&app, frame))
                .unwrap_or_else(|e| panic!("{width}x{height}: {e}"));
        }
    }
}

/// Zoomed within one year, the pane's title names the year once, not `2013–2013`.
#[test]
fn a_window_within_a_year_is_titled_with_the_year_once() {
    let mut inputs = typed("v:2013..2013");
    inputs.push(key(KeyCode::Enter));
    let terminal = bundled_after(120, 40, inputs);
    let buffer = terminal.backend().buffer();
    let title: String = (0..120).map(|x| buffer[(x, 2)].symbol()).collect();
    assert!(title.contains("Chart · 2013 "), "{title}");
}
