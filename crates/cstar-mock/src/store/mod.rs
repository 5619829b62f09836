//! What the emulator remembers: the records of each environment, the document tables, the event
//! log, and [`State`], the aggregate of everything behind the one lock.

pub(crate) mod documents;
pub(crate) mod events;
pub(crate) mod records;
mod state;

pub(crate) use state::{Shared, State};
