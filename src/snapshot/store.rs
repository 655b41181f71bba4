//! The cache directory: one snapshot file per source file, named for its canonical path, read
//! only when its header matches and its payload's hash verifies, written whole or not at all,
//! and kept under a bound in bytes by deleting the least recently used.
//!
//! Only files named as ajtl names them are ever listed, counted or deleted, so a cache
//! directory shared with anything else loses nothing else.

use std::fs::{self, File};
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

use memmap2::MmapOptions;

use super::checksum::{self, Checksum};
use super::codec::{Keep, Payload};
use super::header::Header;
use crate::files;
use crate::shared::{Bytes, Owner};
use crate::timeline::text::sanitize;

/// The variable that puts the cache elsewhere than the user's cache directory.
pub const DIR_VARIABLE: &str = "AJTL_CACHE_DIR";
/// The cache's default bound: snapshots of a 1M-event file take a few hundred MB.
pub const DEFAULT_BOUND: u64 = 2 << 30;
/// Files smaller than this parse in milliseconds: a snapshot would save nothing.
pub const DEFAULT_MIN_SOURCE: u64 = 1 << 20;
/// What a snapshot file's name ends with, after the 16 hex digits of its key.
const SUFFIX: &str = ".snapshot";
/// A snapshot being written: a temporary name, renamed to its own once complete.
const TEMP_PREFIX: &str = ".snapshot-";
const TEMP_SUFFIX: &str = ".tmp";
/// A temporary file this old was left by a process that ended while writing: deleted when
/// the cache is next trimmed.
const STALE_TEMP: Duration = Duration::from_secs(3600);

/// Where snapshots are kept, and how much of it they may take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cache {
    dir: PathBuf,
    bound: u64,
    min_source: u64,
}

/// A file of the cache, as `ajtl cache` lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The file the snapshot was made from, sanitised for printing; `None` when the snapshot's
    /// header cannot be read (it is replaced or trimmed in time).
    pub source: Option<String>,
    /// The snapshot's size in bytes.
    pub size: u64,
    /// When the snapshot was last written or read.
    pub last_used: SystemTime,
}

/// A snapshot's payload as mapped, before the hashes its header gives are checked: the file's
/// content hash against the file's, and the payload's against the payload. Each takes a while
/// at a million events, so the caller checks them while it hashes the file and decodes the
/// payload (decoding never trusts its input), and uses nothing unless both hold.
#[derive(Debug)]
pub(super) struct Unverified {
    /// The content hash of the file the snapshot was made from.
    pub made_from: u64,
    pub payload_hash: u64,
    map: Owner,
    start: usize,
}

impl Unverified {
    /// The payload's bytes, as long as the header says (checked against the map).
    pub fn payload(&self) -> &[u8] {
        &self.map.as_ref().as_ref()[self.start..]
    }

    /// The payload to decode, its pieces kept as `keep` says.
    pub fn to_decode(&self, keep: Keep) -> Option<Payload> {
        let len = self.map.as_ref().as_ref().len();
        Payload::new(Arc::clone(&self.map), self.start..len, keep)
    }
}

/// What `ajtl cache clear` removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cleared {
    pub files: usize,
    pub bytes: u64,
}

impl Cache {
    /// The cache in `AJTL_CACHE_DIR` when set and not empty, else in the user's cache
    /// directory; `None` when there is none (ajtl then runs without a cache).
    pub fn locate() -> Option<Cache> {
        let dir = std::env::var_os(DIR_VARIABLE)
            .filter(|dir| !dir.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                let dirs = directories::ProjectDirs::from("", "", "ajtl")?;
                Some(dirs.cache_dir().to_path_buf())
            })?;
        Some(Cache::at(dir))
    }

    /// A cache in `dir`, with the default bound and threshold.
    pub fn at(dir: impl Into<PathBuf>) -> Cache {
        Cache {
            dir: dir.into(),
            bound: DEFAULT_BOUND,
            min_source: DEFAULT_MIN_SOURCE,
        }
    }

    /// The same cache kept under `bound` bytes.
    pub fn with_bound(self, bound: u64) -> Cache {
        Cache { bound, ..self }
    }

    /// The same cache, taking snapshots of files from `bytes` bytes on (tests use small files).
    pub fn with_min_source(self, bytes: u64) -> Cache {
        Cache {
            min_source: bytes,
            ..self
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn bound(&self) -> u64 {
        self.bound
    }

    /// Whether a file of `size` bytes is worth a snapshot.
    pub(super) fn wants(&self, size: u64) -> bool {
        size >= self.min_source
    }

    /// The snapshot file for the source at `canonical` (its path's bytes): one per source, so
    /// a new snapshot of an edited file replaces the old one.
    pub fn path_for(&self, canonical: &[u8]) -> PathBuf {
        self.dir
            .join(format!("{:016x}{SUFFIX}", checksum::of(canonical)))
    }

    /// The snapshot for `wanted`'s source, when there is one whose header matches `wanted`
    /// but for the content hash ([`Header::matches_but_content`]) and whose payload is whole.
    /// Anything else is `None`: the caller rebuilds, and the new snapshot replaces this one.
    /// The caller checks both hashes ([`Unverified`]), and [`Cache::touch`]es a snapshot it uses.
    pub(super) fn read(&self, wanted: &Header) -> Option<Unverified> {
        let path = self.path_for(&wanted.source.path);
        let mut file = files::open_regular(&path).ok()?;
        let len = file.metadata().ok()?.len();
        let header = Header::read(&mut file).ok()?;
        let start = header.encoded_len();
        let payload_len = len.checked_sub(start as u64)?;
        let fits = header.payload_len == payload_len && payload_len <= self.bound;
        if !fits || !header.matches_but_content(wanted) {
            return None;
        }
        // Mapped rather than read: a read into fresh memory spends more time having the system
        // zero its pages and copy into them than decoding takes. A map is safe here because
        // ajtl only ever replaces a snapshot by renaming a new file over it (the map keeps the
        // old one) and never truncates one in place, which would fault reads past the new
        // end. The length mapped is the one checked against the bound and the header above.
        // Not populated up front (MAP_POPULATE): that measured slower at 100k, the pages being
        // read once, in order, as decoding and hashing go.
        let map_len = usize::try_from(len).ok()?;
        // SAFETY: see above; the file is only read through the map, and a map of another
        // length than asked is refused below.
        let map = unsafe { MmapOptions::new().len(map_len).map(&file) }.ok()?;
        (map.len() == map_len).then_some(Unverified {
            made_from: header.source.hash,
            payload_hash: header.payload_hash,
            map: Arc::new(Bytes::new(map)),
            start,
        })
    }

    /// Records that the snapshot for `wanted`'s source was used now (its modification time),
    /// so that the cache trims the least recently used first. A cache that cannot record it
    /// only trims less well.
    pub(super) fn touch(&self, wanted: &Header) {
        let touched = fs::OpenOptions::new()
            .write(true)
            .open(self.path_for(&wanted.source.path))
            .and_then(|file: File| file.set_modified(SystemTime::now()));
        drop(touched);
    }

    /// Writes a snapshot with `header` (its payload fields filled in here) and the payload
    /// `encode` streams, unless `stop` is set meanwhile or the snapshot would exceed the bound;
    /// then trims the cache to its bound. The snapshot is written to a temporary file in the
    /// cache and renamed over the old one complete, so readers, and another process writing the
    /// same snapshot, only ever see a whole file.
    pub(super) fn write(
        &self,
        mut header: Header,
        stop: &AtomicBool,
        encode: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let mut temp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(TEMP_SUFFIX)
            .tempfile_in(&self.dir)?;
        let start = header.encoded_len() as u64;
        temp.as_file_mut().seek(SeekFrom::Start(start))?;
        let mut hashing = Hashing {
            file: temp.as_file(),
            hasher: Checksum::new(),
            len: 0,
            limit: self.bound.saturating_sub(start),
            stop,
        };
        {
            let mut buffered = BufWriter::with_capacity(1 << 20, &mut hashing);
            encode(&mut buffered)?;
            buffered.flush()?;
        }
        header.payload_len = hashing.len;
        header.payload_hash = hashing.hasher.value();
        let file = temp.as_file_mut();
        file.seek(SeekFrom::Start(0))?;
        file.write_all(&header.to_bytes())?;
        let target = self.path_for(&header.source.path);
        temp.persist(&target).map_err(|error| error.error)?;
        self.trim(&target);
        Ok(())
    }

    /// Deletes the least recently used snapshots (never `keep`, just written) until the
    /// cache is within its bound, and temporary files left by writers that ended midway.
    fn trim(&self, keep: &Path) {
        let Ok(files) = self.files() else { return };
        let now = SystemTime::now();
        let mut snapshots = Vec::new();
        for file in files {
            match file.kind {
                Kind::Snapshot => snapshots.push(file),
                Kind::Temp => {
                    let age = now.duration_since(file.modified).unwrap_or_default();
                    if age > STALE_TEMP {
                        let _ = fs::remove_file(&file.path);
                    }
                }
            }
        }
        let mut total: u64 = snapshots.iter().map(|file| file.size).sum();
        snapshots.sort_by_key(|file| file.modified);
        for file in snapshots {
            if total <= self.bound {
                break;
            }
            if file.path != keep && fs::remove_file(&file.path).is_ok() {
                total -= file.size;
            }
        }
    }

    /// The snapshots, most recently used first.
    pub fn entries(&self) -> io::Result<Vec<Entry>> {
        let mut entries: Vec<Entry> = self
            .files()?
            .into_iter()
            .filter(|file| file.kind == Kind::Snapshot)
            .map(|file| Entry {
                source: source_of(&file.path),
                size: file.size,
                last_used: file.modified,
            })
            .collect();
        entries.sort_by_key(|entry| std::cmp::Reverse(entry.last_used));
        Ok(entries)
    }

    /// Deletes every snapshot and temporary file of ajtl's in the cache, and nothing else.
    pub fn clear(&self) -> io::Result<Cleared> {
        let mut cleared = Cleared::default();
        for file in self.files()? {
            if fs::remove_file(&file.path).is_ok() {
                cleared.files += 1;
                cleared.bytes += file.size;
            }
        }
        Ok(cleared)
    }

    /// ajtl's files in the cache directory (none when it does not exist yet).
    fn files(&self) -> io::Result<Vec<CacheFile>> {
        let listing = match fs::read_dir(&self.dir) {
            Ok(listing) => listing,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => return Err(error),
        };
        let mut found = Vec::new();
        for entry in listing {
            let entry = entry?;
            let name = entry.file_name();
            let Some(kind) = name.to_str().and_then(Kind::of) else {
                continue;
            };
            // Not followed: a link is not ajtl's file, whatever its name.
            let Ok(meta) = entry.metadata() else { continue };
            if !meta.is_file() {
                continue;
            }
            found.push(CacheFile {
                path: entry.path(),
                kind,
                size: meta.len(),
                modified: meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
            });
        }
        Ok(found)
    }
}

/// Which of ajtl's files a name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Snapshot,
    Temp,
}

impl Kind {
    fn of(name: &str) -> Option<Kind> {
        if let Some(key) = name.strip_suffix(SUFFIX) {
            let hex = |c: char| c.is_ascii_digit() || ('a'..='f').contains(&c);
            return (key.len() == 16 && key.chars().all(hex)).then_some(Kind::Snapshot);
        }
        (name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)).then_some(Kind::Temp)
    }
}

struct CacheFile {
    path: PathBuf,
    kind: Kind,
    size: u64,
    modified: SystemTime,
}

/// The source path a snapshot's header names, for printing.
fn source_of(path: &Path) -> Option<String> {
    let mut file = files::open_regular(path).ok()?;
    let header = Header::read(&mut file).ok()?;
    Some(sanitize(&String::from_utf8_lossy(&header.source.path)).into_owned())
}

/// The payload's way to the file: counted, hashed, and refused past the bound or once
/// writing should stop (the explorer is ending).
struct Hashing<'a> {
    file: &'a File,
    hasher: Checksum,
    len: u64,
    limit: u64,
    stop: &'a AtomicBool,
}

impl Write for Hashing<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.stop.load(Ordering::Relaxed) {
            // Not `Interrupted`: writers retry that.
            return Err(io::Error::other("stopped"));
        }
        let len = self.len.saturating_add(bytes.len() as u64);
        if len > self.limit {
            return Err(io::Error::new(
                io::ErrorKind::FileTooLarge,
                "the snapshot would exceed the cache's bound",
            ));
        }
        let written = self.file.write(bytes)?;
        self.hasher.update(&bytes[..written]);
        self.len += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::header::Source;

    fn header(path: &[u8]) -> Header {
        Header::current(Source {
            path: path.to_vec(),
            size: 3,
            modified_ns: 7,
            hash: 9,
        })
    }

    #[test]
    fn only_ajtl_names_are_ajtls_files() {
        assert_eq!(Kind::of("0123456789abcdef.snapshot"), Some(Kind::Snapshot));
        assert_eq!(Kind::of(".snapshot-Ab12.tmp"), Some(Kind::Temp));
        for other in [
            "0123456789ABCDEF.snapshot",
            "0123456789abcde.snapshot",
            "0123456789abcdef.snapshot.bak",
            "notes.txt",
            ".snapshot-x",
        ] {
            assert_eq!(Kind::of(other), None, "{other}");
        }
    }

    #[test]
    fn a_write_reads_back_and_trims_temporary_files_left_long_ago() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path());
        let stale = dir.path().join(".snapshot-old.tmp");
        let fresh = dir.path().join(".snapshot-new.tmp");
        for path in [&stale, &fresh] {
            fs::write(path, "half").unwrap();
        }
        let long_ago = SystemTime::now() - STALE_TEMP - Duration::from_secs(60);
        File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
        let never = AtomicBool::new(false);
        cache
            .write(header(b"/a.ron"), &never, |out| out.write_all(b"payload"))
            .unwrap();
        let read = cache.read(&header(b"/a.ron")).unwrap();
        assert_eq!((read.made_from, read.payload()), (9, &b"payload"[..]));
        assert_eq!(checksum::of(read.payload()), read.payload_hash);
        assert!(cache.read(&header(b"/b.ron")).is_none(), "another file's");
        assert!(!stale.exists(), "left by a writer that ended long ago");
        assert!(fresh.exists(), "perhaps being written now");
    }

    #[test]
    fn a_stopped_write_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path());
        let stopped = AtomicBool::new(true);
        let written = cache.write(header(b"/a.ron"), &stopped, |out| out.write_all(b"payload"));
        assert_eq!(written.unwrap_err().to_string(), "stopped");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
