//! A client process for the proxy tests: one call with each client (admin, library, auth,
//! chat, community) against the emulator, built with nothing but the base URL, so that the
//! proxy settings come from the environment the test starts it with (a test must not change
//! its own process's environment: other tests run beside it).
//!
//! ```text
//! proxy-client BASE_URL TEAM_SLUG TEAM_ID SECRET_KEY   # exit 0 when every call got an answer
//! ```

#![allow(
    clippy::print_stderr,
    reason = "a test helper reports on stderr, which the test shows on failure"
)]

use std::process::ExitCode;

use cstar_admin::CStarClient;
use cstar_auth::AuthClient;
use cstar_chat::ChatClient;
use cstar_community::{CommunityClient, ListPosts};
use cstar_library::LibraryClient;

async fn run(base: &str, slug: &str, team: &str, key: &str) -> cstar_core::Result<()> {
    let admin = CStarClient::builder()
        .api_key(key)
        .team_id(team)
        .base_url(base)
        .max_retries(0)
        .build()?;
    admin.tickets().list(Default::default()).await?;
    let library = LibraryClient::builder(slug)
        .base_url(base)
        .max_retries(0)
        .build()?;
    library.search("password", None).await?;
    let auth = AuthClient::builder(slug)
        .base_url(base)
        .max_retries(0)
        .build()?;
    // No such account: the answer (a 401) is what counts.
    match auth.login("nobody@example.com", "not-a-password").await {
        Err(cstar_core::Error::Authentication(_)) => {}
        other => eprintln!("auth login: unexpected {other:?}"),
    }
    let chat = ChatClient::builder(slug)
        .base_url(base)
        .max_retries(0)
        .build()?;
    chat.create_conversation("Through the proxy", "Hello")
        .await?;
    let community = CommunityClient::builder(slug)
        .base_url(base)
        .max_retries(0)
        .build()?;
    community.posts(ListPosts::default()).await?;
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [base, slug, team, key] = args.as_slice() else {
        eprintln!("usage: proxy-client BASE_URL TEAM_SLUG TEAM_ID SECRET_KEY");
        return ExitCode::from(2);
    };
    match run(base, slug, team, key).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("proxy-client: {error}");
            ExitCode::FAILURE
        }
    }
}
