//! The leaf vocabulary every other module speaks: the team and its keys, environments, settings,
//! ids and the clock. It imports nothing from the rest of the crate but the documented delivery
//! defaults.

pub(crate) mod clock;
pub(crate) mod ids;
mod settings;
mod team;

pub use settings::PaginationLayout;
pub(crate) use settings::Settings;
pub(crate) use team::{Env, KeyKind, Team};
