//! Identifier newtypes: a customer id cannot be passed where a ticket id is expected.
//!
//! The ids are cstar-types' own, so a ticket id from a webhook, the realtime stream or the chat
//! widget is the same type as the admin API's.

pub use cstar_types::{
    ArticleId, CategoryId, CustomerId, MemberId, MessageId, TicketId, WebhookId,
};
