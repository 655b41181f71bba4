//! Narrowing a timeline by pillar and by year, defined once for every caller: the headless
//! `list` and `search` filters and the query's `year:` term ask the same questions here, so an
//! event's span means the same thing wherever it is filtered.

use super::{Event, EventDate, EventId, Pillar, Timeline};

/// An inclusive range of years; an open end is `i64::MIN` or `i64::MAX`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct YearRange {
    pub first: i64,
    pub last: i64,
}

impl YearRange {
    /// Whether any day `date` can mean falls in the range: an event spanning 2003–2005 is "in"
    /// 2004, and one known only to the year 2004 is "in" 2004 whatever its month.
    pub fn overlaps(&self, date: &EventDate) -> bool {
        date.earliest().year() <= self.last && self.first <= date.latest().year()
    }

    /// Whether an event dated `date` is in the range: an undated entry is in no range of years.
    pub fn admits(&self, date: Option<&EventDate>) -> bool {
        date.is_some_and(|date| self.overlaps(date))
    }
}

/// Which pillars' events are shown, by the pillar's position in [`Timeline::pillars`]: the
/// headless `--pillar` filter, the query's `pillar:` term and the explorer's pillar picks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PillarSet(Vec<bool>);

impl PillarSet {
    /// Every pillar of a timeline with `count` pillars.
    pub fn all(count: usize) -> Self {
        PillarSet(vec![true; count])
    }

    /// The pillars of `pillars` for which `wanted` holds.
    pub fn matching(pillars: &[Pillar], wanted: impl Fn(&Pillar) -> bool) -> Self {
        PillarSet(pillars.iter().map(wanted).collect())
    }

    /// The pillars whose ids are `ids`, or every pillar when `ids` is empty (no filter given).
    pub fn of_ids(timeline: &Timeline, ids: &[String]) -> Result<Self, FilterError> {
        if let Some(unknown) = ids
            .iter()
            .find(|wanted| !timeline.pillars.iter().any(|p| &p.id == *wanted))
        {
            let known: Vec<&str> = timeline.pillars.iter().map(|p| p.id.as_ref()).collect();
            return Err(FilterError::UnknownPillar {
                wanted: unknown.clone(),
                known: known.join(", "),
            });
        }
        Ok(Self::matching(&timeline.pillars, |pillar| {
            ids.is_empty() || ids.iter().any(|wanted| &pillar.id == wanted)
        }))
    }

    /// How many pillars the set is over: a reload with another number starts again from all.
    pub fn pillar_count(&self) -> usize {
        self.0.len()
    }

    /// Whether every pillar is shown.
    pub fn is_all(&self) -> bool {
        self.0.iter().all(|&shown| shown)
    }

    /// Whether the pillar at `pillar` in [`Timeline::pillars`] is shown.
    pub fn shows(&self, pillar: usize) -> bool {
        self.0.get(pillar).copied().unwrap_or(false)
    }

    /// The explorer's pick of one pillar: from all, show only it; after that, toggle it. False,
    /// and nothing changed, when there is no such pillar.
    pub fn pick(&mut self, pillar: usize) -> bool {
        if pillar >= self.0.len() {
            return false;
        }
        if self.is_all() {
            self.0.iter_mut().for_each(|shown| *shown = false);
            self.0[pillar] = true;
        } else {
            self.0[pillar] = !self.0[pillar];
        }
        true
    }

    /// Back to every pillar.
    pub fn show_all(&mut self) {
        self.0.iter_mut().for_each(|shown| *shown = true);
    }
}

/// A filter that cannot be applied, with a message for the user.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    #[error("unknown pillar \"{wanted}\": the pillars are {known}")]
    UnknownPillar { wanted: String, known: String },
    #[error("--from {from} is after --to {to}")]
    Backwards { from: i64, to: i64 },
}

/// Pillars and years together: what `--pillar`, `--from` and `--to` allow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    pub pillars: PillarSet,
    /// `None` when neither `--from` nor `--to` is given: then undated entries pass too.
    pub years: Option<YearRange>,
}

impl Filter {
    /// The filter of the given pillar ids (none: all) and years (none: unbounded).
    pub fn new(
        timeline: &Timeline,
        pillar_ids: &[String],
        from: Option<i64>,
        to: Option<i64>,
    ) -> Result<Self, FilterError> {
        let pillars = PillarSet::of_ids(timeline, pillar_ids)?;
        let years = (from.is_some() || to.is_some()).then(|| YearRange {
            first: from.unwrap_or(i64::MIN),
            last: to.unwrap_or(i64::MAX),
        });
        if let Some(years) = years
            && years.first > years.last
        {
            return Err(FilterError::Backwards {
                from: years.first,
                to: years.last,
            });
        }
        Ok(Filter { pillars, years })
    }

    /// Whether `event` passes both the pillar and the year filter.
    pub fn allows(&self, event: &Event) -> bool {
        let in_years = self
            .years
            .is_none_or(|years| years.admits(event.date.as_ref()));
        self.pillars.shows(event.pillar) && in_years
    }

    /// The numbers of the events the filter allows, in timeline order. A filter that allows
    /// every event reads none: a search from a snapshot would otherwise touch every event
    /// only to learn that (a tenth of `ajtl search`'s time at 100k).
    pub fn events(&self, timeline: &Timeline) -> Vec<EventId> {
        if self.pillars.is_all() && self.years.is_none() {
            return timeline.event_ids().collect();
        }
        timeline
            .event_ids()
            .filter(|&id| self.allows(timeline.event(id)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::bundled;

    fn years(first: i64, last: i64) -> YearRange {
        YearRange { first, last }
    }

    #[test]
    fn a_span_overlaps_every_year_it_reaches() {
        let date = EventDate::parse("2003-12/2005-01").unwrap();
        assert!(!years(2002, 2002).overlaps(&date));
        assert!(years(2003, 2003).overlaps(&date));
        assert!(years(2004, 2004).overlaps(&date));
        assert!(years(2005, 2005).overlaps(&date));
        assert!(!years(2006, 2006).overlaps(&date));
        assert!(years(1990, 2003).overlaps(&date));
        assert!(years(2005, i64::MAX).overlaps(&date));
    }

    #[test]
    fn no_pillars_means_all_and_an_unknown_one_names_the_known() {
        let timeline = bundled().unwrap();
        let all = Filter::new(&timeline, &[], None, None).unwrap();
        assert_eq!(all.events(&timeline).len(), timeline.events.len());
        let error = Filter::new(&timeline, &["nope".into()], None, None).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("unknown pillar \"nope\": the pillars are ")
        );
    }

    #[test]
    fn the_first_pick_shows_one_pillar_and_later_picks_toggle() {
        let mut set = PillarSet::all(3);
        assert!(set.pick(1));
        assert_eq!(
            (set.shows(0), set.shows(1), set.shows(2)),
            (false, true, false)
        );
        assert!(set.pick(2));
        assert!(set.pick(1));
        assert_eq!(
            (set.shows(0), set.shows(1), set.shows(2)),
            (false, false, true)
        );
        assert!(!set.pick(3), "no such pillar");
        set.show_all();
        assert!(set.is_all());
    }

    #[test]
    fn a_backward_year_range_is_refused() {
        let timeline = bundled().unwrap();
        let error = Filter::new(&timeline, &[], Some(2010), Some(2000)).unwrap_err();
        assert_eq!(error.to_string(), "--from 2010 is after --to 2000");
    }

    #[test]
    fn pillar_and_years_narrow_together() {
        let timeline = bundled().unwrap();
        let id = timeline.pillars[1].id.to_string();
        let filter = Filter::new(&timeline, &[id], Some(2000), Some(2009)).unwrap();
        let events = filter.events(&timeline);
        assert!(!events.is_empty());
        for number in events {
            let event = timeline.event(number);
            assert_eq!(event.pillar, 1);
            let date = event.date.as_ref().unwrap();
            assert!(date.earliest().year() <= 2009 && date.latest().year() >= 2000);
        }
    }

    #[test]
    fn undated_entries_pass_no_year_range_but_pass_without_one() {
        let timeline = crate::timeline::load_str(
            "t.ron",
            r#"Timeline(title: "t", pillars: [Pillar(id: "p", name: "P", color: "red")], events: [
                Event(id: "later", date: "undated", title: "Later", pillar: "p"),
                Event(id: "dated", date: "2005", title: "Dated", pillar: "p"),
            ])"#,
        )
        .unwrap();
        let ids = |filter: Filter| -> Vec<&str> {
            let events = filter.events(&timeline);
            events
                .into_iter()
                .map(|at| timeline.event(at).id())
                .collect()
        };
        assert_eq!(
            ids(Filter::new(&timeline, &[], None, None).unwrap()),
            ["dated", "later"]
        );
        assert_eq!(
            ids(Filter::new(&timeline, &[], Some(2000), None).unwrap()),
            ["dated"]
        );
        assert_eq!(
            ids(Filter::new(&timeline, &[], None, Some(2010)).unwrap()),
            ["dated"]
        );
        assert!(
            !YearRange {
                first: i64::MIN,
                last: i64::MAX
            }
            .admits(None)
        );
    }
}
