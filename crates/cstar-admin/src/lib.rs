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
//! | `all-resources` | no | every resource family below |
//! | `analytics`, `audit-log`, `automations`, `billing`, `bulk`, `community`, `custom-fields`, `customer-groups`, `export`, `game`, `import`, `notifications`, `search`, `settings`, `sla`, `tags`, `views` | no | that family's accessor on [`CStarClient`] and its types |
//!
//! Tickets (and their messages), customers, articles, categories, webhooks, members, `whoami`
//! and raw requests are always there. The other families are one feature each, so a program that
//! manages tickets does not compile seventeen families it never calls: measured, they are about
//! 43% of this crate's build (2.2 of 5.1 CPU-seconds). `cstar`'s `admin-all` (and `full`) turn
//! them all on.

#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "analytics")]
pub mod analytics;
pub mod articles;
#[cfg(feature = "audit-log")]
pub mod audit_log;
#[cfg(feature = "automations")]
pub mod automations;
#[cfg(feature = "billing")]
pub mod billing;
#[cfg(feature = "bulk")]
pub mod bulk;
pub mod categories;
mod client;
mod collection;
#[cfg(feature = "community")]
pub mod community;
#[cfg(feature = "custom-fields")]
pub mod custom_fields;
#[cfg(feature = "customer-groups")]
pub mod customer_groups;
pub mod customers;
mod de;
#[cfg(feature = "export")]
pub mod export;
mod families;
#[cfg(feature = "game")]
pub mod game;
mod ids;
#[cfg(feature = "import")]
pub mod import;
pub mod members;
#[cfg(feature = "notifications")]
pub mod notifications;
mod raw;
#[cfg(feature = "realtime")]
pub mod realtime;
mod scope;
#[cfg(feature = "search")]
pub mod search;
#[cfg(feature = "settings")]
pub mod settings;
#[cfg(feature = "sla")]
pub mod sla;
#[cfg(feature = "tags")]
pub mod tags;
pub mod tickets;
#[cfg(feature = "views")]
pub mod views;
pub mod webhooks;
mod whoami;

#[cfg(feature = "analytics")]
pub use analytics::{
    Analytics, AnalyticsOverview, CsatFigures, CustomerCounts, Period, TicketCounts,
};
pub use articles::{
    Article, ArticleFields, ArticleStatus, Articles, CreateArticle, ListArticles, UpdateArticle,
};
#[cfg(feature = "audit-log")]
pub use audit_log::{AuditEntry, AuditLog, ListAuditLog};
#[cfg(feature = "automations")]
pub use automations::{Automation, Automations, CreateAutomation};
#[cfg(feature = "billing")]
pub use billing::{Billing, BillingSubscription, PortalSession};
#[cfg(feature = "bulk")]
pub use bulk::{BulkAction, BulkRequest, BulkResult, MAX_BULK_IDS, RecordError, RecordType};
pub use categories::{
    Categories, Category, CategoryFields, CreateCategory, ListCategories, UpdateCategory,
};
pub use client::{CStarClient, CStarClientBuilder};
#[cfg(feature = "community")]
pub use community::{Community, CommunityPost, ListPosts, PostSort, PostStatus, PostVisibility};
#[cfg(feature = "custom-fields")]
pub use custom_fields::{
    CreateCustomField, CustomField, CustomFieldEntity, CustomFieldType, CustomFields,
};
#[cfg(feature = "customer-groups")]
pub use customer_groups::{CustomerGroup, CustomerGroups, ListCustomerGroups};
pub use customers::{
    CreateCustomer, Customer, CustomerStatus, Customers, ListCustomers, Sentiment, UpdateCustomer,
};
#[cfg(feature = "export")]
pub use export::{ExportFormat, ExportRequest, ExportResource, ExportResult};
#[cfg(feature = "game")]
pub use game::{Game, PlayerStats, Season, Streaks};
pub use ids::{ArticleId, CategoryId, CustomerId, MemberId, MessageId, TicketId, WebhookId};
#[cfg(feature = "import")]
pub use import::{ImportRequest, ImportResult, MAX_IMPORT_RECORDS, MergeStrategy};
pub use members::{ListMembers, Member, MemberRole, Members};
#[cfg(feature = "notifications")]
pub use notifications::{ListNotifications, Notification, Notifications, UnreadCount};
pub use raw::RawRequest;
#[cfg(feature = "search")]
pub use search::{SearchQuery, SearchResult, SearchResultType, SearchType};
#[cfg(feature = "settings")]
pub use settings::{Settings, TeamSettings, UpdateSettings};
#[cfg(feature = "sla")]
pub use sla::{CreateSlaRule, Sla, SlaRule};
#[cfg(feature = "tags")]
pub use tags::{Tag, Tags};
pub use tickets::{
    CreateMessage, CreateTicket, ListTickets, Message, Priority, Sender, Ticket,
    TicketCustomerSummary, TicketExpand, TicketMessages, TicketStatus, Tickets, UpdateTicket,
};
#[cfg(feature = "views")]
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
    UnreadableRecord, WithMeta,
};
/// Timestamps in API objects: the RFC 3339 text the API sent, ordered by instant (feature `jiff`
/// converts to `jiff::Timestamp`).
pub use cstar_types::Timestamp;
