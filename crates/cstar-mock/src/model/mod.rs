//! The leaf vocabulary every other module speaks: the team and its keys, environments, settings,
//! ids and the clock. It imports nothing from the rest of the crate.

pub(crate) mod clock;
mod drift;
pub(crate) mod ids;
mod settings;
mod team;

pub use drift::{Drift, DriftMode};
pub(crate) use settings::Settings;
pub use settings::{DOCUMENTED_RECEIVER_TIMEOUT, DOCUMENTED_RETRY_SCHEDULE, PaginationLayout};
pub(crate) use team::{Env, KeyKind, Team};
