//! A forward proxy on loopback, for the proxy tests: plain-http requests in absolute form
//! (`GET http://host:port/path HTTP/1.1`) and `CONNECT host:port` tunnels, one request per
//! connection, each one counted. It forwards what it gets, marking plain requests with
//! `Via: 1.1 cstar-test-proxy` so that the emulator's request log shows which came through it.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// The header the proxy adds to every plain request it forwards.
pub const VIA: &str = "1.1 cstar-test-proxy";

/// A running proxy; stops when dropped.
pub struct ForwardProxy {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<String>>>,
    task: JoinHandle<()>,
}

impl ForwardProxy {
    /// Starts on a free port of 127.0.0.1.
    pub async fn start() -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let log = Arc::clone(&log);
                tokio::spawn(async move {
                    // A failed exchange shows up as a failed call in the test; nothing to add.
                    let _ = serve(client, &log).await;
                });
            }
        });
        Ok(Self { addr, seen, task })
    }

    /// `http://127.0.0.1:<port>`, for `HTTP_PROXY` or `reqwest::Proxy::all`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The request line of every request it received, in order.
    pub fn requests(&self) -> Vec<String> {
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Drop for ForwardProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(mut client: TcpStream, log: &Mutex<Vec<String>>) -> std::io::Result<()> {
    let mut buffer = Vec::new();
    let head_end = loop {
        let mut chunk = [0u8; 4096];
        let n = client.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buffer.extend_from_slice(&chunk[..n]);
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let rest = buffer[head_end..].to_vec();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default().to_owned();
    log.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(request_line.clone());
    let mut parts = request_line.split(' ');
    let (method, target) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    if method == "CONNECT" {
        let mut upstream = TcpStream::connect(target).await?;
        client
            .write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n")
            .await?;
        upstream.write_all(&rest).await?;
        tokio::io::copy_bidirectional(&mut client, &mut upstream).await?;
        return Ok(());
    }
    // Absolute form: http://host:port/path. Forwarded as is (HTTP/1.1 servers accept it), one
    // request per connection.
    let authority = target
        .strip_prefix("http://")
        .and_then(|t| t.split('/').next())
        .unwrap_or_default();
    let mut upstream = TcpStream::connect(authority).await?;
    let mut forwarded = format!("{request_line}\r\n");
    for line in lines.filter(|l| !l.is_empty()) {
        let name = line
            .split(':')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if name != "connection" && name != "proxy-connection" {
            forwarded.push_str(line);
            forwarded.push_str("\r\n");
        }
    }
    forwarded.push_str(&format!("Via: {VIA}\r\nConnection: close\r\n\r\n"));
    upstream.write_all(forwarded.as_bytes()).await?;
    upstream.write_all(&rest).await?;
    tokio::io::copy_bidirectional(&mut client, &mut upstream).await?;
    Ok(())
}
