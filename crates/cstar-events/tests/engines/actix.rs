//! The actix-web receiver over real HTTP on loopback (memory store: what is tested here is
//! the adapter; the stores have their own tests).

use std::net::SocketAddr;

use actix_web::{App, HttpServer};
use cstar_events::actix::receiver;
use cstar_events::{MemoryStore, Store};
use cstar_webhook::{Verifier, sign};
use http_body_util::Full;
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

use crate::unique_id;

const SECRET: &str = "whsec_actix_test_secret_0123456789abcdef";

async fn deliver(addr: SocketAddr, body: &str, signature: &str) -> u16 {
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let request = hyper::Request::post(format!("http://{addr}/webhooks/cstar"))
        .header("x-signature", signature)
        .body(Full::new(Bytes::from(body.to_owned())))
        .unwrap();
    client.request(request).await.unwrap().status().as_u16()
}

#[test]
#[ignore = "needs the actix feature: run `cargo xtask engines`"]
fn the_actix_receiver_answers_each_case_with_its_status() {
    actix_web::rt::System::new().block_on(async {
        let store = MemoryStore::new();
        let verifier = Verifier::new(SECRET).unwrap();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let server = {
            let store = store.clone();
            HttpServer::new(move || {
                let route = receiver(verifier.clone(), store.clone(), |event, _claim| {
                    Box::pin(async move {
                        if event.id.contains("fail") {
                            Err("the handler failed")
                        } else {
                            Ok(())
                        }
                    })
                });
                App::new().route("/webhooks/cstar", route)
            })
            .workers(1)
            .listen(listener)
            .unwrap()
            .run()
        };
        let handle = server.handle();
        actix_web::rt::spawn(server);

        let now = i64::try_from(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs(),
        )
        .unwrap();
        let id = unique_id("actix");
        let body = format!(r#"{{"id":"{id}","type":"ticket.created","data":{{}}}}"#);
        let signed = sign(body.as_bytes(), SECRET, now);
        assert_eq!(deliver(addr, &body, &signed).await, 200);
        assert_eq!(deliver(addr, &body, &signed).await, 200);
        let forged = sign(body.as_bytes(), "whsec_someone_else", now);
        assert_eq!(deliver(addr, &body, &forged).await, 400);

        let busy = unique_id("actix_busy");
        let held = store.claim(&busy).await.unwrap();
        let body = format!(r#"{{"id":"{busy}","type":"ticket.created","data":{{}}}}"#);
        assert_eq!(
            deliver(addr, &body, &sign(body.as_bytes(), SECRET, now)).await,
            409
        );
        drop(held);

        let failing = unique_id("actix_fail");
        let body = format!(r#"{{"id":"{failing}","type":"ticket.created","data":{{}}}}"#);
        assert_eq!(
            deliver(addr, &body, &sign(body.as_bytes(), SECRET, now)).await,
            500
        );
        assert_eq!(store.len(), 1, "the handled id, none of the others");
        handle.stop(true).await;
    });
}
