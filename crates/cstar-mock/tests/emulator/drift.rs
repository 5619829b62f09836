//! Drift on purpose: each mode rewrites successful API answers as documented, and nothing else.

use cstar_mock::{Drift, DriftMode, MockServer};
use serde_json::{Value, json};

use crate::support::{Call, control_url, sk};

async fn seeded(drift: Option<Drift>) -> MockServer {
    let mut builder = MockServer::builder().seed(3);
    if let Some(drift) = drift {
        builder = builder.drift(drift);
    }
    builder.start().await.unwrap()
}

async fn tickets(server: &MockServer) -> Vec<Value> {
    let answer = sk(server, "GET", "/tickets").send().await;
    assert_eq!(answer.status, 200);
    answer.body["data"].as_array().unwrap().clone()
}

#[tokio::test]
async fn nulls_and_missing_touch_one_field_per_object_and_never_the_id() {
    let plain = tickets(&seeded(None).await).await;
    for mode in [DriftMode::Nulls, DriftMode::Missing] {
        let drifted = tickets(&seeded(Some(Drift::new(mode, 5))).await).await;
        assert_eq!(drifted.len(), plain.len());
        for item in &drifted {
            assert!(item["id"].is_string(), "{mode:?} kept the id: {item}");
            let object = item.as_object().unwrap();
            let nulls = object.values().filter(|v| v.is_null()).count();
            let keys = plain[0].as_object().unwrap().len();
            match mode {
                DriftMode::Nulls => assert!(nulls >= 1, "{item}"),
                _ => assert_eq!(object.len(), keys - 1, "one field removed: {item}"),
            }
        }
    }
}

#[tokio::test]
async fn the_same_seed_drifts_the_same_way() {
    let a = tickets(&seeded(Some(Drift::new(DriftMode::Missing, 9))).await).await;
    let b = tickets(&seeded(Some(Drift::new(DriftMode::Missing, 9))).await).await;
    let keys = |items: &[Value]| -> Vec<Vec<String>> {
        items
            .iter()
            .map(|i| i.as_object().unwrap().keys().cloned().collect())
            .collect()
    };
    assert_eq!(keys(&a), keys(&b));
}

#[tokio::test]
async fn unknown_values_extra_fields_and_timestamps_rewrite_as_documented() {
    let unknown = tickets(&seeded(Some(Drift::new(DriftMode::UnknownValues, 1))).await).await;
    assert!(
        unknown[0]["status"]
            .as_str()
            .unwrap()
            .starts_with("drifted_")
    );
    let extra = tickets(&seeded(Some(Drift::new(DriftMode::ExtraFields, 1))).await).await;
    assert!(extra.iter().all(|t| t["driftAddedField"].is_object()));
    let stamps = tickets(&seeded(Some(Drift::new(DriftMode::Timestamps, 1))).await).await;
    let created = stamps[0]["createdAt"].as_str().unwrap();
    assert!(created.ends_with("+00:00"), "{created}");
}

#[tokio::test]
async fn one_bad_record_retypes_the_id_of_exactly_one_record() {
    let drifted = tickets(&seeded(Some(Drift::new(DriftMode::OneBadRecord, 2))).await).await;
    let bad = drifted.iter().filter(|t| !t["id"].is_string()).count();
    assert_eq!(bad, 1, "{drifted:?}");
}

#[tokio::test]
async fn the_control_route_targets_one_field_and_stops() {
    let server = seeded(None).await;
    let post = Call::new("POST", control_url(&server, "drift"))
        .json(r#"{"mode":"nulls","seed":3,"field":"priority"}"#)
        .send()
        .await;
    assert_eq!(post.status, 200);
    assert_eq!(
        post.body,
        json!({"mode": "nulls", "seed": 3, "field": "priority"})
    );
    for ticket in tickets(&server).await {
        assert!(ticket["priority"].is_null(), "{ticket}");
        assert!(ticket["status"].is_string(), "only the targeted field");
    }
    let bad = Call::new("POST", control_url(&server, "drift"))
        .json(r#"{"mode":"sideways"}"#)
        .send()
        .await;
    assert_eq!(bad.status, 400);
    let error = sk(&server, "GET", "/tickets/tkt_nope").send().await;
    assert_eq!(error.status, 404);
    assert!(error.body["error"].is_object(), "errors never drift");
    let stop = Call::new("DELETE", control_url(&server, "drift"))
        .send()
        .await;
    assert_eq!(stop.body["mode"], Value::Null);
    assert!(tickets(&server).await[0]["priority"].is_string());
}
