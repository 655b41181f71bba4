//! How long a key waits for its frame while the explorer takes a `--watch` reload of a million
//! events, and while it exports a million rows: the explorer's own event loop (`app::run`) on a
//! 120×40 `TestBackend`, fed by a thread that presses `j` and `k` every 10 ms, as a person
//! holding a key would, with the reload or the export keys among them.
//!
//! ```sh
//! cargo run --release --example frames            # 1,000,000 events
//! cargo run --release --example frames -- 100000
//! cargo run --release --example frames -- 1000000 searched   # the scenarios named so only
//! ```
//!
//! For each scenario it prints how many presses were drawn of those sent (a press never drawn
//! waited for good), the longest wait of a key for the frame that shows it (sent → drawn), its
//! median, and the longest stretch the loop spent without looking for an input (taking one, or a
//! search asking whether one has arrived: what a key that arrives meanwhile waits for at the
//! least), and whether a reload replaced the data
//! (the presses pause for its search to end, then go on). The target is 50 ms. Timings, not a
//! test: the numbers depend on the machine and on what else it runs.
//!
//! The host, at the end, is the part that depends on how exports are carried out: to measure a
//! build that exported on the loop's thread, make `host` return a host whose `perform` calls
//! `ajtl::host::export` for `Effect::Export` (and drop the `interrupt_for` methods if its
//! `Inputs` has none).

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use ajtl::app::run::Wanted;
use ajtl::app::state::Interrupt;
use ajtl::app::{self, Action, App, Data, Edit, Host, Input, Inputs, Live};
use ajtl::fixtures::synthetic_timeline;
use ajtl::host::Exports;
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect, Size};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How often the feeding thread presses a key.
const KEY_EVERY: Duration = Duration::from_millis(10);

/// How long the presses pause after a reload's, so that its search can end.
const PAUSE: Duration = Duration::from_millis(1500);

/// A `TestBackend` that notes when each frame was finished.
struct Timed {
    inner: TestBackend,
    frames: Arc<Mutex<Vec<Instant>>>,
}

impl Backend for Timed {
    type Error = <TestBackend as Backend>::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()?;
        lock(&self.frames).push(Instant::now());
        Ok(())
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// The terminal's inputs, noting when the loop took each key, and how long at most it went
/// without looking for an input (taking one, or a search asking whether one has arrived).
struct Noted {
    live: Live,
    keys_taken: Vec<Instant>,
    asks: Arc<Mutex<Asks>>,
}

/// When an input was last looked for (`None` while the loop waits for one), and the longest
/// stretch between two looks.
#[derive(Default)]
struct Asks {
    last: Option<Instant>,
    longest: Duration,
}

impl Asks {
    fn look(&mut self) {
        let now = Instant::now();
        if let Some(last) = self.last {
            self.longest = self.longest.max(now.duration_since(last));
        }
        self.last = Some(now);
    }
}

/// `interrupt`, noting each time it is asked in `asks`.
fn noting(asks: &Arc<Mutex<Asks>>, interrupt: Option<Interrupt>) -> Option<Interrupt> {
    let interrupt = interrupt?;
    let asks = Arc::clone(asks);
    Some(Arc::new(move || {
        lock(&asks).look();
        interrupt()
    }))
}

impl Noted {
    fn note(&mut self, input: &Option<Input>) {
        if let Some(Input::Key(KeyEvent {
            code: KeyCode::Char('j' | 'k'),
            ..
        })) = input
        {
            self.keys_taken.push(Instant::now());
        }
    }
}

impl Inputs for Noted {
    fn next(&mut self) -> Option<Input> {
        {
            let mut asks = lock(&self.asks);
            asks.look();
            asks.last = None;
        }
        let input = self.live.next();
        lock(&self.asks).last = Some(Instant::now());
        self.note(&input);
        input
    }

    fn ready(&mut self) -> Option<Input> {
        lock(&self.asks).look();
        let input = self.live.ready();
        self.note(&input);
        input
    }

    fn interrupt(&self) -> Option<Interrupt> {
        noting(&self.asks, self.live.interrupt())
    }

    fn interrupt_for(&self, wanted: Wanted) -> Option<Interrupt> {
        noting(&self.asks, self.live.interrupt_for(wanted))
    }
}

fn key(c: char) -> Input {
    Input::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// What the feeding thread sends among the `j`/`k` presses.
enum Script {
    /// A reload, after this many presses, then this many more.
    Reload(Box<Data>, usize, usize),
    /// An export to this path, after this many presses; presses go on until it is written.
    Export(PathBuf, usize),
}

/// Presses `j`/`k` every [`KEY_EVERY`] with the script's inputs among them, then `q`; the
/// times the presses were sent.
fn feed(inputs: Sender<Input>, script: Script) -> Vec<Instant> {
    let mut sent = Vec::new();
    let press = |inputs: &Sender<Input>, sent: &mut Vec<Instant>| {
        let c = if sent.len().is_multiple_of(2) {
            'j'
        } else {
            'k'
        };
        sent.push(Instant::now());
        let _ = inputs.send(key(c));
        thread::sleep(KEY_EVERY);
    };
    match script {
        Script::Reload(data, before, after) => {
            for _ in 0..before {
                press(&inputs, &mut sent);
            }
            let _ = inputs.send(Input::Reloaded(Box::new(Ok(*data))));
            for _ in 0..after {
                press(&inputs, &mut sent);
            }
            // A pause, as a person holding a key makes sooner or later: a reload whose search
            // a key stopped ends and takes the old data's place; then more presses.
            thread::sleep(PAUSE);
            for _ in 0..after / 2 {
                press(&inputs, &mut sent);
            }
        }
        Script::Export(path, before) => {
            for _ in 0..before {
                press(&inputs, &mut sent);
            }
            // Untimed: the prompt's keys.
            let _ = inputs.send(key('e'));
            let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
            let _ = inputs.send(Input::Key(ctrl_u));
            let _ = inputs.send(Input::Paste(path.display().to_string()));
            let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
            let _ = inputs.send(Input::Key(enter));
            let started = Instant::now();
            while !path.exists() && started.elapsed() < Duration::from_secs(120) {
                press(&inputs, &mut sent);
            }
            for _ in 0..20 {
                press(&inputs, &mut sent);
            }
        }
    }
    let _ = inputs.send(key('q'));
    sent
}

fn millis(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

/// Runs the explorer on `app` with `script` fed to it, and prints what the keys waited.
fn measure<H: Host<Timed>>(
    name: &str,
    mut app: App,
    host: impl FnOnce(Sender<Input>) -> H,
    script: Script,
) {
    let frames = Arc::new(Mutex::new(Vec::new()));
    let backend = Timed {
        inner: TestBackend::new(120, 40),
        frames: Arc::clone(&frames),
    };
    let mut terminal = Terminal::new(backend).expect("TestBackend");
    let (sender, receiver) = mpsc::channel();
    let mut host = host(sender.clone());
    let shown = std::ptr::from_ref(app.index());
    let mut noted = Noted {
        live: Live::new(VecDeque::new(), receiver),
        keys_taken: Vec::new(),
        asks: Arc::default(),
    };
    let feeder = {
        let sender = sender.clone();
        thread::spawn(move || feed(sender, script))
    };
    app::run(&mut terminal, &mut app, &mut noted, &mut host).expect("TestBackend");
    drop(host);
    let sent = feeder.join().expect("feeder");
    let frames = lock(&frames).clone();
    // Presses are taken in the order they were sent.
    let mut waits: Vec<Duration> = Vec::new();
    let presses = noted.keys_taken.len().min(sent.len());
    for (at, taken) in sent.iter().zip(&noted.keys_taken).take(presses) {
        let drawn = frames.iter().find(|&&frame| frame >= *taken);
        if let Some(drawn) = drawn {
            waits.push(drawn.duration_since(*at));
        }
    }
    waits.sort();
    let unasked = lock(&noted.asks).longest;
    let median = waits.get(waits.len() / 2).copied().unwrap_or_default();
    let reloaded = if std::ptr::from_ref(app.index()) == shown {
        ""
    } else {
        " (the data was replaced)"
    };
    println!(
        "{name}: {} of {} presses drawn, longest wait {}, median {}, longest unasked {}{reloaded}",
        waits.len(),
        sent.len(),
        millis(waits.last().copied().unwrap_or_default()),
        millis(median),
        millis(unasked),
    );
    drop(app);
}

impl Inputs for &mut Noted {
    fn next(&mut self) -> Option<Input> {
        (**self).next()
    }
    fn ready(&mut self) -> Option<Input> {
        (**self).ready()
    }
    fn interrupt(&self) -> Option<Interrupt> {
        (**self).interrupt()
    }
    fn interrupt_for(&self, wanted: Wanted) -> Option<Interrupt> {
        (**self).interrupt_for(wanted)
    }
}

fn data(count: usize) -> Data {
    Data::new(synthetic_timeline(count).unwrap_or_else(|e| panic!("{e}")))
}

fn searched(mut app: App, query: &str) -> App {
    app.update(Action::StartSearch);
    app.edit(query.chars().map(Edit::Insert));
    app.update(Action::AcceptSearch);
    app
}

fn main() {
    let mut args = std::env::args().skip(1);
    let count: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    // Only the scenarios whose name holds this text, if given.
    let only = args.next().unwrap_or_default();
    let wanted = |name: &str| name.contains(&only);
    let area = Rect::new(0, 0, 120, 40);
    let dir = tempfile::tempdir().expect("a temporary folder");
    println!("{count} events; a key every {}", millis(KEY_EVERY));

    let name = "reload";
    if wanted(name) {
        let app = App::with_data(data(count), area);
        let script = Script::Reload(Box::new(data(count)), 30, 100);
        measure(name, app, host, script);
    }
    let name = "reload, searched `integration`";
    if wanted(name) {
        let app = searched(App::with_data(data(count), area), "integration");
        let script = Script::Reload(Box::new(data(count)), 30, 100);
        measure(name, app, host, script);
    }
    let name = "export, all rows as Markdown";
    if wanted(name) {
        let app = App::with_data(data(count), area);
        let script = Script::Export(dir.path().join("all.md"), 30);
        measure(name, app, host, script);
    }
    let name = "export, `integration` ranked, as JSON";
    if wanted(name) {
        let app = searched(App::with_data(data(count), area), "integration");
        let script = Script::Export(dir.path().join("ranked.json"), 30);
        measure(name, app, host, script);
    }
}

// --- the host: what differs between the build before and after ---

/// Exports as the explorer's terminal host does: off the loop, reporting to it as inputs.
fn host(inputs: Sender<Input>) -> Exports {
    Exports::new(move |report| drop(inputs.send(Input::Export(report))))
}
