//! `cargo xtask bench events [--ci]`: the proof that webhooks are handled exactly once behind a
//! load balancer while receivers are SIGKILLed. Figures in `target/bench/events.md`.
//!
//! PostgreSQL, Redis and HAProxy run on loopback (see `engines`); 4 receiver processes
//! (`cstar-events`' `receiver` example) sit behind HAProxy round-robin; the `bench_sender`
//! example sends every event, 20% of them twice (half at the same moment), and retries each
//! delivery until a 2xx. While it runs, receivers are SIGKILLed one at a time and restarted.
//! Then `effects` is counted: one row per event in inbox mode. The same run in Redis mode shows
//! what the marker does under kills. `pgbench` running the database's share of one delivery
//! (the claim and one effect row, in one transaction, 4 clients) on the same PostgreSQL gives
//! the ceiling next to the receivers' throughput.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

mod report;

use crate::engines::{Engines, free_port, which};
use crate::run::cargo;
use report::report;

const RECEIVERS: usize = 4;
/// The Redis marker's processing TTL in the receivers: how long a killed receiver's claims
/// block their events. Far above the handler's time (milliseconds), short enough for the run.
const REDIS_PROCESSING_TTL_SECS: u64 = 5;
const SECRET: &str = "whsec_bench_events_0123456789abcdef0123";
const MIGRATION: &str = "crates/cstar-events/migrations/0001_inbox.sql";
const EFFECTS: &str = "CREATE TABLE IF NOT EXISTS effects (event_id text NOT NULL, handled_at timestamptz NOT NULL DEFAULT now())";

/// The size of one run.
struct Size {
    events: u64,
    kills: u64,
    pgbench_seconds: u64,
}

/// What one mode's run measured.
struct Run {
    store: &'static str,
    sender: String,
    rows: u64,
    distinct: u64,
    kills: u64,
    longest_restart: Duration,
}

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let size = if args.iter().any(|a| a == "--ci") {
        Size {
            events: 10_000,
            kills: 3,
            pgbench_seconds: 5,
        }
    } else {
        Size {
            events: 100_000,
            kills: 10,
            pgbench_seconds: 15,
        }
    };
    let haproxy =
        which("haproxy").ok_or("haproxy is not installed (Debian: apt-get install haproxy)")?;
    // The CI size checks the counts, not the speed: a debug build reuses what the engine tests
    // compiled instead of building every dependency once more with optimisations.
    let ci = args.iter().any(|a| a == "--ci");
    let mut build = vec!["build"];
    if !ci {
        build.push("--release");
    }
    build.extend([
        "-p",
        "cstar-events",
        "--all-features",
        "--example",
        "receiver",
        "--example",
        "bench_sender",
    ]);
    cargo(&build).run()?;
    let examples = PathBuf::from(if ci {
        "target/debug/examples"
    } else {
        "target/release/examples"
    });
    let engines = Engines::start()?;
    prepare(&engines, "postgres")?;
    engines.psql("postgres", "CREATE DATABASE ceiling")?;
    prepare(&engines, "ceiling")?;
    // The machine is shared: the ceiling is measured right before and right after the inbox
    // run, and the receivers are compared with the mean of the two.
    let mut ceilings = vec![pgbench(&engines, &size)?];
    let mut runs = Vec::new();
    for store in ["postgres", "redis"] {
        engines.psql("postgres", "TRUNCATE effects, cstar_inbox")?;
        engines.redis_command("FLUSHALL")?;
        runs.push(one_run(&engines, &examples, &haproxy, store, &size)?);
        if store == "postgres" {
            ceilings.push(pgbench(&engines, &size)?);
        }
    }
    let mut report = report(&size, &ceilings, &runs);
    if ci {
        report.push_str(
            "\nCI size, debug build: the counts are the check; the rates and latencies are not \
             comparable with a release run's (`cargo xtask bench events`).\n",
        );
    }
    std::fs::create_dir_all("target/bench").map_err(|e| format!("target/bench: {e}"))?;
    std::fs::write("target/bench/events.md", &report).map_err(|e| format!("events.md: {e}"))?;
    println!("{report}");
    let inbox = &runs[0];
    if inbox.rows != size.events || inbox.distinct != size.events {
        return Err(format!(
            "inbox mode: {} effect rows, {} distinct, for {} events",
            inbox.rows, inbox.distinct, size.events
        ));
    }
    Ok(())
}

/// The inbox and effects tables in database `db`.
fn prepare(engines: &Engines, db: &str) -> Result<(), String> {
    let migration = std::fs::read_to_string(MIGRATION).map_err(|e| format!("{MIGRATION}: {e}"))?;
    engines.psql(db, &migration)?;
    engines.psql(db, EFFECTS).map(drop)
}

/// pgbench with 4 clients running the claim and one effect row per transaction, in a database
/// of its own on the same server; transactions per second.
fn pgbench(engines: &Engines, size: &Size) -> Result<f64, String> {
    let script = engines.dir.join("delivery.sql");
    std::fs::write(
        &script,
        "\\set n random(1, 2000000000)\n\
         BEGIN;\n\
         INSERT INTO cstar_inbox (event_id) VALUES ('pgb_' || :client_id || '_' || :n) ON CONFLICT DO NOTHING;\n\
         INSERT INTO effects (event_id) VALUES ('pgb_' || :client_id || '_' || :n);\n\
         COMMIT;\n",
    )
    .map_err(|e| format!("pgbench script: {e}"))?;
    let output = crate::run::Step::new(&engines.pg_bin.join("pgbench").to_string_lossy())
        .args(&[
            "-n",
            "-c",
            "4",
            "-j",
            "2",
            "-M",
            "prepared",
            "-h",
            "127.0.0.1",
        ])
        .args(&["-p", &engines.pg_port.to_string(), "-U", "postgres"])
        .args(&[
            "-T",
            &size.pgbench_seconds.to_string(),
            "-f",
            &script.to_string_lossy(),
            "ceiling",
        ])
        .output()?;
    output
        .lines()
        .find_map(|line| line.strip_prefix("tps = "))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|tps| tps.parse().ok())
        .ok_or_else(|| format!("no tps in pgbench's output:\n{output}"))
}

/// A receiver process and the port it listens on (the same across restarts: HAProxy's backend
/// list is static).
struct Receiver {
    child: Child,
    port: u16,
}

fn start_receiver(
    engines: &Engines,
    examples: &Path,
    store: &str,
    port: u16,
) -> Result<Receiver, String> {
    let mut child = Command::new(examples.join("receiver"))
        .args([
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--secret",
            SECRET,
            "--store",
            store,
        ])
        .args([
            "--database-url",
            &format!("postgres://postgres@127.0.0.1:{}/postgres", engines.pg_port),
        ])
        .args([
            "--redis-url",
            &format!("redis://127.0.0.1:{}/0", engines.redis_port),
        ])
        .args([
            "--processing-ttl-secs",
            &REDIS_PROCESSING_TTL_SECS.to_string(),
        ])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start the receiver: {e}"))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    wait_for_line(stdout, "listening on")?;
    Ok(Receiver { child, port })
}

/// Reads lines until one starts with `prefix`, then lets the rest drain in the background.
fn wait_for_line(stdout: ChildStdout, prefix: &str) -> Result<(), String> {
    let mut lines = BufReader::new(stdout).lines();
    for line in lines.by_ref() {
        if line.map_err(|e| e.to_string())?.starts_with(prefix) {
            std::thread::spawn(move || lines.for_each(drop));
            return Ok(());
        }
    }
    Err(format!("the process ended before printing `{prefix}`"))
}

fn start_haproxy(
    engines: &Engines,
    haproxy: &Path,
    receivers: &[Receiver],
) -> Result<(Child, u16), String> {
    let port = free_port()?;
    let mut config = format!(
        "global\n    maxconn 4096\n\
         defaults\n    mode http\n    timeout connect 1s\n    timeout client 60s\n    timeout server 60s\n    \
         retries 3\n    option redispatch\n    option http-keep-alive\n\
         frontend events\n    bind 127.0.0.1:{port}\n    default_backend receivers\n\
         backend receivers\n    balance roundrobin\n"
    );
    for (i, receiver) in receivers.iter().enumerate() {
        config.push_str(&format!(
            "    server r{i} 127.0.0.1:{} check inter 200 fall 1 rise 1\n",
            receiver.port
        ));
    }
    let path = engines.dir.join("haproxy.cfg");
    std::fs::write(&path, config).map_err(|e| format!("haproxy.cfg: {e}"))?;
    let log = std::fs::File::create(engines.dir.join("haproxy.log")).map_err(|e| e.to_string())?;
    let child = Command::new(haproxy)
        .arg("-db")
        .arg("-f")
        .arg(&path)
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| format!("could not start haproxy: {e}"))?;
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if started.elapsed() > Duration::from_secs(30) {
            return Err("haproxy did not listen".into());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok((child, port))
}

fn one_run(
    engines: &Engines,
    examples: &Path,
    haproxy: &Path,
    store: &'static str,
    size: &Size,
) -> Result<Run, String> {
    let mut receivers = Vec::new();
    for _ in 0..RECEIVERS {
        receivers.push(start_receiver(engines, examples, store, free_port()?)?);
    }
    let (mut proxy, proxy_port) = start_haproxy(engines, haproxy, &receivers)?;
    let mut sender = Command::new(examples.join("bench_sender"))
        .args([
            "--url",
            &format!("http://127.0.0.1:{proxy_port}/webhooks/cstar"),
            "--secret",
            SECRET,
        ])
        .args([
            "--events",
            &size.events.to_string(),
            "--run-id",
            store,
            "--concurrency",
            "64",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start the sender: {e}"))?;
    let stdout = sender.stdout.take().ok_or("no stdout")?;
    let (lines_tx, lines_rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });

    let mut kills = 0;
    let mut longest_restart = Duration::ZERO;
    let mut rng = 0x2545_F491_4F6C_DD1D_u64 ^ u64::from(std::process::id());
    let mut result = None;
    for line in lines_rx {
        if let Some(percent) = line
            .strip_prefix("progress ")
            .and_then(|p| p.parse::<u64>().ok())
        {
            // Kills spread evenly over the run: the k-th at k/(kills+1) of the deliveries.
            if kills < size.kills && percent * (size.kills + 1) >= (kills + 1) * 100 {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                let victim = usize::try_from(rng % RECEIVERS as u64).unwrap_or(0);
                let started = Instant::now();
                let port = receivers[victim].port;
                // Our own child, SIGKILLed by its handle, as a crash would.
                let _ = receivers[victim].child.kill();
                let _ = receivers[victim].child.wait();
                receivers[victim] = start_receiver(engines, examples, store, port)?;
                longest_restart = longest_restart.max(started.elapsed());
                kills += 1;
            }
        } else if line.starts_with("result ") {
            result = Some(line);
        }
    }
    let status = sender.wait().map_err(|e| e.to_string())?;
    for receiver in &mut receivers {
        let _ = receiver.child.kill();
        let _ = receiver.child.wait();
    }
    let _ = proxy.kill();
    let _ = proxy.wait();
    let sender = result.ok_or(format!("the sender ended ({status}) without a result"))?;
    let counts = engines.psql(
        "postgres",
        "SELECT count(*) || ' ' || count(DISTINCT event_id) FROM effects",
    )?;
    let mut counts = counts
        .split_whitespace()
        .map(|n| n.parse::<u64>().unwrap_or(0));
    Ok(Run {
        store,
        sender,
        rows: counts.next().unwrap_or(0),
        distinct: counts.next().unwrap_or(0),
        kills,
        longest_restart,
    })
}
