//! The API the emulator serves: the admin API under `/api/v1` and the six customer-facing
//! surfaces under `/api/<surface>/{team}`.

pub(crate) mod admin;
pub(crate) mod auth;
pub(crate) mod chat;
pub(crate) mod community;
pub(crate) mod library;
pub(crate) mod proactive;
pub(crate) mod quickhelp;
