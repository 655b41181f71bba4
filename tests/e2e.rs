//! The real binary in a pseudo-terminal, read through a vt100 emulator: what a person would see.
//! Output is read on its own thread, and every assertion waits for the screen with a timeout
//! instead of sleeping.

mod common;

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use vt100::MouseProtocolMode;

/// How many dated events the bundled dataset has: the header counts them apart.
fn dated_events() -> usize {
    ajtl::timeline::bundled().unwrap().dated_count()
}

/// The header's count with every dated event shown: `62/62 events`.
fn all_shown() -> String {
    let events = dated_events();
    format!("{events}/{events} events")
}

const TIMEOUT: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(10);

struct Session {
    child: Box<dyn Child + Send + Sync>,
    /// The user's config and data directories (kept for the session's life), empty unless a
    /// test fills them, so that the machine's own settings and bookmarks never reach a test.
    _home: Option<tempfile::TempDir>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for checks the emulator's screen cannot show.
    raw: Arc<Mutex<Vec<u8>>>,
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("sizes are at least 1")
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Session {
    fn start(args: &[&str]) -> Self {
        Self::start_with_env(args, &[])
    }

    fn start_with_env(args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_ajtl"));
        command.args(args);
        for (key, value) in env {
            command.env(key, value);
        }
        Self::spawn(command)
    }

    /// An interactive shell with job control, for what only a shell can do (Ctrl-z, `fg`).
    fn shell() -> Self {
        let mut command = CommandBuilder::new("bash");
        command.args(["--norc", "--noprofile", "-i"]);
        command.env("PS1", "$ ");
        Self::spawn(command)
    }

    fn spawn(command: CommandBuilder) -> Self {
        let home = tempfile::tempdir().unwrap();
        let mut session = Self::spawn_in(command, home.path());
        session._home = Some(home);
        session
    }

    /// The explorer with `home` as the place of the user's config and data directories.
    fn explorer_in(home: &std::path::Path) -> Self {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_ajtl"));
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        Self::spawn_in(command, home)
    }

    fn spawn_in(mut command: CommandBuilder, home: &std::path::Path) -> Self {
        let pair = native_pty_system().openpty(size(120, 40)).unwrap();
        command.env("TERM", "xterm-256color");
        command.env("XDG_CONFIG_HOME", home.join("config"));
        command.env("AJTL_DATA_DIR", home.join("data"));
        command.env("AJTL_CACHE_DIR", home.join("cache"));
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pair.slave.spawn_command(command).unwrap();
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nonzero(40), nonzero(120), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (screen, bytes) = (parser.clone(), raw.clone());
        thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                bytes.lock().unwrap().extend_from_slice(&buffer[..n]);
                screen.lock().unwrap().process(&buffer[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Session {
            child,
            _home: None,
            master: pair.master,
            writer,
            parser,
            raw,
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn contents(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until `ready` holds for the screen; panics with the screen after the timeout.
    fn wait_until(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        self.wait_within(TIMEOUT, what, ready);
    }

    /// [`Session::wait_until`], for at most `limit`.
    fn wait_within(&self, limit: Duration, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        while start.elapsed() < limit {
            if ready(self.parser.lock().unwrap().screen()) {
                return;
            }
            thread::sleep(POLL);
        }
        panic!(
            "timed out waiting for {what}; the screen shows:\n{}",
            self.contents()
        );
    }

    fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?}"), |screen| {
            screen.contents().contains(text)
        });
    }

    /// The `N/M events` count in the header.
    fn count(&self) -> (usize, usize) {
        let contents = self.contents();
        let word = contents
            .split_whitespace()
            .zip(contents.split_whitespace().skip(1))
            .find(|(_, next)| next.starts_with("events"))
            .map(|(count, _)| count.to_string())
            .unwrap_or_else(|| panic!("no count on screen:\n{contents}"));
        let (shown, total) = word.split_once('/').unwrap();
        (shown.parse().unwrap(), total.parse().unwrap())
    }

    fn wait_for_count(&self, what: &str, ready: impl Fn(usize, usize) -> bool) {
        self.wait_until(what, |screen| {
            let contents = screen.contents();
            contents.split_whitespace().any(|word| {
                word.split_once('/').is_some_and(|(shown, total)| {
                    matches!((shown.parse(), total.parse()), (Ok(s), Ok(t)) if ready(s, t))
                })
            }) && contents.contains("events")
        });
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.master.resize(size(cols, rows)).unwrap();
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nonzero(rows), nonzero(cols));
    }

    fn wait_exit(&mut self) -> ExitStatus {
        self.wait_exit_within(TIMEOUT)
    }

    fn wait_exit_within(&mut self, limit: Duration) -> ExitStatus {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            thread::sleep(POLL);
        }
        panic!(
            "the program did not exit; the screen shows:\n{}",
            self.contents()
        );
    }

    fn assert_terminal_restored(&self) {
        self.wait_until(
            "the main screen, cursor shown, mouse and paste released",
            |screen| {
                !screen.alternate_screen()
                    && !screen.hide_cursor()
                    && screen.mouse_protocol_mode() == MouseProtocolMode::None
                    && !screen.bracketed_paste()
            },
        );
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

#[test]
fn launch_search_filter_help_and_quit() {
    let mut session = Session::start(&[]);
    session.wait_for("1973");
    session.wait_for(&all_shown());
    {
        let parser = session.parser.lock().unwrap();
        assert!(parser.screen().alternate_screen());
        assert_ne!(
            parser.screen().mouse_protocol_mode(),
            MouseProtocolMode::None
        );
    }

    session.send("/JAIF");
    session.wait_for("Japan-ASEAN Integration Fund");
    session.wait_for_count("fewer events", |shown, total| shown > 0 && shown < total);
    session.send("\x1b"); // Esc clears the search
    session.wait_for(&all_shown());

    session.send("2");
    session.wait_for_count("the political-security events only", |shown, total| {
        shown > 0 && shown < total
    });
    let (narrowed, _) = session.count();
    assert!(narrowed < 56);
    session.send("0");
    session.wait_for(&all_shown());

    session.send("?");
    session.wait_for("next / previous decade");
    session.send("?");
    session.wait_until("the help to close", |screen| {
        !screen.contents().contains("next / previous decade")
    });

    session.send("q");
    let status = session.wait_exit();
    assert!(status.success(), "{status:?}");
    session.assert_terminal_restored();
}

/// A reader asking about disaster management gets the source's ¶27 entry first, though the
/// source gives it no date, with the row and detail saying so.
#[test]
fn disaster_brings_the_undated_paragraph_27_entry_first() {
    let mut session = Session::start(&[]);
    session.wait_for(&all_shown());
    session.send("/disaster\r");
    session.wait_until(
        "the ¶27 work plan on the first row and in the detail",
        |screen| {
            let contents = screen.contents();
            let first_row = contents.lines().nth(5).unwrap_or_default();
            first_row.contains("undated")
                && first_row.contains("ASEAN-Japan Work Plan on Disaster Management")
                && contents.contains("Date     undated")
                && contents.contains("¶ 27")
        },
    );
    session.send("q");
    assert!(session.wait_exit().success());
    session.assert_terminal_restored();
}

#[test]
fn a_paste_is_searched_whole_and_not_submitted_by_its_line_break() {
    let mut session = Session::start(&[]);
    session.wait_for(&all_shown());
    session.wait_until("bracketed paste on", |screen| screen.bracketed_paste());
    session.send("/");
    session.send("\x1b[200~integration\nfund\x1b[201~");
    session.wait_for(" /integration fund ");
    session.wait_for_count("the fund's events", |shown, total| {
        shown > 0 && shown < total
    });
    // Still typing: more keys extend the query rather than acting on the list.
    session.send("s");
    session.wait_for(" /integration funds ");
    session.send("\x1b");
    session.wait_for(&all_shown());
    session.send("q");
    assert!(session.wait_exit().success());
    session.assert_terminal_restored();
}

#[test]
fn keys_typed_and_q_are_answered_during_a_long_search() {
    // Thousands of ANDed terms over 50k events keep a search busy for many seconds.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.ron");
    let text = common::plain_timeline(50_000, "An event of the large timeline", None);
    std::fs::write(&path, text).unwrap();
    // Far less than the search takes to the end, far more than answering takes.
    let answer = Duration::from_secs(5);

    let mut session = Session::start(&["--data", path.to_str().unwrap()]);
    session.wait_for("50000/50000 events");
    session.wait_until("bracketed paste on", |screen| screen.bracketed_paste());
    session.send("/");
    session.send(&format!("\x1b[200~{}\x1b[201~", "event ".repeat(10_000)));
    session.send("ev");
    session.wait_within(answer, "the keys typed to show", |screen| {
        let contents = screen.contents();
        let prompt = contents.lines().find(|line| line.starts_with(" / "));
        prompt.is_some_and(|line| line.trim_end().ends_with("event ev"))
    });
    session.wait_within(answer, "the search to show", |screen| {
        screen.contents().contains("searching…")
    });
    session.send("\r");
    session.send("q");
    assert!(session.wait_exit_within(answer).success());
    session.assert_terminal_restored();
}

#[test]
fn resizing_down_to_1x1_and_back_keeps_running() {
    let mut session = Session::start(&[]);
    session.wait_for(&all_shown());
    session.resize(30, 8);
    session.wait_until("the small layout", |screen| {
        !screen.contents().contains("Political-Security")
    });
    let written = session.raw.lock().unwrap().len();
    session.resize(1, 1);
    session.wait_until("a redraw at 1×1", |_| {
        session.raw.lock().unwrap().len() > written
    });
    session.resize(10, 4);
    session.wait_for("too small");
    session.resize(120, 40);
    session.wait_for(&all_shown());
    session.wait_for("1 Milestones");
    assert!(session.child.try_wait().unwrap().is_none(), "still running");
    session.send("q");
    assert!(session.wait_exit().success());
}

#[test]
fn sigterm_and_sighup_leave_the_terminal_restored() {
    for (signal, number) in [("TERM", 15), ("HUP", 1)] {
        let mut session = Session::start(&[]);
        session.wait_for(&all_shown());
        let pid = session.child.process_id().unwrap();
        let sent = std::process::Command::new("kill")
            .args([format!("-{signal}"), pid.to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let status = session.wait_exit();
        assert_eq!(status.exit_code(), 128 + number, "SIG{signal}");
        session.assert_terminal_restored();
    }
}

#[test]
fn no_mouse_leaves_mouse_reporting_off() {
    let mut session = Session::start(&["--no-mouse"]);
    session.wait_for(&all_shown());
    assert_eq!(
        session
            .parser
            .lock()
            .unwrap()
            .screen()
            .mouse_protocol_mode(),
        MouseProtocolMode::None
    );
    session.send("q");
    assert!(session.wait_exit().success());
}

#[test]
fn escape_sequences_in_data_are_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.ron");
    std::fs::write(
        &path,
        r#"Timeline(
            title: "Hostile",
            pillars: [Pillar(id: "p", name: "P", color: "red")],
            events: [
                Event(id: "osc", date: "2001", title: "Set \u{1b}]0;pwned\u{7} title", pillar: "p"),
                Event(id: "csi", date: "2002", title: "Clear \u{1b}[2J\u{1b}[31mred", pillar: "p",
                      summary: "bidi \u{202e}desrever\u{202c} end"),
            ],
        )"#,
    )
    .unwrap();
    let mut session = Session::start(&["--data", path.to_str().unwrap()]);
    session.wait_for("2/2 events");
    session.wait_for("␛]0;pwned␇");
    session.wait_for("␛[2J␛[31mred");
    session.send("q");
    assert!(session.wait_exit().success());
    let raw = session.raw.lock().unwrap();
    let contains = |needle: &[u8]| raw.windows(needle.len()).any(|window| window == needle);
    assert!(
        !contains(b"\x1b]0;pwned"),
        "an OSC sequence from the data reached the terminal"
    );
    assert!(
        !contains(b"\x1b[2J\x1b[31mred"),
        "a CSI sequence from the data reached the terminal"
    );
    assert!(
        !contains("\u{202e}".as_bytes()),
        "a bidi override reached the terminal"
    );
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_redraws() {
    let mut session = Session::shell();
    session.wait_for("$ ");
    session.send(&format!("{}\r", env!("CARGO_BIN_EXE_ajtl")));
    session.wait_for(&all_shown());
    session.send("j");
    session.send("\x1a"); // Ctrl-z
    session.wait_until("the shell's main screen", |screen| {
        !screen.alternate_screen()
    });
    session.wait_for("Stopped");
    session.send("fg\r");
    session.wait_until("the explorer again", |screen| {
        screen.alternate_screen() && screen.contents().contains(&all_shown())
    });
    session.send("q");
    // Not `assert_terminal_restored`: bash's own prompt turns bracketed paste on.
    session.wait_until("the shell again, cursor shown, mouse released", |screen| {
        !screen.alternate_screen()
            && !screen.hide_cursor()
            && screen.mouse_protocol_mode() == MouseProtocolMode::None
    });
    session.send("exit\r");
}

#[test]
fn search_colours_pillars_on_a_terminal_unless_no_color() {
    let mut session = Session::start(&["search", "jaif"]);
    assert!(session.wait_exit().success());
    session.wait_for("JAIF Management Team");
    let blue_pillar = b"\x1b[34mdevelopment\x1b[0m";
    let colored = |session: &Session| {
        let raw = session.raw.lock().unwrap();
        raw.windows(blue_pillar.len())
            .any(|window| window == blue_pillar)
    };
    assert!(colored(&session), "a pillar in its colour");

    let mut plain = Session::start_with_env(&["search", "jaif"], &[("NO_COLOR", "1")]);
    assert!(plain.wait_exit().success());
    plain.wait_for("JAIF Management Team");
    assert!(!plain.raw.lock().unwrap().contains(&0x1b));
}

#[test]
fn a_file_too_large_to_load_is_refused_before_the_screen_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    // Sparse: as large as it claims, without taking the disk space.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(ajtl::timeline::load::MAX_FILE_BYTES + 1)
        .unwrap();

    let mut session = Session::start(&["--data", path.to_str().unwrap()]);
    session.wait_for("timelines are limited to");
    assert_eq!(session.wait_exit().exit_code(), 2);
    let raw = session.raw.lock().unwrap().clone();
    let alternate_screen = b"\x1b[?1049h";
    assert!(
        !raw.windows(alternate_screen.len())
            .any(|w| w == alternate_screen),
        "the loading screen was shown first"
    );
}

#[test]
fn a_large_file_loads_behind_progress_and_keeps_keys_typed_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.ron");
    let text = common::plain_timeline(16_000, &"x".repeat(300), Some(100));
    assert!(
        text.len() > 4 << 20,
        "large enough to load in the background"
    );
    std::fs::write(&path, text).unwrap();

    let mut session = Session::start(&["--data", path.to_str().unwrap()]);
    session.send("/JAIF");
    session.wait_for("160/16000 events");
    session.send("\r");
    session.send("q");
    assert!(session.wait_exit().success());
    session.assert_terminal_restored();
}

#[test]
fn index_pick_date_jump_and_back_in_a_terminal() {
    let timeline = ajtl::timeline::bundled().unwrap();
    let jaif = timeline
        .events
        .iter()
        .filter(|event| event.date.is_some())
        .filter(|event| event.acronyms.iter().any(|a| &**a == "JAIF"))
        .count();
    let total = timeline.dated_count();
    let mut session = Session::start(&[]);
    session.wait_for(&format!("{total}/{total} events"));
    // The density strip marks the selected event's year.
    session.wait_for("▲1973");

    session.send("a");
    session.wait_for(&format!("Acronyms ({})", timeline.glossary.len()));
    session.send("/JAIF");
    session.wait_for("Japan-ASEAN Integration Fund");
    session.send("\r");
    session.wait_for(&format!("{jaif}/{total} events"));
    session.wait_for("acronym JAIF");
    session.send("x");
    session.wait_for(&format!("{total}/{total} events"));

    session.send("g:2013\r");
    session.wait_for("▲2013");
    session.wait_until("the first 2013 event in the detail", |screen| {
        let contents = screen.contents();
        contents.contains("40th Anniversary") && contents.contains("Date     2013")
    });
    session.send("\x0f"); // Ctrl-o
    session.wait_for("▲1973");
    session.send("L");
    session.wait_for("▲2013");

    session.send("q");
    let status = session.wait_exit();
    assert!(status.success(), "{status:?}");
    session.assert_terminal_restored();
}

#[test]
fn ascii_and_no_color_draw_plainly_and_a_config_sets_the_theme() {
    let mut session = Session::start_with_env(&["--ascii"], &[("NO_COLOR", "1")]);
    session.wait_for("+ Timeline ---");
    session.wait_for("* ASEAN-Japan Forum");
    session.wait_for("^1973");
    {
        let raw = session.raw.lock().unwrap();
        let has = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
        let colours: [&[u8]; 4] = [b"38;5;", b"38;2;", b"48;5;", b"48;2;"];
        assert!(!colours.iter().any(|code| has(code)), "no colour at all");
        assert!(has(b"\x1b[7m"), "the selection in reverse video");
        assert!(!has("●".as_bytes()) && !has("│".as_bytes()));
    }
    session.send("?");
    session.wait_for("next / previous decade");
    let help = session.contents();
    assert!(help.is_ascii(), "the help in ASCII too:\n{help}");
    session.send("?");
    session.send("q");
    assert!(session.wait_exit().success());

    // A light theme with a colour of the user's for matches.
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config").join("ajtl");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.ron"),
        r##"Config(theme: Light, colors: (matched: "#123456"), sort: Date, mouse: false)"##,
    )
    .unwrap();
    let mut session = Session::explorer_in(home.path());
    session.wait_for(&all_shown());
    let mouse = session
        .parser
        .lock()
        .unwrap()
        .screen()
        .mouse_protocol_mode();
    assert_eq!(
        mouse,
        MouseProtocolMode::None,
        "the config turned the mouse off"
    );
    session.send("/jaif");
    session.wait_for("by date");
    session.wait_until("matches in the config's colour", |_| {
        let raw = session.raw.lock().unwrap();
        raw.windows(13).any(|w| w == b"38;2;18;52;86")
    });
}

#[test]
fn a_bookmark_survives_a_restart_and_a_corrupt_file_is_kept_aside() {
    let home = tempfile::tempdir().unwrap();
    let mut session = Session::explorer_in(home.path());
    session.wait_for(&all_shown());
    session.send("/JAIF\r");
    session.wait_for("Japan-ASEAN Integration Fund (JAIF) established");
    session.send("m");
    session.wait_for("★ Japan-ASEAN Integration Fund (JAIF) establish");
    session.send("q");
    assert!(session.wait_exit().success());

    let mut session = Session::explorer_in(home.path());
    session.wait_for(&all_shown());
    // Bookmarks load off the event loop: the marker shows once they have.
    session.wait_for("★ Japan-ASEAN Integration Fund (JAIF) establish");
    session.send("'");
    session.wait_for(&format!("1/{} events", dated_events()));
    session.wait_for("★ bookmarked");
    session.wait_for("★ Japan-ASEAN Integration Fund (JAIF) establish");
    session.send("q");
    assert!(session.wait_exit().success());

    let file = home.path().join("data/bookmarks/asean-japan.ron");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("jaif-established")
    );
    std::fs::write(&file, "Bookmarks(events: [oops").unwrap();
    let mut session = Session::explorer_in(home.path());
    session.wait_for("kept as");
    session.send("q");
    assert!(session.wait_exit().success());
    let aside = home.path().join("data/bookmarks/asean-japan.ron.bak");
    assert_eq!(
        std::fs::read_to_string(aside).unwrap(),
        "Bookmarks(events: [oops"
    );
}

#[test]
fn y_puts_a_citation_on_the_clipboard_by_osc52() {
    use base64::Engine;
    let mut session = Session::start(&[]);
    session.wait_for(&all_shown());
    session.send("y");
    session.wait_for(
        "Sent to the terminal's clipboard: 1973 — ASEAN and Japan begin informal dialogue",
    );
    let citation = "1973 — ASEAN and Japan begin informal dialogue relations (¶ 1, \
                    Overview of ASEAN-Japan Comprehensive Strategic Partnership)";
    let expected = format!(
        "\x1b]52;c;{}\x07",
        base64::engine::general_purpose::STANDARD.encode(citation)
    );
    let raw = session.raw.lock().unwrap();
    let found = raw
        .windows(expected.len())
        .any(|window| window == expected.as_bytes());
    assert!(found, "OSC 52 with the citation");
}

#[test]
fn a_watched_file_reloads_in_place_and_a_broken_one_shows_its_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.ron");
    let contents = |title: &str| {
        format!(
            r#"Timeline(title: "Draft", pillars: [Pillar(id: "p", name: "P", color: "red")],
            events: [
                Event(id: "a", date: "2001", title: "First", pillar: "p"),
                Event(id: "b", date: "2002", title: "{title}", pillar: "p"),
            ])"#
        )
    };
    std::fs::write(&path, contents("Second")).unwrap();
    let file = path.to_str().unwrap();
    let mut session = Session::start(&["--data", file, "--watch"]);
    session.wait_for("2/2 events");
    session.send("j");
    session.wait_for("Date     2002");

    std::fs::write(&path, contents("Second, as edited")).unwrap();
    session.wait_for("Reloaded: 2 events");
    session.wait_until("the edit in the list and the detail", |screen| {
        screen.contents().matches("Second, as edited").count() == 2
    });

    std::fs::write(&path, contents("Unclosed\"")).unwrap();
    session.wait_for(&format!("{file}:"));
    assert!(
        session.contents().contains("Second, as edited"),
        "the last good data stays"
    );

    std::fs::write(&path, contents("Fixed")).unwrap();
    session.wait_until("the fixed file", |screen| {
        let contents = screen.contents();
        contents.contains("Fixed") && !contents.contains(&format!("{file}:"))
    });
    session.send("q");
    assert!(session.wait_exit().success());
}

#[test]
fn a_broken_config_gets_its_error_before_the_screen_changes() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config").join("ajtl");
    std::fs::create_dir_all(&config).unwrap();
    let file = config.join("config.ron");
    std::fs::write(&file, "Config(\n    sort: Sideways,\n)").unwrap();
    let mut session = Session::explorer_in(home.path());
    let status = session.wait_exit();
    assert_eq!(status.exit_code(), 2);
    session.wait_for(&format!("{}:2:", file.display()));
    let raw = session.raw.lock().unwrap();
    let entered = raw.windows(8).any(|window| window == b"\x1b[?1049h");
    assert!(!entered, "the alternate screen was never entered");
}

#[test]
fn a_data_path_that_is_not_a_regular_file_is_refused_before_the_screen_changes() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("timeline.ron");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
    let mut session = Session::start(&["--data", fifo.to_str().unwrap(), "--watch"]);
    assert_eq!(session.wait_exit().exit_code(), 2);
    session.wait_for(&format!(
        "{}: not a regular file (a FIFO, device or socket)",
        fifo.display()
    ));
    let raw = session.raw.lock().unwrap();
    let entered = raw.windows(8).any(|window| window == b"\x1b[?1049h");
    assert!(!entered, "the alternate screen was never entered");
}

/// Waits until the file at `path` holds every one of `texts`; panics with what it holds after
/// the timeout.
fn wait_for_file(path: &std::path::Path, texts: &[&str]) {
    let start = Instant::now();
    while start.elapsed() < TIMEOUT {
        let held = std::fs::read_to_string(path).unwrap_or_default();
        if texts.iter().all(|text| held.contains(text)) {
            return;
        }
        thread::sleep(POLL);
    }
    panic!(
        "timed out waiting for {texts:?} in {}; it holds:\n{}",
        path.display(),
        std::fs::read_to_string(path).unwrap_or_default()
    );
}

#[test]
#[cfg(unix)]
fn a_fifo_for_the_bookmarks_file_is_refused_and_q_still_quits() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("data/bookmarks");
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("asean-japan.ron");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
    let mut session = Session::explorer_in(home.path());
    session.wait_for(&all_shown());
    session.wait_for("asean-japan.ron: not a regular file");
    session.send("m");
    session.wait_for("Bookmarks are not saved this session");
    session.send("q");
    assert!(session.wait_exit().success());
    session.assert_terminal_restored();

    let mut session = Session::explorer_in(home.path());
    session.wait_for("not a regular file");
    let pid = session.child.process_id().unwrap();
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    assert_eq!(session.wait_exit().exit_code(), 128 + 15);
    session.assert_terminal_restored();
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(!kind.is_file(), "the FIFO is left as it was");
}

#[test]
fn two_explorers_on_one_dataset_keep_each_others_bookmarks() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("data/bookmarks/asean-japan.ron");
    let mut first = Session::explorer_in(home.path());
    let mut second = Session::explorer_in(home.path());
    first.wait_for(&all_shown());
    second.wait_for(&all_shown());

    first.send("m");
    first.wait_for("★ ASEAN and Japan begin informal dialogue");
    wait_for_file(&file, &["informal-dialogue-1973"]);
    second.send("jm");
    second.wait_for("★ ASEAN-Japan Forum convened");
    wait_for_file(&file, &["informal-dialogue-1973", "forum-1977"]);
    // Saving, the second explorer learnt of the first one's bookmark.
    second.wait_for("★ ASEAN and Japan begin informal dialogue");

    first.send("q");
    assert!(first.wait_exit().success());
    second.send("q");
    assert!(second.wait_exit().success());
    let held = std::fs::read_to_string(&file).unwrap();
    assert!(
        held.contains("informal-dialogue-1973") && held.contains("forum-1977"),
        "{held}"
    );
}

#[test]
fn a_bookmark_made_just_before_quitting_is_saved() {
    let home = tempfile::tempdir().unwrap();
    let mut session = Session::explorer_in(home.path());
    session.wait_for(&all_shown());
    // No wait between the two keys: the save may still be under way when q arrives.
    session.send("mq");
    assert!(session.wait_exit().success());
    let held = std::fs::read_to_string(home.path().join("data/bookmarks/asean-japan.ron")).unwrap();
    assert!(held.contains("informal-dialogue-1973"), "{held}");
}

#[test]
fn a_rebinding_in_the_config_works_and_shows_in_the_help() {
    let config = tempfile::Builder::new().suffix(".ron").tempfile().unwrap();
    std::fs::write(
        config.path(),
        r#"Config(keys: {"next": ["n", "down"], "quit": ["ctrl-q"]})"#,
    )
    .unwrap();
    let path = config.path().to_str().unwrap();
    let mut session = Session::start_with_env(&[], &[("AJTL_CONFIG", path)]);
    session.wait_for(&all_shown());
    session.send("q"); // no longer quits: the help still opens after it
    session.send("?");
    session.wait_for("n k  ↓ ↑");
    session.send("?");
    session.wait_until("the help to close", |screen| {
        !screen.contents().contains("n k  ↓ ↑")
    });
    session.send("\x11"); // Ctrl-q
    assert!(session.wait_exit().success());
}

#[test]
fn the_pillar_picker_reaches_a_pillar_beyond_the_number_keys() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/many_pillars.ron"
    );
    let mut session = Session::start(&["--data", path]);
    session.wait_for("15/15 events");
    session.wait_for("more (p)");
    // Exploration is the fourteenth pillar: no number key picks it.
    session.send("pexplor");
    session.wait_for("Pillars · 1 of 15");
    session.wait_for("pillar explor");
    session.send("\r");
    session.wait_for("1/15 events");
    session.wait_for("Zheng He's first voyage");
    session.wait_until("the picker to close", |screen| {
        !screen.contents().contains("Pillars ·")
    });
    session.send("0");
    session.wait_for("15/15 events");
    session.send("q");
    assert!(session.wait_exit().success());
    session.assert_terminal_restored();
}

#[test]
fn v_shows_the_chart_zooms_moves_opens_and_returns_to_the_list_on_the_same_event() {
    let timeline = ajtl::timeline::bundled().unwrap();
    let total = timeline.dated_count();
    // Three steps later in time from the first event.
    let fourth = &timeline.events[3];
    let year = fourth.date.as_ref().unwrap().earliest().year();
    let mut session = Session::start(&[]);
    session.wait_for(&format!("{total}/{total} events"));

    session.send("v");
    session.wait_for("Chart · 1973–2030");
    session.send("+");
    session.wait_for("Chart · 1973–2001");
    session.send("lll");
    session.wait_until("the fourth event on the chart's label line", |screen| {
        screen
            .contents()
            .contains(&format!("{year}  {}", fourth.title()))
    });
    session.send("\r");
    session.wait_until("the fourth event in the detail, focused", |screen| {
        let contents = screen.contents();
        contents.contains(&format!("Date     {year}")) && contents.contains("Tab/Esc timeline")
    });
    // The list's narrower panes cut and wrap the title.
    let begun: String = fourth.title().chars().take(24).collect();
    session.send("v");
    session.wait_until("the list, with the fourth event still selected", |screen| {
        let contents = screen.contents();
        contents.contains("Timeline")
            && !contents.contains("Chart ·")
            && contents.contains(&format!("▲{year}"))
            && contents.contains(&format!("Date     {year}"))
            && contents.contains(&begun)
    });

    session.send("q");
    let status = session.wait_exit();
    assert!(status.success(), "{status:?}");
    session.assert_terminal_restored();
}
