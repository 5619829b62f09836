//! Helpers: a bare HTTP client and shortcuts to the emulator's routes.

use std::io::BufRead;

use cstar_mock::MockServer;
use reqwest::header::HeaderMap;
use serde_json::Value;

/// One answer, body decoded as JSON (`Value::Null` when it is not JSON).
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) bytes: Vec<u8>,
    pub(crate) body: Value,
}

impl Answer {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub(crate) fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or("")
    }

    pub(crate) fn param(&self) -> Option<&str> {
        self.body["error"]["param"].as_str()
    }

    pub(crate) fn id(&self) -> String {
        self.body["data"]["id"].as_str().unwrap().to_owned()
    }
}

/// An HTTP client; installs ring as rustls's process-wide provider first, because in a
/// workspace build reqwest is compiled with `rustls-no-provider` and refuses to build without
/// one.
pub(crate) fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

/// A request with optional `Authorization` value, body and extra headers.
pub(crate) struct Call<'a> {
    pub(crate) method: &'a str,
    pub(crate) url: String,
    pub(crate) auth: Option<String>,
    pub(crate) body: Option<String>,
    pub(crate) headers: Vec<(&'a str, String)>,
}

impl<'a> Call<'a> {
    pub(crate) fn new(method: &'a str, url: impl Into<String>) -> Self {
        Self {
            method,
            url: url.into(),
            auth: None,
            body: None,
            headers: Vec::new(),
        }
    }

    pub(crate) fn key(mut self, key: &str) -> Self {
        self.auth = Some(format!("Bearer {key}"));
        self
    }

    pub(crate) fn auth(mut self, value: &str) -> Self {
        self.auth = Some(value.to_owned());
        self
    }

    pub(crate) fn json(mut self, body: &str) -> Self {
        self.body = Some(body.to_owned());
        self
    }

    pub(crate) fn header(mut self, name: &'a str, value: &str) -> Self {
        self.headers.push((name, value.to_owned()));
        self
    }

    pub(crate) async fn send(self) -> Answer {
        self.try_send().await.expect("a complete HTTP answer")
    }

    /// `Err` when the connection broke before the whole body arrived.
    pub(crate) async fn try_send(self) -> Result<Answer, reqwest::Error> {
        let client = http();
        let mut request = client.request(self.method.parse().unwrap(), &self.url);
        if let Some(auth) = self.auth {
            request = request.header("authorization", auth);
        }
        for (name, value) in self.headers {
            request = request.header(name, value);
        }
        if let Some(body) = self.body {
            request = request
                .header("content-type", "application/json")
                .body(body);
        }
        let response = request.send().await?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.bytes().await?.to_vec();
        Ok(Answer {
            status,
            headers,
            body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
            bytes,
        })
    }
}

/// `{base}/api/v1/teams/{team}{path}`.
pub(crate) fn team_url(server: &MockServer, path: &str) -> String {
    format!(
        "{}/api/v1/teams/{}{path}",
        server.base_url(),
        server.team_id()
    )
}

/// `{base}/__cstar_mock/{path}`.
pub(crate) fn control_url(server: &MockServer, path: &str) -> String {
    control_url_at(&server.base_url(), path)
}

/// `{base}/__cstar_mock/{path}` for an emulator known by its base URL (the binary's).
pub(crate) fn control_url_at(base: &str, path: &str) -> String {
    format!("{base}/__cstar_mock/{path}")
}

/// A request with the secret key.
pub(crate) fn sk<'a>(server: &MockServer, method: &'a str, path: &str) -> Call<'a> {
    Call::new(method, team_url(server, path)).key(server.secret_key())
}

/// Creates a ticket from a JSON body; returns the ticket.
pub(crate) async fn create_ticket(server: &MockServer, body: &str) -> Value {
    let answer = sk(server, "POST", "/tickets").json(body).send().await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    answer.body["data"].clone()
}

/// The ids of a list answer's `data`, in order.
pub(crate) fn ids(answer: &Answer) -> Vec<String> {
    answer.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Whether `text` is `YYYY-MM-DDTHH:MM:SS.mmmZ`.
pub(crate) fn is_api_timestamp(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| b[range].iter().all(u8::is_ascii_digit);
    b.len() == 24
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && b[19] == b'.'
        && digits(20..23)
        && b[23] == b'Z'
}

/// Runs the `cstar-mock` binary with `args` and reads the first `lines` lines it prints.
pub(crate) fn spawn_binary(lines: usize, args: &[&str]) -> (std::process::Child, Vec<String>) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cstar-mock"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let lines: Vec<String> = std::io::BufReader::new(child.stdout.take().unwrap())
        .lines()
        .take(lines)
        .map(Result::unwrap)
        .collect();
    (child, lines)
}

#[cfg(unix)]
/// Stops a spawned binary with SIGTERM (a clean stop) and waits for it.
pub(crate) fn stop(child: &mut std::process::Child) {
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "SIGTERM is a clean stop: {exit:?}");
}

#[cfg(not(unix))]
/// Stops a spawned binary with SIGTERM (a clean stop) and waits for it.
pub(crate) fn stop(child: &mut std::process::Child) {
    child.kill().unwrap();
    child.wait().unwrap();
}
