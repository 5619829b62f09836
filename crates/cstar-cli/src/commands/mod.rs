//! The smaller commands, one per module (`listen` and `mcp-server` live in their own).

pub(crate) mod api;
pub(crate) mod completions;
pub(crate) mod login;
pub(crate) mod logout;
pub(crate) mod mock;
pub(crate) mod status;
pub(crate) mod tickets;
pub(crate) mod trigger;
