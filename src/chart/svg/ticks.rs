//! The SVG chart's time axis: a rule under the lanes, grid lines behind them, and the ticks
//! [`Axis::ticks`] picks, each placed at the exact time it names rather than at its column.

use std::io;

use quick_xml::events::BytesText;

use super::paint::{INK, number};
use super::{Frame, Out, SMALL_SIZE};
use crate::chart::Axis;
use crate::timeline::Moment;

/// Grid lines across the lanes from `top` to `bottom`, the axis under them, and its ticks
/// with their labels centred under them.
pub(super) fn draw_axis(
    out: &mut Out,
    axis: &Axis,
    frame: &Frame,
    top: f64,
    bottom: f64,
) -> io::Result<()> {
    let rule = [
        ("x1", number(frame.left)),
        ("x2", number(frame.right)),
        ("y1", number(bottom)),
        ("y2", number(bottom)),
        ("stroke", INK.to_string()),
    ];
    out.create_element("g")
        .with_attributes([("class", "axis"), ("text-anchor", "middle")])
        .write_inner_content(|out| {
            out.create_element("line")
                .with_attributes(rule.iter().map(|(key, value)| (*key, value.as_str())))
                .write_empty()?;
            for tick in axis.ticks() {
                let x = number(frame.x(tick_time(axis, tick.column)));
                for (from, to, stroke) in [(top, bottom, "#d0d0d0"), (bottom, bottom + 5.0, INK)] {
                    out.create_element("line")
                        .with_attributes([
                            ("x1", x.as_str()),
                            ("x2", x.as_str()),
                            ("y1", number(from).as_str()),
                            ("y2", number(to).as_str()),
                            ("stroke", stroke),
                        ])
                        .write_empty()?;
                }
                out.create_element("text")
                    .with_attributes([
                        ("x", x.as_str()),
                        ("y", number(bottom + 18.0).as_str()),
                        ("font-size", number(SMALL_SIZE + 1.0).as_str()),
                    ])
                    .write_text_content(BytesText::new(&tick.label))?;
            }
            Ok(())
        })?;
    Ok(())
}

/// The time a tick at `column` marks: the roundest time in the column (a multiple of the
/// largest power of ten years, else a month's first day, else a day's start), since ticks
/// stand at round times and at most one falls in a column; the column's middle if none does.
fn tick_time(axis: &Axis, column: usize) -> f64 {
    let per_column = (axis.end() - axis.start()) / axis.width() as f64;
    let from = axis.start() + column as f64 * per_column;
    let within = |time: f64| (from..from + per_column).contains(&time);
    for power in (0..=12).rev() {
        let step = 10f64.powi(power);
        let round = (from / step).ceil() * step;
        if within(round) {
            return round;
        }
    }
    let year = from.floor() as i64;
    let days = (1..=12)
        .map(|month| (month, 1))
        .chain((1..=12).flat_map(|month| (2..=31).map(move |day| (month, day))));
    days.filter_map(|(month, day)| Moment::day_start(year, month, day))
        .map(Moment::as_years)
        .find(|&time| within(time))
        .unwrap_or_else(|| axis.time(column))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The time of every tick the axis picks.
    fn times(axis: &Axis) -> Vec<f64> {
        let ticks = axis.ticks();
        assert!(ticks.len() >= 2, "{ticks:?}");
        ticks
            .iter()
            .map(|tick| tick_time(axis, tick.column))
            .collect()
    }

    #[test]
    fn ticks_stand_at_the_times_their_labels_name() {
        let decades = Axis::new(1973.0, 2031.0, 140);
        assert_eq!(times(&decades)[..2], [1975.0, 1980.0]);
        let deep = Axis::new(-13.8e9, 2026.0, 140);
        assert_eq!(times(&deep)[0], -12e9);
        let months = Axis::new(2006.0, 2007.5, 140);
        let april = Moment::day_start(2006, 4, 1).unwrap().as_years();
        assert_eq!(times(&months)[..2], [2006.0, april]);
        let start = Moment::day_start(2006, 3, 1).unwrap().as_years();
        let end = Moment::day_start(2006, 3, 8).unwrap().as_years();
        let second = Moment::day_start(2006, 3, 2).unwrap().as_years();
        assert_eq!(times(&Axis::new(start, end, 140))[..2], [start, second]);
    }
}
