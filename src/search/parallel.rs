//! Splitting a scan over events across the machine's cores.

use std::ops::Range;
use std::sync::OnceLock;

/// Below this many items a scan stays on one thread: spawning costs more than it saves.
pub const PARALLEL_FROM: usize = 8_000;

/// How many threads the machine runs at once. Asked once: on Linux the answer reads the
/// process's cgroup files, 40 µs a time, and every keystroke's search would ask.
pub fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Runs `work` on consecutive ranges covering `0..len`, one per core when `len` is large enough
/// to be worth it, and returns the results in range order.
pub fn in_parts<R: Send>(len: usize, work: impl Fn(Range<usize>) -> R + Sync) -> Vec<R> {
    let threads = cores();
    if len < PARALLEL_FROM || threads < 2 {
        return vec![work(0..len)];
    }
    let chunk = len.div_ceil(threads);
    std::thread::scope(|scope| {
        let work = &work;
        let handles: Vec<_> = (0..len)
            .step_by(chunk)
            .map(|start| scope.spawn(move || work(start..(start + chunk).min(len))))
            .collect();
        handles.into_iter().map(join).collect()
    })
}

/// Waits for a worker; a panic in one is a bug, so it surfaces rather than losing results.
pub fn join<R>(handle: std::thread::ScopedJoinHandle<'_, R>) -> R {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_cover_the_range_in_order() {
        for len in [0, 1, PARALLEL_FROM - 1, PARALLEL_FROM * 3 + 7] {
            let parts = in_parts(len, |range| range.collect::<Vec<_>>());
            assert_eq!(parts.concat(), (0..len).collect::<Vec<_>>(), "{len}");
        }
    }
}
