//! A client process for the offline-queue crash tests: it queues mutations while cStar is
//! unreachable, or flushes a queue, against a redb store, so that a test can kill it with
//! SIGKILL at any point and start it again.
//!
//! ```text
//! offline-client enqueue STORE BASE_URL KEY TEAM PREFIX COUNT   # creates PREFIX-0.. while down
//! offline-client flush STORE BASE_URL KEY TEAM                  # exit 0 once the queue is empty
//! ```

#![allow(
    clippy::print_stderr,
    reason = "a test helper reports on stderr, which the test shows on failure"
)]

use std::process::ExitCode;
use std::time::Duration;

use cstar_admin::offline::RedbStore;
use cstar_admin::{CStarClient, CreateTicket, Error};

fn client(store: &str, base_url: &str, key: &str, team: &str) -> Result<CStarClient, String> {
    let store = RedbStore::open(store).map_err(|e| e.to_string())?;
    CStarClient::builder()
        .api_key(key)
        .team_id(team)
        .base_url(base_url)
        .max_retries(0)
        .timeout(Duration::from_secs(10))
        .offline(store)
        // Only the explicit flush below sends: the test decides when.
        .offline_probe_interval(Duration::from_secs(3600))
        .build()
        .map_err(|e| e.to_string())
}

async fn run(args: &[String]) -> Result<(), String> {
    match args {
        [mode, store, base, key, team, prefix, count] if mode == "enqueue" => {
            let cstar = client(store, base, key, team)?;
            let count: usize = count.parse().map_err(|_| "COUNT is not a number")?;
            for n in 0..count {
                match cstar.tickets().create(CreateTicket::new(format!("{prefix}-{n}"))).await {
                    Err(Error::Queued { .. }) => {}
                    other => return Err(format!("expected the create to be queued, got {other:?}")),
                }
            }
            Ok(())
        }
        [mode, store, base, key, team] if mode == "flush" => {
            let cstar = client(store, base, key, team)?;
            let queue = cstar.offline_queue().ok_or("no queue")?;
            let outcomes = queue.flush().await.map_err(|e| e.to_string())?;
            let left = queue.len().map_err(|e| e.to_string())?;
            if left == 0 {
                Ok(())
            } else {
                Err(format!("{left} items left after {} outcomes", outcomes.len()))
            }
        }
        _ => Err("usage: offline-client enqueue STORE BASE KEY TEAM PREFIX COUNT | flush STORE BASE KEY TEAM".into()),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("offline-client: {message}");
            ExitCode::FAILURE
        }
    }
}
