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
//! cstar.tickets().update(&ticket.id, UpdateTicket::patch().status(TicketStatus::Closed)).await?;
//! cstar.tickets().delete(&ticket.id).await?;
//! # Ok(()) }
//! ```

mod messages;
mod model;
mod params;

use cstar_core::{Call, Deleted, ItemStream, Page};

use crate::collection::{Collection, Routes};
use crate::ids::TicketId;
use crate::scope::TeamScope;

pub use messages::TicketMessages;
pub use model::{Message, Priority, Sender, Ticket, TicketCustomerSummary, TicketStatus};
pub use params::{CreateMessage, CreateTicket, ListTickets, TicketExpand, UpdateTicket};

/// The tickets resource; get it from [`CStarClient::tickets`](crate::CStarClient::tickets).
#[derive(Clone, Debug)]
pub struct Tickets {
    collection: Collection,
}

impl Tickets {
    pub(crate) fn new(scope: TeamScope) -> Self {
        Self {
            collection: Collection::new(
                scope,
                Routes {
                    list_template: "/tickets",
                    item_template: "/tickets/{id}",
                },
            ),
        }
    }

    /// One page of tickets, newest first.
    #[inline]
    pub fn list(&self, params: ListTickets) -> Call<Page<Ticket>> {
        self.collection.list(&params)
    }

    /// Every ticket matching the filters, fetched page by page as the stream is read.
    ///
    /// Starts at `params.page` (default 1) and uses `params.page_size` (default 100). Ends after
    /// the last page, or with the first error as its last item.
    #[inline]
    pub fn list_all(&self, params: ListTickets) -> ItemStream<Ticket> {
        self.collection.list_all(params)
    }

    /// One ticket with its whole message thread.
    #[inline]
    pub fn get(&self, id: impl Into<TicketId>) -> Call<Ticket> {
        self.collection.get(id.into().as_str())
    }

    /// Opens a ticket.
    #[inline]
    pub fn create(&self, params: CreateTicket) -> Call<Ticket> {
        self.collection.create(&params)
    }

    /// Changes what the patch sets.
    #[inline]
    pub fn update(&self, id: impl Into<TicketId>, patch: UpdateTicket) -> Call<Ticket> {
        self.collection.update(id.into().as_str(), &patch)
    }

    /// Deletes a ticket and its messages.
    #[inline]
    pub fn delete(&self, id: impl Into<TicketId>) -> Call<Deleted> {
        self.collection.delete(id.into().as_str())
    }

    /// The messages of one ticket.
    pub fn messages(&self, ticket_id: impl Into<TicketId>) -> TicketMessages {
        TicketMessages::new(self.collection.clone(), ticket_id.into())
    }
}
