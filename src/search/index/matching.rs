//! Matching a compiled query against many candidate events, split across cores in small parts
//! taken in turn, stopping as soon as the caller says (a key pressed), and picking the best
//! hits on the way so the first rows need no full ranking.

use std::mem::MaybeUninit;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use super::hits::{Candidate, merge_candidates};
use super::{Candidates, Compiled, Hit, Hits, Index, Matches};
use crate::search::best::Best;
use crate::search::parallel::{PARALLEL_FROM, cores, join};

impl Index {
    /// The events among `candidates` that match, in timeline order, and the best `first` of
    /// them in ranked order.
    pub fn matches(&self, query: &Compiled, candidates: Candidates<'_>, first: usize) -> Matches {
        let never = || false;
        self.matches_until(query, candidates, first, &never)
            .unwrap_or_default()
    }

    /// [`Index::matches`], giving up (`None`) as soon as `stop` says so: an explorer asks it
    /// whether the user has pressed a key, so a long search never keeps a key waiting. Every
    /// matching thread asks it every few thousand term tests (a fraction of a millisecond).
    pub fn matches_until(
        &self,
        query: &Compiled,
        candidates: Candidates<'_>,
        first: usize,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<Matches> {
        match candidates {
            Candidates::Events(events) => self.match_among(query, events, first, stop),
            // The previous hits, as they are, when the query names no event beyond them.
            Candidates::Narrow {
                previous,
                named: [],
            } => self.match_among(query, &previous.0, first, stop),
            Candidates::Narrow { previous, named } => {
                let merged = merge_candidates(&previous.0, named);
                self.match_among(query, &merged, first, stop)
            }
        }
    }

    /// [`Index::matches_until`] among `candidates`, ascending: events, or what a previous
    /// query learnt of them.
    fn match_among<C>(
        &self,
        query: &Compiled,
        candidates: &[C],
        first: usize,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<Matches>
    where
        C: Copy + Sync + Into<Candidate>,
    {
        // Each thread writes its hits into its own part of one buffer, and the parts are then
        // closed up: no per-thread vectors to allocate, fault in and copy together, and no
        // clearing of the buffer first (16 MB at a million candidates).
        let lone = query.lone_folded_term();
        let stopped = AtomicBool::new(false);
        let every = (TESTS_BETWEEN_STOPS / query.tests_per_candidate()).max(1);
        let scan = |chunk: &[C], out: &mut [MaybeUninit<Hit>], best: &mut Best| -> Option<usize> {
            let mut found = 0;
            let mut until_asked = every;
            for &candidate in chunk {
                until_asked -= 1;
                if until_asked == 0 {
                    until_asked = every;
                    if stopped.load(Ordering::Relaxed) || stop() {
                        stopped.store(true, Ordering::Relaxed);
                        return None;
                    }
                }
                let candidate: Candidate = candidate.into();
                // A lone term is scored here, inlined, rather than behind the general scorer:
                // it is every query while the first word is typed, over the most candidates.
                let scored = match lone {
                    Some((text, sought)) => query
                        .has_characters(self, candidate.event)
                        .then(|| query.score_lone(self, text, sought, candidate))
                        .flatten(),
                    None => query.score(self, candidate),
                };
                if let Some((score, from)) = scored {
                    let event = candidate.event;
                    out[found].write(Hit { event, score, from });
                    found += 1;
                    best.offer(score, event, || self.title_lengths[event.index()]);
                }
            }
            Some(found)
        };
        let mut hits: Vec<Hit> = Vec::with_capacity(candidates.len());
        let out = &mut hits.spare_capacity_mut()[..candidates.len()];
        let threads = cores();
        if candidates.len() < PARALLEL_FROM || threads < 2 {
            let mut best = Best::new(first);
            let found = scan(candidates, out, &mut best)?;
            // SAFETY: `hits` was allocated for `candidates.len()` hits, and `found` is at most
            // that; `out` is its spare capacity from index 0, of which `scan` wrote the first
            // `found` slots, so the first `found` elements are initialised. `Hit` is `Copy`:
            // nothing is dropped or leaked.
            unsafe { hits.set_len(found) };
            let first = Best::merged([best], first);
            return Some(Matches {
                hits: Hits(hits),
                first,
            });
        }
        // Threads take small parts in turn rather than one half each: on a shared machine one
        // core is often slower for a while, and the other then does more of the work.
        let parts = Mutex::new(
            candidates
                .chunks(MATCH_PART)
                .zip(out.chunks_mut(MATCH_PART))
                .enumerate(),
        );
        let mut found = vec![0; candidates.len().div_ceil(MATCH_PART)];
        let done: Vec<(Vec<(usize, usize)>, Best)> = std::thread::scope(|scope| {
            let take = || {
                let (mut done, mut best) = (Vec::new(), Best::new(first));
                loop {
                    let next = parts.lock().unwrap_or_else(|e| e.into_inner()).next();
                    let Some((part, (chunk, out))) = next else {
                        return (done, best);
                    };
                    let Some(found) = scan(chunk, out, &mut best) else {
                        return (done, best);
                    };
                    done.push((part, found));
                }
            };
            let handles: Vec<_> = (0..threads).map(|_| scope.spawn(take)).collect();
            handles.into_iter().map(join).collect()
        });
        if stopped.load(Ordering::Relaxed) {
            return None;
        }
        let mut bests = Vec::new();
        for (parts, best) in done {
            for (part, count) in parts {
                found[part] = count;
            }
            bests.push(best);
        }
        let out = hits.spare_capacity_mut();
        let mut end = 0;
        for (part, found) in found.into_iter().enumerate() {
            let start = part * MATCH_PART;
            out.copy_within(start..start + found, end);
            end += found;
        }
        // SAFETY: the capacity is `candidates.len()`, at least the sum `end` of the hits found.
        // Each part `p` wrote the `found[p]` slots from `p * MATCH_PART` of the spare capacity
        // (which starts at index 0), and `copy_within`, going through the parts in order, moved
        // them down to lie end to end: the first `end` elements are initialised `Hit`s.
        unsafe { hits.set_len(end) };
        let first = Best::merged(bests, first);
        Some(Matches {
            hits: Hits(hits),
            first,
        })
    }
}

/// How many candidates a matching thread takes at a time.
const MATCH_PART: usize = 16_384;

/// About how many term tests a matching thread makes between asking whether to stop (see
/// [`Index::matches_until`]): tens of microseconds of work for plain terms.
const TESTS_BETWEEN_STOPS: usize = 4096;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Query;
    use crate::timeline::EventId;

    #[test]
    fn matching_split_across_threads_keeps_every_hit_in_order() {
        let count = 3 * MATCH_PART + 123;
        let events: String = (0..count)
            .map(|n| {
                let word = if n % 3 == 0 { "alpha" } else { "beta" };
                format!(
                    "Event(id: \"e{n}\", date: \"2000\", title: \"{word} {n}\", pillar: \"p\"),"
                )
            })
            .collect();
        let timeline = crate::timeline::load_str(
            "t.ron",
            &format!(
                "Timeline(title: \"t\", pillars: [Pillar(id: \"p\", name: \"P\", color: \"red\")], \
                 events: [{events}])"
            ),
        )
        .unwrap();
        let index = Index::new(timeline);
        let timeline = index.timeline();
        let compiled = index.compile(&Query::parse("alpha").unwrap());
        let candidates: Vec<EventId> = timeline.event_ids().collect();
        let found = index.matches(&compiled, Candidates::Events(&candidates), 300);
        let events: Vec<EventId> = found.hits.iter().map(|hit| hit.event).collect();
        let expected: Vec<EventId> = timeline
            .event_ids()
            .filter(|&e| timeline.event(e).title().starts_with("alpha"))
            .collect();
        assert_eq!(events.len(), count.div_ceil(3));
        assert_eq!(events, expected);
        // The best picked by each thread, merged, are the top of the full ranking.
        assert_eq!(found.first, index.ranked(&found.hits)[..300]);
    }
}
