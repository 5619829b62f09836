//! The two local servers the page needs: the emulator (a child process) and a static file server
//! for the built page; and a plain HTTP GET to ask the emulator what the page should show.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// `cstar-mock --port 0 --seed N`, stopped when dropped.
pub(crate) struct Mock {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    pub(crate) url: String,
    pub(crate) team: String,
    /// The seeded knowledge base is the test environment's: the library reads it with this key.
    pub(crate) publishable_key: String,
}

impl Mock {
    /// Builds and starts the emulator with a seeded knowledge base, and reads where it listens.
    pub(crate) fn start(target_dir: &Path) -> Result<Self, String> {
        crate::run::cargo(&["build", "--quiet", "-p", "cstar-mock"]).run()?;
        let program = target_dir.join("debug").join("cstar-mock");
        let mut child = Command::new(&program)
            .args(["--port", "0", "--seed", "12"])
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
        let stdout = child.stdout.take().ok_or("the emulator has no stdout")?;
        let mut mock = Self {
            child,
            url: String::new(),
            team: String::new(),
            publishable_key: String::new(),
        };
        let mut lines = BufReader::new(stdout).lines();
        for line in lines.by_ref() {
            let line = line.map_err(|e| format!("reading the emulator's output: {e}"))?;
            if let Some(url) = line.strip_prefix("listening on ") {
                mock.url = url.trim().trim_end_matches('/').to_owned();
            } else if let Some(key) = line.strip_prefix("publishable key: ") {
                key.trim().clone_into(&mut mock.publishable_key);
            } else if let Some(team) = line.strip_prefix("team slug: ") {
                mock.team = team.trim().to_owned();
                break;
            }
        }
        // The rest of its output is drained: a closed pipe would end it at its next line.
        std::thread::spawn(move || lines.for_each(drop));
        if mock.url.is_empty() || mock.team.is_empty() || mock.publishable_key.is_empty() {
            return Err("the emulator did not say where it listens".to_owned());
        }
        Ok(mock)
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Serves `root`'s files on `127.0.0.1:<free port>` from a background thread; returns the URL.
pub(crate) fn static_files(root: PathBuf) -> Result<String, String> {
    let listener =
        TcpListener::bind("127.0.0.1:0").map_err(|e| format!("cannot listen for the page: {e}"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let _ = serve_one(stream, &root);
        }
    });
    Ok(format!("http://127.0.0.1:{port}"))
}

fn serve_one(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut request_line = String::new();
    BufReader::new(stream.try_clone()?).read_line(&mut request_line)?;
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = path
        .split('?')
        .next()
        .unwrap_or("/")
        .trim_start_matches('/');
    let path = if path.is_empty() { "index.html" } else { path };
    let file = (!path.contains(".."))
        .then(|| std::fs::read(root.join(path)).ok())
        .flatten();
    let (status, kind, body) = match file {
        Some(body) => ("200 OK", content_type(path), body),
        None => ("404 Not Found", "text/plain", b"not found".to_vec()),
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        _ => "application/octet-stream",
    }
}

/// The body of `GET <url>` with this bearer key (plain HTTP/1.1 on loopback).
pub(crate) fn get(url: &str, key: &str) -> Result<String, String> {
    let rest = url.strip_prefix("http://").ok_or("not an http URL")?;
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path = if path.is_empty() { "/" } else { path };
    let mut stream = TcpStream::connect(host).map_err(|e| format!("GET {url}: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(|e| e.to_string())?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {key}\r\nAccept: application/json\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| format!("GET {url}: {e}"))?;
    let mut answer = String::new();
    stream
        .read_to_string(&mut answer)
        .map_err(|e| format!("GET {url}: {e}"))?;
    let (head, body) = answer.split_once("\r\n\r\n").ok_or("no HTTP answer")?;
    if !head.starts_with("HTTP/1.1 200") {
        return Err(format!(
            "GET {url}: {}",
            head.lines().next().unwrap_or_default()
        ));
    }
    Ok(body.to_owned())
}

/// Every `"title":"..."` string in a JSON document (unescaping `\"` and `\\` only: enough for the
/// emulator's seeded titles).
pub(crate) fn titles(json: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = json;
    while let Some(start) = rest.find("\"title\":\"") {
        rest = &rest[start + 9..];
        let mut title = String::new();
        let mut chars = rest.char_indices();
        let mut end = rest.len();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    if let Some((_, escaped)) = chars.next() {
                        title.push(escaped);
                    }
                }
                '"' => {
                    end = i;
                    break;
                }
                c => title.push(c),
            }
        }
        found.push(title);
        rest = &rest[end..];
    }
    found
}
