//! `cargo xtask <command>`: the project's own automation, in Rust so that it runs wherever cargo
//! does.
//!
//! - `ci`: everything CI checks, each step timed: fmt, clippy, tests, docs as docs.rs builds
//!   them, each library crate alone (with and without default features), each facade feature
//!   alone, the dependency-tree guard, cargo-deny, cargo-machete, `cargo package`, every example
//!   run against the emulator, and the MSRV build and test.
//! - `test`: the test suite alone (what README calls "run the tests").
//! - `deps`: the dependency-tree guard alone.
//! - `examples`: every example, run against the emulator.
//! - `engines`: the tests that need PostgreSQL and Redis, each started on loopback for the run.
//! - `bench`: the benchmark programs; figures go to `target/bench/*.md`. `bench build`: the
//!   cold-build cost of our crates against the bare stack (`target/bench/build.md`). `bench
//!   events [--ci]`: webhooks exactly once behind HAProxy under SIGKILLs (`target/bench/events.md`).
//!   `bench realtime-group [--ci]`: a consumer group into JetStream under leader kills
//!   (`target/bench/realtime-group.md`).
//! - `demo`: the quickstart.

mod bench_events;
mod bench_group;
mod build_cost;
mod ci;
mod deps;
mod engines;
mod examples;
mod inline_calls;
mod json;
mod run;
mod timings;
mod tools;
mod web;

use std::process::ExitCode;

use run::cargo;

/// The published library crates, named one by one: each must build alone, with and without its
/// default features, document as docs.rs builds it, and build and test on the MSRV. A binary
/// crate (the CLI) is not among them: it may declare a newer `rust-version` of its own.
pub(crate) const LIBRARY_CRATES: &[&str] = &[
    "cstar-types",
    "cstar-core",
    "cstar-admin",
    "cstar",
    "cstar-webhook",
    "cstar-library",
    "cstar-auth",
    "cstar-chat",
    "cstar-community",
    "cstar-quickhelp",
    "cstar-proactive",
    "cstar-mock",
    "cstar-events",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = args.first().map(String::as_str).unwrap_or("help");
    let result = match command {
        "ci" => ci::run(&args[1..]),
        "test" => test(),
        "deps" => deps::check(),
        "examples" => examples::run_all(),
        "engines" => engines::run(),
        "bench" if args.get(1).is_some_and(|a| a == "build") => build_cost::run(&args[2..]),
        "bench" if args.get(1).is_some_and(|a| a == "events") => bench_events::run(&args[2..]),
        "bench" if args.get(1).is_some_and(|a| a == "realtime-group") => {
            bench_group::run(&args[2..])
        }
        "bench" => bench(),
        "web" => web::web(),
        "browser-tests" => web::browser_tests(),
        "demo" => cargo(&["run", "--quiet", "-p", "cstar", "--example", "quickstart"]).run(),
        _ => {
            eprintln!(
                "usage: cargo xtask <ci [STEP...] | test | deps | examples | engines | bench [build | events [--ci] | realtime-group [--ci]] | web | browser-tests | demo>"
            );
            return if command == "help" {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask {command}: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Exactly the test command README.md gives.
fn test() -> Result<(), String> {
    cargo(&["test", "--workspace"]).run()
}

/// The programs under `benches/src/bin`, each writing `target/bench/<name>.md`.
const BENCH_PROGRAMS: &[&str] = &["transport", "webhook", "realtime", "offline", "drift"];

/// `cargo xtask bench [NAME]`: every program, or the one named (such as `drift`).
fn bench() -> Result<(), String> {
    let only = std::env::args().nth(2);
    for program in BENCH_PROGRAMS
        .iter()
        .filter(|p| only.as_deref().is_none_or(|o| o == **p))
    {
        cargo(&[
            "run",
            "--release",
            "--quiet",
            "-p",
            "cstar-benches",
            "--bin",
            program,
        ])
        .run()?;
    }
    println!("xtask bench: figures written under target/bench/");
    Ok(())
}
