//! `cargo xtask <command>`: the project's own automation, in Rust so that it runs wherever cargo
//! does.
//!
//! - `ci`: everything CI checks: fmt, clippy, tests, docs, each crate without default features,
//!   the dependency-tree guard.
//! - `test`: the test suite alone (what README calls "run the tests").
//! - `deps`: the dependency-tree guard alone.
//! - `bench`: the benchmark programs; figures go to `target/bench/*.md`.
//! - `demo`: the quickstart.

mod deps;
mod run;
mod web;

use std::process::ExitCode;

use run::cargo;

/// Library crates: each must build alone, with and without its default features.
const LIBRARY_CRATES: &[&str] = &[
    "cstar-core",
    "cstar-admin",
    "cstar",
    "cstar-mock",
    "cstar-webhook",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = args.first().map(String::as_str).unwrap_or("help");
    let result = match command {
        "ci" => ci(),
        "test" => test(),
        "deps" => deps::check(),
        "bench" => bench(),
        "web" => web::web(),
        "browser-tests" => web::browser_tests(),
        "demo" => cargo(&["run", "--quiet", "-p", "cstar", "--example", "quickstart"]).run(),
        _ => {
            eprintln!("usage: cargo xtask <ci | test | deps | bench | demo>");
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

fn ci() -> Result<(), String> {
    cargo(&["fmt", "--all", "--", "--check"]).run()?;
    cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])
    .run()?;
    test()?;
    cargo(&["doc", "--workspace", "--no-deps"])
        .env("RUSTDOCFLAGS", "-D warnings")
        .run()?;
    // Each crate alone, as a user depending on it builds it: with its defaults and without.
    for krate in LIBRARY_CRATES {
        cargo(&["clippy", "-p", krate, "--", "-D", "warnings"]).run()?;
        cargo(&[
            "clippy",
            "-p",
            krate,
            "--no-default-features",
            "--",
            "-D",
            "warnings",
        ])
        .run()?;
    }
    deps::check()?;
    println!("xtask ci: all checks passed");
    Ok(())
}

/// The programs under `benches/src/bin`, each writing `target/bench/<name>.md`.
const BENCH_PROGRAMS: &[&str] = &["transport", "webhook", "realtime", "offline"];

fn bench() -> Result<(), String> {
    for program in BENCH_PROGRAMS {
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
