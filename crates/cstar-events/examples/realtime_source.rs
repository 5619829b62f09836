//! The realtime stream for `cargo xtask bench realtime-group`: the emulator (cstar-mock,
//! in-process) serving cStar's real SSE stream on loopback, fed with numbered events.
//!
//! ```sh
//! CSTAR_SECRET_KEY=sk_test_bench cargo run -p cstar-events --features realtime \
//!     --example realtime_source -- --database-url postgres://postgres@127.0.0.1:5432/postgres \
//!     --group bench --events 10000 --ahead 500
//! ```
//!
//! It prints `listening <base url> <team id>`, waits until a consumer's stream is open (a
//! stream that starts live would miss what came before it), then publishes event `n` (data
//! `{"n": n}`) for n in 0..events, printing `event <id> <n>` for each, and `published <count>`
//! at the end; then it serves until killed.
//!
//! The emulator, like cStar, keeps a bounded replay log (1000 events): a consumer group whose
//! cursor falls further behind than that cannot resume and stops with a gap. So that leader
//! kills measure takeovers and not the log's depth, the source stays at most `--ahead` events
//! ahead of the group's cursor, read from PostgreSQL (what a real producer does not do: it is
//! the bench's flow control, and it is said in the figures).

use std::collections::HashMap;
use std::io::Write;
use std::time::Duration;

use cstar_events::Inbox;
use cstar_mock::MockServer;
use serde_json::json;

#[derive(Default)]
struct Options {
    database_url: String,
    group: String,
    events: u64,
    ahead: u64,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        ahead: 500,
        ..Options::default()
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        let number = |v: &str| v.parse::<u64>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--database-url" => o.database_url = value,
            "--group" => o.group = value,
            "--events" => o.events = number(&value)?,
            "--ahead" => o.ahead = number(&value)?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(o)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::args().len() == 1 {
        println!("realtime_source: needs PostgreSQL; `cargo xtask bench realtime-group` runs it");
        return Ok(());
    }
    let o = options()?;
    let key = std::env::var("CSTAR_SECRET_KEY").map_err(|_| "set CSTAR_SECRET_KEY")?;
    let inbox = Inbox::connect(&o.database_url)?;
    inbox.migrate().await?;
    let server = MockServer::builder()
        .secret_key(key)
        .team_id("team_bench")
        .start()
        .await?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "listening {} {}", server.base_url(), server.team_id())?;
    out.flush()?;

    // The first leader opens its stream live (no cursor yet): publish only once it is open.
    while !server
        .requests()
        .iter()
        .any(|r| r.path.ends_with("/webhooks/listen") && r.status == Some(200))
    {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    let mut position: HashMap<String, u64> = HashMap::new();
    let mut allowed = o.ahead;
    for n in 0..o.events {
        while n >= allowed {
            tokio::time::sleep(Duration::from_millis(5)).await;
            let handled = cursor(&inbox, &o.group)
                .await?
                .and_then(|id| position.get(&id).copied())
                .map_or(0, |at| at + 1);
            allowed = handled + o.ahead;
        }
        let event = server.publish_event("ticket.updated", json!({"n": n}));
        let id = event["id"].as_str().unwrap_or_default().to_owned();
        writeln!(out, "event {id} {n}")?;
        position.insert(id, n);
    }
    writeln!(out, "published {}", o.events)?;
    out.flush()?;
    drop(out);
    std::future::pending::<()>().await;
    Ok(())
}

/// The group's cursor: the id of the last event its leader committed.
async fn cursor(inbox: &Inbox, group: &str) -> Result<Option<String>, Box<dyn std::error::Error>> {
    let conn = inbox.pool().get().await?;
    let row = conn
        .query_opt(
            "SELECT cursor FROM cstar_consumer_cursors WHERE group_name = $1",
            &[&group],
        )
        .await?;
    Ok(row.and_then(|row| row.get(0)))
}
