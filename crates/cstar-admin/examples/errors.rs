//! Error handling by variant: what each failure is, what to do about it, and the request id to
//! quote to support.
//!
//! With `CSTAR_SECRET_KEY` and `CSTAR_TEAM_ID` set it provokes the failures a real team can
//! (validation, not found, conflict, a wrong key) and deletes what it created; without them it
//! starts the embedded emulator and, through its fault injection, also shows a rate limit and a
//! server error:
//!
//! ```sh
//! cargo run -p cstar-admin --example errors
//! ```

use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use cstar_admin::{CStarClient, CreateCustomer, CreateTicket, Error};
use cstar_mock::MockServer;

type AnyError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("errors failed: {err}");
            ExitCode::FAILURE
        }
    }
}

/// What a program would do about each kind of failure.
fn advice(error: &Error) -> &'static str {
    match error {
        Error::Validation(_) => "fix the request: the error names the field",
        Error::NotFound(_) => "the record is gone: drop your reference to it",
        Error::Conflict(_) => "it exists already: fetch it instead of creating it",
        Error::Authentication(_) => "check CSTAR_SECRET_KEY: it is wrong, revoked or expired",
        Error::Permission(_) => "this key may not do that: use a key with the right scope",
        Error::RateLimit(_) => "slow down: retry after the time it names",
        Error::Server(_) => "cStar failed: the SDK retried already; try again later",
        Error::Network { .. } | Error::Timeout { .. } => "cStar did not answer: check the network",
        Error::Config(_) => "the client is misconfigured: read the message",
        // Error is non-exhaustive: a variant added later lands here, not in a compile error.
        _ => "unexpected: log it with its request id",
    }
}

fn report(what: &str, result: Result<impl std::fmt::Debug, Error>) -> Result<(), AnyError> {
    let error = match result {
        Ok(value) => return Err(format!("{what}: expected an error, got {value:?}").into()),
        Err(error) => error,
    };
    println!("{what}:");
    println!("  {error}");
    if let Some(api) = error.api_error() {
        println!(
            "  status {}, code {}, request id {}",
            api.status(),
            api.code().map_or("none", |c| c.as_str()),
            api.request_id().unwrap_or("none")
        );
    }
    if let Some(wait) = error.retry_after() {
        println!("  retry after {} s", wait.as_secs());
    }
    println!("  what to do: {}", advice(&error));
    Ok(())
}

async fn run() -> Result<(), AnyError> {
    let from_env = std::env::var("CSTAR_SECRET_KEY").is_ok_and(|k| !k.trim().is_empty());
    let emulator = if from_env {
        None
    } else {
        println!("No CSTAR_SECRET_KEY set: using the embedded cStar emulator\n");
        Some(MockServer::start().await?)
    };
    let builder = |key: Option<&str>| match &emulator {
        Some(e) => CStarClient::builder()
            .api_key(key.unwrap_or(e.secret_key()))
            .team_id(e.team_id())
            .base_url(e.base_url())
            .build(),
        None => match key {
            Some(key) => CStarClient::builder()
                .api_key(key)
                .team_id(std::env::var("CSTAR_TEAM_ID").unwrap_or_default())
                .build(),
            None => CStarClient::from_env(),
        },
    };
    let cstar = builder(None)?;

    report(
        "A ticket without a title",
        cstar.tickets().create(CreateTicket::new("")).await,
    )?;
    report(
        "A ticket that does not exist",
        cstar
            .tickets()
            .get("tkt_00000000000000000000000000000000")
            .await,
    )?;

    let email = format!("errors-example-{}@example.com", unix_millis());
    let customer = cstar
        .customers()
        .create(CreateCustomer::new("Ada Lovelace", &email))
        .await?;
    report(
        "A second customer with the same email",
        cstar
            .customers()
            .create(CreateCustomer::new("Ada Again", &email))
            .await,
    )?;
    cstar.customers().delete(&customer.id).await?;

    let wrong_key = builder(Some("sk_test_this_key_does_not_exist_0000"))?;
    report("A key cStar does not know", wrong_key.whoami().await)?;

    // Failures only an emulator can produce on demand.
    if let Some(emulator) = &emulator {
        emulator.rate_limit_next(1, 120);
        report("Over the rate limit", cstar.whoami().await)?;

        // Four 500s: the first try and the SDK's three retries (0.5 s, 1 s, 2 s apart) all fail.
        emulator.fail_next(4, 500);
        report("cStar failing every attempt", cstar.whoami().await)?;
    }
    println!("\nDone.");
    Ok(())
}

fn unix_millis() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis())
}
