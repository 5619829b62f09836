//! Server-Sent Events: the transport of cStar's realtime streams (feature `sse`).
//!
//! Three layers, each usable alone:
//!
//! - [`SseParser`]: the `text/event-stream` format, fed in arbitrary chunks.
//! - [`SseConnection`]: one authenticated GET that streams events, with an idle timeout so a
//!   silently dead connection is noticed (the server sends heartbeat comments).
//! - [`EventSource`]: a connection that reconnects with backoff and resumes with
//!   `Last-Event-ID`, dropping events it already delivered, so a consumer sees each event once
//!   and in order across reconnects (as far as the server's replay log reaches).
//!
//! ```no_run
//! use cstar_core::sse::{EventSource, SseItem, SseOptions};
//! use cstar_core::{Client, RequestSpec};
//!
//! # async fn demo(client: Client) {
//! let spec = RequestSpec::get("/webhooks/listen").in_team(&"team-uuid".into());
//! let mut source = EventSource::new(client, spec, SseOptions::default());
//! while let Some(item) = source.next().await {
//!     match item {
//!         SseItem::Event(event) => println!("{} {}", event.event, event.data),
//!         SseItem::Failed(error) => eprintln!("gave up: {error}"),
//!         _ => {}
//!     }
//! }
//! # }
//! ```

mod connection;
mod parser;
mod source;

pub use connection::SseConnection;
pub use parser::{MAX_LINE, SseEvent, SseParser};
pub use source::{EventSource, SseItem, SseOptions};

pub use crate::error::StreamError;
