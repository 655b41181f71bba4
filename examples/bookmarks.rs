//! Measures bookmarks at scale: how long the keeper's thread takes to load a large bookmarks
//! file and to save one change into it, and what the event loop itself spends on a bookmark
//! (`m`, and taking the stored ids back).
//!
//! ```sh
//! cargo run --release --example bookmarks -- 1500000
//! ```
//!
//! The file is written to a temporary directory with that many ids (1.5M ids make about
//! 54 MB), for the bundled dataset. Each figure is the median of several rounds.

use std::time::{Duration, Instant};

use ajtl::app::{Action, App};
use ajtl::bookmarks::{BookmarkFile, Change, Stored};
use ajtl::timeline::bundled;
use ratatui::layout::Rect;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ROUNDS: usize = 5;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = work();
    (value, start.elapsed())
}

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|count| count.parse().ok())
        .unwrap_or(1_500_000);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = BookmarkFile::for_dataset(None, Some(dir.path().into())).expect("a file");
    let changes: Vec<Change> = (0..count)
        .map(|n| Change::Add(format!("bookmark-id-gen-{n:08}")))
        .collect();
    file.save(&changes).expect("the file written");
    let bytes = std::fs::metadata(file.path()).map_or(0, |meta| meta.len());
    println!("{count} ids, {:.1} MB", bytes as f64 / 1e6);

    let mut loads = Vec::new();
    let mut saves = Vec::new();
    let mut ids = Default::default();
    for round in 0..ROUNDS {
        let ((loaded, _), took) = timed(|| file.load().expect("loaded"));
        loads.push(took);
        ids = loaded;
        let change = if round % 2 == 0 {
            Change::Add("informal-dialogue-1973".into())
        } else {
            Change::Remove("informal-dialogue-1973".into())
        };
        let (saved, took) = timed(|| file.save(&[change]).expect("saved"));
        saves.push(took);
        drop(saved);
    }
    println!("keeper thread: load {:?}", median(loads));
    println!("keeper thread: save one change {:?}", median(saves));

    let mut app = App::new(
        bundled().expect("the bundled dataset"),
        Rect::new(0, 0, 120, 40),
    );
    let ((), took) = timed(|| {
        app.bookmarks_stored(Ok(Stored {
            ids: Some(ids),
            changes: 0,
            note: None,
        }))
    });
    println!("event loop: take the loaded ids {took:?}");
    let mut toggles = Vec::new();
    let mut reports = Vec::new();
    for _ in 0..ROUNDS {
        let ((), took) = timed(|| app.update(Action::ToggleBookmark));
        toggles.push(took);
        drop(app.take_effects());
        let ((), took) = timed(|| {
            app.bookmarks_stored(Ok(Stored {
                ids: None,
                changes: 1,
                note: None,
            }))
        });
        reports.push(took);
    }
    println!("event loop: m {:?}", median(toggles));
    println!("event loop: hear it saved {:?}", median(reports));
}
