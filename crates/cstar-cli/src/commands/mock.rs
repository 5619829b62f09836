//! `cstar mock`: the emulator in this process, with `cstar-mock`'s flags, and the lines to paste
//! into another shell to use it.

use clap::Args;
use cstar_mock::MockServer;
use serde_json::json;

use crate::error::CliError;
use crate::output::{Output, line};

/// The same flags as the `cstar-mock` binary.
#[derive(Debug, Args)]
pub(crate) struct MockArgs {
    /// The port on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 12111)]
    port: u16,
    /// The team's UUID (default: a random one).
    #[arg(long, value_name = "UUID")]
    team_id: Option<String>,
    /// The team's slug (default acme).
    #[arg(long, value_name = "SLUG")]
    team_slug: Option<String>,
    /// The secret key it accepts (default: a random sk_test_ key).
    #[arg(long, value_name = "KEY")]
    secret_key: Option<String>,
    /// The publishable key it accepts (default: a random pk_test_ key).
    #[arg(long, value_name = "KEY")]
    publishable_key: Option<String>,
    /// Starts with N customers, N tickets and N articles.
    #[arg(long, value_name = "N")]
    seed: Option<usize>,
}

pub(crate) async fn run(args: MockArgs, out: Output) -> Result<(), CliError> {
    let mut builder = MockServer::builder().port(args.port);
    if let Some(id) = args.team_id {
        builder = builder.team_id(id);
    }
    if let Some(slug) = args.team_slug {
        builder = builder.team_slug(slug);
    }
    if let Some(key) = args.secret_key {
        builder = builder.secret_key(key);
    }
    if let Some(key) = args.publishable_key {
        builder = builder.publishable_key(key);
    }
    if let Some(count) = args.seed {
        builder = builder.seed(count);
    }
    let server = builder.start().await.map_err(|e| {
        let message = format!("cannot start the emulator: {e}");
        if e.kind() == std::io::ErrorKind::InvalidInput {
            CliError::usage(message)
        } else {
            CliError::local(message)
        }
    })?;
    // The emulator's own made-up keys, printed whole on purpose: they are what the user pastes.
    let env = [
        ("CSTAR_BASE_URL", server.base_url()),
        ("CSTAR_SECRET_KEY", server.secret_key().to_owned()),
        ("CSTAR_TEAM_ID", server.team_id().to_owned()),
        ("CSTAR_PUBLISHABLE_KEY", server.publishable_key().to_owned()),
        ("CSTAR_TEAM_SLUG", server.team_slug().to_owned()),
    ];
    if out.is_json() {
        let map: serde_json::Map<_, _> = env
            .iter()
            .map(|(name, value)| ((*name).to_owned(), json!(value)))
            .collect();
        out.result("", &map)?;
    } else {
        line(&format!(
            "# cStar emulator listening on {}; paste these lines into another shell:",
            server.base_url()
        ))?;
        for (name, value) in &env {
            line(&format!("export {name}={value}"))?;
        }
        line("# Ctrl-C stops it.")?;
    }
    crate::shutdown::stop_signal().await;
    server.shutdown().await;
    Ok(())
}
