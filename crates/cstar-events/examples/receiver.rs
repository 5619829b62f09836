//! A cStar webhook receiver on any of the three stores, each handled event recorded as one row
//! of `effects(event_id text, handled_at timestamptz)`, a table with no unique constraint, so a
//! double handling shows when the rows are counted. The benchmark runs several of these behind
//! a load balancer and SIGKILLs them.
//!
//! ```sh
//! cargo run -p cstar-events --features postgres,redis,axum --example receiver -- \
//!     --listen 127.0.0.1:3000 --secret whsec_... --store postgres|redis|memory \
//!     --database-url postgres://postgres@127.0.0.1:5432/postgres [--redis-url redis://127.0.0.1:6379] \
//!     [--processing-ttl-secs 60]
//! ```
//!
//! With `--store postgres` the effect row is written in the inbox's transaction (exactly once);
//! with `redis` and `memory` it is written beside the marker, on its own. It prints
//! `listening on http://ADDR` once it accepts deliveries. Without arguments it checks itself
//! (memory store, effects in memory): one event delivered twice and a forgery, then exits.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::routing::MethodRouter;
use cstar_events::axum::receiver;
use cstar_events::deadpool_postgres::Pool;
use cstar_events::{Inbox, MemoryStore, RedisStore, Store};
use cstar_webhook::{Event, Verifier};

const EFFECTS: &str = "CREATE TABLE IF NOT EXISTS effects (event_id text NOT NULL, handled_at timestamptz NOT NULL DEFAULT now())";
const INSERT_EFFECT: &str = "INSERT INTO effects (event_id) VALUES ($1)";

#[derive(Default)]
struct Options {
    listen: Option<String>,
    secret: Option<String>,
    store: Option<String>,
    database_url: Option<String>,
    redis_url: Option<String>,
    processing_ttl_secs: Option<String>,
}

fn options() -> Result<Options, String> {
    let mut options = Options::default();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let slot = match flag.as_str() {
            "--listen" => &mut options.listen,
            "--secret" => &mut options.secret,
            "--store" => &mut options.store,
            "--database-url" => &mut options.database_url,
            "--redis-url" => &mut options.redis_url,
            "--processing-ttl-secs" => &mut options.processing_ttl_secs,
            other => return Err(format!("unknown argument {other}")),
        };
        *slot = Some(args.next().ok_or(format!("{flag} needs a value"))?);
    }
    Ok(options)
}

/// Where the effect rows of the marker stores go: the database, or (self-check) memory.
#[derive(Clone)]
enum Effects {
    Postgres(Pool),
    Memory(Arc<Mutex<Vec<String>>>),
}

impl Effects {
    async fn record(&self, event: &Event) -> Result<(), String> {
        match self {
            Self::Postgres(pool) => {
                let conn = pool.get().await.map_err(|e| e.to_string())?;
                conn.execute(INSERT_EFFECT, &[&event.id])
                    .await
                    .map(drop)
                    .map_err(|e| e.to_string())
            }
            Self::Memory(rows) => {
                rows.lock()
                    .map_err(|_| "poisoned".to_owned())?
                    .push(event.id.clone());
                Ok(())
            }
        }
    }
}

/// The route for a marker store: the effect is written after the claim, outside it.
fn marker_route<S: Store + 'static>(
    verifier: Verifier,
    store: S,
    effects: Effects,
) -> MethodRouter {
    receiver(verifier, store, move |event, _claim| {
        let effects = effects.clone();
        Box::pin(async move { effects.record(&event).await })
    })
}

/// The inbox and the effects table, created by whichever receiver starts first.
async fn database(url: &str) -> Result<Inbox, Box<dyn std::error::Error>> {
    let inbox = Inbox::connect(url)?;
    inbox.migrate().await?;
    let mut conn = inbox.pool().get().await?;
    let tx = conn.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock(4242)", &[])
        .await?;
    tx.batch_execute(EFFECTS).await?;
    tx.commit().await?;
    Ok(inbox)
}

async fn route(
    options: &Options,
    verifier: Verifier,
) -> Result<MethodRouter, Box<dyn std::error::Error>> {
    let url = options
        .database_url
        .as_deref()
        .ok_or("--database-url is required")?;
    let inbox = database(url).await?;
    Ok(match options.store.as_deref().unwrap_or("postgres") {
        "postgres" => receiver(verifier, inbox, |event, tx| {
            Box::pin(async move { tx.execute(INSERT_EFFECT, &[&event.id]).await.map(drop) })
        }),
        "redis" => {
            let redis_url = options
                .redis_url
                .as_deref()
                .unwrap_or("redis://127.0.0.1:6379");
            let ttl = options
                .processing_ttl_secs
                .as_deref()
                .unwrap_or("60")
                .parse()?;
            let store = RedisStore::connect(redis_url)
                .await?
                .processing_ttl(std::time::Duration::from_secs(ttl));
            marker_route(verifier, store, Effects::Postgres(inbox.pool().clone()))
        }
        "memory" => marker_route(
            verifier,
            MemoryStore::new(),
            Effects::Postgres(inbox.pool().clone()),
        ),
        other => return Err(format!("--store {other}: expected postgres, redis or memory").into()),
    })
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let options = options()?;
    if std::env::args().len() == 1 {
        return self_check().await;
    }
    let secret = options
        .secret
        .as_deref()
        .ok_or("--secret whsec_... is required")?;
    let route = route(&options, Verifier::new(secret)?).await?;
    let listen = options.listen.as_deref().unwrap_or("127.0.0.1:3000");
    let listener = tokio::net::TcpListener::bind(listen).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, Router::new().route("/webhooks/cstar", route)).await?;
    Ok(())
}

/// Without arguments: the memory store, effects in memory, one event delivered twice and a
/// forgery, over loopback HTTP.
async fn self_check() -> Result<(), Box<dyn std::error::Error>> {
    const SECRET: &str = "whsec_receiver_self_check_0123456789ab";
    let rows = Arc::new(Mutex::new(Vec::new()));
    let verifier = Verifier::new(SECRET)?;
    let route = marker_route(
        verifier,
        MemoryStore::new(),
        Effects::Memory(Arc::clone(&rows)),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(
        axum::serve(listener, Router::new().route("/webhooks/cstar", route)).into_future(),
    );

    let body =
        r#"{"id":"evt_self_check","type":"ticket.created","data":{"ticket":{"id":"tkt_1"}}}"#;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();
    let now = i64::try_from(now)?;
    let mut statuses = Vec::new();
    for secret in [SECRET, SECRET, "whsec_somebody_else"] {
        let signature = cstar_webhook::sign(body.as_bytes(), secret, now);
        statuses.push(post(addr, body, &signature).await?);
    }
    let handled = rows.lock().map_err(|_| "poisoned")?.len();
    println!("answers {statuses:?}, effects {handled}");
    if statuses != [200, 200, 400] || handled != 1 {
        return Err("expected 200, 200, 400 and one effect".into());
    }
    Ok(())
}

async fn post(
    addr: SocketAddr,
    body: &str,
    signature: &str,
) -> Result<u16, Box<dyn std::error::Error>> {
    use http_body_util::Full;
    use hyper_util::client::legacy::Client;
    let client = Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<Full<hyper::body::Bytes>>();
    let request = hyper::Request::post(format!("http://{addr}/webhooks/cstar"))
        .header(cstar_webhook::headers::SIGNATURE, signature)
        .body(Full::new(hyper::body::Bytes::from(body.to_owned())))?;
    Ok(client.request(request).await?.status().as_u16())
}
