//! The snapshot cache: a snapshot is used only when it is exactly what the file would parse
//! to, whatever happened to it (corruption, a stale file, another ajtl version or machine);
//! two processes writing at once leave one valid snapshot; the cache keeps its bound; and
//! `--no-cache`, `ajtl cache` and `ajtl cache clear` do what they say.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, SystemTime};

use ajtl::snapshot::codec::Keep;
use ajtl::snapshot::header::Header;
use ajtl::snapshot::{self, Cache};
use ajtl::timeline::{Progress, Timeline, load_file};
use proptest::prelude::*;

use common::{ajtl_command, plain_timeline};

/// A cache in `dir` that keeps snapshots of files of any size, so tests can use small ones.
fn cache_in(dir: &Path) -> Cache {
    Cache::at(dir.join("cache")).with_min_source(0)
}

/// Opens `path` through `cache`; writes the snapshot if one is due. Whether it was a hit, and
/// the timeline.
fn open(path: &Path, cache: &Cache) -> (bool, Timeline) {
    let opened =
        snapshot::open_timeline(path, Some(cache), &Progress::default(), Keep::InPlace).unwrap();
    opened.save();
    (opened.from_snapshot, opened.contents)
}

/// The snapshot files in `cache`'s directory, and any other file there.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = match fs::read_dir(dir) {
        Ok(listing) => listing
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    names
}

fn snapshots_in(dir: &Path) -> Vec<String> {
    files_in(dir)
        .into_iter()
        .filter(|name| name.ends_with(".snapshot"))
        .collect()
}

/// A small timeline file in `dir`, and what parsing it gives.
fn small_file(dir: &Path, name: &str, count: usize) -> (PathBuf, Timeline) {
    let path = dir.join(name);
    fs::write(&path, plain_timeline(count, "words", Some(3))).unwrap();
    let parsed = load_file(&path).unwrap().timeline;
    (path, parsed)
}

/// A file large enough for the binary to keep a snapshot of (1 MiB and more).
fn large_file(dir: &Path) -> PathBuf {
    let path = dir.join("large.ron");
    let summary = "a summary long enough to make the file pass the snapshot threshold quickly";
    fs::write(&path, plain_timeline(9000, summary, Some(5))).unwrap();
    assert!(fs::metadata(&path).unwrap().len() >= 1 << 20);
    path
}

/// One way of damaging a snapshot file.
#[derive(Clone, Debug)]
enum Damage {
    /// XOR the byte at this position (modulo the length) with a non-zero value.
    Flip(usize, u8),
    /// Keep only this many bytes (modulo the length).
    Truncate(usize),
    Append(Vec<u8>),
    /// Swap two 4-byte windows of the header's fixed part (at these word positions).
    /// (A file already cut below that gets a byte appended instead.)
    SwapWords(usize, usize),
}

impl Damage {
    fn apply(&self, bytes: &[u8]) -> Vec<u8> {
        let mut bytes = bytes.to_vec();
        match self {
            _ if bytes.len() < 84 => bytes.push(0),
            Damage::Flip(at, xor) => {
                let at = at % bytes.len();
                bytes[at] ^= xor;
            }
            Damage::Truncate(len) => bytes.truncate(len % bytes.len()),
            Damage::Append(tail) => bytes.extend_from_slice(tail),
            Damage::SwapWords(a, b) => {
                let (a, b) = ((a % 21) * 4, (b % 21) * 4);
                for i in 0..4 {
                    bytes.swap(a + i, b + i);
                }
            }
        }
        bytes
    }
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), 1u8..=255).prop_map(|(at, xor)| Damage::Flip(at, xor)),
        any::<usize>().prop_map(Damage::Truncate),
        prop::collection::vec(any::<u8>(), 1..64).prop_map(Damage::Append),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Damage::SwapWords(a, b)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever is done to a snapshot, opening gives the timeline parsing gives, a damaged
    /// snapshot is never used, and the open replaces it with one that is.
    #[test]
    fn a_damaged_snapshot_is_never_trusted_and_is_replaced(damages in prop::collection::vec(damage(), 1..4)) {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache_in(dir.path());
        let (path, parsed) = small_file(dir.path(), "events.ron", 40);
        prop_assert_eq!(open(&path, &cache), (false, parsed.clone()));
        let snapshot = cache.dir().join(&snapshots_in(cache.dir())[0]);
        let good = fs::read(&snapshot).unwrap();

        let mut bad = good.clone();
        for damage in &damages {
            bad = damage.apply(&bad);
        }
        fs::write(&snapshot, &bad).unwrap();
        let (hit, timeline) = open(&path, &cache);
        prop_assert_eq!(&timeline, &parsed);
        if bad != good {
            prop_assert!(!hit, "a damaged snapshot was used: {:?}", damages);
        }
        prop_assert_eq!(fs::read(&snapshot).unwrap(), good.clone(), "replaced by a valid one");
        prop_assert_eq!(open(&path, &cache), (true, parsed));
        prop_assert_eq!(snapshots_in(cache.dir()).len(), 1, "and nothing else left");
    }
}

/// The snapshot of `path` in `cache`, its header changed by `change` (the payload and its hash
/// left valid), as another ajtl or machine would have written it.
fn rewrite_header(cache: &Cache, change: impl FnOnce(&mut Header)) {
    let snapshot = cache.dir().join(&snapshots_in(cache.dir())[0]);
    let bytes = fs::read(&snapshot).unwrap();
    let mut input = &bytes[..];
    let mut header = Header::read(&mut input).unwrap();
    change(&mut header);
    let mut rewritten = header.to_bytes();
    rewritten.extend_from_slice(input);
    fs::write(&snapshot, rewritten).unwrap();
}

/// What a header change is called, and the change.
type Change = (&'static str, fn(&mut Header));

#[test]
fn a_snapshot_from_another_version_format_or_machine_is_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let (path, parsed) = small_file(dir.path(), "events.ron", 20);
    assert_eq!(open(&path, &cache), (false, parsed.clone()));
    assert_eq!(
        open(&path, &cache),
        (true, parsed.clone()),
        "a valid one is used"
    );
    let changes: [Change; 4] = [
        ("version", |h| h.version = "0.0.1-other".into()),
        ("arch", |h| h.arch = "s390x-64-be".into()),
        ("format", |h| h.format += 1),
        ("path", |h| h.source.path = b"/elsewhere.ron".to_vec()),
    ];
    for (what, change) in changes {
        rewrite_header(&cache, change);
        assert_eq!(
            open(&path, &cache),
            (false, parsed.clone()),
            "another {what}"
        );
        assert_eq!(
            open(&path, &cache),
            (true, parsed.clone()),
            "rebuilt: {what}"
        );
    }
}

/// Replaces the first `from` in the file with `to`, keeping its modification time.
fn edit_keeping_mtime(path: &Path, from: &str, to: &str) {
    let modified = fs::metadata(path).unwrap().modified().unwrap();
    let text = fs::read_to_string(path).unwrap().replacen(from, to, 1);
    fs::write(path, text).unwrap();
    let file = fs::OpenOptions::new().write(true).open(path).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    assert_eq!(fs::metadata(path).unwrap().modified().unwrap(), modified);
}

#[test]
fn an_edit_keeping_size_and_mtime_is_seen_and_so_is_one_changing_the_size() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let (path, _) = small_file(dir.path(), "events.ron", 20);
    open(&path, &cache);
    assert!(open(&path, &cache).0, "the snapshot is used");

    // Opening after `edit` parses the file again and finds `title`, then uses the new
    // snapshot.
    let seen_after = |edit: &dyn Fn(), title: &str| {
        edit();
        let (hit, timeline) = open(&path, &cache);
        assert!(!hit, "{title}");
        assert!(timeline.events.iter().any(|event| event.title() == title));
        assert_eq!(
            open(&path, &cache),
            (true, timeline),
            "the new snapshot is used"
        );
    };
    let size = fs::metadata(&path).unwrap().len();
    seen_after(
        &|| edit_keeping_mtime(&path, "Event 7\"", "Edit! 7\""),
        "Edit! 7",
    );
    assert_eq!(fs::metadata(&path).unwrap().len(), size);
    let longer = || edit_keeping_mtime(&path, "Event 8\"", "A longer title 8\"");
    seen_after(&longer, "A longer title 8");
    assert_eq!(snapshots_in(cache.dir()).len(), 1, "one snapshot per file");
}

#[test]
fn an_edit_is_seen_by_the_binary_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_file(dir.path());
    let cache_dir = dir.path().join("cache");
    let search = |query: &str| {
        let output = ajtl_command()
            .env("AJTL_CACHE_DIR", &cache_dir)
            .args([
                "--data",
                path.to_str().unwrap(),
                "search",
                query,
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    assert!(search("'Event 4711").contains("Event 4711"));
    assert_eq!(
        snapshots_in(&cache_dir).len(),
        1,
        "the search wrote a snapshot"
    );
    edit_keeping_mtime(&path, "Event 4711\"", "Edite 4711\"");
    assert!(search("'Edite 4711").contains("Edite 4711"));
}

#[test]
fn two_processes_opening_a_new_file_at_once_leave_one_valid_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_file(dir.path());
    let cache_dir = dir.path().join("cache");
    let spawn = || {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("ajtl"))
            .env("AJTL_CACHE_DIR", &cache_dir)
            .args(["--data", path.to_str().unwrap(), "check"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (spawn(), spawn());
    for child in [first, second] {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{output:?}");
        assert!(String::from_utf8_lossy(&output.stdout).starts_with("9000 events"));
    }
    assert_eq!(snapshots_in(&cache_dir).len(), 1);
    assert_eq!(files_in(&cache_dir).len(), 1, "no temporary file left");
    let cache = Cache::at(&cache_dir);
    let opened =
        snapshot::open_timeline(&path, Some(&cache), &Progress::default(), Keep::InPlace).unwrap();
    assert!(opened.from_snapshot, "a third open is a hit");
    assert_eq!(opened.contents, load_file(&path).unwrap().timeline);
}

#[test]
fn no_cache_writes_nothing_and_small_files_and_the_bundled_dataset_need_none() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_file(dir.path());
    let cache_dir = dir.path().join("cache");
    let small = dir.path().join("small.ron");
    fs::write(&small, plain_timeline(10, "s", None)).unwrap();
    let runs: [&[&str]; 4] = [
        &["--no-cache", "--data", path.to_str().unwrap(), "check"],
        &[
            "--data",
            path.to_str().unwrap(),
            "--no-cache",
            "search",
            "jaif",
        ],
        &["--data", small.to_str().unwrap(), "list"],
        &["stats"],
    ];
    for args in runs {
        ajtl_command()
            .env("AJTL_CACHE_DIR", &cache_dir)
            .args(args)
            .assert()
            .success();
        assert_eq!(files_in(&cache_dir), Vec::<String>::new(), "{args:?}");
    }
}

#[test]
fn cache_lists_its_snapshots_and_clear_removes_them_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_file(dir.path());
    let cache_dir = dir.path().join("cache");
    let ajtl = |args: &[&str]| {
        let output = ajtl_command()
            .env("AJTL_CACHE_DIR", &cache_dir)
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    ajtl(&["--data", path.to_str().unwrap(), "list"]);
    fs::write(cache_dir.join("notes.txt"), "mine").unwrap();
    fs::write(cache_dir.join("0123456789abcdef.snapshot.bak"), "mine").unwrap();
    fs::create_dir(cache_dir.join("fedcba9876543210.snapshot")).unwrap();

    let listing = ajtl(&["cache"]);
    let lines: Vec<&str> = listing.lines().collect();
    assert_eq!(lines[0], format!("cache: {}", cache_dir.display()));
    assert!(lines[1].starts_with("1 snapshot, "), "{listing}");
    assert!(lines[1].ends_with(" of at most 2.0 GiB"), "{listing}");
    let canonical = fs::canonicalize(&path).unwrap();
    assert!(
        lines[2].ends_with(&format!("  {}", canonical.display())),
        "{listing}"
    );
    assert_eq!(lines.len(), 3);

    let cleared = ajtl(&["cache", "clear"]);
    assert!(cleared.starts_with("removed 1 snapshot ("), "{cleared}");
    assert_eq!(
        files_in(&cache_dir),
        [
            "0123456789abcdef.snapshot.bak",
            "fedcba9876543210.snapshot",
            "notes.txt"
        ]
    );
    assert!(ajtl(&["cache"]).contains("0 snapshots, 0 B"));
}

#[test]
fn a_cache_that_cannot_be_read_says_why_in_words_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-directory");
    fs::write(&file, "x").unwrap();
    let output = ajtl_command()
        .env("AJTL_CACHE_DIR", &file)
        .arg("cache")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("cannot read the cache at"), "{stderr}");
    assert!(stderr.contains("Not a directory"), "{stderr}");
    assert!(!stderr.contains("os error"), "{stderr}");
}

#[test]
fn the_cache_keeps_its_bound_dropping_the_least_recently_used_first() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<(PathBuf, Timeline)> = (0..3)
        .map(|n| small_file(dir.path(), &format!("t{n}.ron"), 30))
        .collect();
    let unbounded = cache_in(dir.path());
    open(&files[0].0, &unbounded);
    let size = fs::metadata(unbounded.dir().join(&snapshots_in(unbounded.dir())[0]))
        .unwrap()
        .len();
    let cache = unbounded.with_bound(size * 5 / 2);
    open(&files[1].0, &cache);
    assert_eq!(snapshots_in(cache.dir()).len(), 2);

    // The first was written first, but is used again after the second.
    let age = |n: usize, seconds: u64| {
        let key = fs::canonicalize(&files[n].0).unwrap();
        let snapshot = cache.path_for(key.as_os_str().as_encoded_bytes());
        let file = fs::OpenOptions::new().write(true).open(snapshot).unwrap();
        file.set_modified(SystemTime::now() - Duration::from_secs(seconds))
            .unwrap();
    };
    age(0, 20);
    age(1, 10);
    assert!(open(&files[0].0, &cache).0);
    open(&files[2].0, &cache);
    let total: u64 = cache.entries().unwrap().iter().map(|e| e.size).sum();
    assert!(total <= cache.bound(), "{total} > {}", cache.bound());
    let mut kept: Vec<_> = cache
        .entries()
        .unwrap()
        .into_iter()
        .map(|e| e.source)
        .collect();
    kept.sort();
    let name = |n: usize| Some(fs::canonicalize(&files[n].0).unwrap().display().to_string());
    assert_eq!(kept, [name(0), name(2)], "the least recently used went");

    // A snapshot larger than the bound is not written at all.
    let tiny = Cache::at(dir.path().join("tiny"))
        .with_min_source(0)
        .with_bound(size / 2);
    assert_eq!(open(&files[1].0, &tiny), (false, files[1].1.clone()));
    assert_eq!(files_in(tiny.dir()), Vec::<String>::new());
}

/// Waits (up to a generous timeout, for a loaded machine) until `path` opens from a snapshot.
fn wait_for_snapshot(path: &Path, cache: &Cache) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let opened =
            snapshot::open_timeline(path, Some(cache), &Progress::default(), Keep::InPlace)
                .unwrap();
        if opened.from_snapshot {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "no snapshot written");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_explorer_writes_its_snapshot_in_the_background_and_stops_it_when_quitting() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let (path, parsed) = small_file(dir.path(), "events.ron", 200);
    let area = ratatui::layout::Rect::new(0, 0, 120, 40);
    let prepare = || {
        let opened =
            snapshot::open_index(&path, Some(&cache), &Progress::default(), Keep::Copied).unwrap();
        let from_snapshot = opened.from_snapshot;
        let (app, unsaved) = ajtl::app::loading::prepare(opened, area);
        assert_eq!(app.timeline(), &parsed);
        (from_snapshot, unsaved)
    };

    // Quitting at once: the write stops or completes, and leaves no temporary file.
    let (hit, unsaved) = prepare();
    assert!(!hit);
    drop(unsaved.unwrap().save_in_background());
    assert!(
        files_in(cache.dir())
            .iter()
            .all(|name| name.ends_with(".snapshot"))
    );

    let (_, unsaved) = prepare();
    if let Some(unsaved) = unsaved {
        unsaved.save_in_background().wait();
    }
    assert!(prepare().0, "the next explorer opens from the snapshot");
}

#[test]
fn a_watch_reload_goes_through_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let (path, _) = small_file(dir.path(), "events.ron", 30);
    let (sender, reloads) = std::sync::mpsc::channel();
    let _watching = ajtl::watch::watch(&path, Some(cache.clone()), sender).unwrap();
    fs::write(&path, plain_timeline(31, "edited", None)).unwrap();
    match reloads.recv_timeout(Duration::from_secs(20)) {
        Ok(ajtl::app::Input::Reloaded(data)) => {
            assert_eq!(data.as_ref().as_ref().unwrap().timeline().events.len(), 31);
        }
        _ => panic!("no reload"),
    }
    wait_for_snapshot(&path, &cache);
}
