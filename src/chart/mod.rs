//! The timeline seen as a chart: events placed on a time axis, one lane per pillar, so gaps,
//! clusters and durations are seen rather than read. Domain-side, like [`crate::timeline`]: it
//! knows no terminal.
//!
//! - [`axis`]: a span of time mapped onto columns, and ticks that adapt to it.
//! - [`lanes`]: events binned per column into a lane per pillar, stacked or counted.
//! - [`text`]: the chart as lines of text, for `ajtl chart --format text`.

pub mod axis;
pub mod lanes;
pub mod svg;
pub mod text;

pub use axis::{Axis, Tick};
pub use lanes::{Cell, Lane, Lanes, Mark, Placed};
