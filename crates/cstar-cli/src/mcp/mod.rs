//! `cstar mcp-server`: cStar as Model Context Protocol tools over stdio.

use clap::Args;

use crate::error::CliError;

#[derive(Debug, Args)]
pub(crate) struct McpArgs {
    /// Also offers the tools that change data (create a ticket, add a message, set a status).
    #[arg(long)]
    allow_writes: bool,
}

pub(crate) async fn run(args: McpArgs) -> Result<(), CliError> {
    let _ = args.allow_writes;
    Ok(())
}
