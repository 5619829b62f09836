//! One instance of a realtime consumer group that forwards cStar's realtime stream into NATS
//! JetStream: the program `cargo xtask bench realtime-group` runs three of and SIGKILLs the
//! leader of.
//!
//! ```sh
//! CSTAR_SECRET_KEY=sk_test_bench cargo run -p cstar-events --features nats,realtime \
//!     --example consumer -- --cstar-url http://127.0.0.1:3000 --team team_bench \
//!     --database-url postgres://postgres@127.0.0.1:5432/postgres --nats-url nats://127.0.0.1:4222 \
//!     --group bench --stream BENCH --subject cstar.bench --events 50000
//! cargo run -p cstar-events --features nats,realtime --example consumer -- --verify \
//!     --nats-url nats://127.0.0.1:4222 --stream BENCH --subject cstar.bench
//! ```
//!
//! The source is the real realtime stream (the emulator's, from the `realtime_source` example),
//! read through [`ConsumerGroup::consume_realtime`]: as the leader, the SDK's realtime client
//! resumes after the group's cursor. Each event is published to JetStream (`Nats-Msg-Id` = the
//! event id) inside the inbox transaction that also moves the cursor, so the cursor commits
//! only after the acknowledgement; a leader killed between the two leaves a copy that the next
//! leader publishes again and the server drops.
//!
//! It prints `leading after <event id>` when it handles its first event as the leader,
//! `progress <n>` as it starts forwarding event n - 1 (n from the event's data), `duplicate <id>` for each copy
//! JetStream dropped, `done` at the last event, and `gap <id>` (then exits) if the stream could
//! not resume. With `--verify` it reads the stream back and prints
//! `stream messages=<n> distinct=<n>`. Without arguments it only says how to run it (it needs
//! the emulator, PostgreSQL and NATS).

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use cstar_admin::CStarClient;
use cstar_events::{
    BoxFuture, ConsumeError, ConsumerGroup, Inbox, InboxClaim, JetStreamForwarder, RealtimeSource,
    StoreError,
};
use cstar_webhook::Event;

#[derive(Default)]
struct Options {
    cstar_url: String,
    team: String,
    database_url: String,
    nats_url: String,
    group: String,
    stream: String,
    subject: String,
    events: u64,
    verify: bool,
}

fn options() -> Result<Options, String> {
    let mut o = Options::default();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--verify" {
            o.verify = true;
            continue;
        }
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--cstar-url" => o.cstar_url = value,
            "--team" => o.team = value,
            "--database-url" => o.database_url = value,
            "--nats-url" => o.nats_url = value,
            "--group" => o.group = value,
            "--stream" => o.stream = value,
            "--subject" => o.subject = value,
            "--events" => o.events = value.parse().map_err(|e| format!("--events: {e}"))?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(o)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::args().len() == 1 {
        println!(
            "consumer: needs a realtime stream, PostgreSQL and NATS; `cargo xtask bench realtime-group` runs it"
        );
        return Ok(());
    }
    let o = options()?;
    let forwarder = JetStreamForwarder::connect(&o.nats_url, &o.subject).await?;
    forwarder.ensure_stream(&o.stream).await?;
    if o.verify {
        return verify(&o).await;
    }
    let inbox = Inbox::connect(&o.database_url)?;
    inbox.migrate().await?;
    let key = std::env::var("CSTAR_SECRET_KEY").map_err(|_| "set CSTAR_SECRET_KEY")?;
    let (url, team) = (o.cstar_url.clone(), o.team.clone());
    let source = RealtimeSource::new(move |config| {
        CStarClient::builder()
            .api_key(&key)
            .team_id(team.clone())
            .base_url(url.clone())
            .realtime(config)
            .build()
    })
    .pattern("ticket.updated");
    let group = ConsumerGroup::new(&inbox, &o.group).poll_interval(Duration::from_millis(100));
    let forward = Forward {
        forwarder,
        step: (o.events / 100).max(1),
        last: o.events.saturating_sub(1),
        leading: AtomicBool::new(false),
    };
    let forward = Arc::new(forward);
    let handler = handler(move |event, _tx| {
        let forward = Arc::clone(&forward);
        Box::pin(async move { forward.one(&event).await })
    });
    match group.consume_realtime(&inbox, &source, handler).await {
        Err(ConsumeError::Gap { last_event_id }) => {
            println!("gap {last_event_id}");
            Err("the stream could not resume after the cursor".into())
        }
        Err(e) => Err(e.into()),
        Ok(()) => Ok(()),
    }
}

/// Pins down the closure's signature: the future may borrow the transaction (`'c`), which a
/// closure's inferred signature cannot say by itself.
fn handler<F>(f: F) -> F
where
    F: for<'c> Fn(Event, &'c mut InboxClaim) -> BoxFuture<'c, Result<(), StoreError>>,
{
    f
}

/// The handler's state: where to publish, and what to print.
struct Forward {
    forwarder: JetStreamForwarder,
    step: u64,
    last: u64,
    leading: AtomicBool,
}

impl Forward {
    /// Publishes one event and waits for the acknowledgement; runs inside the inbox transaction
    /// that moves the cursor, which commits after it returns.
    async fn one(&self, event: &Event) -> Result<(), StoreError> {
        if !self.leading.swap(true, Ordering::SeqCst) {
            println!("leading after {}", event.id);
        }
        let n = event.data["n"].as_u64();
        // Announced before the publish: the bench kills the leader on this line, so that the
        // kill lands while the publish and the commit are in flight and some kills fall
        // between JetStream's acknowledgement and the commit (the copy the server drops).
        if let Some(n) = n.filter(|n| (n + 1) % self.step == 0) {
            println!("progress {}", n + 1);
        }
        let published = self.forwarder.publish(event).await?;
        if published.duplicate {
            println!("duplicate {}", event.id);
        }
        if n == Some(self.last) {
            println!("done");
        }
        Ok(())
    }
}

/// Reads the stream back: how many messages, how many distinct event ids.
async fn verify(o: &Options) -> Result<(), Box<dyn std::error::Error>> {
    let client = async_nats::connect(&o.nats_url).await?;
    let jetstream = async_nats::jetstream::new(client);
    let mut stream = jetstream.get_stream(&o.stream).await?;
    let state = stream.info().await?.state.clone();
    let mut ids = HashSet::new();
    for sequence in state.first_sequence..=state.last_sequence {
        let message = stream.get_raw_message(sequence).await?;
        // The payload is the event envelope, published with its id as `Nats-Msg-Id`.
        let event: Event = serde_json::from_slice(&message.payload)?;
        ids.insert(event.id);
    }
    println!("stream messages={} distinct={}", state.messages, ids.len());
    Ok(())
}
