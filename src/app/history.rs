//! The jump list: places the user jumped away from, to go back to (`Ctrl-o`) and forward again,
//! as in vim or a web browser.

/// Most places remembered; the oldest are forgotten first.
const LIMIT: usize = 100;

/// Places behind and ahead of the current one.
#[derive(Debug)]
pub struct History<T> {
    back: Vec<T>,
    forward: Vec<T>,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History {
            back: Vec::new(),
            forward: Vec::new(),
        }
    }
}

impl<T: PartialEq> History<T> {
    /// Remembers `left`, the place a jump is leaving. A new jump forgets the places ahead, as a
    /// browser does after going back and following another link.
    pub fn record(&mut self, left: T) {
        self.forward.clear();
        if self.back.last() != Some(&left) {
            if self.back.len() == LIMIT {
                self.back.remove(0);
            }
            self.back.push(left);
        }
    }

    /// The place to go back to from `current`, which becomes the next place forward.
    pub fn back(&mut self, current: T) -> Option<T> {
        let place = self.back.pop()?;
        self.forward.push(current);
        Some(place)
    }

    /// The place to go forward to from `current`, which becomes the next place back.
    pub fn forward(&mut self, current: T) -> Option<T> {
        let place = self.forward.pop()?;
        self.back.push(current);
        Some(place)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_and_forward_retrace_the_jumps() {
        let mut history = History::default();
        history.record(1);
        history.record(2);
        // Now at 3.
        assert_eq!(history.back(3), Some(2));
        assert_eq!(history.back(2), Some(1));
        assert_eq!(history.back(1), None);
        assert_eq!(history.forward(1), Some(2));
        assert_eq!(history.forward(2), Some(3));
        assert_eq!(history.forward(3), None);
    }

    #[test]
    fn a_new_jump_forgets_the_places_ahead() {
        let mut history = History::default();
        history.record(1);
        assert_eq!(history.back(2), Some(1));
        history.record(1);
        assert_eq!(history.forward(5), None);
        assert_eq!(history.back(5), Some(1));
    }

    #[test]
    fn the_same_place_twice_is_remembered_once_and_the_oldest_go_first() {
        let mut history = History::default();
        history.record(7);
        history.record(7);
        assert_eq!(history.back(8), Some(7));
        assert_eq!(history.back(7), None);
        let mut history = History::default();
        (0..LIMIT + 5).for_each(|place| history.record(place));
        let mut seen = Vec::new();
        let mut at = LIMIT + 5;
        while let Some(place) = history.back(at) {
            seen.push(place);
            at = place;
        }
        assert_eq!(seen.len(), LIMIT);
        assert_eq!(seen.last(), Some(&5));
    }
}
