//! One instance of a realtime consumer group that forwards events into NATS JetStream: the
//! program `cargo xtask bench realtime-group` runs three of and SIGKILLs the leader of.
//!
//! ```sh
//! cargo run -p cstar-events --features nats --example consumer -- \
//!     --database-url postgres://postgres@127.0.0.1:5432/postgres --nats-url nats://127.0.0.1:4222 \
//!     --group bench --stream BENCH --subject cstar.bench --events 50000
//! cargo run -p cstar-events --features nats --example consumer -- --verify \
//!     --nats-url nats://127.0.0.1:4222 --stream BENCH --subject cstar.bench
//! ```
//!
//! The source is a stand-in for cStar's realtime stream: a replayable log in which event `i`
//! is `evt_rt_<i>`, read from just after the group's cursor, as a resumed stream would be.
//! (The SDK's realtime client gains `resume_from` separately; this program exercises the
//! election, the fenced cursor and JetStream's deduplication across real process kills.)
//!
//! It prints `leading <epoch> after <cursor>` when it becomes the leader, `progress <n>` as it
//! forwards, `duplicate <id>` for each copy JetStream dropped, and `done` at the end. With
//! `--verify` it reads the stream back and prints `stream messages=<n> distinct=<n>`. Without
//! arguments it only says how to run it (it needs PostgreSQL and NATS).

use std::collections::HashSet;
use std::time::Duration;

use cstar_events::{AdvanceError, ConsumerGroup, Inbox, JetStreamForwarder};
use cstar_webhook::Event;

#[derive(Default)]
struct Options {
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

/// Event `i` of the stand-in stream.
fn event(i: u64) -> Result<Event, serde_json::Error> {
    serde_json::from_str(&format!(
        r#"{{"id":"evt_rt_{i}","type":"ticket.updated","team_id":"team_bench","data":{{"ticket":{{"id":"tkt_{i}"}}}}}}"#
    ))
}

/// The position after `cursor` in the stand-in stream.
fn after(cursor: Option<&str>) -> u64 {
    cursor
        .and_then(|c| c.strip_prefix("evt_rt_"))
        .and_then(|n| n.parse::<u64>().ok())
        .map_or(0, |n| n + 1)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::args().len() == 1 {
        println!("consumer: needs PostgreSQL and NATS; `cargo xtask bench realtime-group` runs it");
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
    let group = ConsumerGroup::new(&inbox, &o.group).poll_interval(Duration::from_millis(100));
    let leader = group.lead().await?;
    println!(
        "leading {} after {}",
        leader.epoch(),
        leader.resume_from().unwrap_or("-")
    );
    let fence = leader.fence();
    let step = (o.events / 100).max(1);
    for i in after(leader.resume_from())..o.events {
        let event = event(i)?;
        match forwarder.forward(&event, &fence, &inbox).await {
            Ok(published) if published.duplicate => println!("duplicate {}", event.id),
            Ok(_) => {}
            Err(AdvanceError::FencedOut { epoch }) => {
                println!("fenced out at epoch {epoch}");
                return Ok(());
            }
            Err(e) => return Err(e.into()),
        }
        if (i + 1) % step == 0 {
            println!("progress {}", i + 1);
        }
    }
    println!("done");
    // Stay the leader, as a consumer of a live stream would, until stopped.
    std::future::pending::<()>().await;
    Ok(())
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
