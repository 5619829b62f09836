//! A soak under chaos: thousands of calls against the emulator with 10% of requests meeting a
//! random fault (5xx, dropped connection, response dropped after apply, delay, 429). It must end
//! with no duplicate, no acknowledged write lost, and no more errors than exhausted retries
//! explain.

use std::collections::HashMap;
use std::time::Duration;

use futures_util::{StreamExt, TryStreamExt, stream};

use cstar_admin::{CreateTicket, Error, ListTickets, RetryPolicy};
use cstar_e2e::{assert_no_unexpected_requests, client_builder};
use cstar_mock::MockServer;

const CREATES: usize = 1500;
const CONCURRENCY: usize = 24;
const MAX_RETRIES: u32 = 5;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousands_of_calls_under_ten_percent_chaos_lose_and_duplicate_nothing() {
    let server = MockServer::builder()
        .rate_limit_secret(1_000_000)
        .chaos(0.1)
        .start()
        .await
        .unwrap();
    let seed = server.chaos_seed();
    let cstar = client_builder(&server)
        .timeout(Duration::from_secs(5))
        .retry_policy(RetryPolicy::for_tests().with_max_retries(MAX_RETRIES))
        .build()
        .unwrap();

    // Each create, then a read of what it acknowledged: two calls per item.
    let results: Vec<(String, Result<String, Error>, Option<Error>)> = stream::iter(0..CREATES)
        .map(|n| {
            let cstar = cstar.clone();
            async move {
                let title = format!("soak-{n:05}");
                match cstar.tickets().create(CreateTicket::new(&title)).await {
                    Ok(ticket) => {
                        let read = cstar.tickets().get(&ticket.id).await.err();
                        (title, Ok(ticket.id.as_str().to_owned()), read)
                    }
                    Err(error) => (title, Err(error), None),
                }
            }
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;

    server.set_chaos(0.0, 0);
    let stored: Vec<_> = cstar
        .tickets()
        .list_all(ListTickets::new().search("soak-"))
        .try_collect()
        .await
        .unwrap();
    let mut by_title: HashMap<String, Vec<String>> = HashMap::new();
    for ticket in &stored {
        by_title
            .entry(ticket.title.clone())
            .or_default()
            .push(ticket.id.as_str().to_owned());
    }
    let duplicates: Vec<_> = by_title.iter().filter(|(_, ids)| ids.len() > 1).collect();
    assert!(
        duplicates.is_empty(),
        "seed {seed:?}: duplicates {duplicates:?}"
    );

    // Every error must be a call whose every attempt met a fault: the retries ran out.
    let requests = server.requests();
    let mut attempts: HashMap<String, (usize, usize)> = HashMap::new();
    for request in &requests {
        if let Some(key) = request.header("idempotency-key") {
            let entry = attempts.entry(key).or_default();
            entry.0 += 1;
            entry.1 += usize::from(request.fault.is_some());
        }
    }
    let mut surfaced = 0;
    for (title, created, read) in &results {
        match created {
            Ok(id) => {
                let ids = by_title.get(title).map(Vec::as_slice).unwrap_or_default();
                assert_eq!(
                    ids,
                    std::slice::from_ref(id),
                    "seed {seed:?}: acknowledged {title} is lost"
                );
                if let Some(error) = read {
                    surfaced += 1;
                    assert!(
                        error.is_retryable(),
                        "seed {seed:?}: read of {title}: {error}"
                    );
                }
            }
            Err(error) => {
                surfaced += 1;
                let key = error
                    .idempotency_key()
                    .unwrap_or_else(|| panic!("seed {seed:?}: {title}: no key on {error}"));
                let (sent, faulted) = attempts.get(key).copied().unwrap_or_default();
                assert!(
                    sent == faulted && sent >= 1,
                    "seed {seed:?}: {title} failed with {error} after {sent} attempts, \
                     {faulted} of them faulted"
                );
            }
        }
    }
    // With six attempts per call at 10% each, exhausting them is rare (about one in a
    // million); a handful of surfaced errors would mean retries are not doing their job.
    assert!(surfaced <= 3, "seed {seed:?}: {surfaced} errors surfaced");
    let faulted = requests.iter().filter(|r| r.chaos).count();
    assert!(faulted > CREATES / 20, "chaos was on: {faulted} faults");
    assert_no_unexpected_requests(&server);
}
