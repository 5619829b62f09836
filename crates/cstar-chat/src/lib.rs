//! cStar chat for Rust: the counterpart of `@cstar.help/js/chat`.
//!
//! Two halves. On your server, [`identity`] signs who a customer is, so that the chat can trust
//! it (the signer Rust backends used to write by hand). In your app, [`ChatClient`] is the
//! customer's side of the chat: an anonymous session that may start conversations, `identify`
//! to see all of the customer's conversations, messages, live updates over Server-Sent Events
//! with a polling fallback, and typing indicators. The session lives in a [`SessionStore`]
//! (memory by default, [`FileStore`] to keep an anonymous conversation across restarts).
//! Errors are the one [`Error`] of every cstar-rs crate: an anonymous session listing
//! conversations gets one for which [`Error::is_identify_required`] holds.
//!
//! ```
//! // On the server: sign the identity your app will pass to ChatClient::identify.
//! use cstar_chat::identity::{Identity, sign};
//!
//! let identity = Identity::new("jane@example.com", "42", 1_700_000_000).name("Jane Doe");
//! // The chat identity secret from your settings: not the API key (see `identity`).
//! let signature = sign(&identity, "your-chat-identity-secret");
//! assert_eq!(signature.len(), 64);
//! ```
//!
//! # Features
//!
//! | feature | default | what it does |
//! |---|---|---|
//! | `rustls` | yes | TLS through rustls on ring |
//! | `native-tls` | no | TLS through the platform library |

#![cfg_attr(docsrs, feature(doc_cfg))]

mod client;
mod connection;
mod feed;
pub mod identity;
mod model;
mod session;

pub use client::{ChatClient, ChatClientBuilder, DEFAULT_POLLING_INTERVAL};
pub use connection::ConnectionState;
pub use cstar_core::session::{FileStore, MemoryStore, SessionStore, SessionStoreError};
pub use cstar_core::{Call, Error, Page, Result, Subscription};
pub use cstar_types::{CustomerId, MessageId, Sender, TicketId, TicketStatus, Timestamp};
pub use model::{ChatCustomer, ChatMessage, Conversation, TypingAgent};
