//! The customer object: cstar-types' shared model, the same type a customer or ticket event
//! gives.
//!
//! Only the customer's own `id` is required; every other field reads `null` and absence as the
//! value its documentation names (see [`cstar_types::de::null_as_default`]).

pub use cstar_types::{Customer, CustomerStatus, Sentiment};
