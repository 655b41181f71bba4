//! The index view (`a`): every glossary acronym, every mechanism the events name and every era
//! of the timeline, with how many events each has. It answers "what does this stand for" even
//! for an acronym no event lists, and is a way into the timeline narrowed to one acronym,
//! mechanism or era.

use std::sync::Arc;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::action::Edit;
use super::line::Line;
use super::links::{Events, Links};
use crate::timeline::{Name, Timeline};

/// What an index entry names, and so which tab lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Acronym,
    Mechanism,
    /// A named span of the timeline; its entries cover the events their spans overlap.
    Era,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Acronym, Kind::Mechanism, Kind::Era];

    /// The tab's title.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Acronym => "Acronyms",
            Kind::Mechanism => "Mechanisms",
            Kind::Era => "Eras",
        }
    }

    /// As the header's chip names it.
    pub fn singular(self) -> &'static str {
        match self {
            Kind::Acronym => "acronym",
            Kind::Mechanism => "mechanism",
            Kind::Era => "era",
        }
    }
}

/// The timeline narrowed to the events of one acronym, mechanism or era, chosen in the index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    pub kind: Kind,
    pub name: Name,
}

/// One acronym, mechanism or era.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: Name,
    /// An acronym's expansion, or an era's span as the timeline shows dates; empty for
    /// mechanisms and for acronyms the source never spells out.
    pub expansion: String,
    /// The year the first event naming it starts; for an era, the year the era starts.
    pub first_year: Option<i64>,
    pub events: usize,
    /// What the search matches: the name, then the expansion.
    searched: String,
}

impl Entry {
    fn new(name: Name, expansion: String, first_year: Option<i64>, events: usize) -> Self {
        let searched = format!("{name} {expansion}");
        Entry {
            name,
            expansion,
            first_year,
            events,
            searched,
        }
    }
}

/// Every index entry of a timeline, per kind: derived from the file, so the data owns it and a
/// reload replaces it, while the view over it keeps the user's tab, query and selection.
#[derive(Debug)]
pub struct IndexEntries {
    /// Per kind, in [`Kind::ALL`] order: acronyms and mechanisms alphabetical, eras in date
    /// order.
    entries: [Vec<Entry>; 3],
}

impl IndexEntries {
    /// The glossary's acronyms (listed even when no event names them), the mechanisms the
    /// events name and the timeline's eras (once per title), each with its number of events and
    /// first year.
    pub fn new(timeline: &Timeline, links: &Links) -> Self {
        // Events are in timeline order: the first dated one is the earliest.
        let first_year = |events: Events| {
            let date = events
                .iter()
                .find_map(|at| timeline.event(at).date.as_ref())?;
            Some(date.earliest().year())
        };
        let mut acronyms: Vec<Entry> = timeline
            .glossary
            .iter()
            .map(|(acronym, expansion)| {
                let events = links.acronym(acronym);
                let name = Name::from(acronym.as_str());
                Entry::new(name, expansion.clone(), first_year(events), events.len())
            })
            .collect();
        let mut mechanisms: Vec<Entry> = links
            .mechanisms()
            .map(|(name, events)| {
                Entry::new(
                    name.clone(),
                    String::new(),
                    first_year(events),
                    events.len(),
                )
            })
            .collect();
        // As a reader looks names up: ignoring case (`Smart JAMP` before `SOMTC`).
        let alphabetical = |entry: &Entry| (entry.name.to_lowercase(), entry.name.clone());
        acronyms.sort_by_cached_key(alphabetical);
        mechanisms.sort_by_cached_key(alphabetical);
        let mut eras: Vec<Entry> = Vec::with_capacity(timeline.eras.len());
        for era in &timeline.eras {
            if eras.iter().all(|entry| *entry.name != *era.title) {
                let events = links.era(&era.title).len();
                let start = Some(era.date.earliest().year());
                let name = Name::from(era.title.as_str());
                eras.push(Entry::new(name, era.date.to_string(), start, events));
            }
        }
        IndexEntries {
            entries: [acronyms, mechanisms, eras],
        }
    }

    fn of(&self, kind: Kind) -> &[Entry] {
        &self.entries[kind as usize]
    }
}

/// Which tab of the index is shown, its search and its selection, over the data's entries.
pub struct IndexView {
    tab: Kind,
    entries: Arc<IndexEntries>,
    query: Line,
    /// The shown tab's entries that match the query, best first (all, in order, without one).
    shown: Vec<usize>,
    selected: usize,
    /// First visible row.
    offset: usize,
    matcher: SkimMatcherV2,
}

impl IndexView {
    /// The acronyms tab, unsearched, over `entries`.
    pub fn new(entries: Arc<IndexEntries>) -> Self {
        let mut view = IndexView {
            tab: Kind::Acronym,
            entries,
            query: Line::default(),
            shown: Vec::new(),
            selected: 0,
            offset: 0,
            matcher: SkimMatcherV2::default(),
        };
        view.refilter();
        view
    }

    pub fn tab(&self) -> Kind {
        self.tab
    }

    /// The tabs shown: acronyms and mechanisms always (an empty one says the timeline has
    /// none), eras only when the timeline has some.
    pub fn tabs(&self) -> impl Iterator<Item = Kind> + '_ {
        Kind::ALL
            .into_iter()
            .filter(|&kind| kind != Kind::Era || !self.entries.of(kind).is_empty())
    }

    /// How many entries `kind`'s tab has in all.
    pub fn total(&self, kind: Kind) -> usize {
        self.entries.of(kind).len()
    }

    pub fn query(&self) -> &Line {
        &self.query
    }

    /// All the shown tab's entries, whether they match the query or not.
    pub fn entries(&self) -> &[Entry] {
        self.entries.of(self.tab)
    }

    /// How many entries are shown.
    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// The shown entries in rows `range`, clamped to the list.
    pub fn rows(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = &Entry> {
        let end = range.end.min(self.shown.len());
        let start = range.start.min(end);
        self.shown[start..end]
            .iter()
            .map(|&entry| &self.entries.of(self.tab)[entry])
    }

    /// The selected row, or `None` when nothing is shown.
    pub fn selected_row(&self) -> Option<usize> {
        (!self.shown.is_empty()).then_some(self.selected)
    }

    pub fn selected(&self) -> Option<&Entry> {
        self.rows(self.selected..self.selected + 1).next()
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The chars of `entry`'s name and of its expansion (char indices, ascending) that the
    /// query's words matched, to highlight.
    pub fn matched_chars(&self, entry: &Entry) -> (Vec<usize>, Vec<usize>) {
        let name_chars = entry.name.chars().count();
        let mut matched: Vec<usize> = self
            .query
            .text()
            .split_whitespace()
            .filter_map(|word| self.matcher.fuzzy_indices(&entry.searched, word))
            .flat_map(|(_, indices)| indices)
            .collect();
        matched.sort_unstable();
        matched.dedup();
        let in_name = matched
            .iter()
            .copied()
            .filter(|&at| at < name_chars)
            .collect();
        let in_expansion = matched
            .iter()
            .filter(|&&at| at > name_chars)
            .map(|&at| at - name_chars - 1)
            .collect();
        (in_name, in_expansion)
    }

    /// This index (of a reloaded timeline) showing what `old` showed: its tab (unless the
    /// timeline lost its eras), its query and, where it is still listed, its selected entry.
    pub fn with_choices_of(mut self, old: &IndexView) -> Self {
        if self.tabs().any(|tab| tab == old.tab) {
            self.tab = old.tab;
        }
        self.query = old.query.clone();
        self.refilter();
        let name = old.selected().map(|entry| &entry.name);
        if let Some(row) = self
            .shown
            .iter()
            .position(|&at| Some(&self.entries.of(self.tab)[at].name) == name)
        {
            self.selected = row;
            self.offset = old.offset.min(row);
        }
        self
    }

    /// Shows the tab `step` tabs on (1 the next, -1 the previous), round from the last to the
    /// first and back, keeping the query.
    pub fn switch_tab(&mut self, step: isize) {
        let tabs: Vec<Kind> = self.tabs().collect();
        let at = tabs.iter().position(|&tab| tab == self.tab).unwrap_or(0);
        let next = (at as isize + step).rem_euclid(tabs.len().max(1) as isize) as usize;
        self.tab = tabs.get(next).copied().unwrap_or(Kind::Acronym);
        self.refilter();
    }

    /// Edits the query; the list follows, once for all the edits.
    pub fn edit(&mut self, edits: impl IntoIterator<Item = Edit>) {
        if self.query.apply_all(edits) {
            self.refilter();
        }
    }

    /// Clears the query; returns whether there was one.
    pub fn clear_query(&mut self) -> bool {
        if self.query.is_empty() {
            return false;
        }
        self.query.clear();
        self.refilter();
        true
    }

    /// Selects `row` (clamped to the list), scrolled into a view of `page` rows.
    pub fn select(&mut self, row: usize, page: usize) {
        self.selected = row.min(self.shown.len().saturating_sub(1));
        let page = page.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        }
        if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
    }

    /// Moves the selection by `delta` rows.
    pub fn move_by(&mut self, delta: isize, page: usize) {
        self.select(self.selected.saturating_add_signed(delta), page);
    }

    /// Recomputes the shown entries for the tab and query, selecting the first.
    ///
    /// Every word of the query must match, fuzzily, the name or the expansion; an entry whose
    /// name is the query, ignoring case, spaces and punctuation, comes first, then the best
    /// scores, then the index's own order.
    fn refilter(&mut self) {
        let entries = self.entries.of(self.tab);
        let words: Vec<&str> = self.query.text().split_whitespace().collect();
        self.shown = if words.is_empty() {
            (0..entries.len()).collect()
        } else {
            let wanted = squeezed(self.query.text());
            let mut scored: Vec<(bool, i64, usize)> = entries
                .iter()
                .enumerate()
                .filter_map(|(at, entry)| {
                    let score = words.iter().try_fold(0, |sum, word| {
                        Some(sum + self.matcher.fuzzy_match(&entry.searched, word)?)
                    })?;
                    Some((squeezed(&entry.name) == wanted, score, at))
                })
                .collect();
            scored.sort_by_key(|&(exact, score, at)| (!exact, -score, at));
            scored.into_iter().map(|(_, _, at)| at).collect()
        };
        self.selected = 0;
        self.offset = 0;
    }
}

/// `text` lowercased without spaces or punctuation, so `admm plus` is `ADMM-Plus`.
fn squeezed(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::bundled;

    fn view() -> IndexView {
        let timeline = bundled().unwrap();
        IndexView::new(Arc::new(IndexEntries::new(
            &timeline,
            &Links::new(&timeline),
        )))
    }

    fn search(view: &mut IndexView, query: &str) {
        view.clear_query();
        view.edit(query.chars().map(Edit::Insert));
    }

    fn names(view: &IndexView) -> Vec<String> {
        view.rows(0..usize::MAX)
            .map(|entry| entry.name.to_string())
            .collect()
    }

    #[test]
    fn every_glossary_entry_is_listed_with_its_events_even_without_any() {
        let timeline = bundled().unwrap();
        let view = IndexView::new(Arc::new(IndexEntries::new(
            &timeline,
            &Links::new(&timeline),
        )));
        assert_eq!(view.len(), timeline.glossary.len());
        let jaif = view.rows(0..view.len()).find(|e| &*e.name == "JAIF");
        let jaif = jaif.expect("JAIF listed");
        assert_eq!(jaif.expansion, "Japan-ASEAN Integration Fund");
        let listing = timeline
            .events
            .iter()
            .filter(|e| e.acronyms.iter().any(|a| &**a == "JAIF"));
        assert_eq!(jaif.events, listing.count());
        assert!(jaif.events > 0);
        // The source writes ATM only as ATM+Japan: no event lists the bare acronym.
        let atm = view.rows(0..view.len()).find(|e| &*e.name == "ATM");
        let atm = atm.expect("ATM listed");
        assert_eq!((atm.events, atm.first_year), (0, None));
    }

    #[test]
    fn mechanisms_are_listed_by_name_with_their_first_year() {
        let mut view = view();
        view.switch_tab(1);
        assert_eq!(view.tab(), Kind::Mechanism);
        let names = names(&view);
        let mut sorted = names.clone();
        sorted.sort_by_key(|name| name.to_lowercase());
        assert_eq!(names, sorted);
        let forum = view
            .rows(0..view.len())
            .find(|e| &*e.name == "ASEAN-Japan Forum");
        assert_eq!(forum.and_then(|e| e.first_year), Some(1977));
    }

    #[test]
    fn the_search_puts_the_acronym_named_first_and_keeps_across_tabs() {
        let mut view = view();
        search(&mut view, "jaif");
        assert_eq!(names(&view)[0], "JAIF");
        // The chars to highlight: here the name, whole.
        let jaif = view.selected().unwrap().clone();
        assert_eq!(view.matched_chars(&jaif), (vec![0, 1, 2, 3], vec![]));
        search(&mut view, "admm plus");
        assert_eq!(names(&view)[0], "ADMM-Plus");
        search(&mut view, "integration fund");
        assert_eq!(names(&view)[0], "JAIF");
        let (name, expansion) = view.matched_chars(&jaif);
        assert!(name.is_empty());
        let matched: String = expansion
            .iter()
            .map(|&at| jaif.expansion.chars().nth(at).unwrap())
            .collect();
        assert_eq!(matched.to_lowercase(), "integrationfund");
        search(&mut view, "zzzz");
        assert!(view.is_empty() && view.selected().is_none());
        search(&mut view, "summit");
        view.switch_tab(1);
        assert_eq!(view.query().text(), "summit");
        assert!(names(&view)[0].contains("Summit"), "{:?}", names(&view));
        assert!(view.len() < view.total(Kind::Mechanism));
        assert!(view.clear_query());
        assert!(!view.clear_query());
        assert_eq!(view.len(), view.total(Kind::Mechanism));
    }

    #[test]
    fn the_eras_tab_is_there_only_when_the_timeline_has_eras() {
        let with_eras = |eras: &str| {
            let timeline = crate::timeline::load_str(
                "t.ron",
                &format!(
                    r#"Timeline(title: "t", eras: [{eras}], events: [
                        Event(id: "a", date: "1999", title: "A"),
                    ])"#
                ),
            )
            .unwrap();
            IndexView::new(Arc::new(IndexEntries::new(
                &timeline,
                &Links::new(&timeline),
            )))
        };
        let mut view = with_eras(r#"Era(title: "Late", date: "1990/1999")"#);
        let tabs: Vec<Kind> = view.tabs().collect();
        assert_eq!(tabs, Kind::ALL);
        view.switch_tab(1);
        view.switch_tab(1);
        assert_eq!(view.tab(), Kind::Era);
        assert_eq!(names(&view), ["Late"]);
        view.switch_tab(1);
        assert_eq!(view.tab(), Kind::Acronym, "after the last tab, the first");
        view.switch_tab(-1);
        assert_eq!(view.tab(), Kind::Era, "before the first tab, the last");
        view.switch_tab(-1);
        assert_eq!(view.tab(), Kind::Mechanism);
        view.switch_tab(-1);
        view.switch_tab(1);
        view.switch_tab(1);
        // A reload that loses the eras shows the first tab rather than a hidden one.
        let reloaded = with_eras("").with_choices_of(&view);
        assert_eq!(reloaded.tab(), Kind::Acronym);
        let mut plain = with_eras("");
        assert_eq!(
            plain.tabs().collect::<Vec<_>>(),
            [Kind::Acronym, Kind::Mechanism]
        );
        plain.switch_tab(1);
        plain.switch_tab(1);
        assert_eq!(plain.tab(), Kind::Acronym);
    }

    #[test]
    fn the_selection_stays_in_the_list_and_in_view() {
        let mut view = view();
        view.move_by(-1, 10);
        assert_eq!(view.selected_row(), Some(0));
        view.move_by(12, 10);
        assert_eq!((view.selected_row(), view.offset()), (Some(12), 3));
        view.select(usize::MAX, 10);
        assert_eq!(view.selected_row(), Some(view.len() - 1));
        assert_eq!(view.offset(), view.len() - 10);
        view.select(0, 10);
        assert_eq!(view.offset(), 0);
    }
}
