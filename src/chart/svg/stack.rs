//! Marks stacked in a lane's sub-rows, by their extent in pixels: each mark goes to the first
//! sub-row where it clears the mark before it, a new sub-row while there are fewer than the
//! most allowed, and past that into the last sub-row, drawn over what is there. Marks drawn
//! over others are counted per cluster, and the count is shown beside the cluster, so nothing
//! is silently overdrawn; every mark is still drawn, so each keeps its hover title.

/// The least room between two marks in one sub-row, in pixels.
const GAP: f64 = 2.0;

/// Room kept after a cluster for its count label (`+999` in the chart's small type).
const COUNT_ROOM: f64 = 22.0;

/// Marks drawn over others in the last sub-row, where they overlap.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cluster {
    /// Where the cluster ends, in pixels: its count label goes right after.
    pub right: f64,
    /// How many marks were drawn over others there.
    pub count: usize,
}

/// The sub-rows of one lane while marks are placed in it, in the order they come (timeline
/// order, so by their left edge).
#[derive(Debug)]
pub struct Stack {
    /// Where each sub-row's last mark (or count label) ends.
    ends: Vec<f64>,
    most: usize,
    clusters: Vec<Cluster>,
}

impl Stack {
    /// A lane of at most `most` sub-rows (at least one).
    pub fn new(most: usize) -> Self {
        Stack {
            ends: Vec::new(),
            most: most.max(1),
            clusters: Vec::new(),
        }
    }

    /// The sub-row for a mark from `left` to `right`.
    pub fn place(&mut self, left: f64, right: f64) -> usize {
        if let Some(row) = self.ends.iter().position(|&end| end + GAP <= left) {
            self.ends[row] = right;
            return row;
        }
        if self.ends.len() < self.most {
            self.ends.push(right);
            return self.ends.len() - 1;
        }
        let row = self.most - 1;
        match self.clusters.last_mut() {
            Some(cluster) if cluster.right + GAP > left => {
                cluster.count += 1;
                cluster.right = cluster.right.max(right);
            }
            _ => self.clusters.push(Cluster { right, count: 1 }),
        }
        let end = self.clusters.last().map_or(right, |cluster| cluster.right);
        self.ends[row] = self.ends[row].max(end + COUNT_ROOM);
        row
    }

    /// How many sub-rows the lane needs (at least one), and its clusters of overdrawn marks.
    pub fn finish(self) -> (usize, Vec<Cluster>) {
        (self.ends.len().max(1), self.clusters)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_that_clear_each_other_share_a_row_and_others_stack() {
        let mut stack = Stack::new(3);
        assert_eq!(stack.place(0.0, 10.0), 0);
        assert_eq!(stack.place(5.0, 8.0), 1);
        assert_eq!(stack.place(12.0, 20.0), 0);
        assert_eq!(stack.place(13.0, 14.0), 1);
        assert_eq!(stack.finish(), (2, Vec::new()));
    }

    #[test]
    fn past_the_last_row_marks_are_drawn_over_it_and_counted_per_cluster() {
        let mut stack = Stack::new(2);
        for _ in 0..5 {
            stack.place(0.0, 8.0);
        }
        // Clear of the first cluster, but not of the room kept for its count.
        assert_eq!(stack.place(20.0, 28.0), 0);
        assert_eq!(stack.place(20.0, 28.0), 1);
        assert_eq!(stack.place(21.0, 30.0), 1);
        let (rows, clusters) = stack.finish();
        assert_eq!(rows, 2);
        assert_eq!(
            clusters,
            [
                Cluster {
                    right: 8.0,
                    count: 3
                },
                Cluster {
                    right: 30.0,
                    count: 2
                }
            ]
        );
    }

    #[test]
    fn an_empty_lane_still_has_a_row() {
        assert_eq!(Stack::new(0).finish(), (1, Vec::new()));
    }
}
