//! `cstar login`: checks a key with whoami and stores it for the other commands.

use std::io::{BufRead, IsTerminal};

use clap::Args;
use cstar_admin::{ApiKey, WhoAmI};
use cstar_core::{Call, Client, RequestSpec};
use serde_json::json;

use crate::credentials::{Profile, profile_path, write_profile};
use crate::error::CliError;
use crate::output::Output;

/// Where the key comes from: `--api-key`, else a prompt without echo on a terminal, else the
/// first line of stdin (`cstar login < key.txt`).
#[derive(Debug, Args)]
pub(crate) struct LoginArgs {
    /// The secret key (sk_live_... or sk_test_...). Prefer the prompt or stdin: a flag stays in
    /// your shell history.
    #[arg(long, value_name = "KEY")]
    api_key: Option<String>,

    /// The API's base URL, e.g. a local emulator's (default `https://www.cstar.help`).
    #[arg(long, value_name = "URL", env = "CSTAR_BASE_URL")]
    base_url: Option<String>,
}

pub(crate) async fn run(args: LoginArgs, out: Output) -> Result<(), CliError> {
    let key = match args.api_key {
        Some(key) => key,
        None => read_key()?,
    };
    let key = ApiKey::new(key.trim()).map_err(|e| CliError::usage(e.to_string()))?;
    let whoami = whoami(&key, args.base_url.as_deref()).await?;
    let path = profile_path()?;
    let profile = Profile {
        api_key: key.expose_secret().to_owned(),
        team_id: whoami.team_id.clone(),
        base_url: args.base_url,
    };
    write_profile(&path, &profile)?;
    let team = whoami.team_name.as_deref().unwrap_or("your team");
    let human = format!(
        "Logged in to {team} (team id {}) with {}. Profile saved to {}.",
        whoami.team_id,
        key.redacted(),
        path.display()
    );
    out.result(
        &human,
        &json!({
            "teamId": whoami.team_id,
            "teamName": whoami.team_name,
            "teamSlug": whoami.team_slug,
            "key": key.redacted(),
            "profile": path,
        }),
    )
}

fn read_key() -> Result<String, CliError> {
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password("cStar secret key (input hidden): ")
            .map_err(|e| CliError::local(format!("cannot read the key: {e}")));
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::local(format!("cannot read the key from stdin: {e}")))?;
    if line.trim().is_empty() {
        return Err(CliError::usage(
            "no key on stdin: pipe it in, pass --api-key, or run `cstar login` in a terminal",
        ));
    }
    Ok(line)
}

/// Whoami before there is a team id: `CStarClient` needs one, so this goes through the
/// transport with the same route `CStarClient::whoami` spells.
async fn whoami(key: &ApiKey, base_url: Option<&str>) -> Result<WhoAmI, CliError> {
    let mut builder = Client::builder().api_key(key.expose_secret());
    if let Some(url) = base_url {
        builder = builder.base_url(url);
    }
    let client = builder.build()?;
    let spec = RequestSpec::get("/api/v1/auth/whoami");
    Ok(Call::<WhoAmI>::single(&client, spec).await?)
}
