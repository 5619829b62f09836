//! One HTTP/1.1 POST to a receiver, bounded by a timeout. Plain `http://` only: the emulator
//! delivers to receivers on the test machine, and an `https://` URL gets a clear error instead
//! of a TLS stack in a test tool.

use std::time::{Duration, Instant};

use axum::http::{Request, Uri};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// How a POST went.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    /// The receiver's status, when it answered.
    pub(crate) status: Option<u16>,
    /// Why there was no 2xx answer, when there was none.
    pub(crate) error: Option<String>,
    pub(crate) elapsed: Duration,
}

impl Outcome {
    pub(crate) fn succeeded(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }
}

/// POSTs `body` with `headers` to `url`, giving up after `timeout`.
pub(crate) async fn post(
    url: &str,
    headers: &[(&'static str, String)],
    body: Bytes,
    timeout: Duration,
) -> Outcome {
    let started = Instant::now();
    let result = match tokio::time::timeout(timeout, exchange(url, headers, body)).await {
        Ok(result) => result,
        Err(_) => Err(format!("no answer within {} ms", timeout.as_millis())),
    };
    let elapsed = started.elapsed();
    match result {
        Ok(status) if (200..300).contains(&status) => Outcome {
            status: Some(status),
            error: None,
            elapsed,
        },
        Ok(status) => Outcome {
            status: Some(status),
            error: Some(format!("the receiver answered {status}")),
            elapsed,
        },
        Err(error) => Outcome {
            status: None,
            error: Some(error),
            elapsed,
        },
    }
}

async fn exchange(
    url: &str,
    headers: &[(&'static str, String)],
    body: Bytes,
) -> Result<u16, String> {
    let uri: Uri = url.parse().map_err(|e| format!("bad URL {url:?}: {e}"))?;
    match uri.scheme_str() {
        Some("http") => {}
        Some("https") => {
            return Err("the emulator delivers over plain http only; use an http:// URL".into());
        }
        _ => return Err(format!("bad URL {url:?}: not http")),
    }
    let host = uri
        .host()
        .ok_or_else(|| format!("bad URL {url:?}: no host"))?;
    let port = uri.port_u16().unwrap_or(80);
    let stream = TcpStream::connect((host.trim_matches(['[', ']']), port))
        .await
        .map_err(|e| format!("cannot connect to {host}:{port}: {e}"))?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| format!("HTTP handshake failed: {e}"))?;
    let driver = tokio::spawn(connection);
    let authority = uri.authority().map_or(host, |a| a.as_str()).to_owned();
    let path = uri.path_and_query().map_or("/", |p| p.as_str()).to_owned();
    let mut request = Request::post(path).header("host", authority);
    for (name, value) in headers {
        request = request.header(*name, value.as_str());
    }
    let request = request
        .body(Full::new(body))
        .map_err(|e| format!("cannot build the request: {e}"))?;
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| format!("the request failed: {e}"))?;
    let status = response.status().as_u16();
    // Read the answer to the end so the receiver is not cut off mid-write; its content does
    // not matter.
    let _ = response.into_body().collect().await;
    driver.abort();
    Ok(status)
}
