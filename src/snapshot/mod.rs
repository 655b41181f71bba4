//! Snapshots: a loaded timeline and its search index kept on disk, so that a file seen before
//! reopens without parsing, validating or indexing it again.
//!
//! Opening a file reads it once ([`crate::timeline::read_file`]) and hashes what was read; the
//! snapshot is used only when its header names the same canonical path, size, modification
//! time and content hash, this ajtl's version, codec format and architecture, and its payload
//! hashes as the header says. Anything else — stale, truncated, corrupt, foreign — is parsed
//! from the bytes already read, and a new snapshot is written once the caller has done what the
//! user is waiting for ([`Opened::save`], [`Unsaved`]). A snapshot never makes an open fail:
//! a load error is only ever the file's, and a cache that cannot be read or written is
//! silently left out.
//!
//! [`codec`] turns a timeline (and, when built, its index) into bytes and back; [`header`]
//! says what a snapshot was made from; [`store`] keeps the files.

pub mod codec;
pub mod header;
pub mod store;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::thread::JoinHandle;
use std::time::UNIX_EPOCH;

use xxhash_rust::xxh3::xxh3_128;

pub use store::{Cache, Cleared, Entry};

use self::codec::Decoded;
use self::header::{Header, Source};
use crate::search::Index;
use crate::timeline::{
    self, FileBytes, Ignored, LoadError, Loaded, Progress, Stage, Timeline, load_read,
};

/// A file opened through the cache: what was asked for (a [`Timeline`] or an [`Index`]), what
/// the file held that ajtl could not carry, and the snapshot still to write, if any.
pub struct Opened<T> {
    pub contents: T,
    pub ignored: Ignored,
    /// The file as the user named it (sanitised).
    pub file: String,
    /// Whether the contents came from a snapshot rather than from parsing the file.
    pub from_snapshot: bool,
    unsaved: Option<Pending>,
}

impl<T> Opened<T> {
    /// `contents` read without the cache (the bundled dataset, `--no-cache`): nothing to save.
    pub fn uncached(contents: T, ignored: Ignored, file: String) -> Self {
        Opened {
            contents,
            ignored,
            file,
            from_snapshot: false,
            unsaved: None,
        }
    }

    /// `data.json: 3 backgrounds ignored`, as [`Loaded::warning`] says it.
    pub fn warning(&self) -> Option<String> {
        (!self.ignored.is_empty()).then(|| format!("{}: {}", self.file, self.ignored))
    }
}

impl Opened<Timeline> {
    /// Writes the snapshot, if one is due: after the output, so it never delays it.
    pub fn save(&self) {
        if let Some(pending) = &self.unsaved {
            pending.write(&self.contents, None, &AtomicBool::new(false));
        }
    }
}

impl Opened<Index> {
    /// Writes the snapshot with the index, if one is due: after the output.
    pub fn save(&self) {
        if let Some(pending) = &self.unsaved {
            pending.write(
                self.contents.timeline(),
                Some(&self.contents),
                &AtomicBool::new(false),
            );
        }
    }

    /// The index, shared, and the snapshot still to write of it, for a caller that hands the
    /// index on (the explorer) and writes the snapshot off its own thread.
    pub fn share(self) -> (Arc<Index>, Option<Unsaved>) {
        let index = Arc::new(self.contents);
        let unsaved = self.unsaved.map(|pending| Unsaved {
            pending,
            index: Arc::clone(&index),
        });
        (index, unsaved)
    }
}

/// A snapshot to write: where, of which source, and what the file held that ajtl ignored.
struct Pending {
    cache: Cache,
    header: Header,
    ignored: Ignored,
}

impl Pending {
    /// Writes the snapshot unless `stop` is set meanwhile; a failure is silent, since a cache
    /// is optional (the next open parses the file again).
    fn write(&self, timeline: &Timeline, index: Option<&Index>, stop: &AtomicBool) {
        let written = self.cache.write(self.header.clone(), stop, |out| {
            codec::encode(out, timeline, &self.ignored, index)
        });
        drop(written);
    }
}

/// An index whose snapshot is still to be written, for the explorer to write once it shows.
pub struct Unsaved {
    pending: Pending,
    index: Arc<Index>,
}

impl Unsaved {
    /// Writes the snapshot on a thread of its own. Dropping the returned [`Saving`] stops the
    /// write (the temporary file is removed) and waits for the thread, so a quitting explorer
    /// neither waits for a large write nor leaves half of one.
    pub fn save_in_background(self) -> Saving {
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("snapshot".into())
            .spawn(move || {
                let Unsaved { pending, index } = self;
                pending.write(index.timeline(), Some(&index), &stopping);
            })
            .ok();
        Saving { stop, thread }
    }

    /// Writes the snapshot now, on this thread (one that is not the UI's).
    pub fn save(self) {
        let stop = AtomicBool::new(false);
        self.pending
            .write(self.index.timeline(), Some(&self.index), &stop);
    }
}

/// A snapshot being written in the background ([`Unsaved::save_in_background`]).
pub struct Saving {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Saving {
    /// Waits for the write to end (tests; the explorer drops it instead, stopping it).
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Saving {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// What opening found: a snapshot's payload decoded, or the file parsed.
enum Found {
    Snapshot(Decoded),
    Parsed(Loaded),
}

/// Opens the file at `path` for commands that need only its timeline, through `cache` when
/// given.
pub fn open_timeline(
    path: &Path,
    cache: Option<&Cache>,
    progress: &Progress,
) -> Result<Opened<Timeline>, LoadError> {
    let (found, file, key) = open(path, cache, progress, false)?;
    Ok(match found {
        Found::Snapshot(decoded) => Opened {
            contents: decoded.timeline,
            ignored: decoded.ignored,
            file,
            from_snapshot: true,
            unsaved: None,
        },
        Found::Parsed(loaded) => Opened {
            unsaved: key.map(|key| key.pending(&loaded.ignored)),
            contents: loaded.timeline,
            ignored: loaded.ignored,
            file,
            from_snapshot: false,
        },
    })
}

/// Opens the file at `path` with its search index, through `cache` when given: the index from
/// the snapshot when it holds one, else built now (and then a snapshot with it is due).
pub fn open_index(
    path: &Path,
    cache: Option<&Cache>,
    progress: &Progress,
) -> Result<Opened<Index>, LoadError> {
    let (found, file, key) = open(path, cache, progress, true)?;
    let (from_snapshot, complete, index, ignored) = match found {
        Found::Snapshot(decoded) => {
            let complete = decoded.has_index();
            if !complete {
                progress.enter(Stage::Indexing);
            }
            let (index, ignored) = decoded.into_index();
            (true, complete, index, ignored)
        }
        Found::Parsed(loaded) => {
            progress.enter(Stage::Indexing);
            (false, false, Index::new(loaded.timeline), loaded.ignored)
        }
    };
    Ok(Opened {
        unsaved: key.filter(|_| !complete).map(|key| key.pending(&ignored)),
        contents: index,
        ignored,
        file,
        from_snapshot,
    })
}

/// The file at `path` read once, and its snapshot when one is valid, else parsed; with the
/// file's name and, when a snapshot is wanted, where to write one.
fn open(
    path: &Path,
    cache: Option<&Cache>,
    progress: &Progress,
    with_index: bool,
) -> Result<(Found, String, Option<Key>), LoadError> {
    let read = timeline::read_file(path, progress)?;
    let Some(mut key) = cache
        .filter(|cache| cache.wants(read.bytes.len() as u64))
        .and_then(|cache| Key::of(path, &read, cache))
    else {
        return Ok((Found::Parsed(load_read(&read, progress)?), read.name, None));
    };
    progress.enter(Stage::Restoring);
    // The file is hashed meanwhile: the hash decides whether the snapshot may be used, and a
    // new snapshot needs it too; a file without one is parsed at once.
    let (hash, (restored, parsed)) = hashed_while(&read.bytes, || {
        let restored = restore(&key, with_index);
        let parsed = restored.is_none().then(|| load_read(&read, progress));
        (restored, parsed)
    });
    key.header.source.hash = hash;
    if let Some((made_from, decoded)) = restored
        && made_from == hash
    {
        key.cache.touch(&key.header);
        return Ok((Found::Snapshot(decoded), read.name, Some(key)));
    }
    let loaded = match parsed {
        Some(parsed) => parsed?,
        // A snapshot of the file's path, size and time, but not of its content.
        None => load_read(&read, progress)?,
    };
    Ok((Found::Parsed(loaded), read.name, Some(key)))
}

/// The snapshot `key` names, decoded, with the content hash its header gives (compared with
/// the file's before the snapshot is used). The payload is decoded while it is hashed (a
/// decoder never panics, whatever the bytes) and used only if its hash holds.
fn restore(key: &Key, with_index: bool) -> Option<(u128, Decoded)> {
    let read = key.cache.read(&key.header)?;
    let (hash, decoded) = hashed_while(&read.payload, || {
        codec::decode(&read.payload, with_index).ok()
    });
    let decoded = decoded.filter(|_| hash == read.payload_hash)?;
    Some((read.made_from, decoded))
}

/// The xxh3-128 hash of `bytes`, computed on another thread while `work` runs on this one:
/// at a million events each takes a while, and a second core does both in the time of one.
fn hashed_while<T>(bytes: &[u8], work: impl FnOnce() -> T) -> (u128, T) {
    std::thread::scope(|scope| {
        let hashing = std::thread::Builder::new()
            .name("hash".into())
            .spawn_scoped(scope, || xxh3_128(bytes));
        let done = work();
        let hash = match hashing.map(|thread| thread.join()) {
            Ok(Ok(hash)) => hash,
            // No thread to be had (or it failed): hashed here instead.
            _ => xxh3_128(bytes),
        };
        (hash, done)
    })
}

/// Which snapshot a file read has: the cache, and the header its snapshot must have (the
/// content hash filled in once computed).
struct Key {
    cache: Cache,
    header: Header,
}

impl Key {
    /// `None` when the file cannot be named or dated well enough to be kept.
    fn of(path: &Path, read: &FileBytes, cache: &Cache) -> Option<Key> {
        let canonical = std::fs::canonicalize(path).ok()?;
        let modified = read.modified?;
        let modified_ns = match modified.duration_since(UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_nanos()).ok()?,
            Err(before) => i64::try_from(before.duration().as_nanos())
                .ok()?
                .checked_neg()?,
        };
        let source = Source {
            path: canonical.into_os_string().into_encoded_bytes(),
            size: read.bytes.len() as u64,
            modified_ns,
            hash: 0,
        };
        Some(Key {
            cache: cache.clone(),
            header: Header::current(source),
        })
    }

    fn pending(self, ignored: &Ignored) -> Pending {
        Pending {
            cache: self.cache,
            header: self.header,
            ignored: ignored.clone(),
        }
    }
}
