//! The axum receiver over real HTTP on loopback, with the inbox behind it.

use std::net::SocketAddr;

use axum::Router;
use cstar_events::axum::receiver;
use cstar_events::{MemoryStore, Store};
use cstar_webhook::{Verifier, sign};
use http_body_util::Full;
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

use crate::postgres::{effects, inbox, write_effect};
use crate::unique_id;

const SECRET: &str = "whsec_engines_test_secret_0123456789abcdef";

async fn serve(app: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

async fn deliver(addr: SocketAddr, body: &str, signature: &str) -> u16 {
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let request = hyper::Request::post(format!("http://{addr}/webhooks/cstar"))
        .header("content-type", "application/json")
        .header("x-signature", signature)
        .body(Full::new(Bytes::from(body.to_owned())))
        .unwrap();
    client.request(request).await.unwrap().status().as_u16()
}

fn event(id: &str) -> String {
    format!(
        r#"{{"id":"{id}","type":"ticket.created","created_at":"2026-11-25T10:00:00Z","team_id":"team_1","data":{{"ticket":{{"id":"tkt_1","title":"Printer on fire"}}}}}}"#
    )
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        .try_into()
        .unwrap()
}

fn signed(body: &str) -> String {
    sign(body.as_bytes(), SECRET, now())
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run `cargo xtask engines`"]
async fn the_axum_receiver_answers_each_case_with_its_status() {
    let inbox = inbox().await;
    let route = receiver(
        Verifier::new(SECRET).unwrap(),
        inbox.clone(),
        |event, tx| {
            Box::pin(async move {
                if event.data["ticket"]["title"] == "fail" {
                    return Err("the handler failed".to_owned());
                }
                write_effect(tx, &event.id).await.map_err(|e| e.to_string())
            })
        },
    );
    let addr = serve(Router::new().route("/webhooks/cstar", route)).await;

    let id = unique_id("http");
    let body = event(&id);
    assert_eq!(deliver(addr, &body, &signed(&body)).await, 200);
    assert_eq!(
        deliver(addr, &body, &signed(&body)).await,
        200,
        "a duplicate is a 2xx"
    );
    assert_eq!(effects(&inbox, &id).await, 1);

    let forged = sign(body.as_bytes(), "whsec_someone_else", now());
    assert_eq!(deliver(addr, &body, &forged).await, 400);

    let failing_id = unique_id("http_fail");
    let failing = event(&failing_id).replace("Printer on fire", "fail");
    assert_eq!(deliver(addr, &failing, &signed(&failing)).await, 500);
    assert_eq!(effects(&inbox, &failing_id).await, 0);
}

/// The same receiver with the in-memory store: 409 while another delivery holds the id.
#[tokio::test]
#[ignore = "needs the axum feature: run `cargo xtask engines`"]
async fn a_delivery_in_progress_elsewhere_is_answered_409() {
    let store = MemoryStore::new();
    let route = receiver(
        Verifier::new(SECRET).unwrap(),
        store.clone(),
        |_event, _claim| Box::pin(async { Ok::<_, String>(()) }),
    );
    let addr = serve(Router::new().route("/webhooks/cstar", route)).await;
    let id = unique_id("http_busy");
    let body = event(&id);
    let held = store.claim(&id).await.unwrap();
    assert_eq!(deliver(addr, &body, &signed(&body)).await, 409);
    drop(held);
    assert_eq!(deliver(addr, &body, &signed(&body)).await, 200);
}
