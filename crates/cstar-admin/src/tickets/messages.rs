//! `tickets().messages(id)`: a ticket's thread.

use cstar_core::reqwest::Method;
use cstar_core::{Call, Page, RequestSpec};

use super::model::Message;
use super::params::CreateMessage;
use crate::collection::Collection;
use crate::ids::TicketId;

/// The messages of one ticket.
///
/// ```no_run
/// use cstar_admin::{CStarClient, CreateMessage, Sender};
///
/// # async fn demo(cstar: CStarClient) -> cstar_admin::Result<()> {
/// let thread = cstar.tickets().messages("tkt_123");
/// thread.create(CreateMessage::new("Fixed in 2.4.1").sender(Sender::Agent)).await?;
/// for message in thread.list().await?.data {
///     println!("{:?}: {}", message.sender, message.content);
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct TicketMessages {
    tickets: Collection,
    ticket_id: TicketId,
}

impl TicketMessages {
    pub(crate) fn new(tickets: Collection, ticket_id: TicketId) -> Self {
        Self { tickets, ticket_id }
    }

    fn spec(&self, method: Method) -> RequestSpec {
        self.tickets
            .item_spec_as(method, "/tickets/{id}/messages", self.ticket_id.as_str())
    }

    /// The whole thread, oldest first. The API sends it as one list without pagination, so the
    /// page's `has_more` is false.
    #[inline]
    pub fn list(&self) -> Call<Page<Message>> {
        Call::list(&self.tickets.scope.client, self.spec(Method::GET))
    }

    /// Adds a message (the `ticket.message_added` event follows).
    #[inline]
    pub fn create(&self, params: CreateMessage) -> Call<Message> {
        Call::single(
            &self.tickets.scope.client,
            self.spec(Method::POST).json_body(&params),
        )
    }
}
