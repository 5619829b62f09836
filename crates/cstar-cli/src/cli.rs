//! The command line's shape: global flags and one subcommand per module.

use clap::{Parser, Subcommand};

use crate::{commands, listen, mcp};

/// The cStar command line: your team's status, live events forwarded to a local URL, synthetic
/// events, any API route, tickets, a local emulator, and an MCP server for AI assistants.
///
/// Credentials come from CSTAR_SECRET_KEY and CSTAR_TEAM_ID (and CSTAR_BASE_URL), or from the
/// profile `cstar login` writes.
#[derive(Debug, Parser)]
#[command(name = "cstar", version, propagate_version = true)]
pub(crate) struct Cli {
    /// Prints machine-readable JSON instead of sentences.
    #[arg(long, global = true)]
    pub(crate) json: bool,

    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Checks an API key with cStar and stores it (0600) for the other commands.
    Login(commands::login::LoginArgs),
    /// Removes the stored profile.
    Logout,
    /// Shows the team, the key, the base URL and the rate-limit budget.
    Status,
    /// Follows live events and POSTs each, signed as cStar would, to a local URL.
    Listen(listen::ListenArgs),
    /// Fires a synthetic event into every active webhook and `cstar listen` session.
    Trigger(commands::trigger::TriggerArgs),
    /// Calls any REST route with the SDK's auth, retries and errors; prints the JSON.
    Api(commands::api::ApiArgs),
    /// Lists, shows and creates tickets.
    Tickets(commands::tickets::TicketsArgs),
    /// Runs the local cStar emulator and prints the environment lines to use it.
    Mock(commands::mock::MockArgs),
    /// Serves cStar to AI assistants over the Model Context Protocol (stdio).
    McpServer(mcp::McpArgs),
    /// Prints a shell completion script.
    Completions(commands::completions::CompletionsArgs),
}
