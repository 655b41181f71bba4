//! Events per year over the timeline's span, for the density strip: tallied for the rows shown
//! (so it follows the filters and the query) and binned to whatever width the strip has.
//!
//! An event counts once, in the year it starts, so the strip's counts add up to the list's.

use std::ops::RangeInclusive;

use chrono::Datelike;

use crate::search::Hit;
use crate::search::parallel::in_parts;
use crate::timeline::Timeline;

/// Years per bin the strip may use, smallest first: the first that fits the width wins.
const STEPS: [i32; 10] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
/// The widest a bin is drawn.
const MAX_CELL_WIDTH: u16 = 3;
/// Below this many columns the strip is not drawn.
pub const MIN_STRIP_WIDTH: u16 = 12;

/// Per event, where it falls in the table of years: prepared once per timeline.
pub struct EventYears {
    first_year: i32,
    years: usize,
    pillars: usize,
    /// Per event: its start year's offset from `first_year`, and its pillar.
    of_event: Vec<(u16, u16)>,
}

impl EventYears {
    pub fn new(timeline: &Timeline) -> Self {
        let (first_year, last_year) = timeline.year_span().unwrap_or((0, 0));
        let of_event = timeline
            .events
            .iter()
            .map(|event| {
                // Years are `i16` in the data model, so offsets fit in `u16`.
                let offset = event.date.earliest().year() - first_year;
                (offset as u16, event.pillar as u16)
            })
            .collect();
        EventYears {
            first_year,
            years: (last_year - first_year + 1) as usize,
            pillars: timeline.pillars.len().max(1),
            of_event,
        }
    }

    /// Counts `hits` per year and pillar.
    pub fn tally(&self, hits: &[Hit]) -> Density {
        let cells = self.years * self.pillars;
        let parts = in_parts(hits.len(), |range| {
            let mut counts = vec![0u32; cells];
            for hit in &hits[range] {
                let (year, pillar) = self.of_event[hit.event as usize];
                counts[year as usize * self.pillars + pillar as usize] += 1;
            }
            counts
        });
        let mut parts = parts.into_iter();
        let mut counts = parts.next().unwrap_or_else(|| vec![0; cells]);
        for part in parts {
            counts.iter_mut().zip(part).for_each(|(sum, n)| *sum += n);
        }
        Density {
            first_year: self.first_year,
            years: self.years,
            pillars: self.pillars,
            counts,
        }
    }
}

/// How many of the shown events start in each year, per pillar.
#[derive(Debug, Default)]
pub struct Density {
    first_year: i32,
    years: usize,
    pillars: usize,
    /// `years × pillars`, row by row.
    counts: Vec<u32>,
}

impl Density {
    /// The strip for `width` columns, or `None` when it does not fit.
    pub fn strip(&self, width: u16) -> Option<Strip> {
        if width < MIN_STRIP_WIDTH || self.years == 0 || self.pillars == 0 {
            return None;
        }
        let last_year = self.first_year + self.years as i32 - 1;
        let (step, start, bins) = STEPS.iter().find_map(|&step| {
            let start = self.first_year.div_euclid(step) * step;
            let bins = (last_year.div_euclid(step) * step - start) / step + 1;
            (bins <= i32::from(width)).then_some((step, start, bins as usize))
        })?;
        let mut tallies = vec![vec![0u32; self.pillars]; bins];
        for (year, row) in self.counts.chunks(self.pillars).enumerate() {
            let bin = ((self.first_year + year as i32 - start) / step) as usize;
            tallies[bin]
                .iter_mut()
                .zip(row)
                .for_each(|(sum, n)| *sum += n);
        }
        let bins = tallies
            .into_iter()
            .map(|by_pillar| Bin {
                events: by_pillar.iter().sum(),
                // The busiest pillar; on a tie, the one listed first.
                pillar: by_pillar
                    .iter()
                    .enumerate()
                    .rev()
                    .max_by_key(|&(_, n)| n)
                    .map_or(0, |(pillar, _)| pillar),
            })
            .collect::<Vec<_>>();
        let cell_width = (width / bins.len() as u16).clamp(1, MAX_CELL_WIDTH);
        Some(Strip {
            start,
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
    start: i32,
    /// Years per bin.
    step: i32,
    /// Columns per bin.
    pub cell_width: u16,
    pub bins: Vec<Bin>,
}

impl Strip {
    /// Years per bin: 1, or 10 for decades, and so on.
    pub fn step(&self) -> i32 {
        self.step
    }

    /// The bin holding `year`, if the strip covers it.
    pub fn bin_of(&self, year: i32) -> Option<usize> {
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

    pub fn years(&self, bin: usize) -> RangeInclusive<i32> {
        let first = self.start + bin as i32 * self.step;
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

    fn all_hits(timeline: &Timeline) -> Vec<Hit> {
        (0..timeline.events.len() as u32)
            .map(|event| Hit {
                event,
                ..Hit::default()
            })
            .collect()
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
            .tally(&all_hits(&timeline))
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
        let hits = &all_hits(&timeline)[1..2];
        let strip = EventYears::new(&timeline).tally(hits).strip(40).unwrap();
        let events: Vec<u32> = strip.bins.iter().map(|bin| bin.events).collect();
        assert_eq!(events, [0, 1, 0]);
    }

    #[test]
    fn narrow_strips_bin_by_aligned_decades_and_the_narrowest_hide() {
        let timeline = timeline(&[("1913", "a"), ("1988", "a"), ("2023", "b")]);
        let density = EventYears::new(&timeline).tally(&all_hits(&timeline));
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
            .tally(&all_hits(&timeline))
            .strip(25)
            .unwrap();
        assert_eq!((strip.step(), strip.cell_width, strip.width()), (1, 2, 20));
        assert_eq!(strip.bin_at(0), Some(0));
        assert_eq!(strip.bin_at(3), Some(1));
        assert_eq!(strip.bin_at(19), Some(9));
        assert_eq!(strip.bin_at(20), None);
    }

    #[test]
    fn many_hits_tallied_in_parts_add_up() {
        let dates: Vec<(String, &str)> = (0..20_000)
            .map(|n| {
                (
                    format!("{}", 1900 + n % 100),
                    if n % 3 == 0 { "a" } else { "b" },
                )
            })
            .collect();
        let dates: Vec<(&str, &str)> = dates.iter().map(|(d, p)| (d.as_str(), *p)).collect();
        let timeline = timeline(&dates);
        let strip = EventYears::new(&timeline)
            .tally(&all_hits(&timeline))
            .strip(100)
            .unwrap();
        assert!(
            strip
                .bins
                .iter()
                .all(|bin| bin.events == 200 && bin.pillar == 1)
        );
    }
}
