//! The explorer's behaviour, independent of any real terminal: actions, the keys, state and the
//! event loop: keys become actions, `App::update` applies them, `ui::render` draws the result.

pub mod about;
pub mod action;
pub mod density;
pub mod effect;
pub mod geometry;
mod history;
pub mod index_view;
pub mod keys;
pub mod line;
mod links;
pub mod loading;
pub mod prose;
mod rows;
pub mod run;
pub mod state;

pub use action::{Action, Edit};
pub use run::{Host, Input, Inputs, Live, Offline, Outcome, run};
pub use state::{App, Body, Data, Focus, Mode, Order, PillarMatch, PillarPick, Prompt, Window};
