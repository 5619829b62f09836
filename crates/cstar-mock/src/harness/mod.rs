//! What a test holds: the builder (and the plain options programs map onto it), the running server's handle (lifecycle, steering,
//! inspection), the faults it queues, the request log, the seed, and the `/__cstar_mock/` control
//! routes that do the same over HTTP.

pub(crate) mod builder;
pub(crate) mod chaos;
pub(crate) mod control;
pub(crate) mod faults;
mod inspection;
pub(crate) mod options;
pub(crate) mod request_log;
pub(crate) mod seed;
pub(crate) mod server;
mod steering;
