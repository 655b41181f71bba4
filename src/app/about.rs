//! The About overlay (`i`): what the timeline says of itself — its title, its description (the
//! introduction a TimelineJS title slide gives), its source, what it holds and its eras —
//! where a reader meets a timeline they did not write. Laid out here, to a width, so that the
//! overlay's scroll can stop at its last line; `ui::about` only styles and draws it.

use ratatui::layout::{Constraint, Flex, Layout, Rect};

use super::prose;
use crate::output;
use crate::timeline::Timeline;

/// The widest the overlay grows: prose reads badly in longer lines.
const MAX_WIDTH: u16 = 78;
/// The label column of the `Source` and `Holds` lines.
const LABEL_WIDTH: usize = 8;

/// What a line of the overlay is, for its style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Title,
    /// A section's heading (`Eras`) or a field's label.
    Label,
    Text,
    /// Said when there is nothing to show.
    Missing,
}

/// The overlay over `screen`: centred, as wide as prose reads well, as high as its `lines`
/// (borders included) or the screen allows.
pub fn area(screen: Rect, lines: usize) -> Rect {
    let width = MAX_WIDTH.min(screen.width.saturating_sub(2));
    let height = u16::try_from(lines + 2)
        .unwrap_or(u16::MAX)
        .min(screen.height.saturating_sub(2));
    let [column] =
        screen.layout(&Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center));
    let [popup] = column.layout(&Layout::vertical([Constraint::Length(height)]).flex(Flex::Center));
    popup
}

/// The columns the overlay's text has over `screen`: its width less the borders and a margin
/// on each side.
pub fn text_width(screen: Rect) -> usize {
    usize::from(MAX_WIDTH.min(screen.width.saturating_sub(2))).saturating_sub(4)
}

/// One line of the overlay: its pieces, each with what it is.
pub type AboutLine = Vec<(Part, String)>;

/// The overlay's lines for `timeline`, wrapped to `width` columns.
pub fn lines(timeline: &Timeline, width: usize) -> Vec<AboutLine> {
    let of = |part: Part| move |text: String| vec![(part, text)];
    let mut lines: Vec<AboutLine> = prose::wrap(&timeline.title, width)
        .into_iter()
        .map(of(Part::Title))
        .collect();
    lines.push(Vec::new());
    if timeline.description.trim().is_empty() {
        lines.push(of(Part::Missing)("The timeline has no description.".into()));
    } else {
        let description = prose::wrap(&timeline.description, width);
        lines.extend(description.into_iter().map(of(Part::Text)));
    }
    lines.push(Vec::new());
    let mut field = |label: &str, value: &str| {
        let first = format!("{label:<LABEL_WIDTH$}");
        for line in prose::hanging(value, &first, width) {
            lines.push(match line.strip_prefix(first.as_str()) {
                Some(text) => vec![(Part::Label, first.clone()), (Part::Text, text.into())],
                None => vec![(Part::Text, line)],
            });
        }
    };
    if !timeline.source.is_empty() {
        field("Source", &timeline.source);
    }
    field("Holds", &output::summary(timeline));
    if !timeline.eras.is_empty() {
        lines.push(Vec::new());
        lines.push(of(Part::Label)("Eras".into()));
        for era in &timeline.eras {
            let line = format!("{} · {}", era.title, era.date);
            let wrapped = prose::hanging(&line, "  ", width);
            lines.extend(wrapped.into_iter().map(of(Part::Text)));
        }
    }
    lines
}
