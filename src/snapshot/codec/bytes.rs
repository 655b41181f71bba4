//! Little-endian numbers and length-prefixed strings: a buffered writer that streams into any
//! [`Write`], and a reader over a payload that checks every length against what is left of it
//! before it slices or allocates anything.

use std::io::{self, Write};
use std::ops::Range;

use super::{Corrupt, Payload};
use crate::shared::Shared;

/// How much the writer gathers before handing it on: large enough that a million small
/// numbers cost few calls through `dyn Write`, small enough never to matter in memory.
const CHUNK: usize = 64 * 1024;

/// A buffered little-endian writer over the caller's `out`.
pub(super) struct Sink<'a> {
    out: &'a mut dyn Write,
    buffer: Vec<u8>,
    /// How many bytes were written so far, handed on or not.
    written: u64,
}

impl<'a> Sink<'a> {
    pub fn new(out: &'a mut dyn Write) -> Self {
        Sink {
            out,
            buffer: Vec::with_capacity(CHUNK),
            written: 0,
        }
    }

    /// How many bytes were written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    pub fn bytes(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.written += bytes.len() as u64;
        if self.buffer.len() + bytes.len() > CHUNK {
            self.flush()?;
        }
        if bytes.len() > CHUNK {
            return self.out.write_all(bytes);
        }
        self.buffer.extend_from_slice(bytes);
        Ok(())
    }

    pub fn u8(&mut self, value: u8) -> io::Result<()> {
        self.bytes(&[value])
    }

    /// Zeros up to the next multiple of `to` bytes from the payload's start, so that a column
    /// after them can be read where it lies ([`Reader::shared`]); the store starts payloads
    /// at a multiple of [`ALIGN`].
    pub fn align(&mut self, to: usize) -> io::Result<()> {
        let pad = padding(self.written, to);
        self.bytes(&[0; ALIGN][..pad])
    }

    pub fn u32(&mut self, value: u32) -> io::Result<()> {
        self.bytes(&value.to_le_bytes())
    }

    pub fn u64(&mut self, value: u64) -> io::Result<()> {
        self.bytes(&value.to_le_bytes())
    }

    /// A count or length; every one the codec writes fits in 32 bits (a timeline comes from a
    /// file of at most a gigabyte), and one that does not is refused rather than cut.
    pub fn len(&mut self, len: usize) -> io::Result<()> {
        let len = u32::try_from(len)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "too large for a snapshot"))?;
        self.u32(len)
    }

    /// A string, after its length in bytes.
    pub fn str(&mut self, text: &str) -> io::Result<()> {
        self.len(text.len())?;
        self.bytes(text.as_bytes())
    }

    /// Hands on what is gathered; the caller's writer is left to flush itself.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.write_all(&self.buffer)?;
        self.buffer.clear();
        Ok(())
    }
}

/// The most any column is aligned to, and what the store starts a payload at a multiple of.
pub const ALIGN: usize = 16;

/// The zeros after `written` bytes up to a multiple of `to` (a power of two, at most
/// [`ALIGN`]).
fn padding(written: u64, to: usize) -> usize {
    debug_assert!(to.is_power_of_two() && to <= ALIGN);
    (to - (written % to as u64) as usize) % to
}

/// A cursor over a payload, or a section of one. Every read checks its length first, so a
/// corrupt length fails here instead of slicing past the end or allocating more than the
/// payload could fill.
pub(super) struct Reader<'a> {
    payload: &'a Payload,
    rest: &'a [u8],
}

/// The error for a payload that ends before what it says it holds.
fn short(what: &str) -> Corrupt {
    Corrupt(format!("the payload ends inside {what}"))
}

impl<'a> Reader<'a> {
    /// A reader of `payload`'s bytes in `range` (checked by the caller).
    pub fn new(payload: &'a Payload, range: Range<usize>) -> Self {
        let rest = payload.bytes().get(range).unwrap_or_default();
        Reader { payload, rest }
    }

    /// The payload read, for pieces of it shared later ([`Payload::share_str`]).
    pub fn payload(&self) -> &'a Payload {
        self.payload
    }

    /// Where the rest starts in the payload.
    pub fn offset(&self) -> usize {
        self.rest.as_ptr() as usize - self.payload.bytes().as_ptr() as usize
    }

    /// Skips the zeros [`Sink::align`] wrote.
    pub fn align(&mut self, to: usize, what: &str) -> Result<(), Corrupt> {
        let pad = padding(self.offset() as u64, to);
        self.take(pad, what).map(drop)
    }

    /// `count` items of `T`, shared with the payload as [`Payload::share`] says.
    pub fn shared<T>(&mut self, count: usize, what: &str) -> Result<Shared<T>, Corrupt>
    where
        T: bytemuck::Pod + Send + Sync + 'static,
    {
        let start = self.offset();
        let len = count
            .checked_mul(size_of::<T>())
            .ok_or_else(|| short(what))?;
        self.take(len, what)?;
        Ok(self.payload.share(start..start + len))
    }

    /// Refuses a section that holds more than was read from it.
    pub fn done(&self, what: &str) -> Result<(), Corrupt> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(Corrupt(format!("{what} holds more than it should")))
        }
    }

    pub fn take(&mut self, len: usize, what: &str) -> Result<&'a [u8], Corrupt> {
        let (taken, rest) = self.rest.split_at_checked(len).ok_or_else(|| short(what))?;
        self.rest = rest;
        Ok(taken)
    }

    /// `count` fixed-size items of `N` bytes each, as arrays to decode.
    pub fn items<const N: usize>(
        &mut self,
        count: usize,
        what: &str,
    ) -> Result<&'a [[u8; N]], Corrupt> {
        let len = count.checked_mul(N).ok_or_else(|| short(what))?;
        Ok(self.take(len, what)?.as_chunks::<N>().0)
    }

    /// One fixed-size item, as an array to decode.
    pub fn array<const N: usize>(&mut self, what: &str) -> Result<[u8; N], Corrupt> {
        let item = self.items::<N>(1, what)?.first().copied();
        item.ok_or_else(|| short(what))
    }

    pub fn u8(&mut self, what: &str) -> Result<u8, Corrupt> {
        Ok(u8::from_le_bytes(self.array(what)?))
    }

    pub fn u32(&mut self, what: &str) -> Result<u32, Corrupt> {
        Ok(u32::from_le_bytes(self.array(what)?))
    }

    pub fn u64(&mut self, what: &str) -> Result<u64, Corrupt> {
        Ok(u64::from_le_bytes(self.array(what)?))
    }

    /// A count of items that take at least `least` bytes each: refused when the rest of the
    /// payload could not hold that many, so that no count makes the decoder reserve memory
    /// the payload does not justify.
    pub fn count(&mut self, least: usize, what: &str) -> Result<usize, Corrupt> {
        let count = self.u32(what)? as usize;
        if count.saturating_mul(least) > self.rest.len() {
            return Err(short(what));
        }
        Ok(count)
    }

    /// A string written by [`Sink::str`].
    pub fn str(&mut self, what: &str) -> Result<&'a str, Corrupt> {
        let len = self.u32(what)? as usize;
        std::str::from_utf8(self.take(len, what)?)
            .map_err(|_| Corrupt(format!("{what} is not UTF-8")))
    }
}

/// Decodes little-endian `u32`s.
pub(super) fn u32s(items: &[[u8; 4]]) -> impl ExactSizeIterator<Item = u32> + '_ {
    items.iter().map(|b| u32::from_le_bytes(*b))
}
