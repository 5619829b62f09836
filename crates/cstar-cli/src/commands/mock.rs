//! `cstar mock`: the emulator in this process, with `cstar-mock`'s flags, and the lines to paste
//! into another shell to use it.

use clap::Args;
use cstar_mock::{MockOptions, PaginationLayout};
use serde_json::json;

use crate::error::CliError;
use crate::output::{Output, line};

/// The same flags as the `cstar-mock` binary, mapped onto the emulator by the same
/// [`MockOptions`].
#[derive(Debug, Args)]
pub(crate) struct MockArgs {
    /// The port on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = MockOptions::DEFAULT_PORT)]
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
    /// Requests per secret key per 3600 s window (default 1000).
    #[arg(long, value_name = "N")]
    rate_limit_secret: Option<u64>,
    /// Requests per publishable key per 3600 s window (default 100).
    #[arg(long, value_name = "N")]
    rate_limit_publishable: Option<u64>,
    /// Where list responses put their pagination: current or legacy (meta.pagination).
    #[arg(long, value_name = "LAYOUT")]
    pagination: Option<PaginationLayout>,
    /// The chance, from 0 to 1, that an API request meets a random fault.
    #[arg(long, value_name = "RATE")]
    chaos: Option<f64>,
    /// The seed of the chaos draws, to replay a run (needs --chaos).
    #[arg(long, value_name = "N")]
    chaos_seed: Option<u64>,
}

impl MockArgs {
    fn options(self) -> MockOptions {
        let mut options = MockOptions::default();
        options.port = Some(self.port);
        options.team_id = self.team_id;
        options.team_slug = self.team_slug;
        options.secret_key = self.secret_key;
        options.publishable_key = self.publishable_key;
        options.seed = self.seed;
        options.rate_limit_secret = self.rate_limit_secret;
        options.rate_limit_publishable = self.rate_limit_publishable;
        options.pagination = self.pagination;
        options.chaos = self.chaos;
        options.chaos_seed = self.chaos_seed;
        options
    }
}

pub(crate) async fn run(args: MockArgs, out: Output) -> Result<(), CliError> {
    let builder = args.options().into_builder().map_err(CliError::usage)?;
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
