//! Snapshots: a loaded timeline and its search index kept on disk, so that a file seen before
//! reopens without parsing, validating or indexing it again.
//!
//! A snapshot is used only when its header names the file's canonical path, size and
//! modification time, this ajtl's version, codec format and architecture, its payload hashes as
//! the header says, and the file, hashed through a small buffer meanwhile, hashes as the header
//! says too: a file seen before is never read whole. Anything else — stale, truncated, corrupt,
//! foreign — is read and parsed, keyed on the hash of exactly the bytes parsed, and a new
//! snapshot is written once the caller has done what the
//! user is waiting for ([`Opened::save`], [`Unsaved`]). A snapshot never makes an open fail:
//! a load error is only ever the file's, and a cache that cannot be read or written is
//! silently left out.
//!
//! [`codec`] turns a timeline (and, when built, its index) into bytes and back; [`header`]
//! says what a snapshot was made from; [`store`] keeps the files.

pub mod checksum;
pub mod codec;
pub mod header;
pub mod store;

use std::fs::File;
use std::io::{self, Read, Seek};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::thread::JoinHandle;
use std::time::UNIX_EPOCH;

use store::Unverified;
pub use store::{Cache, Cleared, Entry};

use self::checksum::Checksum;
use self::codec::{Decoded, Keep};
use self::header::{Header, Source};
use crate::search::Index;
use crate::timeline::{
    Ignored, LoadError, Loaded, Progress, SourceFile, Stage, Timeline, load_read,
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

/// What a snapshot is written from: a timeline alone, or a timeline with its search index.
pub trait Contents {
    fn timeline(&self) -> &Timeline;
    fn index(&self) -> Option<&Index>;
}

impl Contents for Timeline {
    fn timeline(&self) -> &Timeline {
        self
    }

    fn index(&self) -> Option<&Index> {
        None
    }
}

impl Contents for Index {
    fn timeline(&self) -> &Timeline {
        Index::timeline(self)
    }

    fn index(&self) -> Option<&Index> {
        Some(self)
    }
}

impl<T: Contents> Opened<T> {
    /// Writes the snapshot (with the index, when these contents have one), if one is due:
    /// after the output, so it never delays it.
    pub fn save(&self) {
        if let Some(pending) = &self.unsaved {
            pending.write(&self.contents, &AtomicBool::new(false));
        }
    }
}

impl Opened<Index> {
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
    fn write(&self, contents: &impl Contents, stop: &AtomicBool) {
        let written = self.cache.write(self.header.clone(), stop, |out| {
            codec::encode(out, contents.timeline(), &self.ignored, contents.index())
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
                pending.write(&*index, &stopping);
            })
            .ok();
        Saving { stop, thread }
    }

    /// Writes the snapshot now, on this thread (one that is not the UI's).
    pub fn save(self) {
        let stop = AtomicBool::new(false);
        self.pending.write(&*self.index, &stop);
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
    keep: Keep,
) -> Result<Opened<Timeline>, LoadError> {
    let (found, file, key) = open(path, cache, progress, (false, keep))?;
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
/// the snapshot when it holds one, else built now (and then a snapshot with it is due). What
/// comes from a snapshot is kept as `keep` says.
pub fn open_index(
    path: &Path,
    cache: Option<&Cache>,
    progress: &Progress,
    keep: Keep,
) -> Result<Opened<Index>, LoadError> {
    let (found, file, key) = open(path, cache, progress, (true, keep))?;
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

/// The file at `path` with its snapshot when one is valid, else parsed; with the file's name
/// and, when a snapshot is wanted, where to write one.
fn open(
    path: &Path,
    cache: Option<&Cache>,
    progress: &Progress,
    wanted: (bool, Keep),
) -> Result<(Found, String, Option<Key>), LoadError> {
    open_checking(path, cache, progress, wanted, || {})
}

/// [`open`], calling `opened` once the file's size and time are taken and before its content
/// is: tests edit the file there.
///
/// A snapshot whose header matches the file's path, size and time is used only if the file,
/// hashed through a small buffer while the snapshot decodes, hashes as the header says: the
/// file is not read whole unless it must be parsed. Then the hash is of exactly the bytes
/// parsed, so a file that changes meanwhile gets a snapshot of what was parsed, and the next
/// open hashes it again.
fn open_checking(
    path: &Path,
    cache: Option<&Cache>,
    progress: &Progress,
    (with_index, keep): (bool, Keep),
    opened: impl FnOnce(),
) -> Result<(Found, String, Option<Key>), LoadError> {
    let source = SourceFile::open(path)?;
    let Some(mut key) = cache
        .filter(|cache| cache.wants(source.size))
        .and_then(|cache| Key::of(path, &source, cache))
    else {
        let read = source.read(progress)?;
        return Ok((Found::Parsed(load_read(&read, progress)?), read.name, None));
    };
    opened();
    if let Some(snapshot) = key.cache.read(&key.header) {
        progress.enter(Stage::Restoring);
        let (hash, decoded) = beside(
            || hash_file(&source.file, source.size),
            || verified(&snapshot, with_index, keep),
        );
        if let (Some(decoded), Some(hash)) = (decoded, hash)
            && hash == snapshot.made_from
        {
            key.header.source.hash = hash;
            key.cache.touch(&key.header);
            return Ok((Found::Snapshot(decoded), source.name, Some(key)));
        }
    }
    let read = source.read(progress)?;
    // The bytes parsed are hashed meanwhile: the new snapshot is keyed on them.
    let (hash, loaded) = hashed_while(&read.bytes, || load_read(&read, progress));
    key.header.source.hash = hash;
    Ok((Found::Parsed(loaded?), read.name, Some(key)))
}

/// The [`checksum`] of `file` from its start, read through a small buffer; `None` when it
/// cannot be read or is not `size` bytes long (it changed since its size was taken).
fn hash_file(mut file: &File, size: u64) -> Option<u64> {
    file.rewind().ok()?;
    let mut buffer = vec![0u8; 256 << 10];
    let mut hasher = Checksum::new();
    let mut len = 0u64;
    loop {
        let read = match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        };
        hasher.update(&buffer[..read]);
        len += read as u64;
        if len > size {
            return None;
        }
    }
    (len == size).then(|| hasher.value())
}

/// The snapshot's payload decoded, if its hash holds. It is decoded while it is hashed (a
/// decoder never panics, whatever the bytes) and used only then.
fn verified(snapshot: &Unverified, with_index: bool, keep: Keep) -> Option<Decoded> {
    let payload = snapshot.to_decode(keep)?;
    let (hash, decoded) = hashed_while(snapshot.payload(), || {
        codec::decode(&payload, with_index).ok()
    });
    decoded.filter(|_| hash == snapshot.payload_hash)
}

/// The [`checksum`] of `bytes`, computed on another thread while `work` runs on this one:
/// at a million events each takes a while, and a second core does both in the time of one.
fn hashed_while<T>(bytes: &[u8], work: impl FnOnce() -> T) -> (u64, T) {
    beside(|| checksum::of(bytes), work)
}

/// `aside` run on another thread while `work` runs on this one, both results; `aside` runs
/// here after `work` when no thread can be had (or it failed).
fn beside<A: Send, T>(aside: impl Fn() -> A + Sync, work: impl FnOnce() -> T) -> (A, T) {
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .name("hash".into())
            .spawn_scoped(scope, &aside);
        let done = work();
        let other = match thread.map(|thread| thread.join()) {
            Ok(Ok(other)) => other,
            _ => aside(),
        };
        (other, done)
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
    fn of(path: &Path, source: &SourceFile, cache: &Cache) -> Option<Key> {
        let canonical = std::fs::canonicalize(path).ok()?;
        let modified = source.modified?;
        let modified_ns = match modified.duration_since(UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_nanos()).ok()?,
            Err(before) => i64::try_from(before.duration().as_nanos())
                .ok()?
                .checked_neg()?,
        };
        let source = Source {
            path: canonical.into_os_string().into_encoded_bytes(),
            size: source.size,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::load_file;

    /// Opens `path` through `cache`, running `edit` once the file's size and time are taken,
    /// and writes the snapshot if one is due: whether it was a hit, and the timeline.
    fn open_editing(path: &Path, cache: &Cache, edit: impl FnOnce()) -> (bool, Timeline) {
        let progress = Progress::default();
        let wanted = (false, Keep::InPlace);
        let (found, _, key) = open_checking(path, Some(cache), &progress, wanted, edit).unwrap();
        match found {
            Found::Snapshot(decoded) => (true, decoded.timeline),
            Found::Parsed(loaded) => {
                let pending = key.unwrap().pending(&loaded.ignored);
                pending.write(&loaded.timeline, &AtomicBool::new(false));
                (false, loaded.timeline)
            }
        }
    }

    /// Replaces `from` with `to` in the file, keeping its modification time.
    fn edit_keeping_mtime(path: &Path, from: &str, to: &str) {
        let modified = std::fs::metadata(path).unwrap().modified().unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains(from));
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
        let file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
        file.set_modified(modified).unwrap();
    }

    #[test]
    fn a_file_edited_between_its_size_and_its_content_being_taken_is_never_mistaken() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path().join("cache")).with_min_source(0);
        let path = dir.path().join("events.ron");
        std::fs::write(&path, crate::fixtures::synthetic_text(40)).unwrap();
        let first = load_file(&path).unwrap().timeline;
        assert_eq!(open_editing(&path, &cache, || {}), (false, first.clone()));
        assert_eq!(open_editing(&path, &cache, || {}), (true, first.clone()));

        // The snapshot's header matches the size and time taken, but not what is then read.
        let edit = || edit_keeping_mtime(&path, "(40 events)", "(40 EVENTS)");
        let (hit, edited) = open_editing(&path, &cache, edit);
        assert!(!hit, "the snapshot of the file before the edit is not used");
        assert_eq!(edited, load_file(&path).unwrap().timeline);
        assert_ne!(edited, first);
        assert_eq!(open_editing(&path, &cache, || {}), (true, edited.clone()));

        // Edited back while parsed: the snapshot written is of what was parsed.
        let edit_back = || edit_keeping_mtime(&path, "(40 EVENTS)", "(40 events)");
        std::fs::remove_dir_all(cache.dir()).unwrap();
        assert_eq!(
            open_editing(&path, &cache, edit_back),
            (false, first.clone())
        );
        assert_eq!(open_editing(&path, &cache, || {}), (true, first.clone()));
        let grow = || edit_keeping_mtime(&path, "(40 events)", "(40 events, grown)");
        let (hit, grown) = open_editing(&path, &cache, grow);
        assert!(
            !hit,
            "a file longer than its size said is not hashed as the snapshot's"
        );
        assert_eq!(grown, load_file(&path).unwrap().timeline);
    }
}
