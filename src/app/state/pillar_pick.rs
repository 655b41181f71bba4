//! The pillar picker (`p`): a name typed, fuzzy-matched against every pillar, so that a
//! timeline with more pillars than number keys still has each one a few keys away. A pick
//! changes the same pillar selection the number keys change, in the same way.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::{App, Mode};
use crate::app::action::{Action, Edit};
use crate::app::line::Line;
use crate::timeline::Pillar;

/// What the picker holds: the name being typed and which of its matches is highlighted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PillarPick {
    pub line: Line,
    /// Position in [`PillarPick::matches`]; kept within them when they are listed.
    selected: usize,
}

/// A pillar the typed name matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PillarMatch {
    /// Index into [`crate::timeline::Timeline::pillars`].
    pub pillar: usize,
    /// The chars of the pillar's name the typed letters matched, for highlighting; empty
    /// when nothing is typed or the id matched rather than the name.
    pub positions: Vec<usize>,
}

impl PillarPick {
    /// The pillars the typed name matches, best first (ties in the file's order): all of
    /// them, in the file's order, while nothing is typed. A name is matched by its letters in
    /// order (as fzf matches), and so is the id, for names in a script the keyboard lacks.
    pub fn matches(&self, pillars: &[Pillar]) -> Vec<PillarMatch> {
        let typed = self.line.text().trim();
        if typed.is_empty() {
            let all = (0..pillars.len()).map(|pillar| PillarMatch {
                pillar,
                positions: Vec::new(),
            });
            return all.collect();
        }
        let matcher = SkimMatcherV2::default();
        let mut found: Vec<(i64, PillarMatch)> = pillars
            .iter()
            .enumerate()
            .filter_map(|(pillar, p)| {
                let by_name = matcher.fuzzy_indices(&p.name, typed);
                let by_id = matcher.fuzzy_match(&p.id, typed);
                let (score, positions) = match (by_name, by_id) {
                    (Some((name, positions)), Some(id)) if name >= id => (name, positions),
                    (Some((name, positions)), None) => (name, positions),
                    (_, Some(id)) => (id, Vec::new()),
                    (None, None) => return None,
                };
                Some((score, PillarMatch { pillar, positions }))
            })
            .collect();
        found.sort_by(|(a, one), (b, other)| b.cmp(a).then(one.pillar.cmp(&other.pillar)));
        found.into_iter().map(|(_, found)| found).collect()
    }

    /// The highlighted match's position among `count` matches: none when there are none.
    pub fn selected(&self, count: usize) -> Option<usize> {
        count.checked_sub(1).map(|last| self.selected.min(last))
    }

    /// Moves the highlight by `by` among `count` matches, stopping at either end.
    fn move_by(&mut self, by: isize, count: usize) {
        if let Some(at) = self.selected(count) {
            let last = count.saturating_sub(1);
            self.selected = at.saturating_add_signed(by).min(last);
        }
    }

    /// Applies edits to the name; a changed name highlights its best match.
    fn edit(&mut self, edits: impl IntoIterator<Item = Edit>) {
        if self.line.apply_all(edits) {
            self.selected = 0;
        }
    }
}

impl App {
    /// The pillars the picker's name matches, best first; none outside the picker.
    pub fn pillar_matches(&self) -> Vec<PillarMatch> {
        match &self.mode {
            Mode::PillarPick(pick) => pick.matches(&self.timeline().pillars),
            _ => Vec::new(),
        }
    }

    /// Opens the picker, unless the timeline has a single pillar, when there is nothing to pick.
    pub(super) fn start_pillar_pick(&mut self) {
        if self.single_pillar() {
            return;
        }
        self.mode = Mode::PillarPick(PillarPick::default());
        self.look_at_timeline();
    }

    /// Edits the picker's name.
    pub(super) fn edit_pillar_pick(&mut self, edits: impl IntoIterator<Item = Edit>) {
        if let Mode::PillarPick(pick) = &mut self.mode {
            pick.edit(edits);
        }
    }

    /// Applies an action to the picker; false outside it, and for one it leaves to the rest of
    /// the app (quitting, resizing, typing).
    pub(super) fn update_pillar_pick(&mut self, action: Action) -> bool {
        let matches = self.pillar_matches();
        let Mode::PillarPick(pick) = &mut self.mode else {
            return false;
        };
        let chosen = pick.selected(matches.len()).map(|at| matches[at].pillar);
        match action {
            Action::Next => pick.move_by(1, matches.len()),
            Action::Previous => pick.move_by(-1, matches.len()),
            // The box covers the rows it would click or scroll.
            Action::Click { .. } | Action::Scroll { .. } => {}
            Action::CancelPillarPick => self.mode = Mode::Browse,
            Action::AcceptPillarPick | Action::TogglePillarPick => {
                if action == Action::AcceptPillarPick {
                    self.mode = Mode::Browse;
                }
                match chosen {
                    Some(pillar) => self.pick_pillar(pillar),
                    None => self.status = Some("No pillar matches the name typed".into()),
                }
            }
            _ => return false,
        }
        true
    }

    /// Shows one pillar more or less, as its number key does (see
    /// [`crate::timeline::PillarSet::pick`]); on a timeline of one pillar, says there is nothing
    /// to choose rather than hide its every event.
    pub(super) fn pick_pillar(&mut self, pillar: usize) {
        if self.single_pillar() {
            return;
        }
        if self.choices.pick_pillar(pillar) {
            self.refresh();
        } else {
            let count = self.timeline().pillars.len();
            self.status = Some(format!(
                "No pillar {}: this timeline has {count}",
                pillar + 1
            ));
        }
    }

    /// Whether the timeline has one pillar only, saying so in the status line: picking it would
    /// change nothing, and toggling it off would hide everything.
    fn single_pillar(&mut self) -> bool {
        let pillars = &self.timeline().pillars;
        if pillars.len() > 1 {
            return false;
        }
        let name = pillars.first().map_or("", |p| p.name.as_str());
        self.status = Some(format!("One pillar only ({name}): nothing to pick"));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Color;

    fn pillars(names: &[(&str, &str)]) -> Vec<Pillar> {
        let pillar = |&(id, name): &(&str, &str)| Pillar {
            id: id.into(),
            name: name.into(),
            color: Color::Reset,
        };
        names.iter().map(pillar).collect()
    }

    fn typed(text: &str) -> PillarPick {
        let mut pick = PillarPick::default();
        pick.line.set(text);
        pick
    }

    #[test]
    fn nothing_typed_lists_every_pillar_in_order() {
        let all = pillars(&[("a", "Alpha"), ("b", "Beta"), ("c", "Gamma")]);
        let found: Vec<usize> = typed("").matches(&all).iter().map(|m| m.pillar).collect();
        assert_eq!(found, [0, 1, 2]);
    }

    #[test]
    fn names_and_ids_are_matched_fuzzily_best_first() {
        let all = pillars(&[
            ("three-kingdoms", "三国时代"),
            ("three", "三国"),
            ("famous", "名人"),
            ("economic", "Economic"),
        ]);
        let found = typed("名人").matches(&all);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].pillar, found[0].positions.clone()),
            (2, vec![0, 1])
        );
        let found: Vec<usize> = typed("三国")
            .matches(&all)
            .iter()
            .map(|m| m.pillar)
            .collect();
        assert_eq!(found.len(), 2);
        assert!(found.contains(&0) && found.contains(&1));
        let by_id = typed("famous").matches(&all);
        assert_eq!(
            by_id[0].pillar, 2,
            "a name in another script is found by its id"
        );
        assert!(by_id[0].positions.is_empty());
        assert_eq!(typed("ecnmc").matches(&all)[0].pillar, 3);
        assert!(typed("zzz").matches(&all).is_empty());
    }

    #[test]
    fn the_highlight_stays_among_the_matches_and_a_new_name_starts_at_the_best() {
        let mut pick = PillarPick::default();
        assert_eq!(pick.selected(0), None);
        pick.move_by(5, 3);
        assert_eq!(pick.selected(3), Some(2));
        pick.move_by(-1, 3);
        assert_eq!(pick.selected(3), Some(1));
        assert_eq!(pick.selected(1), Some(0), "fewer matches than before");
        pick.move_by(-9, 3);
        assert_eq!(pick.selected(3), Some(0));
        pick.move_by(1, 3);
        pick.edit([Edit::Insert('x')]);
        assert_eq!(pick.selected(3), Some(0));
    }
}
