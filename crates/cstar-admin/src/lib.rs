//! The cStar admin API for Rust servers: [`CStarClient`], the Rust counterpart of
//! `@cstar.help/js`'s `CStarClient`.
//!
//! Every method returns a [`Call`] to tune (`.idempotency_key(..)`, `.timeout(..)`,
//! `.with_meta()`) and await. Lists return a [`Page`]; `list_all` streams every item lazily.
//! Failures are one [`Error`] type whose variants mirror the JS error classes.
//!
//! ```no_run
//! use cstar_admin::{CStarClient, CreateTicket, Error, ListTickets, TicketStatus};
//!
//! # async fn demo() -> cstar_admin::Result<()> {
//! let cstar = CStarClient::builder()
//!     .api_key(std::env::var("CSTAR_SECRET_KEY").unwrap_or_default())
//!     .team_id("8b7f3c1e-0000-4000-8000-000000000000")
//!     .build()?;
//!
//! let ticket = cstar.tickets().create(CreateTicket::new("Where is my order?")).await?;
//! let open = cstar.tickets().list(ListTickets::new().status(TicketStatus::Open)).await?;
//! println!("{} open", open.data.len());
//!
//! match cstar.tickets().get("tkt_does_not_exist").await {
//!     Err(Error::NotFound(e)) => println!("not found, request id {:?}", e.request_id()),
//!     other => println!("{other:?}"),
//! }
//! # let _ = ticket; Ok(()) }
//! ```
//!
//! # Features
//!
//! | feature | default | what it does |
//! |---|---|---|
//! | `rustls` | yes | TLS through rustls on ring |
//! | `native-tls` | no | TLS through the platform library |
//! | `offline` | no | [`offline`]: mutations made while cStar is unreachable are queued (in memory or a redb file) and replayed in order |
//! | `realtime` | no | [`CStarClient::realtime`]: events over Server-Sent Events, resumed across reconnects |
//! | `jiff` | no | conversions between [`Timestamp`] and `jiff::Timestamp` (the models need no date-time library) |

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod analytics;
pub mod articles;
pub mod audit_log;
pub mod automations;
pub mod billing;
pub mod bulk;
pub mod categories;
mod client;
mod collection;
pub mod community;
pub mod custom_fields;
pub mod customer_groups;
pub mod customers;
mod de;
pub mod export;
pub mod game;
mod ids;
pub mod import;
pub mod members;
pub mod notifications;
mod raw;
#[cfg(feature = "realtime")]
pub mod realtime;
mod scope;
pub mod search;
pub mod settings;
pub mod sla;
pub mod tags;
pub mod tickets;
pub mod views;
pub mod webhooks;
mod whoami;

pub use analytics::{
    Analytics, AnalyticsOverview, CsatFigures, CustomerCounts, Period, TicketCounts,
};
pub use articles::{
    Article, ArticleFields, ArticleStatus, Articles, CreateArticle, ListArticles, UpdateArticle,
};
pub use audit_log::{AuditEntry, AuditLog, ListAuditLog};
pub use automations::{Automation, Automations, CreateAutomation};
pub use billing::{Billing, BillingSubscription, PortalSession};
pub use bulk::{BulkAction, BulkRequest, BulkResult, MAX_BULK_IDS, RecordError, RecordType};
pub use categories::{
    Categories, Category, CategoryFields, CreateCategory, ListCategories, UpdateCategory,
};
pub use client::{CStarClient, CStarClientBuilder};
pub use community::{Community, CommunityPost, ListPosts, PostSort, PostStatus, PostVisibility};
pub use custom_fields::{
    CreateCustomField, CustomField, CustomFieldEntity, CustomFieldType, CustomFields,
};
pub use customer_groups::{CustomerGroup, CustomerGroups, ListCustomerGroups};
pub use customers::{
    CreateCustomer, Customer, CustomerStatus, Customers, ListCustomers, Sentiment, UpdateCustomer,
};
pub use export::{ExportFormat, ExportRequest, ExportResource, ExportResult};
pub use game::{Game, PlayerStats, Season, Streaks};
pub use ids::{ArticleId, CategoryId, CustomerId, MemberId, MessageId, TicketId, WebhookId};
pub use import::{ImportRequest, ImportResult, MAX_IMPORT_RECORDS, MergeStrategy};
pub use members::{ListMembers, Member, MemberRole, Members};
pub use notifications::{ListNotifications, Notification, Notifications, UnreadCount};
pub use raw::RawRequest;
pub use search::{SearchQuery, SearchResult, SearchResultType, SearchType};
pub use settings::{Settings, TeamSettings, UpdateSettings};
pub use sla::{CreateSlaRule, Sla, SlaRule};
pub use tags::{Tag, Tags};
pub use tickets::{
    CreateMessage, CreateTicket, ListTickets, Message, Priority, Sender, Ticket,
    TicketCustomerSummary, TicketExpand, TicketMessages, TicketStatus, Tickets, UpdateTicket,
};
pub use views::{CreateView, SavedView, SortOrder, ViewEntity, ViewVisibility, Views};
pub use webhooks::{
    CreateWebhook, CreatedWebhook, ListWebhooks, TriggerTestResult, UpdateWebhook, Webhook,
    WebhookSecret, WebhookTestResult, Webhooks,
};
pub use whoami::{KeyEnvironment, KeyType, WhoAmI};

/// The offline queue (feature `offline`): stores and flush outcomes.
#[cfg(feature = "offline")]
pub use cstar_core::offline;

/// HTTP methods, for [`CStarClient::request`].
pub use cstar_core::reqwest::Method;
pub use cstar_core::{
    ApiError, ApiKey, Call, ConfigError, DecodeError, Deleted, Environment, Error, ErrorCode,
    ErrorType, ItemStream, KeyKind, Meta, Page, Pagination, RateLimit, Result, RetryPolicy, TeamId,
    WithMeta,
};
/// Timestamps in API objects: the RFC 3339 text the API sent, ordered by instant (feature `jiff`
/// converts to `jiff::Timestamp`).
pub use cstar_types::Timestamp;
