//! A snapshot file's header: what the snapshot was made from (the source file's canonical path,
//! size, modification time and content hash) and by what (ajtl's version, the codec's format,
//! the machine's architecture), and the payload's length and hash. A snapshot is trusted only
//! when every field matches what is being opened, so the header is small, fixed in layout and
//! little-endian, and read with bounded reads whatever a damaged file claims.
//!
//! Layout: a fixed part of 68 bytes, then the version, arch and path bytes whose
//! lengths it gives, then zeros up to a multiple of 16 bytes, where the payload starts: its
//! columns are aligned from there, so that they can be read where they lie in a map.

use std::io::{self, Read};

/// The first bytes of every snapshot: what the cache's files are told apart by.
const MAGIC: [u8; 8] = *b"AJTLSNAP";
/// This layout's version; a header of another is not read further.
const HEADER_VERSION: u32 = 2;
/// Bytes before the variable fields.
const FIXED_LEN: usize = 68;
/// The longest header read: a canonical path is at most a few KiB on any system.
const MAX_LEN: usize = 64 << 10;

/// The machine a payload is laid out for: architecture, pointer width and byte order. A
/// snapshot made on another is rebuilt, never read.
pub fn arch_tag() -> String {
    let endian = if cfg!(target_endian = "little") {
        "le"
    } else {
        "be"
    };
    format!("{}-{}-{endian}", std::env::consts::ARCH, usize::BITS)
}

/// What a snapshot was made from: the fields compared with the file being opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The canonical path, as the system's bytes.
    pub path: Vec<u8>,
    pub size: u64,
    /// Nanoseconds since the Unix epoch (negative before it).
    pub modified_ns: i64,
    /// [`checksum`](super::checksum) of the bytes read.
    pub hash: u64,
}

/// A snapshot's header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub format: u32,
    /// `CARGO_PKG_VERSION` of the ajtl that wrote it.
    pub version: String,
    /// [`arch_tag`] of the machine that wrote it.
    pub arch: String,
    pub source: Source,
    pub payload_len: u64,
    /// [`checksum`](super::checksum) of the payload.
    pub payload_hash: u64,
}

impl Header {
    /// The header this build would write for `source`, its payload yet unknown.
    pub fn current(source: Source) -> Self {
        Header {
            format: super::codec::FORMAT,
            version: env!("CARGO_PKG_VERSION").to_string(),
            arch: arch_tag(),
            source,
            payload_len: 0,
            payload_hash: 0,
        }
    }

    /// Whether a snapshot with this header was made by this build from a file at `wanted`'s
    /// path, of its size and modification time: all fields match but the payload's, which its
    /// hash checks, and the source's content hash, which the caller compares once it has
    /// hashed the file (it does so while the snapshot is read).
    pub fn matches_but_content(&self, wanted: &Header) -> bool {
        let (found, source) = (&self.source, &wanted.source);
        self.format == wanted.format
            && self.version == wanted.version
            && self.arch == wanted.arch
            && (&found.path, found.size, found.modified_ns)
                == (&source.path, source.size, source.modified_ns)
    }

    /// The header's length in bytes, where the payload starts.
    pub fn encoded_len(&self) -> usize {
        padded(FIXED_LEN + self.version.len() + self.arch.len() + self.source.path.len())
    }

    /// The header as written.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.encoded_len());
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&HEADER_VERSION.to_le_bytes());
        out.extend_from_slice(&(self.encoded_len() as u32).to_le_bytes());
        out.extend_from_slice(&self.format.to_le_bytes());
        out.extend_from_slice(&(self.version.len() as u16).to_le_bytes());
        out.extend_from_slice(&(self.arch.len() as u16).to_le_bytes());
        out.extend_from_slice(&(self.source.path.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.source.size.to_le_bytes());
        out.extend_from_slice(&self.source.modified_ns.to_le_bytes());
        out.extend_from_slice(&self.source.hash.to_le_bytes());
        out.extend_from_slice(&self.payload_len.to_le_bytes());
        out.extend_from_slice(&self.payload_hash.to_le_bytes());
        debug_assert_eq!(out.len(), FIXED_LEN);
        out.extend_from_slice(self.version.as_bytes());
        out.extend_from_slice(self.arch.as_bytes());
        out.extend_from_slice(&self.source.path);
        out.resize(self.encoded_len(), 0);
        out
    }

    /// Reads a header from the start of `input`, leaving it at the payload. Whatever the bytes,
    /// no more than 64 KiB are read, and anything but a well-formed header of this layout
    /// is an error ([`io::ErrorKind::InvalidData`]).
    pub fn read(input: &mut impl Read) -> io::Result<Header> {
        let mut fixed = [0u8; FIXED_LEN];
        input.read_exact(&mut fixed)?;
        let mut at = Fields {
            bytes: &fixed,
            at: 0,
        };
        if at.take::<8>() != MAGIC || u32::from_le_bytes(at.take()) != HEADER_VERSION {
            return Err(invalid("not a snapshot of this layout"));
        }
        let len = u32::from_le_bytes(at.take()) as usize;
        let format = u32::from_le_bytes(at.take());
        let version_len = usize::from(u16::from_le_bytes(at.take()));
        let arch_len = usize::from(u16::from_le_bytes(at.take()));
        let path_len = u32::from_le_bytes(at.take()) as usize;
        let variable = version_len as u64 + arch_len as u64 + path_len as u64;
        let unpadded = usize::try_from(FIXED_LEN as u64 + variable).unwrap_or(usize::MAX);
        if len > MAX_LEN || unpadded > MAX_LEN || len != padded(unpadded) {
            return Err(invalid("the header's lengths disagree"));
        }
        let variable = len - FIXED_LEN;
        let size = u64::from_le_bytes(at.take());
        let modified_ns = i64::from_le_bytes(at.take());
        let hash = u64::from_le_bytes(at.take());
        let payload_len = u64::from_le_bytes(at.take());
        let payload_hash = u64::from_le_bytes(at.take());
        let mut rest = vec![0u8; variable];
        input.read_exact(&mut rest)?;
        // The padding is zeros, as written: a header is read exactly or refused.
        let padding = rest.split_off(version_len + arch_len + path_len);
        if padding.iter().any(|&byte| byte != 0) {
            return Err(invalid("the header's padding is not zeros"));
        }
        let path = rest.split_off(version_len + arch_len);
        let arch = rest.split_off(version_len);
        let text = |bytes: Vec<u8>| String::from_utf8(bytes).map_err(|_| invalid("not UTF-8"));
        Ok(Header {
            format,
            version: text(rest)?,
            arch: text(arch)?,
            source: Source {
                path,
                size,
                modified_ns,
                hash,
            },
            payload_len,
            payload_hash,
        })
    }
}

/// `len` rounded up to a multiple of the payload's alignment.
fn padded(len: usize) -> usize {
    len.next_multiple_of(super::codec::ALIGN)
}

/// The fixed part, read field by field.
struct Fields<'a> {
    bytes: &'a [u8; FIXED_LEN],
    at: usize,
}

impl Fields<'_> {
    fn take<const N: usize>(&mut self) -> [u8; N] {
        let mut field = [0u8; N];
        field.copy_from_slice(&self.bytes[self.at..self.at + N]);
        self.at += N;
        field
    }
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        let mut header = Header::current(Source {
            path: b"/data/big.ron".to_vec(),
            size: 123,
            modified_ns: -5,
            hash: u64::MAX - 1,
        });
        header.payload_len = 77;
        header.payload_hash = 42;
        header
    }

    #[test]
    fn a_header_reads_back_as_written_and_stops_at_the_payload() {
        let mut bytes = header().to_bytes();
        assert_eq!(bytes.len(), header().encoded_len());
        assert_eq!(bytes.len() % 16, 0, "the payload starts aligned");
        bytes.extend_from_slice(b"payload");
        let mut input = &bytes[..];
        assert_eq!(Header::read(&mut input).unwrap(), header());
        assert_eq!(input, b"payload");
    }

    #[test]
    fn a_header_from_another_build_or_file_does_not_match() {
        let wanted = header();
        assert!(header().matches_but_content(&wanted));
        let mut other = header();
        other.arch = "s390x-64-be".into();
        assert!(!other.matches_but_content(&wanted));
        let mut other = header();
        other.version = "0.0.0".into();
        assert!(!other.matches_but_content(&wanted));
        let mut other = header();
        other.source.modified_ns += 1;
        assert!(!other.matches_but_content(&wanted));
        let mut other = header();
        other.payload_len = 1;
        other.source.hash = 1;
        assert!(
            other.matches_but_content(&wanted),
            "the payload is checked by its hash, the content by the caller"
        );
    }

    #[test]
    fn damaged_headers_are_refused_without_reading_past_the_bound() {
        let bytes = header().to_bytes();
        for cut in 0..bytes.len() {
            assert!(Header::read(&mut &bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut huge = bytes.clone();
        // A path said to be 4 GiB long.
        huge[24..28].copy_from_slice(&u32::MAX.to_le_bytes());
        let error = Header::read(&mut &huge[..]).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        let mut padded = bytes.clone();
        let last = padded.len() - 1;
        assert_eq!(padded[last], 0, "this header ends in padding");
        padded[last] = 1;
        assert!(Header::read(&mut &padded[..]).is_err(), "damaged padding");
        let mut foreign = bytes;
        foreign[0] = b'X';
        assert!(Header::read(&mut &foreign[..]).is_err());
    }
}
