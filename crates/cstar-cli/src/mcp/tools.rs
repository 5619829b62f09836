//! The MCP tools: three families to search and read, three writes that change the team's data.

use cstar_admin::{
    CreateMessage, ListArticles, ListCustomers, ListTickets, Priority, Sender, TicketStatus,
    UpdateTicket,
};
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{CallToolResult, ContentBlock};
use rmcp::{ErrorData, tool, tool_router};
use serde::Serialize;

use super::CStarTools;
use super::params::{AddMessage, ById, CreateTicket, Search, SearchTickets, UpdateStatus};

/// The tools that change data, hidden and refused unless `--allow-writes`.
pub(crate) const WRITE_TOOLS: [&str; 3] = ["create_ticket", "add_message", "update_ticket_status"];

type ToolResult = Result<CallToolResult, ErrorData>;

#[tool_router(vis = "pub(crate)")]
impl CStarTools {
    /// Searches the team's support tickets by text and status, newest first. Read-only.
    #[tool(annotations(read_only_hint = true))]
    async fn search_tickets(&self, Parameters(p): Parameters<SearchTickets>) -> ToolResult {
        let mut params = ListTickets::new().page_size(limit(p.limit));
        if let Some(query) = p.query {
            params = params.search(query);
        }
        if let Some(status) = p.status {
            params = params.status(TicketStatus::from(status.as_str()));
        }
        answer(
            self.client
                .tickets()
                .list(params)
                .await
                .map(|page| page.data),
        )
    }

    /// Reads one ticket with its whole conversation (messages). Read-only.
    #[tool(annotations(read_only_hint = true))]
    async fn get_ticket(&self, Parameters(p): Parameters<ById>) -> ToolResult {
        answer(self.client.tickets().get(p.id.as_str()).await)
    }

    /// Searches the team's customers by name or email. Read-only.
    #[tool(annotations(read_only_hint = true))]
    async fn search_customers(&self, Parameters(p): Parameters<Search>) -> ToolResult {
        let mut params = ListCustomers::new().page_size(limit(p.limit));
        if let Some(query) = p.query {
            params = params.search(query);
        }
        answer(
            self.client
                .customers()
                .list(params)
                .await
                .map(|page| page.data),
        )
    }

    /// Reads one customer's profile. Read-only.
    #[tool(annotations(read_only_hint = true))]
    async fn get_customer(&self, Parameters(p): Parameters<ById>) -> ToolResult {
        answer(self.client.customers().get(p.id.as_str()).await)
    }

    /// Searches the knowledge base's articles by text. Read-only.
    #[tool(annotations(read_only_hint = true))]
    async fn search_articles(&self, Parameters(p): Parameters<Search>) -> ToolResult {
        let mut params = ListArticles::new().page_size(limit(p.limit));
        if let Some(query) = p.query {
            params = params.search(query);
        }
        answer(
            self.client
                .articles()
                .list(params)
                .await
                .map(|page| page.data),
        )
    }

    /// Reads one knowledge-base article with its content. Read-only.
    #[tool(annotations(read_only_hint = true))]
    async fn get_article(&self, Parameters(p): Parameters<ById>) -> ToolResult {
        answer(self.client.articles().get(p.id.as_str()).await)
    }

    /// WRITES: creates a new support ticket in the team's inbox (visible to every agent; may
    /// notify the team and fire webhooks). Returns the created ticket.
    #[tool(annotations(read_only_hint = false, destructive_hint = false))]
    async fn create_ticket(&self, Parameters(p): Parameters<CreateTicket>) -> ToolResult {
        let mut params = cstar_admin::CreateTicket::new(p.title);
        if let Some(priority) = p.priority {
            params = params.priority(Priority::from(priority.as_str()));
        }
        if let Some(id) = p.customer_id {
            params = params.customer_id(id);
        }
        if let Some(notes) = p.notes {
            params = params.notes(notes);
        }
        answer(self.client.tickets().create(params).await)
    }

    /// WRITES: adds a message to a ticket's conversation. An agent message that is not internal
    /// is a reply the customer will see. Returns the created message.
    #[tool(annotations(read_only_hint = false, destructive_hint = false))]
    async fn add_message(&self, Parameters(p): Parameters<AddMessage>) -> ToolResult {
        let sender = p.sender.as_deref().map_or(Sender::Agent, Sender::from);
        let mut params = CreateMessage::new(p.content).sender(sender);
        if p.internal {
            params = params.internal();
        }
        answer(
            self.client
                .tickets()
                .messages(p.ticket_id.as_str())
                .create(params)
                .await,
        )
    }

    /// WRITES: changes a ticket's status (open, pending, resolved, closed); resolving or
    /// closing it ends the conversation for the customer. Returns the updated ticket.
    #[tool(annotations(
        read_only_hint = false,
        destructive_hint = true,
        idempotent_hint = true
    ))]
    async fn update_ticket_status(&self, Parameters(p): Parameters<UpdateStatus>) -> ToolResult {
        let patch = UpdateTicket::patch().status(TicketStatus::from(p.status.as_str()));
        answer(
            self.client
                .tickets()
                .update(p.ticket_id.as_str(), patch)
                .await,
        )
    }
}

impl CStarTools {
    /// The router, without the write tools unless they are allowed.
    pub(crate) fn router(allow_writes: bool) -> ToolRouter<Self> {
        let mut router = Self::tool_router();
        if !allow_writes {
            for name in WRITE_TOOLS {
                router.disable_route(name);
            }
        }
        router
    }
}

fn limit(requested: Option<u32>) -> u32 {
    requested.unwrap_or(20).clamp(1, 100)
}

/// The API's answer as JSON text; an API error is a tool error (not a protocol error), with the
/// request id, so that the assistant can read it and say it.
fn answer<T: Serialize>(result: cstar_admin::Result<T>) -> ToolResult {
    match result {
        Ok(value) => Ok(CallToolResult::success(vec![ContentBlock::json(value)?])),
        Err(error) => {
            let mut text = format!("cStar refused or failed: {error}");
            // Once: the SDK's message shows the id already when it has one.
            if let Some(id) = error.request_id()
                && !text.contains(id)
            {
                text.push_str(&format!(" [request id {id}]"));
            }
            Ok(CallToolResult::error(vec![ContentBlock::text(text)]))
        }
    }
}
