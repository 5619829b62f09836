//! Forwarding into a real NATS JetStream: the server drops the copies a leader change replays.

use cstar_events::{AdvanceError, ConsumerGroup, JetStreamForwarder};
use cstar_webhook::Event;

use crate::postgres::inbox;
use crate::{engine_url, unique_id};

fn event(id: &str) -> Event {
    serde_json::from_str(&format!(
        r#"{{"id":"{id}","type":"ticket.created","data":{{"ticket":{{"id":"tkt_1"}}}}}}"#
    ))
    .unwrap()
}

/// A forwarder on a subject and stream of its own; and the stream's message count.
async fn forwarder(name: &str) -> (JetStreamForwarder, impl AsyncFn() -> u64) {
    let url = engine_url("CSTAR_TEST_NATS_URL");
    let stream = unique_id(name).to_uppercase();
    let subject = format!("cstar.{}", stream.to_lowercase());
    let forwarder = JetStreamForwarder::connect(&url, &subject).await.unwrap();
    forwarder.ensure_stream(&stream).await.unwrap();
    let client = async_nats::connect(&url).await.unwrap();
    let jetstream = async_nats::jetstream::new(client);
    let count = async move || {
        let mut stream = jetstream.get_stream(&stream).await.unwrap();
        stream.info().await.unwrap().state.messages
    };
    (forwarder, count)
}

#[tokio::test]
#[ignore = "needs nats-server -js: run `cargo xtask engines`"]
async fn the_same_event_id_is_stored_once() {
    let (forwarder, messages) = forwarder("once").await;
    let event = event(&unique_id("nats_once"));
    let first = forwarder.publish(&event).await.unwrap();
    let again = forwarder.publish(&event).await.unwrap();
    assert!(!first.duplicate);
    assert!(again.duplicate, "the server dropped the copy");
    assert_eq!(again.sequence, first.sequence);
    assert_eq!(messages().await, 1);
}

/// The leader dies after a publish was acknowledged but before its cursor moved: the next
/// leader resumes at the cursor, publishes that event again, and JetStream drops the copy.
#[tokio::test]
#[ignore = "needs nats-server -js: run `cargo xtask engines`"]
async fn a_leader_change_replays_into_duplicates_the_server_drops() {
    let inbox = inbox().await;
    let (forwarder, messages) = forwarder("takeover").await;
    let group = ConsumerGroup::new(&inbox, unique_id("nats_group"));
    let ids: Vec<String> = (0..5).map(|i| unique_id(&format!("nats_{i}"))).collect();

    let first = group.lead().await.unwrap();
    for id in &ids[..3] {
        let published = forwarder
            .forward(&event(id), &first.fence(), &inbox)
            .await
            .unwrap();
        assert!(!published.duplicate);
    }
    forwarder.publish(&event(&ids[3])).await.unwrap(); // then the leader dies
    let stale = first.fence();
    drop(first);

    let second = group.lead().await.unwrap();
    assert_eq!(second.resume_from(), Some(ids[2].as_str()));
    let replayed = forwarder
        .forward(&event(&ids[3]), &second.fence(), &inbox)
        .await
        .unwrap();
    assert!(
        replayed.duplicate,
        "the replayed event was dropped by the server"
    );
    let next = forwarder
        .forward(&event(&ids[4]), &second.fence(), &inbox)
        .await
        .unwrap();
    assert!(!next.duplicate);
    assert_eq!(
        messages().await,
        5,
        "five distinct events, each stored once"
    );

    let zombie = forwarder
        .forward(&event(&unique_id("nats_zombie")), &stale, &inbox)
        .await;
    assert!(matches!(zombie, Err(AdvanceError::FencedOut { .. })));
    let (_, cursor) = {
        let conn = inbox.pool().get().await.unwrap();
        let row = conn
            .query_one(
                "SELECT epoch, cursor FROM cstar_consumer_cursors WHERE group_name = $1",
                &[&group.name()],
            )
            .await
            .unwrap();
        (row.get::<_, i64>(0), row.get::<_, String>(1))
    };
    assert_eq!(cursor, ids[4], "the stale leader did not move the cursor");
}
