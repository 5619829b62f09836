//! `cstar`: the cStar command line, built on the cstar-rs SDK.
//!
//! Every command is a module of [`commands`]; `listen` and `mcp-server` are large enough to have
//! their own. Exit codes: 0 on success, 1 on an API or network error, 2 on bad usage (clap's own
//! usage errors exit 2 too).

mod cli;
mod commands;
mod credentials;
mod error;
mod listen;
mod mcp;
mod output;
mod shutdown;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::output::Output;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let out = Output::new(cli.json);
    match runtime.block_on(run(cli.command, out)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            error.report();
            ExitCode::from(error.exit_code())
        }
    }
}

async fn run(command: Command, out: Output) -> Result<(), error::CliError> {
    match command {
        Command::Login(args) => commands::login::run(args, out).await,
        Command::Logout => commands::logout::run(out),
        Command::Status => commands::status::run(out).await,
        Command::Listen(args) => listen::run(args, out).await,
        Command::Trigger(args) => commands::trigger::run(args, out).await,
        Command::Api(args) => commands::api::run(args, out).await,
        Command::Tickets(args) => commands::tickets::run(args, out).await,
        Command::Mock(args) => commands::mock::run(args, out).await,
        Command::McpServer(args) => mcp::run(args).await,
        Command::Completions(args) => commands::completions::run(&args),
    }
}
