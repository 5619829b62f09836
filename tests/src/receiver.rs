//! A webhook receiver on loopback: records every POST (headers and raw body) and answers 500
//! to the first `fail_first` of them, then 200.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "test support: a failed setup should stop the test loudly"
)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};

/// One POST the receiver got.
#[derive(Clone, Debug)]
pub struct Received {
    /// Header names in lowercase, with their values.
    pub headers: Vec<(String, String)>,
    /// The raw body, exactly as sent.
    pub body: Bytes,
    /// What the receiver answered.
    pub answered: u16,
}

impl Received {
    /// The value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A running receiver; it stops when dropped.
pub struct Receiver {
    /// `http://127.0.0.1:<port>/hooks`.
    pub url: String,
    received: Arc<Mutex<Vec<Received>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Receiver {
    /// Starts a receiver answering 500 to the first `fail_first` deliveries.
    pub async fn start(fail_first: usize) -> Self {
        let received = Arc::new(Mutex::new(Vec::new()));
        let failures_left = Arc::new(AtomicUsize::new(fail_first));
        let log = Arc::clone(&received);
        let app = axum::Router::new().route(
            "/hooks",
            axum::routing::post(move |headers: HeaderMap, body: Bytes| {
                let log = Arc::clone(&log);
                let failures_left = Arc::clone(&failures_left);
                async move {
                    let fail = failures_left
                        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                        .is_ok();
                    let status = if fail {
                        StatusCode::INTERNAL_SERVER_ERROR
                    } else {
                        StatusCode::OK
                    };
                    let headers = headers
                        .iter()
                        .map(|(n, v)| {
                            let value = String::from_utf8_lossy(v.as_bytes()).into_owned();
                            (n.as_str().to_owned(), value)
                        })
                        .collect();
                    log.lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push(Received {
                            headers,
                            body,
                            answered: status.as_u16(),
                        });
                    status
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free loopback port");
        let addr = listener.local_addr().expect("a bound address");
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self {
            url: format!("http://{addr}/hooks"),
            received,
            task,
        }
    }

    /// Everything received so far.
    pub fn received(&self) -> Vec<Received> {
        self.received
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Waits (up to 10 s) until `count` deliveries arrived, and returns them all.
    pub async fn wait_for(&self, count: usize) -> Vec<Received> {
        for _ in 0..1000 {
            let got = self.received();
            if got.len() >= count {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let got = self.received();
        panic!("expected {count} deliveries within 10 s, got {}", got.len());
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}
