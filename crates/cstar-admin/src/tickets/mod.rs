//! Tickets: `cstar.tickets()` with `list`, `list_all`, `get`, `create`, `update`, `delete`, and
//! the `messages(id)` sub-resource.
//!
//! ```no_run
//! use futures_util::TryStreamExt;
//! use cstar_admin::{CStarClient, CreateTicket, ListTickets, TicketStatus, UpdateTicket};
//!
//! # async fn demo(cstar: CStarClient) -> cstar_admin::Result<()> {
//! let ticket = cstar.tickets().create(CreateTicket::new("Printer on fire")).await?;
//! let page = cstar.tickets().list(ListTickets::new().status(TicketStatus::New)).await?;
//! println!("{} new tickets on this page, more: {}", page.data.len(), page.has_more);
//!
//! let open: Vec<_> = cstar
//!     .tickets()
//!     .list_all(ListTickets::new().status(TicketStatus::Open))
//!     .try_collect()
//!     .await?;
//!
//! cstar.tickets().update(&ticket.id, UpdateTicket::new().status(TicketStatus::Closed)).await?;
//! cstar.tickets().delete(&ticket.id).await?;
//! # Ok(()) }
//! ```

mod messages;
mod model;
mod params;

use cstar_core::reqwest::Method;
use cstar_core::{Call, Deleted, ItemStream, Page, paginate};

use crate::ids::TicketId;
use crate::scope::TeamScope;

pub use messages::TicketMessages;
pub use model::{Message, Priority, Sender, Ticket, TicketCustomerSummary, TicketStatus};
pub use params::{CreateMessage, CreateTicket, ListTickets, TicketExpand, UpdateTicket};

/// The page size `list_all` uses when the params set none: the API's maximum, as the JS docs
/// recommend for walking everything.
const WALK_PAGE_SIZE: u32 = 100;

/// The tickets resource; get it from [`CStarClient::tickets`](crate::CStarClient::tickets).
#[derive(Clone, Debug)]
pub struct Tickets {
    scope: TeamScope,
}

impl Tickets {
    pub(crate) fn new(scope: TeamScope) -> Self {
        Self { scope }
    }

    /// One page of tickets, newest first.
    pub fn list(&self, params: ListTickets) -> Call<Page<Ticket>> {
        let spec = self
            .scope
            .spec(Method::GET, "/tickets")
            .segments(["tickets"])
            .query_params(&params);
        Call::list(&self.scope.client, spec)
    }

    /// Every ticket matching the filters, fetched page by page as the stream is read.
    ///
    /// Starts at `params.page` (default 1) and uses `params.page_size` (default 100). Ends after
    /// the last page, or with the first error as its last item.
    pub fn list_all(&self, params: ListTickets) -> ItemStream<Ticket> {
        let tickets = self.clone();
        let first = params.page.unwrap_or(1);
        let mut params = params;
        params.page_size = params.page_size.or(Some(WALK_PAGE_SIZE));
        paginate(first, move |page| {
            tickets.list(ListTickets {
                page: Some(page),
                ..params.clone()
            })
        })
    }

    /// One ticket with its whole message thread.
    pub fn get(&self, id: impl Into<TicketId>) -> Call<Ticket> {
        let id = id.into();
        let spec = self
            .scope
            .spec(Method::GET, "/tickets/{id}")
            .segments(["tickets"])
            .id_segment("ticket id", id.as_str());
        Call::single(&self.scope.client, spec)
    }

    /// Opens a ticket.
    pub fn create(&self, params: CreateTicket) -> Call<Ticket> {
        let spec = self
            .scope
            .spec(Method::POST, "/tickets")
            .segments(["tickets"])
            .json_body(&params);
        Call::single(&self.scope.client, spec)
    }

    /// Changes what the patch sets.
    pub fn update(&self, id: impl Into<TicketId>, patch: UpdateTicket) -> Call<Ticket> {
        let id = id.into();
        let spec = self
            .scope
            .spec(Method::PATCH, "/tickets/{id}")
            .segments(["tickets"])
            .id_segment("ticket id", id.as_str())
            .json_body(&patch);
        Call::single(&self.scope.client, spec)
    }

    /// Deletes a ticket and its messages.
    pub fn delete(&self, id: impl Into<TicketId>) -> Call<Deleted> {
        let id = id.into();
        let spec = self
            .scope
            .spec(Method::DELETE, "/tickets/{id}")
            .segments(["tickets"])
            .id_segment("ticket id", id.as_str());
        Call::deleted(&self.scope.client, spec)
    }

    /// The messages of one ticket.
    pub fn messages(&self, ticket_id: impl Into<TicketId>) -> TicketMessages {
        TicketMessages::new(self.scope.clone(), ticket_id.into())
    }
}
