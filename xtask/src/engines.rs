//! `cargo xtask engines`: the tests that need real engines (PostgreSQL, Redis, NATS), each started
//! here on loopback with a throwaway data directory, and stopped afterwards.
//!
//! Debian's packages: `postgresql-15` (binaries under `/usr/lib/postgresql/<version>/bin`) and
//! `redis-server`, `nats-server` (with JetStream). PostgreSQL refuses to run as root, so as root it runs as the `postgres` user
//! (`runuser`). Nothing listens on any address but 127.0.0.1; the unix socket is in the
//! temporary directory. The tests find the engines through `CSTAR_TEST_DATABASE_URL`,
//! `CSTAR_TEST_REDIS_URL` and `CSTAR_TEST_NATS_URL`; without them (a plain `cargo test --workspace`) they are reported as
//! ignored, with this command as the reason.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::run::{Step, cargo};

/// How long an engine may take to accept connections.
const READY_WITHIN: Duration = Duration::from_secs(60);

/// `cargo xtask engines`: start the engines, run the engine tests, stop the engines.
pub(crate) fn run() -> Result<(), String> {
    let engines = Engines::start()?;
    let result = cargo(&[
        "test",
        "-p",
        "cstar-events",
        "--all-features",
        "--test",
        "engines",
        "--",
        "--ignored",
        "--test-threads",
        "4",
    ])
    .env("CSTAR_TEST_DATABASE_URL", &engines.database_url)
    .env("CSTAR_TEST_REDIS_URL", &engines.redis_url)
    .env("CSTAR_TEST_NATS_URL", &engines.nats_url)
    .run();
    drop(engines);
    result
}

/// Running engines; dropping this stops them and removes their data.
pub(crate) struct Engines {
    /// The throwaway directory: data, sockets, logs, configuration.
    pub(crate) dir: PathBuf,
    /// Debian's PostgreSQL binaries (psql, pgbench).
    pub(crate) pg_bin: PathBuf,
    pub(crate) pg_port: u16,
    pub(crate) redis_port: u16,
    pg_data: PathBuf,
    as_postgres: bool,
    postgres_started: bool,
    redis: Option<Child>,
    nats: Option<Child>,
    /// `postgres://postgres@127.0.0.1:<port>/postgres`
    pub(crate) database_url: String,
    /// `redis://127.0.0.1:<port>/0`
    pub(crate) redis_url: String,
    /// `nats://127.0.0.1:<port>`
    pub(crate) nats_url: String,
}

impl Engines {
    /// Starts PostgreSQL and Redis on free loopback ports.
    pub(crate) fn start() -> Result<Self, String> {
        let pg_bin = postgres_bin()?;
        let redis_server = which("redis-server").ok_or(
            "redis-server is not installed (Debian: apt-get install redis-server)".to_owned(),
        )?;
        let nats_server = which("nats-server").ok_or(
            "nats-server is not installed (Debian: apt-get install nats-server)".to_owned(),
        )?;
        let dir = std::env::temp_dir().join(format!("cstar-engines-{}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let as_postgres = is_root();
        let mut engines = Self {
            pg_data: dir.join("pg"),
            dir,
            pg_bin,
            as_postgres,
            postgres_started: false,
            pg_port: 0,
            redis_port: 0,
            redis: None,
            nats: None,
            database_url: String::new(),
            redis_url: String::new(),
            nats_url: String::new(),
        };
        engines.start_postgres()?;
        engines.start_redis(&redis_server)?;
        engines.start_nats(&nats_server)?;
        Ok(engines)
    }

    fn pg_command(&self, program: &str) -> Step {
        let path = self.pg_bin.join(program);
        let path = path.to_string_lossy();
        if self.as_postgres {
            Step::new("runuser").args(&["-u", "postgres", "--", &path])
        } else {
            Step::new(&path)
        }
    }

    fn start_postgres(&mut self) -> Result<(), String> {
        if self.as_postgres {
            Step::new("chown")
                .args(&["postgres:", &self.dir.to_string_lossy()])
                .run()?;
        }
        let data = self.pg_data.to_string_lossy().into_owned();
        self.pg_command("initdb")
            .args(&[
                "-D",
                &data,
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            ])
            .output()?;
        let port = free_port()?;
        let options = format!(
            "-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={} -c max_connections=200",
            self.dir.display()
        );
        let log = self.dir.join("postgres.log");
        self.pg_command("pg_ctl")
            .args(&[
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                &data,
                "-l",
                &log.to_string_lossy(),
                "-o",
                &options,
            ])
            .run()
            .map_err(|e| format!("{e}; see {}", log.display()))?;
        self.postgres_started = true;
        self.pg_port = port;
        self.database_url = format!("postgres://postgres@127.0.0.1:{port}/postgres");
        Ok(())
    }

    fn start_redis(&mut self, redis_server: &Path) -> Result<(), String> {
        let port = free_port()?;
        let child = Command::new(redis_server)
            .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
            .args(["--save", "", "--appendonly", "no"])
            .arg("--dir")
            .arg(&self.dir)
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("could not start redis-server: {e}"))?;
        self.redis = Some(child);
        wait_for_redis(port)?;
        self.redis_port = port;
        self.redis_url = format!("redis://127.0.0.1:{port}/0");
        println!("==> redis-server on 127.0.0.1:{port}");
        Ok(())
    }
}

impl Engines {
    /// Runs SQL through psql on database `db`; returns what it printed (unaligned, tuples only).
    pub(crate) fn psql(&self, db: &str, sql: &str) -> Result<String, String> {
        Step::new(&self.pg_bin.join("psql").to_string_lossy())
            .args(&[
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-tA",
                "-h",
                "127.0.0.1",
            ])
            .args(&[
                "-p",
                &self.pg_port.to_string(),
                "-U",
                "postgres",
                "-d",
                db,
                "-c",
                sql,
            ])
            .output()
            .map(|out| out.trim().to_owned())
    }

    /// Sends one Redis command (inline form) and returns the first reply line.
    pub(crate) fn redis_command(&self, command: &str) -> Result<String, String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.redis_port))
            .map_err(|e| format!("redis: {e}"))?;
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        stream
            .write_all(format!("{command}\r\n").as_bytes())
            .map_err(|e| format!("redis: {e}"))?;
        let mut reply = [0u8; 256];
        let n = stream.read(&mut reply).map_err(|e| format!("redis: {e}"))?;
        Ok(String::from_utf8_lossy(&reply[..n]).trim().to_owned())
    }
}

impl Engines {
    fn start_nats(&mut self, nats_server: &Path) -> Result<(), String> {
        let port = free_port()?;
        let child = Command::new(nats_server)
            .args(["-js", "-a", "127.0.0.1", "-p", &port.to_string()])
            .arg("-sd")
            .arg(self.dir.join("nats"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("could not start nats-server: {e}"))?;
        self.nats = Some(child);
        wait_for_greeting(port, b"INFO ", "nats-server")?;
        self.nats_url = format!("nats://127.0.0.1:{port}");
        println!("==> nats-server -js on 127.0.0.1:{port}");
        Ok(())
    }
}

impl Drop for Engines {
    fn drop(&mut self) {
        if self.postgres_started {
            let data = self.pg_data.to_string_lossy().into_owned();
            if let Err(e) = self
                .pg_command("pg_ctl")
                .args(&["stop", "-m", "fast", "-w", "-D", &data])
                .run()
            {
                eprintln!("xtask engines: could not stop PostgreSQL: {e}");
            }
        }
        // Our own children, by their handles; their data is thrown away anyway.
        for mut child in [self.redis.take(), self.nats.take()].into_iter().flatten() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The newest PostgreSQL under Debian's `/usr/lib/postgresql/<version>/bin`.
fn postgres_bin() -> Result<PathBuf, String> {
    let missing =
        || "PostgreSQL is not installed (Debian: apt-get install postgresql-15)".to_owned();
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|_| missing())?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            bin.join("postgres").is_file().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin).ok_or_else(missing)
}

pub(crate) fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .chain(["/usr/sbin".into(), "/usr/bin".into()])
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

fn is_root() -> bool {
    Step::new("id")
        .args(&["-u"])
        .output()
        .is_ok_and(|uid| uid.trim() == "0")
}

/// A port nothing listens on right now: the OS picks it, we release it for the engine, which
/// takes no listening socket from us.
pub(crate) fn free_port() -> Result<u16, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .map_err(|e| format!("no free port on 127.0.0.1: {e}"))
}

/// Polls until Redis answers PING.
fn wait_for_redis(port: u16) -> Result<(), String> {
    let started = Instant::now();
    loop {
        if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) {
            let mut reply = [0u8; 7];
            let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
            if stream.write_all(b"PING\r\n").is_ok()
                && stream.read_exact(&mut reply).is_ok()
                && &reply == b"+PONG\r\n"
            {
                return Ok(());
            }
        }
        if started.elapsed() > READY_WITHIN {
            return Err(format!("redis-server did not answer on port {port}"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Polls until a server greets a new connection with `greeting` (NATS sends `INFO {..}`).
fn wait_for_greeting(port: u16, greeting: &[u8], name: &str) -> Result<(), String> {
    let started = Instant::now();
    loop {
        if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) {
            let mut first = vec![0u8; greeting.len()];
            let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
            if stream.read_exact(&mut first).is_ok() && first == greeting {
                return Ok(());
            }
        }
        if started.elapsed() > READY_WITHIN {
            return Err(format!("{name} did not answer on port {port}"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
