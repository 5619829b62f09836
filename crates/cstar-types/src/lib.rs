//! The objects of the [cStar](https://www.cstar.help) API as plain Rust types, with no runtime
//! and no HTTP client: ids, open enums, timestamps, and the models every cstar-rs crate shares
//! (a ticket is the same [`Ticket`] from the admin API, a webhook, the realtime stream or the
//! chat widget).
//!
//! Every response model reads an API that moved on: a new field is ignored, a new enum value is
//! kept as `Unknown`, and a field that is `null` or missing (anything but the object's own `id`)
//! reads as the empty value written in its documentation ([`de::null_as_default`]).
//!
//! ```
//! use cstar_types::{Ticket, TicketStatus};
//!
//! let ticket: Ticket = serde_json::from_str(r#"{"id":"tkt_1","status":"escalated","title":null}"#)?;
//! assert_eq!(ticket.status, TicketStatus::Unknown("escalated".into()));
//! assert_eq!(ticket.title, "");
//! assert_eq!(ticket.created_at, None);
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! # Features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `jiff` | no | conversions between [`Timestamp`] and `jiff::Timestamp` |
//! | `testing` | no | [`testing::drift_check`], for your own tests of models |

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod de;
mod ids;
mod macros;
mod models;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
mod timestamp;

pub use ids::{
    ArticleId, CategoryId, CustomerId, MemberId, MessageId, PostId, TeamId, TicketId, TopicId,
    WebhookId,
};
pub use models::*;
pub use timestamp::{Timestamp, TimestampError};

#[doc(hidden)]
pub mod __private {
    pub use serde;
}
