//! `cargo xtask bench realtime-group [--ci]`: a consumer group of 3 processes forwarding
//! cStar's realtime stream (the emulator's, over SSE on loopback) into NATS JetStream while its
//! leader is SIGKILLed. Figures in `target/bench/realtime-group.md`.
//!
//! The source (`cstar-events`' `realtime_source` example) runs the emulator and publishes
//! numbered events, staying at most `AHEAD` events ahead of the group's cursor because the
//! emulator's replay log, like cStar's, is bounded. Each consumer (the `consumer` example)
//! competes for the group's advisory lock; the leader reads the stream through
//! `ConsumerGroup::consume_realtime` (resumed after the cursor with
//! `RealtimeConfig::resume_from`) and publishes each event with `Nats-Msg-Id` = the event id
//! inside the inbox transaction that moves the fenced cursor. At even steps of progress the
//! leader is killed; another takes over and resumes after the cursor, and the killed one is
//! restarted as a follower. A watcher reads the cursor every 50 ms to prove it never moves
//! backwards; at the end the stream is read back.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use crate::engines::Engines;
use crate::run::cargo;

const CONSUMERS: usize = 3;
const GROUP: &str = "bench";
const STREAM: &str = "CSTAR_BENCH";
const SUBJECT: &str = "cstar.bench";
/// The emulator's test key, known to both the source and the consumers (passed in the
/// environment, not on the command line).
const KEY: &str = "sk_test_realtime_group_bench";
/// How far the source may run ahead of the cursor: half the emulator's replay log (1000).
const AHEAD: u64 = 500;
/// The source's lines arrive tagged with this index.
const SOURCE: usize = usize::MAX;

/// Event id -> its number, from the source's `event <id> <n>` lines.
type Positions = Arc<Mutex<HashMap<String, u64>>>;

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let ci = args.iter().any(|a| a == "--ci");
    let (events, kills): (u64, u64) = if ci { (10_000, 3) } else { (50_000, 5) };
    // The CI size checks the counts and the cursor, not the speed: a debug build with every
    // feature reuses what the engine tests and the events proof compiled, instead of building
    // every dependency once more with optimisations.
    let mut build = vec!["build", "-p", "cstar-events"];
    build.extend(if ci {
        ["--all-features"].as_slice()
    } else {
        ["--release", "--features", "nats,realtime"].as_slice()
    });
    build.extend(["--example", "consumer", "--example", "realtime_source"]);
    cargo(&build).run()?;
    let examples = target_dir()
        .join(if ci { "debug" } else { "release" })
        .join("examples");
    let program = examples.join("consumer");
    let engines = Engines::start()?;

    let (lines_tx, lines_rx) = mpsc::channel::<(usize, String)>();
    let source_args: Vec<String> = vec![
        "--database-url".into(),
        engines.database_url.clone(),
        "--group".into(),
        GROUP.into(),
        "--events".into(),
        events.to_string(),
        "--ahead".into(),
        AHEAD.to_string(),
    ];
    let mut source = start(
        &examples.join("realtime_source"),
        &source_args,
        SOURCE,
        &lines_tx,
    )?;
    let (cstar_url, team) = loop {
        let (_, line) = lines_rx
            .recv_timeout(Duration::from_secs(60))
            .map_err(|_| "the realtime source did not start".to_owned())?;
        let mut words = line.split_whitespace();
        if words.next() == Some("listening") {
            let url = words.next().ok_or("no url")?.to_owned();
            break (url, words.next().ok_or("no team")?.to_owned());
        }
    };
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
        "--cstar-url".into(),
        cstar_url,
        "--team".into(),
        team,
        "--group".into(),
        GROUP.into(),
        "--events".into(),
        events.to_string(),
    ]);

    let mut consumers = Vec::new();
    for index in 0..CONSUMERS {
        consumers.push(start(&program, &args, index, &lines_tx)?);
    }
    let stop = Arc::new(AtomicBool::new(false));
    let positions = Positions::default();
    let watcher = watch_cursor(&engines, Arc::clone(&positions), Arc::clone(&stop));

    let started = Instant::now();
    let (mut leader, mut killed, mut duplicates) = (None, 0u64, 0u64);
    let mut pending_restart = None;
    let (mut killed_at, mut longest_takeover, mut takeovers) = (None::<Instant>, Duration::ZERO, 0);
    let deadline = Duration::from_secs(900);
    loop {
        let (index, line) = lines_rx
            .recv_timeout(deadline.saturating_sub(started.elapsed()))
            .map_err(|_| "the consumer group made no progress".to_owned())?;
        if index == SOURCE {
            if let Some((id, n)) = line.strip_prefix("event ").and_then(|l| l.split_once(' ')) {
                if let (Ok(n), Ok(mut positions)) = (n.parse::<u64>(), positions.lock()) {
                    positions.insert(id.to_owned(), n);
                }
            }
            continue;
        }
        if let Some(id) = line.strip_prefix("gap ") {
            return Err(format!(
                "consumer {index} could not resume after {id}: the source ran further ahead than the replay log"
            ));
        }
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
    for consumer in consumers.iter_mut().chain(std::iter::once(&mut source)) {
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
         source is the emulator's realtime stream (SSE on loopback), read through \
         `ConsumerGroup::consume_realtime`, each leader resuming after the cursor with \
         `RealtimeConfig::resume_from`; the publisher stays at most {AHEAD} events ahead of the \
         cursor, since the emulator's replay log (like cStar's) holds 1000. Each event is \
         claimed in the inbox and published inside the transaction that moves the cursor.\n\n\
         | events | leader kills | takeovers | longest takeover | stream messages | distinct ids | duplicates dropped by the server | cursor reads | cursor moved backwards | seconds | events/s |\n\
         |---|---|---|---|---|---|---|---|---|---|---|\n\
         | {events} | {killed} | {takeovers} | {:.2} s | {messages} | {distinct} | {duplicates} | {reads} | {backwards} | {seconds:.1} | {:.0} |\n\n\
         A takeover is measured from the SIGKILL to the first event the next leader handles: \
         the lock is released when PostgreSQL sees the dead process's connection close, \
         followers poll every 100 ms, then the new leader connects to the stream and the \
         server replays what came after the cursor.\n",
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

/// Where cargo puts its builds: `CARGO_TARGET_DIR` when set.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from)
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
        .env("CSTAR_SECRET_KEY", KEY)
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
fn watch_cursor(
    engines: &Engines,
    positions: Positions,
    stop: Arc<AtomicBool>,
) -> std::thread::JoinHandle<(u64, u64)> {
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
                let id = String::from_utf8_lossy(&o.stdout).trim().to_owned();
                positions.lock().ok()?.get(&id).copied()
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
