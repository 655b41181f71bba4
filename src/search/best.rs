//! The best few hits of a search, picked while matching.
//!
//! A list shows its first rows long before anyone scrolls, and with a million hits, ranking them
//! all (or even counting their ranking keys) costs a good part of a keystroke. Each matching
//! thread keeps the best hits it has seen instead: a hit that does not beat the worst of those is
//! turned away with one comparison, which is nearly every hit once the first few hundred are in.

use crate::timeline::EventId;

/// A hit's place in the ranking, best first: higher score, then shorter title (in chars, up to
/// 255), then timeline order. Distinct for distinct events.
pub type RankKey = (u32, u16, EventId);

/// The ranking key of event `event` with `score`, whose title is `title_length` chars long.
pub fn rank_key(score: u32, title_length: u16, event: EventId) -> RankKey {
    (u32::MAX - score, title_length.min(255), event)
}

/// The best `count` hits offered so far, by [`RankKey`].
#[derive(Debug)]
pub struct Best {
    count: usize,
    keys: Vec<RankKey>,
    /// The worst key kept, once `count` are kept: only better ones can make the cut.
    worst: Option<RankKey>,
}

impl Best {
    /// Keeps the best `count` hits (none for 0).
    pub fn new(count: usize) -> Self {
        Best {
            count,
            keys: Vec::new(),
            worst: None,
        }
    }

    /// Offers event `event` with `score`; `title_length` is asked for only when the score could
    /// make the cut.
    #[inline]
    pub fn offer(&mut self, score: u32, event: EventId, title_length: impl FnOnce() -> u16) {
        if self.count == 0 || self.worst.is_some_and(|worst| u32::MAX - score > worst.0) {
            return;
        }
        let key = rank_key(score, title_length(), event);
        if self.worst.is_some_and(|worst| key >= worst) {
            return;
        }
        self.keys.push(key);
        if self.keys.len() == 2 * self.count {
            self.keep_best();
        }
    }

    /// Drops all but the best `count` keys.
    fn keep_best(&mut self) {
        if self.keys.len() > self.count {
            self.keys.select_nth_unstable(self.count - 1);
            self.keys.truncate(self.count);
            self.worst = self.keys.iter().max().copied();
        }
    }

    /// The best `count` events of all those offered to any of `parts`, best first.
    pub fn merged(parts: impl IntoIterator<Item = Best>, count: usize) -> Vec<EventId> {
        let mut keys: Vec<RankKey> = parts.into_iter().flat_map(|best| best.keys).collect();
        keys.sort_unstable();
        keys.truncate(count);
        keys.into_iter().map(|(_, _, event)| event).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids<const N: usize>(positions: [usize; N]) -> Vec<EventId> {
        positions.map(EventId::at).to_vec()
    }

    #[test]
    fn keeps_the_best_in_ranking_order() {
        let mut best = Best::new(3);
        // (score, title length) for events 0..; ties go to shorter titles, then earlier events.
        let offered = [
            (10, 5),
            (30, 9),
            (30, 4),
            (20, 1),
            (30, 4),
            (5, 1),
            (40, 300),
        ];
        for (event, &(score, length)) in offered.iter().enumerate() {
            best.offer(score, EventId::at(event), || length);
        }
        assert_eq!(Best::merged([best], 3), ids([6, 2, 4]));
    }

    #[test]
    fn asks_title_lengths_only_of_scores_that_can_make_the_cut() {
        let mut best = Best::new(2);
        let mut asked = Vec::new();
        for (event, score) in [50, 60, 70, 80, 10, 20, 90].into_iter().enumerate() {
            best.offer(score, EventId::at(event), || {
                asked.push(event);
                1
            });
        }
        assert_eq!(asked, [0, 1, 2, 3, 6], "10 and 20 cannot beat 70 and 80");
        assert_eq!(Best::merged([best], 2), ids([6, 3]));
    }

    #[test]
    fn merges_parts_and_keeps_nothing_for_zero() {
        let mut first = Best::new(2);
        let mut second = Best::new(2);
        first.offer(1, EventId::at(0), || 1);
        first.offer(3, EventId::at(1), || 1);
        second.offer(2, EventId::at(2), || 1);
        second.offer(3, EventId::at(3), || 1);
        assert_eq!(Best::merged([first, second], 2), ids([1, 3]));
        let mut none = Best::new(0);
        none.offer(9, EventId::at(0), || 1);
        assert!(Best::merged([none], 0).is_empty());
    }
}
