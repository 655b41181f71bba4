//! Read-only data that lies in memory something else owns: a snapshot's memory map, or an
//! allocation of its own.
//!
//! A command reading a file seen before finds its events' text, the folded text and the search
//! index's columns laid out in the snapshot, and uses them where they lie (through the map)
//! instead of copying a few hundred megabytes into fresh memory, which the system must first
//! zero: at 100k events that copying was most of what `ajtl search` did. What was built in
//! memory (a file parsed, an index just made) is shared the same way, so the code that reads
//! these never asks where they are.
//!
//! [`Shared`] and [`SharedStr`] are [`yoke`]s: the slice and the owner it borrows from travel
//! together, and the owner lives as long as any slice of it.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use yoke::Yoke;
use yoke::erased::ErasedArcCart;

/// What owns the bytes a [`Shared`] or [`SharedStr`] reads, shared.
pub type Owner = Arc<Bytes>;

/// Bytes owned by anything that can lend them: a memory map, a vector.
pub struct Bytes(Box<dyn AsRef<[u8]> + Send + Sync>);

impl Bytes {
    pub fn new(owner: impl AsRef<[u8]> + Send + Sync + 'static) -> Self {
        Bytes(Box::new(owner))
    }
}

impl fmt::Debug for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bytes({} bytes)", self.as_ref().len())
    }
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        (*self.0).as_ref()
    }
}

/// A slice of `T` kept alive by its owner.
pub struct Shared<T: 'static>(Yoke<&'static [T], ErasedArcCart>);

impl<T: Send + Sync + 'static> Shared<T> {
    /// `items`, owned (one allocation besides theirs, for the count of slices sharing them).
    pub fn owned(items: Vec<T>) -> Self {
        let yoke = Yoke::<&'static [T], _>::attach_to_cart(Arc::new(items), |items| &items[..]);
        Shared(yoke.erase_arc_cart())
    }
}

impl<T: bytemuck::Pod + Send + Sync + 'static> Shared<T> {
    /// `owner`'s bytes in `range` read as `T`s where they lie, or `None` when the range is
    /// outside them, not a whole number of `T`s, or not aligned for `T`.
    ///
    /// The bytes are read in this machine's byte order: a snapshot is written little-endian
    /// and read only on a little-endian machine (its header names the byte order).
    pub fn within(owner: &Owner, range: std::ops::Range<usize>) -> Option<Self> {
        let owner: Owner = Arc::clone(owner);
        let yoke = Yoke::<&'static [T], _>::try_attach_to_cart(owner, |bytes| {
            let bytes = bytes.as_ref().get(range).ok_or(())?;
            bytemuck::try_cast_slice(bytes).map_err(|_| ())
        })
        .ok()?;
        Some(Shared(yoke.erase_arc_cart()))
    }
}

impl<T: 'static> Deref for Shared<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        self.0.get()
    }
}

impl<T: 'static> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T: Send + Sync + 'static> Default for Shared<T> {
    fn default() -> Self {
        Shared::owned(Vec::new())
    }
}

impl<T: fmt::Debug + 'static> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T: PartialEq + 'static> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Send + Sync + 'static> From<Vec<T>> for Shared<T> {
    fn from(items: Vec<T>) -> Self {
        Shared::owned(items)
    }
}

/// Text kept alive by its owner: checked to be UTF-8 once, when made.
pub struct SharedStr(Yoke<&'static str, ErasedArcCart>);

impl SharedStr {
    /// `text`, owned.
    pub fn owned(text: String) -> Self {
        let yoke = Yoke::<&'static str, _>::attach_to_cart(Arc::new(text), |text| text.as_str());
        SharedStr(yoke.erase_arc_cart())
    }

    /// `owner`'s bytes in `range` as text where they lie, or `None` when the range is outside
    /// them or they are not UTF-8.
    pub fn within(owner: &Owner, range: std::ops::Range<usize>) -> Option<Self> {
        let owner: Owner = Arc::clone(owner);
        let yoke = Yoke::<&'static str, _>::try_attach_to_cart(owner, |bytes| {
            let bytes = bytes.as_ref().get(range).ok_or(())?;
            std::str::from_utf8(bytes).map_err(|_| ())
        })
        .ok()?;
        Some(SharedStr(yoke.erase_arc_cart()))
    }

    pub fn as_str(&self) -> &str {
        self.0.get()
    }
}

impl Deref for SharedStr {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl Clone for SharedStr {
    fn clone(&self) -> Self {
        SharedStr(self.0.clone())
    }
}

impl Default for SharedStr {
    fn default() -> Self {
        SharedStr::owned(String::new())
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner(bytes: Vec<u8>) -> Owner {
        Arc::new(Bytes::new(bytes))
    }

    #[test]
    fn slices_read_their_owners_bytes_and_keep_them_alive() {
        let words: Vec<u8> = [7u32, 8, 9].iter().flat_map(|n| n.to_ne_bytes()).collect();
        let bytes = owner(words);
        let numbers = Shared::<u32>::within(&bytes, 4..12).unwrap();
        let text = SharedStr::within(&owner(b"caf\xc3\xa9!".to_vec()), 0..5).unwrap();
        drop(bytes);
        assert_eq!(&*numbers, &[8, 9]);
        assert_eq!(&*text, "café");
        assert_eq!(numbers.clone(), Shared::owned(vec![8, 9]));
    }

    #[test]
    fn a_range_outside_uneven_misaligned_or_not_utf8_is_refused() {
        let bytes = owner(vec![0; 16]);
        assert!(Shared::<u32>::within(&bytes, 8..20).is_none(), "outside");
        assert!(Shared::<u32>::within(&bytes, 0..6).is_none(), "uneven");
        // A `Vec<u8>` of 16 bytes is at least 8-aligned, so 1.. is not 4-aligned.
        assert!(Shared::<u32>::within(&bytes, 1..5).is_none(), "misaligned");
        let cut = owner("é".as_bytes().to_vec());
        assert!(
            SharedStr::within(&cut, 0..1).is_none(),
            "inside a character"
        );
    }
}
