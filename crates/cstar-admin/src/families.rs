//! The accessors of the optional resource families, one feature each (see the crate docs): a
//! program that manages tickets does not compile the families it never calls.

#[cfg(any(
    feature = "search",
    feature = "bulk",
    feature = "import",
    feature = "export"
))]
use cstar_core::Call;

#[cfg(feature = "analytics")]
use crate::analytics::Analytics;
#[cfg(feature = "audit-log")]
use crate::audit_log::AuditLog;
#[cfg(feature = "automations")]
use crate::automations::Automations;
#[cfg(feature = "billing")]
use crate::billing::Billing;
#[cfg(feature = "bulk")]
use crate::bulk::{BulkRequest, BulkResult};
use crate::client::CStarClient;
#[cfg(feature = "community")]
use crate::community::Community;
#[cfg(feature = "custom-fields")]
use crate::custom_fields::CustomFields;
#[cfg(feature = "customer-groups")]
use crate::customer_groups::CustomerGroups;
#[cfg(feature = "export")]
use crate::export::{ExportRequest, ExportResult};
#[cfg(feature = "game")]
use crate::game::Game;
#[cfg(feature = "import")]
use crate::import::{ImportRequest, ImportResult};
#[cfg(feature = "notifications")]
use crate::notifications::Notifications;
#[cfg(feature = "search")]
use crate::search::{SearchQuery, SearchResult};
#[cfg(feature = "settings")]
use crate::settings::Settings;
#[cfg(feature = "sla")]
use crate::sla::Sla;
#[cfg(feature = "tags")]
use crate::tags::Tags;
#[cfg(feature = "views")]
use crate::views::Views;

impl CStarClient {
    #[cfg(feature = "customer-groups")]
    /// Customer groups (organizations).
    pub fn customer_groups(&self) -> CustomerGroups {
        CustomerGroups::new(self.scope.clone())
    }

    #[cfg(feature = "tags")]
    /// Ticket tags.
    pub fn tags(&self) -> Tags {
        Tags::new(self.scope.clone())
    }

    #[cfg(feature = "custom-fields")]
    /// Custom field definitions.
    pub fn custom_fields(&self) -> CustomFields {
        CustomFields::new(self.scope.clone())
    }

    #[cfg(feature = "search")]
    /// One search across tickets, customers and articles, as one page (a hit the model cannot
    /// read is kept in the page's `unreadable`).
    #[inline]
    pub fn search(&self, query: SearchQuery) -> Call<cstar_core::Page<SearchResult>> {
        crate::search::search(&self.scope, &query)
    }

    #[cfg(feature = "views")]
    /// Saved views.
    pub fn views(&self) -> Views {
        Views::new(self.scope.clone())
    }

    #[cfg(feature = "bulk")]
    /// Updates or deletes up to 100 records in one call; more is
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before anything is sent.
    #[inline]
    pub fn bulk(&self, request: BulkRequest) -> Call<BulkResult> {
        crate::bulk::bulk(&self.scope, &request)
    }

    #[cfg(feature = "import")]
    /// Imports up to 500 records in one call; more is
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before anything is sent.
    #[inline]
    pub fn import(&self, request: ImportRequest) -> Call<ImportResult> {
        crate::import::import(&self.scope, &request)
    }

    #[cfg(feature = "export")]
    /// Exports records as JSON rows or CSV text.
    #[inline]
    pub fn export(&self, request: ExportRequest) -> Call<ExportResult> {
        crate::export::export(&self.scope, &request)
    }

    #[cfg(feature = "audit-log")]
    /// The audit log.
    pub fn audit_log(&self) -> AuditLog {
        AuditLog::new(self.scope.clone())
    }

    #[cfg(feature = "analytics")]
    /// Analytics (secret key only).
    pub fn analytics(&self) -> Analytics {
        Analytics::new(self.scope.clone())
    }

    #[cfg(feature = "sla")]
    /// SLA rules.
    pub fn sla(&self) -> Sla {
        Sla::new(self.scope.clone())
    }

    #[cfg(feature = "automations")]
    /// Automation rules.
    pub fn automations(&self) -> Automations {
        Automations::new(self.scope.clone())
    }

    #[cfg(feature = "notifications")]
    /// In-app notifications.
    pub fn notifications(&self) -> Notifications {
        Notifications::new(self.scope.clone())
    }

    #[cfg(feature = "settings")]
    /// Team settings (secret key only).
    pub fn settings(&self) -> Settings {
        Settings::new(self.scope.clone())
    }

    #[cfg(feature = "billing")]
    /// Billing (secret key only).
    pub fn billing(&self) -> Billing {
        Billing::new(self.scope.clone())
    }

    #[cfg(feature = "community")]
    /// The community forum, admin side.
    pub fn community(&self) -> Community {
        Community::new(self.scope.clone())
    }

    #[cfg(feature = "game")]
    /// Gamification.
    pub fn game(&self) -> Game {
        Game::new(self.scope.clone())
    }
}
