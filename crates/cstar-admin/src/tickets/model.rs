//! The ticket and message objects as the API returns them: cstar-types' shared models, the same
//! types a webhook, the realtime stream and the chat widget give.
//!
//! Only a ticket's and a message's own `id` is required; every other field reads `null` and
//! absence as the value its documentation names (see [`cstar_types::de::null_as_default`]).

pub use cstar_types::{Message, Priority, Sender, Ticket, TicketCustomerSummary, TicketStatus};
