//! The domain: dated events grouped into pillars, with a glossary. Knows nothing of terminals.

pub mod date;
mod fast;
pub mod filter;
mod import;
pub mod load;
pub mod model;
mod raw;
pub mod text;
mod validate;

pub use date::{
    DateError, EventDate, MAX_YEAR, Moment, PartialDate, Precision, TimeOfDay, compact_year,
    month_name, year_label, years_label,
};
pub use filter::{Filter, FilterError, PillarSet, YearRange};
pub use import::Ignored;
pub use load::{
    BUNDLED_NAME, FileBytes, LoadError, Loaded, Problem, Progress, SourceFile, Stage, Subject,
    bundled, load_bytes, load_file, load_read, load_str,
};
pub use model::{
    Era, Event, EventId, EventText, Facts, IMPLICIT_PILLAR, Laid, Media, Name, Pillar, Timeline,
    UNDATED, When,
};
