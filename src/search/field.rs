//! The fields of an event that a text term is searched in, named once so that building the
//! folded text, matching and scoring all number them alike.

/// A field of an event that a text term is searched in. The order is the ranking's: a term
/// written out in an earlier field ranks its event higher ([`Field::written`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Title,
    Acronyms,
    /// The glossary's expansions of the event's acronyms.
    Expansions,
    Mechanisms,
    Place,
    /// The name of the event's pillar: a group's name (`/economic`, `/名人`) finds its events,
    /// below any event that writes the term anywhere but in its summary.
    Pillar,
    Summary,
}

impl Field {
    /// Every field, in ranking order.
    pub const ALL: [Field; 7] = [
        Field::Title,
        Field::Acronyms,
        Field::Expansions,
        Field::Mechanisms,
        Field::Place,
        Field::Pillar,
        Field::Summary,
    ];

    /// The fields an event's folded text lays out, in ranking order: all but the expansions,
    /// which live once in the glossary rather than in every event that lists the acronym, and
    /// the pillar's name, which lives once in the pillar rather than in each of its events.
    pub const FOLDED: [Field; 5] = [
        Field::Title,
        Field::Acronyms,
        Field::Mechanisms,
        Field::Place,
        Field::Summary,
    ];

    /// The score of a term written out in this field; a whole word scores a little more.
    pub const fn written(self) -> u32 {
        match self {
            Field::Title => 80,
            Field::Acronyms => 70,
            Field::Expansions => 60,
            Field::Mechanisms => 50,
            Field::Place => 40,
            Field::Pillar => 35,
            Field::Summary => 30,
        }
    }

    /// The score of a term's letters scattered in order through this field (fzf's fuzzy
    /// match), or `None` where terms are not matched that way: prose would match almost any.
    pub const fn scattered(self) -> Option<u32> {
        match self {
            Field::Title => Some(30),
            Field::Acronyms => Some(25),
            Field::Expansions => Some(20),
            Field::Mechanisms => Some(15),
            Field::Place => Some(10),
            // Letters scattered through a group's name would find every event of the group.
            Field::Pillar | Field::Summary => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_is_the_ranking_and_written_never_scores_below_scattered() {
        assert!(Field::ALL.is_sorted());
        assert!(
            Field::ALL
                .windows(2)
                .all(|w| w[0].written() > w[1].written())
        );
        let scattered: Vec<u32> = Field::ALL
            .into_iter()
            .filter_map(Field::scattered)
            .collect();
        assert!(scattered.windows(2).all(|w| w[0] > w[1]));
        let lowest_written = Field::ALL.map(Field::written).into_iter().min();
        assert!(scattered.into_iter().max() <= lowest_written);
    }
}
