//! Snapshots: a loaded timeline and its search index kept on disk, so that a file seen before
//! reopens without parsing, validating or indexing it again.
//!
//! [`codec`] turns a timeline (and, when built, its index) into bytes and back.

pub mod codec;
