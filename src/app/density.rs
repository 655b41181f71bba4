//! Events per year over the timeline's span, for the density strip: tallied for the rows shown
//! (so it follows the filters and the query) and binned to whatever width the strip has.
//!
//! An event counts once, in the year it starts, so the strip's counts add up to the list's.
//!
//! Events are in order of their start, and so are the hits, so each year's hits are one run of
//! them, found by a galloping search: a million hits are counted per year in well under a
//! millisecond, where visiting each took 2–3 ms of every keystroke. Which pillar colours a
//! year is counted exactly up to [`SAMPLE`] hits, and above that from that many of them, evenly
//! spaced.

use std::ops::RangeInclusive;

use crate::search::{Hit, Hits};
use crate::timeline::{Event, EventId, Timeline};

/// The most slots the per-year tally keeps: a timeline spanning more years than this (from the
/// Big Bang, say) is tallied per decade, century or larger power of ten instead, so the tally
/// stays small whatever the span.
const MAX_SLOTS: i64 = 4096;

/// Years per bin the strip may use, smallest first, as 1, 2 and 5 times powers of ten: the
/// first that is a whole number of tally slots and fits the width wins.
fn steps(slot: i64) -> impl Iterator<Item = i64> {
    (0..=12u32)
        .flat_map(|power| [1, 2, 5].map(|m| m * 10_i64.pow(power)))
        .filter(move |step| step % slot == 0)
}
/// The widest a bin is drawn.
const MAX_CELL_WIDTH: u16 = 3;
/// Below this many columns the strip is not drawn.
pub const MIN_STRIP_WIDTH: u16 = 12;
/// The most hits of one year whose pillars are looked up.
const SAMPLE: usize = 256;

/// Where each year's events start: prepared once per timeline. Each event's pillar is read from
/// the search index's compact copy rather than kept again here (2 MB at a million events).
pub struct EventYears {
    /// The first slot's first year.
    first_year: i64,
    /// The last year any event reaches, for the strip's right-hand label.
    last_year: i64,
    /// Years per slot: 1, or the smallest power of ten that keeps the slots within
    /// [`MAX_SLOTS`].
    slot: i64,
    pillars: usize,
    /// Per slot of the span and one past it: the first event that starts in that slot or
    /// later. Slot `s`'s events are `starts[s]..starts[s + 1]`.
    starts: Vec<u32>,
}

impl EventYears {
    pub fn new(timeline: &Timeline) -> Self {
        let (first_year, last_year) = timeline.year_span().unwrap_or((0, 0));
        let slot = std::iter::successors(Some(1_i64), |slot| slot.checked_mul(10))
            .find(|slot| last_year.div_euclid(*slot) - first_year.div_euclid(*slot) < MAX_SLOTS)
            .unwrap_or(1);
        let first_year = first_year.div_euclid(slot) * slot;
        let slots = last_year.div_euclid(slot) - first_year.div_euclid(slot) + 1;
        // Undated entries are on no year's bar.
        let events = timeline.dated();
        let starts = (0..=slots)
            .map(|n| first_year + n * slot)
            .map(|year| events.partition_point(|event| starts_before(event, year)) as u32)
            .collect();
        EventYears {
            first_year,
            last_year,
            slot,
            pillars: timeline.pillars.len().max(1),
            starts,
        }
    }

    /// Counts `hits` (in timeline order) per year, and weighs each year's pillars, `pillars`
    /// giving each event's ([`crate::search::Index::pillars`]).
    pub fn tally(&self, hits: &Hits, pillars: &[u16]) -> Density {
        let hits = hits.as_slice();
        let years = self.starts.len() - 1;
        let mut totals = vec![0u32; years];
        let mut weights = vec![0u64; years * self.pillars];
        let mut at = 0;
        for (year, (total, weights)) in totals
            .iter_mut()
            .zip(weights.chunks_mut(self.pillars))
            .enumerate()
        {
            let end = at + gallop(&hits[at..], EventId::at(self.starts[year + 1] as usize));
            let in_year = &hits[at..end];
            at = end;
            *total = in_year.len() as u32;
            // Each looked-up hit stands for `len / looked_up` of the year's hits; weights are
            // scaled by `SAMPLE` so that exact and sampled years weigh alike. The hits looked up
            // are a fixed-point stride apart (a division per hit cost more than the lookups).
            let looked_up = in_year.len().min(SAMPLE);
            if looked_up == 0 {
                continue;
            }
            let weight = (in_year.len() * SAMPLE / looked_up) as u64;
            let stride = (in_year.len() << 16) / looked_up;
            for k in 0..looked_up {
                let hit = in_year[(k * stride) >> 16];
                weights[usize::from(pillars[hit.event.index()])] += weight;
            }
        }
        Density {
            first_year: self.first_year,
            last_year: self.last_year,
            slot: self.slot,
            pillars: self.pillars,
            totals,
            weights,
        }
    }
}

/// Whether dated `event` starts before `year` (an undated one, which the caller never passes,
/// does not).
fn starts_before(event: &Event, year: i64) -> bool {
    event
        .date
        .as_ref()
        .is_some_and(|date| date.earliest().year() < year)
}

/// How many of `hits` (ascending) come before event `bound`: exponential steps from the start,
/// then a binary search within the last step, so a short run costs a few comparisons.
fn gallop(hits: &[Hit], bound: EventId) -> usize {
    let mut step = 1;
    while step < hits.len() && hits[step - 1].event < bound {
        step *= 2;
    }
    let low = step / 2;
    let high = step.min(hits.len());
    low + hits[low..high].partition_point(|hit| hit.event < bound)
}

/// How many of the shown events start in each year, and how each year's pillars weigh.
#[derive(Debug, Default)]
pub struct Density {
    first_year: i64,
    last_year: i64,
    /// Years per slot of `totals`.
    slot: i64,
    pillars: usize,
    /// Per slot of the span (a year, or a power of ten of years): its events.
    totals: Vec<u32>,
    /// Per slot, per pillar: its share of the slot's events, in proportion (`slots × pillars`).
    weights: Vec<u64>,
}

impl Density {
    /// The strip for `width` columns, or `None` when it does not fit.
    pub fn strip(&self, width: u16) -> Option<Strip> {
        let slots = self.totals.len();
        if width < MIN_STRIP_WIDTH || slots == 0 || self.pillars == 0 {
            return None;
        }
        let slot = self.slot.max(1);
        let last_slot = self.first_year + (slots as i64 - 1) * slot;
        let (step, start, bins) = steps(slot).find_map(|step| {
            let start = self.first_year.div_euclid(step) * step;
            let bins = (last_slot.div_euclid(step) * step - start) / step + 1;
            (bins <= i64::from(width)).then_some((step, start, bins as usize))
        })?;
        let mut totals = vec![0u32; bins];
        let mut weights = vec![vec![0u64; self.pillars]; bins];
        let rows = self.totals.iter().zip(self.weights.chunks(self.pillars));
        for (n, (total, row)) in rows.enumerate() {
            let bin = ((self.first_year + n as i64 * slot - start) / step) as usize;
            totals[bin] += total;
            weights[bin]
                .iter_mut()
                .zip(row)
                .for_each(|(sum, w)| *sum += w);
        }
        let bins = totals
            .into_iter()
            .zip(weights)
            .map(|(events, by_pillar)| Bin {
                events,
                // The busiest pillar; on a tie, the one listed first.
                pillar: by_pillar
                    .iter()
                    .enumerate()
                    .rev()
                    .max_by_key(|&(_, w)| w)
                    .map_or(0, |(pillar, _)| pillar),
            })
            .collect::<Vec<_>>();
        let cell_width = (width / bins.len() as u16).clamp(1, MAX_CELL_WIDTH);
        Some(Strip {
            start,
            last_year: self.last_year,
            step,
            cell_width,
            bins,
        })
    }
}

/// One bin of the strip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bin {
    pub events: u32,
    /// The pillar with the most events in the bin, which colours it.
    pub pillar: usize,
}

/// The density binned for one width: what the renderer draws and a click maps back to years.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Strip {
    /// The first bin's first year.
    start: i64,
    /// The last year any event reaches, which the axis ends on.
    pub last_year: i64,
    /// Years per bin.
    step: i64,
    /// Columns per bin.
    pub cell_width: u16,
    pub bins: Vec<Bin>,
}

impl Strip {
    /// Years per bin: 1, or 10 for decades, and so on.
    pub fn step(&self) -> i64 {
        self.step
    }

    /// The bin holding `year`, if the strip covers it.
    pub fn bin_of(&self, year: i64) -> Option<usize> {
        let bin = (year - self.start).div_euclid(self.step);
        usize::try_from(bin)
            .ok()
            .filter(|&bin| bin < self.bins.len())
    }

    /// The bin drawn at `column` columns from the strip's left edge.
    pub fn bin_at(&self, column: u16) -> Option<usize> {
        let bin = usize::from(column / self.cell_width);
        (bin < self.bins.len()).then_some(bin)
    }

    pub fn years(&self, bin: usize) -> RangeInclusive<i64> {
        let first = self.start + bin as i64 * self.step;
        first..=first + self.step - 1
    }

    /// The columns the bins take.
    pub fn width(&self) -> u16 {
        self.bins.len() as u16 * self.cell_width
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::load_str;

    fn timeline(dates: &[(&str, &str)]) -> Timeline {
        let events: String = dates
            .iter()
            .enumerate()
            .map(|(n, (date, pillar))| {
                format!(
                    "Event(id: \"e{n}\", date: \"{date}\", title: \"t\", pillar: \"{pillar}\"),"
                )
            })
            .collect();
        load_str(
            "t.ron",
            &format!(
                "Timeline(title: \"t\", pillars: [Pillar(id: \"a\", name: \"A\", color: \"red\"), \
                 Pillar(id: \"b\", name: \"B\", color: \"blue\")], events: [{events}])"
            ),
        )
        .unwrap()
    }

    fn all_hits(timeline: &Timeline) -> Hits {
        timeline.event_ids().collect()
    }

    /// Each event's pillar, as the search index keeps them.
    fn pillars(timeline: &Timeline) -> Vec<u16> {
        let index = crate::search::Index::new(timeline.clone());
        index.pillars().to_vec()
    }

    #[test]
    fn events_count_once_in_their_start_year_with_the_busiest_pillar_colouring() {
        let timeline = timeline(&[
            ("2000", "a"),
            ("2000-05/2003", "b"),
            ("2000-06", "b"),
            ("2003", "a"),
        ]);
        let strip = EventYears::new(&timeline)
            .tally(&all_hits(&timeline), &pillars(&timeline))
            .strip(40)
            .unwrap();
        assert_eq!(strip.step(), 1);
        assert_eq!(strip.cell_width, 3);
        let events: Vec<u32> = strip.bins.iter().map(|bin| bin.events).collect();
        assert_eq!(events, [3, 0, 0, 1]);
        assert_eq!(strip.bins[0].pillar, 1);
        assert_eq!(strip.bins[3].pillar, 0);
    }

    #[test]
    fn only_the_hits_given_are_counted() {
        let timeline = timeline(&[("2000", "a"), ("2001", "a"), ("2002", "b")]);
        let hits: Hits = all_hits(&timeline).events().skip(1).take(1).collect();
        let strip = EventYears::new(&timeline)
            .tally(&hits, &pillars(&timeline))
            .strip(40)
            .unwrap();
        let events: Vec<u32> = strip.bins.iter().map(|bin| bin.events).collect();
        assert_eq!(events, [0, 1, 0]);
    }

    #[test]
    fn deep_time_is_tallied_by_powers_of_ten_and_binned_across_the_width() {
        let timeline = timeline(&[
            ("Y-13800000000", "a"),
            ("Y-4540000000", "b"),
            ("Y-65000000", "b"),
            ("-0300", "a"),
            ("2023", "a"),
        ]);
        let years = EventYears::new(&timeline);
        assert!(years.starts.len() <= MAX_SLOTS as usize + 1);
        let strip = years
            .tally(&all_hits(&timeline), &pillars(&timeline))
            .strip(60)
            .unwrap();
        assert!(strip.bins.len() <= 60);
        assert_eq!(strip.step(), 500_000_000);
        let events: u32 = strip.bins.iter().map(|bin| bin.events).sum();
        assert_eq!(events, 5);
        assert_eq!(strip.bin_of(-13_800_000_000), Some(0));
        assert_eq!(strip.bin_of(2023), Some(strip.bins.len() - 1));
    }

    #[test]
    fn narrow_strips_bin_by_aligned_decades_and_the_narrowest_hide() {
        let timeline = timeline(&[("1913", "a"), ("1988", "a"), ("2023", "b")]);
        let density = EventYears::new(&timeline).tally(&all_hits(&timeline), &pillars(&timeline));
        assert_eq!(density.strip(111).unwrap().step(), 1);
        assert_eq!(density.strip(110).unwrap().step(), 2);
        assert_eq!(density.strip(23).unwrap().step(), 5);
        let strip = density.strip(MIN_STRIP_WIDTH).unwrap();
        assert_eq!(strip.step(), 10);
        assert_eq!(strip.years(0), 1910..=1919);
        assert_eq!(strip.bin_of(2023), Some(11));
        assert_eq!(strip.bin_of(1909), None);
        assert_eq!(strip.bins.iter().map(|b| b.events).sum::<u32>(), 3);
        assert!(density.strip(MIN_STRIP_WIDTH - 1).is_none());
    }

    #[test]
    fn columns_map_back_to_bins() {
        let timeline = timeline(&[("2000", "a"), ("2009", "a")]);
        let strip = EventYears::new(&timeline)
            .tally(&all_hits(&timeline), &pillars(&timeline))
            .strip(25)
            .unwrap();
        assert_eq!((strip.step(), strip.cell_width, strip.width()), (1, 2, 20));
        assert_eq!(strip.bin_at(0), Some(0));
        assert_eq!(strip.bin_at(3), Some(1));
        assert_eq!(strip.bin_at(19), Some(9));
        assert_eq!(strip.bin_at(20), None);
    }

    #[test]
    fn galloping_counts_the_hits_before_an_event() {
        let hits: Hits = [1, 3, 5, 7, 9, 11, 13]
            .into_iter()
            .map(EventId::at)
            .collect();
        for bound in (0..16).map(EventId::at) {
            let expected = hits.events().filter(|&event| event < bound).count();
            assert_eq!(gallop(hits.as_slice(), bound), expected, "{bound:?}");
        }
        assert_eq!(gallop(&[], EventId::at(5)), 0);
    }

    #[test]
    fn years_of_many_hits_count_exactly_and_keep_their_busiest_pillar() {
        // 2,000 events a year, more than are looked up; pillar `b` has a third of 1900's
        // and two thirds of every other year's.
        let dates: Vec<(String, &str)> = (0..20_000)
            .map(|n| {
                let year = 1900 + n % 10;
                let a = if year == 1900 { n % 3 != 0 } else { n % 3 == 0 };
                (year.to_string(), if a { "a" } else { "b" })
            })
            .collect();
        let dates: Vec<(&str, &str)> = dates.iter().map(|(d, p)| (d.as_str(), *p)).collect();
        let timeline = timeline(&dates);
        let hits = all_hits(&timeline);
        let years = EventYears::new(&timeline);
        let strip = years.tally(&hits, &pillars(&timeline)).strip(100).unwrap();
        let bins: Vec<(u32, usize)> = strip.bins.iter().map(|b| (b.events, b.pillar)).collect();
        assert_eq!(bins[0], (2000, 0));
        assert!(bins[1..].iter().all(|&bin| bin == (2000, 1)), "{bins:?}");
        // Every other hit: still exact counts.
        let half: Hits = hits.events().step_by(2).collect();
        let strip = years.tally(&half, &pillars(&timeline)).strip(100).unwrap();
        assert!(strip.bins.iter().all(|bin| bin.events == 1000));
    }
}
