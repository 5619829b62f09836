//! Verify and type [cStar](https://www.cstar.help) webhooks: the Rust counterpart of
//! `@cstar.help/js/webhook` and `/webhook/node`, for any web framework, synchronous, with
//! nothing but ring, serde and serde_json underneath (no async runtime, no HTTP client).
//!
//! cStar signs each delivery with `X-Signature: t=<unix seconds>,v1=<hex>`, an HMAC-SHA256 keyed
//! with the webhook's whole signing secret (`whsec_...`) over `"{t}.{raw body}"`. This crate
//! checks the header's form, that `t` is within the tolerance (300 s by default) in either
//! direction, and the HMAC in constant time; every `v1` in the header is tried and several
//! secrets may be given, so secret rotation works. The legacy `sha256=<hex>` header (an HMAC of
//! the body alone) is still accepted, but it carries no timestamp and so no replay protection:
//! dedupe on the event id.
//!
//! ```
//! use cstar_webhook::{Event, EventData, EventType, Verifier, sign};
//!
//! // In your handler: the raw body bytes exactly as received, and the X-Signature header.
//! let raw_body = br#"{"id":"evt_1","type":"ticket.created","created_at":"2026-11-25T10:00:00Z",
//!     "team_id":"8b7f3c1e","data":{"ticket":{"id":"tkt_1","title":"Printer on fire"}}}"#;
//! let header = sign(raw_body, "whsec_abc", 1_800_000_000); // what cStar would send
//!
//! let verifier = Verifier::new("whsec_abc")?;
//! let event: Event = verifier.construct_event_at(raw_body, &header, 1_800_000_005)?;
//! match (&event.event_type, event.typed()) {
//!     (EventType::TicketCreated, EventData::Ticket(t)) => {
//!         assert_eq!(t.ticket.title, "Printer on fire");
//!     }
//!     (other, _) => println!("ignoring {other}"),
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Pass the raw body: a framework that parses JSON first and hands you a re-serialized string
//! changes the bytes, and the signature will not match.
//!
//! # Features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `http` | no | `Verifier::construct_event_from_headers`, taking an `http::HeaderMap` |

#![cfg_attr(docsrs, feature(doc_cfg))]

mod error;
mod event;
pub mod headers;
mod hex;
mod secret;
mod sign;
mod signature_header;
mod verify;

/// The shared models and enums the events carry (`TicketStatus`, `Priority`, ...), so a
/// webhook-only user needs no second dependency.
pub use cstar_types as types;
pub use error::WebhookError;
pub use event::{
    ArticleData, ArticleEvent, Change, CustomerData, CustomerEvent, Event, EventData, EventType,
    MessageData, TicketData, TicketEvent,
};
pub use secret::Secret;
pub use sign::{sign, sign_legacy};
pub use verify::{DEFAULT_TOLERANCE, Verified, Verifier, construct_event, verify_signature};
