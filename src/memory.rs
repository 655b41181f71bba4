//! Handing memory back to the system after loading. Loading passes through far more memory than
//! the explorer keeps (the file's text, parsing scratch); returning it keeps the resident size
//! close to what the explorer needs. Meaningful with mimalloc as the global allocator, as the
//! binary, the benchmarks and the latency example set it.

/// Hands memory freed so far back to the system, so the explorer stays resident with what it
/// keeps rather than what loading passed through.
pub fn release_freed_memory() {
    // SAFETY: `mi_collect` has no preconditions; it only returns free pages of this thread's
    // heap and of abandoned segments to the operating system.
    unsafe { libmimalloc_sys::mi_collect(true) }
}
