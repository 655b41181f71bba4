//! Search, shared by the explorer and `ajtl search`: the query language ([`query`]), matching
//! primitives (`text`) and the prepared index that matches and ranks events ([`Index`]).

mod accents;
mod best;
mod field;
pub(crate) mod folded;
mod index;
pub(crate) mod parallel;
pub mod query;
mod text;

pub use index::{Candidates, Compiled, Correction, Hit, Hits, Index, Matches, SearchParts};
pub use query::{Query, QueryError};
