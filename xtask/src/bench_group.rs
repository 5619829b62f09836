//! `cargo xtask bench realtime-group [--ci]`: a consumer group of 3 processes forwarding a
//! stream into NATS JetStream while its leader is SIGKILLed. Figures in
//! `target/bench/realtime-group.md`.
//!
//! Each process (`cstar-events`' `consumer` example) competes for the group's advisory lock;
//! the leader forwards events with `Nats-Msg-Id` = the event id and moves the fenced cursor
//! after each acknowledgement. At even steps of progress the leader is killed; another takes
//! over and resumes after the cursor, and the killed one is restarted as a follower. A watcher
//! reads the cursor every 50 ms to prove it never moves backwards; at the end the stream is
//! read back.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use crate::engines::Engines;
use crate::run::cargo;

const CONSUMERS: usize = 3;
const GROUP: &str = "bench";
const STREAM: &str = "CSTAR_BENCH";
const SUBJECT: &str = "cstar.bench";

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let (events, kills): (u64, u64) = if args.iter().any(|a| a == "--ci") {
        (10_000, 3)
    } else {
        (50_000, 5)
    };
    cargo(&[
        "build",
        "--release",
        "-p",
        "cstar-events",
        "--features",
        "nats",
        "--example",
        "consumer",
    ])
    .run()?;
    let program = PathBuf::from("target/release/examples/consumer");
    let engines = Engines::start()?;
    let common = vec![
        "--database-url".to_owned(),
        engines.database_url.clone(),
        "--nats-url".to_owned(),
        engines.nats_url.clone(),
        "--stream".to_owned(),
        STREAM.to_owned(),
        "--subject".to_owned(),
        SUBJECT.to_owned(),
    ];
    let mut args = common.clone();
    args.extend([
        "--group".into(),
        GROUP.into(),
        "--events".into(),
        events.to_string(),
    ]);

    let (lines_tx, lines_rx) = mpsc::channel::<(usize, String)>();
    let mut consumers = Vec::new();
    for index in 0..CONSUMERS {
        consumers.push(start(&program, &args, index, &lines_tx)?);
    }
    let stop = Arc::new(AtomicBool::new(false));
    let watcher = watch_cursor(&engines, Arc::clone(&stop));

    let started = Instant::now();
    let (mut leader, mut killed, mut duplicates) = (None, 0u64, 0u64);
    let mut pending_restart = None;
    let (mut killed_at, mut longest_takeover, mut takeovers) = (None::<Instant>, Duration::ZERO, 0);
    let deadline = Duration::from_secs(900);
    loop {
        let (index, line) = lines_rx
            .recv_timeout(deadline.saturating_sub(started.elapsed()))
            .map_err(|_| "the consumer group made no progress".to_owned())?;
        if line.starts_with("leading ") {
            leader = Some(index);
            if let Some(at) = killed_at.take() {
                longest_takeover = longest_takeover.max(at.elapsed());
                takeovers += 1;
            }
            // The killed one comes back only now, as a follower: the takeover was a waiting
            // instance's, within its poll interval.
            if let Some(dead) = pending_restart.take() {
                consumers[dead] = start(&program, &args, dead, &lines_tx)?;
            }
        } else if line.starts_with("duplicate ") {
            duplicates += 1;
        } else if line == "done" {
            break;
        } else if let Some(n) = line
            .strip_prefix("progress ")
            .and_then(|n| n.parse::<u64>().ok())
        {
            if killed < kills && n * (kills + 1) >= (killed + 1) * events && leader == Some(index) {
                // Our own child, SIGKILLed by its handle, as a crash would; back as a follower.
                let _ = consumers[index].kill();
                let _ = consumers[index].wait();
                killed_at = Some(Instant::now());
                killed += 1;
                leader = None;
                pending_restart = Some(index);
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    for consumer in &mut consumers {
        let _ = consumer.kill();
        let _ = consumer.wait();
    }
    stop.store(true, Ordering::SeqCst);
    let (reads, backwards) = watcher.join().map_err(|_| "the cursor watcher panicked")?;

    let mut verify_args = common;
    verify_args.push("--verify".into());
    let verified = crate::run::Step::new(&program.to_string_lossy())
        .args(&verify_args.iter().map(String::as_str).collect::<Vec<_>>())
        .output()?;
    let count = |key: &str| {
        verified
            .split_whitespace()
            .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('=')?.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let (messages, distinct) = (count("messages"), count("distinct"));
    let report = format!(
        "# Realtime consumer group into NATS JetStream\n\n\
         `cargo xtask bench realtime-group`: {CONSUMERS} consumer processes in one group (leader by \
         PostgreSQL advisory lock, cursor fenced by epoch), {events} events forwarded into \
         JetStream with `Nats-Msg-Id` = the event id, the leader SIGKILLed {killed} times. The \
         source is a replayable stand-in for cStar's realtime stream, read after the cursor.\n\n\
         | events | leader kills | takeovers | longest takeover | stream messages | distinct ids | duplicates dropped by the server | cursor reads | cursor moved backwards | seconds | events/s |\n\
         |---|---|---|---|---|---|---|---|---|---|---|\n\
         | {events} | {killed} | {takeovers} | {:.2} s | {messages} | {distinct} | {duplicates} | {reads} | {backwards} | {seconds:.1} | {:.0} |\n\n\
         A takeover is measured from the SIGKILL to the next `leading` line: the lock is released \
         when PostgreSQL sees the dead process's connection close, and followers poll every 100 ms.\n",
        longest_takeover.as_secs_f64(),
        events as f64 / seconds.max(1e-9),
    );
    std::fs::create_dir_all("target/bench").map_err(|e| format!("target/bench: {e}"))?;
    std::fs::write("target/bench/realtime-group.md", &report)
        .map_err(|e| format!("realtime-group.md: {e}"))?;
    println!("{report}");
    drop(engines);
    if messages != events || distinct != events || backwards > 0 {
        return Err(format!(
            "{messages} messages, {distinct} distinct, for {events} events; cursor moved backwards {backwards} times"
        ));
    }
    Ok(())
}

/// Starts consumer `index`, its output lines sent to `lines` tagged with the index.
fn start(
    program: &Path,
    args: &[String],
    index: usize,
    lines: &mpsc::Sender<(usize, String)>,
) -> Result<Child, String> {
    let mut child = Command::new(program)
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start the consumer: {e}"))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let lines = lines.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send((index, line)).is_err() {
                break;
            }
        }
    });
    Ok(child)
}

/// Reads the group's cursor every 50 ms until stopped; returns how many reads and how many
/// times it was behind the previous read.
fn watch_cursor(engines: &Engines, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<(u64, u64)> {
    let psql = engines.pg_bin.join("psql");
    let port = engines.pg_port.to_string();
    std::thread::spawn(move || {
        let (mut reads, mut backwards, mut last) = (0u64, 0u64, None::<u64>);
        let query =
            format!("SELECT cursor FROM cstar_consumer_cursors WHERE group_name = '{GROUP}'");
        while !stop.load(Ordering::SeqCst) {
            let output = Command::new(&psql)
                .args([
                    "-X",
                    "-tA",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    &port,
                    "-U",
                    "postgres",
                    "-c",
                    &query,
                ])
                .stderr(Stdio::null())
                .output();
            let position = output.ok().and_then(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .trim()
                    .strip_prefix("evt_rt_")
                    .and_then(|n| n.parse::<u64>().ok())
            });
            if let Some(position) = position {
                reads += 1;
                if last.is_some_and(|previous| position < previous) {
                    backwards += 1;
                }
                last = Some(position);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        (reads, backwards)
    })
}
