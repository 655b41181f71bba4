//! Snapshots of the whole screen on ratatui's `TestBackend`, driven through the real event loop.

mod common;

use common::{MIXED, key, typed};

use ajtl::app::{self, App, Input, Offline};
use ajtl::timeline::{bundled, load_str};
use ajtl::ui::theme::Theme;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

fn screen_after(width: u16, height: u16, inputs: Vec<Input>) -> Terminal<TestBackend> {
    screen_of(bundled().unwrap(), width, height, inputs)
}

fn screen_of(
    timeline: ajtl::timeline::Timeline,
    width: u16,
    height: u16,
    inputs: Vec<Input>,
) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut app = App::new(timeline, Rect::new(0, 0, width, height));
    app::run(&mut terminal, &mut app, inputs.into_iter(), &mut Offline).unwrap();
    terminal
}

#[test]
fn launch_at_120x40() {
    assert_snapshot!(screen_after(120, 40, vec![]).backend());
}

#[test]
fn search_jaif_at_120x40() {
    let mut inputs = typed("/JAIF");
    inputs.push(key(KeyCode::Enter));
    assert_snapshot!(screen_after(120, 40, inputs).backend());
}

#[test]
fn typing_a_query_shows_it_in_the_bottom_line() {
    assert_snapshot!(screen_after(80, 24, typed("/integration fund")).backend());
}

/// The end of the bundled timeline in date order: the last dated events, then the undated
/// entries under `undated`.
#[test]
fn the_undated_group_after_the_timeline_at_120x40() {
    assert_snapshot!(screen_after(120, 40, typed("G")).backend());
}

/// `disaster` finds the ¶27 work plan (undated) first, then the dated Sendai Framework and
/// AADMER Work Programme periods among the rest.
#[test]
fn a_search_mixing_dated_and_undated_entries_at_120x40() {
    let mut inputs = typed("/disaster");
    inputs.push(key(KeyCode::Enter));
    assert_snapshot!(screen_after(120, 40, inputs).backend());
}

#[test]
fn economic_pillar_only_at_120x40() {
    assert_snapshot!(screen_after(120, 40, typed("3")).backend());
}

#[test]
fn help_overlay_at_120x40() {
    assert_snapshot!(screen_after(120, 40, typed("?")).backend());
}

#[test]
fn detail_focus_with_related_events_at_120x40() {
    let mut inputs = typed("/AJCEP");
    inputs.push(key(KeyCode::Enter));
    inputs.push(key(KeyCode::Tab));
    inputs.push(key(KeyCode::Char('j')));
    assert_snapshot!(screen_after(120, 40, inputs).backend());
}

#[test]
fn narrow_layout_at_60x20() {
    assert_snapshot!(screen_after(60, 20, typed("jjj")).backend());
}

#[test]
fn narrow_detail_at_60x20() {
    let mut inputs = typed("jjj");
    inputs.push(key(KeyCode::Enter));
    assert_snapshot!(screen_after(60, 20, inputs).backend());
}

#[test]
fn too_small_at_10x4() {
    assert_snapshot!(screen_after(10, 4, vec![]).backend());
}

#[test]
fn no_match_says_how_to_clear_it() {
    assert_snapshot!(screen_after(80, 12, typed("/zzzzqq")).backend());
}

#[test]
fn wide_characters_keep_alignment() {
    let timeline = load_str(
        "wide.ron",
        r#"Timeline(
            title: "日本とASEAN 🇯🇵",
            pillars: [Pillar(id: "p", name: "文化", color: "magenta")],
            events: [
                Event(id: "a", date: "2001", title: "日本語のタイトル JAIF 基金", pillar: "p"),
                Event(id: "b", date: "2002-03", title: "Emoji 🎌 title with JAIF", pillar: "p"),
                Event(id: "c", date: "2003-04-05", title: "Plain JAIF", pillar: "p"),
            ],
        )"#,
    )
    .unwrap();
    let mut terminal = Terminal::new(TestBackend::new(80, 12)).unwrap();
    let mut app = App::new(timeline, Rect::new(0, 0, 80, 12));
    app::run(
        &mut terminal,
        &mut app,
        typed("/jaif").into_iter(),
        &mut Offline,
    )
    .unwrap();
    assert_snapshot!(terminal.backend());
}

#[test]
fn resizing_redraws_at_the_new_size() {
    let timeline = bundled().unwrap();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut app = App::new(timeline, Rect::new(0, 0, 120, 40));
    app::run(&mut terminal, &mut app, std::iter::empty(), &mut Offline).unwrap();
    terminal.backend_mut().resize(70, 16);
    app::run(
        &mut terminal,
        &mut app,
        [Input::Resize(70, 16)].into_iter(),
        &mut Offline,
    )
    .unwrap();
    assert_snapshot!(terminal.backend());
}

#[test]
fn help_scrolled_in_a_small_terminal() {
    let mut inputs = typed("?");
    inputs.extend(typed("jjjjj"));
    assert_snapshot!(screen_after(60, 20, inputs).backend());
}

#[test]
fn index_of_acronyms_at_120x40() {
    assert_snapshot!(screen_after(120, 40, typed("ajj")).backend());
}

#[test]
fn index_of_mechanisms_searched_at_80x24() {
    let mut inputs = typed("a");
    inputs.push(key(KeyCode::Tab));
    inputs.extend(typed("/summit"));
    assert_snapshot!(screen_after(80, 24, inputs).backend());
}

#[test]
fn timeline_narrowed_to_an_index_entry_at_120x40() {
    let mut inputs = typed("a/JAIF");
    inputs.push(key(KeyCode::Enter));
    assert_snapshot!(screen_after(120, 40, inputs).backend());
}

#[test]
fn an_invalid_date_is_explained_under_the_prompt() {
    let mut inputs = typed(":2013-13");
    inputs.push(key(KeyCode::Enter));
    assert_snapshot!(screen_after(80, 20, inputs).backend());
}

/// The strip bins a long span by five years at 40 columns, coloured by each bin's busiest
/// pillar, with the selected year's marker between the end labels.
#[test]
fn density_strip_of_a_long_span_in_a_narrow_terminal() {
    let events: String = (0..60)
        .map(|n| {
            let (year, pillar) = (1900 + n * 2 + n % 3, ["a", "b"][(n % 4 == 0) as usize]);
            format!(r#"Event(id: "e{n}", date: "{year}", title: "Event {n}", pillar: "{pillar}"),"#)
        })
        .collect();
    let timeline = load_str(
        "long.ron",
        &format!(
            r#"Timeline(title: "Long", pillars: [Pillar(id: "a", name: "A", color: "red"),
            Pillar(id: "b", name: "B", color: "blue")], events: [{events}])"#
        ),
    )
    .unwrap();
    let mut terminal = Terminal::new(TestBackend::new(40, 16)).unwrap();
    let mut app = App::new(timeline, Rect::new(0, 0, 40, 16));
    app::run(
        &mut terminal,
        &mut app,
        typed("}}}").into_iter(),
        &mut Offline,
    )
    .unwrap();
    assert_snapshot!(terminal.backend());
}

/// Every cell of the terminal's screen that is not plain ASCII, with its position.
fn beyond_ascii(terminal: &Terminal<TestBackend>) -> Vec<(u16, u16, String)> {
    let buffer = terminal.backend().buffer();
    buffer
        .content
        .iter()
        .enumerate()
        .filter(|(_, cell)| !cell.symbol().is_ascii())
        .map(|(at, cell)| {
            let (x, y) = buffer.pos_of(at);
            (x, y, cell.symbol().to_string())
        })
        .collect()
}

#[test]
fn ascii_draws_every_screen_in_ascii() {
    let screens: [(&str, Vec<Input>); 6] = [
        ("launch", vec![]),
        ("help", typed("?")),
        ("search and detail", {
            let mut keys = typed("/jaif");
            keys.extend([key(KeyCode::Enter), key(KeyCode::Tab)]);
            keys
        }),
        ("a date range", typed(":2023-12\r")),
        ("index", typed("a")),
        ("too small", vec![Input::Resize(12, 4)]),
    ];
    for (name, inputs) in screens {
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        let mut app = App::new(bundled().unwrap(), Rect::new(0, 0, 100, 30));
        app.set_theme(Theme::default().ascii());
        app::run(&mut terminal, &mut app, inputs.into_iter(), &mut Offline).unwrap();
        assert_eq!(beyond_ascii(&terminal), [], "{name}");
    }
    // The same screen without --ascii draws its own punctuation and the data's dashes.
    let unicode = screen_after(100, 30, typed("?"));
    assert!(!beyond_ascii(&unicode).is_empty());
}

/// The screen's text, row by row.
fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_misspelt_acronym_is_shown_first_and_said_while_typing_and_after() {
    let mut kept = typed("/ajecp");
    kept.push(key(KeyCode::Enter));
    for inputs in [typed("/ajecp"), kept] {
        let text = screen_text(&screen_after(120, 40, inputs));
        assert!(text.contains("showing AJCEP for \"ajecp\""), "{text}");
    }
    let text = screen_text(&screen_after(120, 40, typed("/ajcep")));
    assert!(!text.contains("showing"), "{text}");
}

/// A timeline without a glossary says so in the index, not that nothing matches "".
#[test]
fn an_index_with_nothing_to_list_says_so() {
    let timeline = load_str("mixed.ron", MIXED).unwrap();
    let drawn = format!("{}", screen_of(timeline, 80, 12, typed("a")).backend());
    assert!(drawn.contains("This timeline has no acronyms"), "{drawn}");
    assert!(!drawn.contains("match"), "{drawn}");
}
