//! `cstar mcp-server`: cStar as Model Context Protocol tools over stdio, for AI assistants.
//! Read-only unless started with `--allow-writes`; the key comes from the usual credentials.

mod params;
mod tools;

use clap::Args;
use cstar_admin::CStarClient;
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::model::{Implementation, ServerCapabilities, ServerConfig};
use rmcp::{ServerHandler, ServiceExt, tool_handler};

use crate::credentials;
use crate::error::CliError;

#[derive(Debug, Args)]
pub(crate) struct McpArgs {
    /// Also offers the tools that change data (create a ticket, add a message, set a status).
    #[arg(long)]
    allow_writes: bool,
}

/// The server: a client and the tools it may use.
#[derive(Clone, Debug)]
pub(crate) struct CStarTools {
    client: CStarClient,
    tool_router: ToolRouter<Self>,
    allow_writes: bool,
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for CStarTools {
    fn get_info(&self) -> ServerConfig {
        let mode = if self.allow_writes {
            "Writes are allowed: create_ticket, add_message and update_ticket_status change real data."
        } else {
            "Read-only: restart with `cstar mcp-server --allow-writes` to create tickets, add messages or change statuses."
        };
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("cstar", env!("CARGO_PKG_VERSION")))
            .with_instructions(format!(
                "Tools for one cStar support team: search and read tickets, customers and \
                 knowledge-base articles. {mode}"
            ))
    }
}

pub(crate) async fn run(args: McpArgs) -> Result<(), CliError> {
    let client = credentials::client()?;
    let server = CStarTools {
        client,
        tool_router: CStarTools::router(args.allow_writes),
        allow_writes: args.allow_writes,
    };
    // stdout carries the protocol: everything for people goes to stderr.
    eprintln!(
        "cstar mcp-server: serving on stdio ({})",
        if args.allow_writes {
            "writes allowed"
        } else {
            "read-only"
        }
    );
    let running = server
        .serve(rmcp::transport::stdio())
        .await
        .map_err(|e| CliError::local(format!("MCP handshake failed: {e}")))?;
    running
        .waiting()
        .await
        .map_err(|e| CliError::local(format!("MCP server stopped: {e}")))?;
    Ok(())
}
