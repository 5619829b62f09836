//! Running the built `cstar` as a user would, against an emulator started by the test: a
//! private config directory, children killed on drop, output read with deadlines.

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use cstar_mock::MockServer;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};

/// How long any wait in these tests may take before it fails.
pub const DEADLINE: Duration = Duration::from_secs(30);

/// A directory removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("cstar-cli-test-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("temp dir");
        Self(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One test's world: an emulator and a config directory of its own.
pub struct World {
    pub server: MockServer,
    pub config: TempDir,
}

impl World {
    pub async fn start() -> Self {
        Self {
            server: MockServer::start().await.expect("emulator"),
            config: TempDir::new(),
        }
    }

    /// `cstar ARGS` with no credentials but the config directory: nothing from the
    /// developer's own environment or profile leaks in.
    pub fn bare(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_cstar"));
        command
            .args(args)
            .env_remove("CSTAR_SECRET_KEY")
            .env_remove("CSTAR_TEAM_ID")
            .env_remove("CSTAR_BASE_URL")
            .env_remove("XDG_CONFIG_HOME")
            .env("CSTAR_CONFIG_DIR", self.config.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        command
    }

    /// `cstar ARGS` with the emulator's credentials in the environment.
    pub fn cstar(&self, args: &[&str]) -> Command {
        let mut command = self.bare(args);
        command
            .env("CSTAR_SECRET_KEY", self.server.secret_key())
            .env("CSTAR_TEAM_ID", self.server.team_id())
            .env("CSTAR_BASE_URL", self.server.base_url());
        command
    }

    /// An SDK client on the same emulator, to make the events and data a test needs.
    pub fn client(&self) -> cstar_admin::CStarClient {
        cstar_admin::CStarClient::builder()
            .api_key(self.server.secret_key())
            .team_id(self.server.team_id())
            .base_url(self.server.base_url())
            .build()
            .expect("client")
    }
}

/// Runs a command to its end, within the deadline.
pub async fn run(mut command: Command) -> Finished {
    let output = tokio::time::timeout(DEADLINE, command.output())
        .await
        .expect("cstar did not finish in time")
        .expect("cstar could not be run");
    Finished(output)
}

/// A command that ran to its end.
pub struct Finished(pub Output);

impl Finished {
    pub fn code(&self) -> Option<i32> {
        self.0.status.code()
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }

    /// The request id stderr quotes, asserting it is quoted exactly once.
    pub fn request_id_once(&self) -> String {
        let stderr = self.stderr();
        let start = stderr
            .find("req_")
            .unwrap_or_else(|| panic!("no request id in: {stderr}"));
        let id: String = stderr[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        assert_eq!(
            stderr.matches(&id).count(),
            1,
            "the request id twice: {stderr}"
        );
        id
    }

    /// Asserts exit 0 and returns stdout.
    pub fn success(&self) -> String {
        assert_eq!(
            self.code(),
            Some(0),
            "stdout: {}\nstderr: {}",
            self.stdout(),
            self.stderr()
        );
        self.stdout()
    }
}

/// A running `cstar`, killed when dropped, whose stdout is read line by line.
pub struct Running {
    pub child: Child,
    pub stdin: Option<ChildStdin>,
    lines: Lines<BufReader<ChildStdout>>,
}

impl Running {
    pub fn spawn(mut command: Command) -> Self {
        command.stdin(Stdio::piped());
        let mut child = command.spawn().expect("spawn cstar");
        let stdout = child.stdout.take().expect("stdout");
        let stdin = child.stdin.take();
        Self {
            child,
            stdin,
            lines: BufReader::new(stdout).lines(),
        }
    }

    /// The next stdout line, or a failure at the deadline or at the end of output.
    pub async fn next_line(&mut self) -> String {
        match tokio::time::timeout(DEADLINE, self.lines.next_line()).await {
            Ok(Ok(Some(line))) => line,
            Ok(Ok(None)) => panic!("cstar closed stdout (stderr: {})", self.stderr_now().await),
            Ok(Err(e)) => panic!("reading cstar's stdout: {e}"),
            Err(_) => panic!("no line from cstar within {DEADLINE:?}"),
        }
    }

    /// Reads lines until one satisfies `want`, and returns it.
    pub async fn line_where(&mut self, want: impl Fn(&str) -> bool) -> String {
        loop {
            let line = self.next_line().await;
            if want(&line) {
                return line;
            }
        }
    }

    /// Writes one line to stdin.
    pub async fn send_line(&mut self, text: &str) {
        let stdin = self.stdin.as_mut().expect("stdin");
        stdin.write_all(text.as_bytes()).await.expect("write");
        stdin.write_all(b"\n").await.expect("write");
        stdin.flush().await.expect("flush");
    }

    /// What stderr holds once the process has ended (empty while it runs).
    async fn stderr_now(&mut self) -> String {
        let _ = tokio::time::timeout(Duration::from_secs(5), self.child.wait()).await;
        let mut text = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            use tokio::io::AsyncReadExt;
            let _ = tokio::time::timeout(Duration::from_secs(5), stderr.read_to_string(&mut text))
                .await;
        }
        text
    }

    /// Sends SIGINT (what Ctrl-C sends) and returns the exit code and stderr.
    #[cfg(unix)]
    pub async fn interrupt(mut self) -> (Option<i32>, String) {
        let pid = self.child.id().expect("still running").to_string();
        let status = std::process::Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .expect("kill -INT");
        assert!(status.success());
        let status = tokio::time::timeout(DEADLINE, self.child.wait())
            .await
            .expect("cstar did not stop on SIGINT")
            .expect("wait");
        (status.code(), self.stderr_now().await)
    }
}

/// Polls `check` until it returns `Some`, failing at the deadline.
pub async fn eventually<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = tokio::time::Instant::now() + DEADLINE;
    loop {
        if let Some(value) = check() {
            return value;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
