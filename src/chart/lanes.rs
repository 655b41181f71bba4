//! Events binned into lanes, one per pillar with shown events, each a few sub-rows of cells.
//!
//! Events are placed per column, never drawn one by one onto a canvas: each event takes the
//! columns its date covers (a year-precision event its year's, a span start to end, a day one
//! column at any but the finest zoom), goes to the first sub-row free there, and when all
//! sub-rows are taken is counted instead. The last sub-row of a column where events were
//! counted shows how many were not drawn above it, so nothing is silently overdrawn. Each event
//! costs a few steps plus the cells it draws, and no sub-row is drawn twice in a column, so a
//! million events cost a pass over them and a few rows of cells.

use super::Axis;
use crate::timeline::{Event, EventDate};

/// What one column of one sub-row shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    Empty,
    /// An event within one column.
    Point,
    /// The first column of an event over several.
    Start,
    /// A column inside an event over several.
    Middle,
    /// The last column of an event over several.
    End,
    /// This many events in the column that the sub-rows above do not show.
    Count(u32),
}

/// The events of one pillar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    /// Index into the timeline's pillars.
    pub pillar: usize,
    /// At least one and at most the depth asked for, each as wide as the axis.
    pub rows: Vec<Vec<Cell>>,
    /// How many events the lane holds.
    pub events: usize,
}

/// The chart's lanes, in the timeline's pillar order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lanes {
    pub lanes: Vec<Lane>,
    /// Entries without a date among those given: not placed, only counted.
    pub undated: usize,
    /// Where the event asked for with [`bin_marking`] landed, so that it can be highlighted
    /// even where it was counted rather than drawn.
    pub mark: Option<Mark>,
}

/// Where one event sits in the lanes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Index into [`Lanes::lanes`].
    pub lane: usize,
    /// The sub-row it is drawn in; `None` when it was counted in the last one.
    pub row: Option<usize>,
    pub first: usize,
    pub last: usize,
}

/// A lane while events are placed in it.
struct Builder {
    rows: Vec<Vec<Cell>>,
    /// The last column taken in each sub-row.
    ends: Vec<usize>,
    /// Events counted rather than drawn, as differences between columns (one more than the
    /// axis is wide), so a long span is counted in two steps.
    counted: Vec<i64>,
    events: usize,
    /// The most sub-rows it has, at least one.
    depth: usize,
}

impl Builder {
    fn new(width: usize, depth: usize) -> Self {
        Builder {
            depth: depth.max(1),
            rows: Vec::new(),
            ends: Vec::new(),
            counted: vec![0; width + 1],
            events: 0,
        }
    }

    /// Places an event over columns `first..=last`: the sub-row it is drawn in, or `None` when
    /// it is counted.
    fn place(&mut self, first: usize, last: usize) -> Option<usize> {
        self.events += 1;
        let free = self.ends.iter().position(|&end| end < first);
        let row = match free {
            Some(row) => row,
            None if self.rows.len() < self.depth => {
                self.rows.push(vec![Cell::Empty; self.counted.len() - 1]);
                self.ends.push(0);
                self.rows.len() - 1
            }
            None => {
                self.counted[first] += 1;
                self.counted[last + 1] -= 1;
                return None;
            }
        };
        self.ends[row] = last;
        let cells = &mut self.rows[row];
        if first == last {
            cells[first] = Cell::Point;
        } else {
            cells[first] = Cell::Start;
            cells[first + 1..last].fill(Cell::Middle);
            cells[last] = Cell::End;
        }
        Some(row)
    }

    /// The lane, with counts in its last sub-row wherever events were not drawn: a count
    /// stands where it changes and where a drawn event starts, and between those the drawn
    /// bar goes on (or, over nothing drawn, a bar stands for the events counted), so that a
    /// count never hides where a bar ends.
    fn finish(mut self, pillar: usize) -> Lane {
        let mut counted = 0;
        let mut before = 0;
        if let Some(last) = self.rows.last_mut() {
            for (cell, difference) in last.iter_mut().zip(&self.counted) {
                counted += difference;
                let total = if counted > 0 {
                    counted as u32 + u32::from(*cell != Cell::Empty)
                } else {
                    0
                };
                if total > 0 && (total != before || matches!(*cell, Cell::Start | Cell::Point)) {
                    *cell = Cell::Count(total);
                } else if total > 0 && *cell == Cell::Empty {
                    *cell = Cell::Middle;
                }
                before = total;
            }
        }
        Lane {
            pillar,
            rows: self.rows,
            events: self.events,
        }
    }
}

/// Where a dated event lies in time and which lane it goes to: what binning needs of an
/// event, decoded from its date once (the explorer keeps one per event, so that a frame of a
/// million events reads 16 bytes of each rather than decoding every date again).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    /// When it starts, in fractional years.
    pub start: f64,
    /// How long it lasts, in years, never rounded up: relative precision is enough for a
    /// length, but a year that ends a hair before the next must not reach into it.
    pub length: f32,
    /// Index into the timeline's pillars.
    pub pillar: u32,
}

impl Placed {
    /// Where `event` lies; `None` for an undated entry.
    pub fn of(event: &Event) -> Option<Placed> {
        let date = event.date.as_ref()?;
        let start = date.earliest().as_years();
        let length = date.latest().as_years() - start;
        let rounded = length as f32;
        Some(Placed {
            start,
            length: if f64::from(rounded) > length {
                rounded.next_down()
            } else {
                rounded
            },
            pillar: u32::try_from(event.pillar).unwrap_or(u32::MAX),
        })
    }

    /// When it ends, in fractional years.
    pub fn end(&self) -> f64 {
        self.start + f64::from(self.length)
    }
}

/// The first and last column `date` covers on `axis`, or `None` when it lies wholly outside.
pub fn columns(axis: &Axis, date: &EventDate) -> Option<(usize, usize)> {
    Columns::new(axis).of(date.earliest().as_years(), date.latest().as_years())
}

/// [`Axis::column_clamped`] for a million events a frame: a multiplication and a truncation
/// each, where the axis divides and rounds down (a call into the maths library on a baseline
/// x86-64).
struct Columns {
    start: f64,
    end: f64,
    /// Columns per year.
    scale: f64,
    last: usize,
}

impl Columns {
    fn new(axis: &Axis) -> Self {
        Columns {
            start: axis.start(),
            end: axis.end(),
            scale: axis.width() as f64 / (axis.end() - axis.start()),
            last: axis.width() - 1,
        }
    }

    /// The column `time` falls in, the first or last for a time before or after the axis.
    fn clamped(&self, time: f64) -> usize {
        let column = (time - self.start) * self.scale;
        // Truncating a non-negative number rounds it down; NaN fails the test.
        if column >= 0.0 {
            (column as usize).min(self.last)
        } else {
            0
        }
    }

    /// The first and last column the time from `start` to `end` covers, if any.
    fn of(&self, start: f64, end: f64) -> Option<(usize, usize)> {
        if end < self.start || start > self.end {
            return None;
        }
        Some((self.clamped(start), self.clamped(end)))
    }
}

/// The given events (of a timeline with `pillar_count` pillars) binned on `axis`, in at most
/// `depth` sub-rows per lane (at least one).
pub fn bin<'a>(
    events: impl IntoIterator<Item = &'a Event>,
    pillar_count: usize,
    axis: &Axis,
    depth: usize,
) -> Lanes {
    let placed = events.into_iter().map(Placed::of);
    bin_marking(placed, pillar_count, axis, |_| depth, None)
}

/// [`bin`] of events already [`Placed`] (`None` for an undated entry), saying in
/// [`Lanes::mark`] where the `marked`-th one given (from 0) landed: the explorer's selection.
/// Each pillar's lane gets `depth(pillar)` sub-rows (at least one): the explorer gives the
/// rows its pane has left to the first lanes.
pub fn bin_marking(
    events: impl IntoIterator<Item = Option<Placed>>,
    pillar_count: usize,
    axis: &Axis,
    depth: impl Fn(usize) -> usize,
    marked: Option<usize>,
) -> Lanes {
    let mut builders: Vec<Option<Builder>> = (0..pillar_count).map(|_| None).collect();
    let mut undated = 0;
    let mut mark = None;
    let columns = Columns::new(axis);
    for (nth, placed) in events.into_iter().enumerate() {
        let Some(placed) = placed else {
            undated += 1;
            continue;
        };
        let Some((first, last)) = columns.of(placed.start, placed.end()) else {
            continue;
        };
        let pillar = placed.pillar as usize;
        let Some(slot) = builders.get_mut(pillar) else {
            continue;
        };
        let row = slot
            .get_or_insert_with(|| Builder::new(axis.width(), depth(pillar)))
            .place(first, last);
        if marked == Some(nth) {
            mark = Some((pillar, row, first, last));
        }
    }
    // The marked event's lane, counted among the lanes that hold events.
    let lane_of = |pillar: usize| builders[..pillar].iter().flatten().count();
    let mark = mark.map(|(pillar, row, first, last)| Mark {
        lane: lane_of(pillar),
        row,
        first,
        last,
    });
    let lanes = builders
        .into_iter()
        .enumerate()
        .filter_map(|(pillar, builder)| Some(builder?.finish(pillar)))
        .collect();
    Lanes {
        lanes,
        undated,
        mark,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::{EventText, Facts};

    fn event(date: &str, pillar: usize) -> Event {
        let text = EventText {
            id: "e",
            title: "E",
            summary: "",
            place: None,
        };
        let date = (date != "undated").then(|| EventDate::parse(date).unwrap());
        let facts = Facts {
            pillar,
            ..Facts::dated(date)
        };
        Event::new(text, facts)
    }

    /// 2000 to 2010 over 10 columns: a year a column.
    fn axis() -> Axis {
        Axis::new(2000.0, 2010.0, 10)
    }

    fn lanes(dates: &[&str]) -> Lanes {
        let events: Vec<Event> = dates.iter().map(|date| event(date, 0)).collect();
        bin(&events, 1, &axis(), 3)
    }

    #[test]
    fn three_events_in_a_column_are_stacked() {
        let lanes = lanes(&["2003-02-01", "2003-05-01", "2003-09-09"]);
        let rows = &lanes.lanes[0].rows;
        assert_eq!(rows.len(), 3);
        assert!(rows.iter().all(|row| row[3] == Cell::Point));
    }

    #[test]
    fn five_events_in_a_column_end_in_a_count() {
        let lanes = lanes(&["2003-01", "2003-02", "2003-03", "2003-04", "2003-05"]);
        let rows = &lanes.lanes[0].rows;
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0][3], Cell::Point);
        assert_eq!(rows[1][3], Cell::Point);
        assert_eq!(rows[2][3], Cell::Count(3));
        assert_eq!(lanes.lanes[0].events, 5);
    }

    #[test]
    fn a_span_is_a_bar_and_a_year_covers_its_year() {
        let lanes = lanes(&["2001/2004", "2007"]);
        let row = &lanes.lanes[0].rows[0];
        assert_eq!(
            row[..5],
            [
                Cell::Empty,
                Cell::Start,
                Cell::Middle,
                Cell::Middle,
                Cell::End
            ]
        );
        assert_eq!(row[7], Cell::Point);
        let wide = Axis::new(2000.0, 2010.0, 100);
        let events = [event("2007", 0), event("2008-03-01", 0)];
        let row = &bin(&events, 1, &wide, 3).lanes[0].rows[0];
        assert_eq!((row[70], row[79]), (Cell::Start, Cell::End));
        assert_eq!(row.iter().filter(|&&c| c == Cell::Point).count(), 1);
    }

    #[test]
    fn lanes_follow_pillar_order_and_undated_entries_are_only_counted() {
        let events = [event("2001", 2), event("2002", 0), event("undated", 1)];
        let lanes = bin(&events, 3, &axis(), 3);
        let pillars: Vec<usize> = lanes.lanes.iter().map(|lane| lane.pillar).collect();
        assert_eq!(pillars, [0, 2]);
        assert_eq!(lanes.undated, 1);
    }

    #[test]
    fn events_outside_the_axis_are_left_out_and_those_across_its_ends_cut() {
        let lanes = lanes(&["1990", "1995/2002", "2009/2020"]);
        let row = &lanes.lanes[0].rows[0];
        assert_eq!(lanes.lanes[0].events, 2);
        assert_eq!(row[..3], [Cell::Start, Cell::Middle, Cell::End]);
        assert_eq!(row[9], Cell::Point);
    }

    #[test]
    fn a_count_stands_where_it_changes_and_never_hides_a_bar_end() {
        // Two sub-rows: 2001/2008 and 2002/2003 drawn, 2002/2006 counted over the second.
        let events: Vec<Event> = ["2001/2008", "2002/2003", "2002/2006"]
            .iter()
            .map(|date| event(date, 0))
            .collect();
        let lanes = bin(&events, 1, &axis(), 2);
        let row = &lanes.lanes[0].rows[1];
        assert_eq!(
            row[2..8],
            [
                Cell::Count(2),
                Cell::End,
                Cell::Count(1),
                Cell::Middle,
                Cell::Middle,
                Cell::Empty
            ]
        );
    }

    #[test]
    fn the_marked_event_says_where_it_landed_drawn_or_counted() {
        let events: Vec<Event> = [("2001", 1), ("2003", 0), ("2003-05", 0)]
            .iter()
            .map(|(date, pillar)| event(date, *pillar))
            .collect();
        let placed = || events.iter().map(Placed::of);
        let at = |nth| bin_marking(placed(), 2, &axis(), |_| 1, Some(nth)).mark;
        let mark = |lane, row, column| Mark {
            lane,
            row,
            first: column,
            last: column,
        };
        assert_eq!(at(0), Some(mark(1, Some(0), 1)));
        assert_eq!(at(1), Some(mark(0, Some(0), 3)));
        assert_eq!(at(2), Some(mark(0, None, 3)));
    }
}
