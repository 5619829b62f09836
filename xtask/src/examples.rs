//! Runs every example program, as a user would, against the emulator each one starts itself.
//!
//! Examples are found on disk (`crates/*/examples/*.rs`), so a new one is run without anyone
//! listing it, built with the `required-features` its manifest gives it. One that needs nothing
//! more runs with no arguments and must exit 0 by itself; those that need arguments or input, or
//! that serve until stopped, are described in [`KNOWN`]. The environment's `CSTAR_*` variables are removed, so that no example reaches the
//! real cStar from CI.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::run::{Step, cargo};

/// The variables that would point an example at the real cStar.
const CSTAR_ENV: [&str; 4] = [
    "CSTAR_SECRET_KEY",
    "CSTAR_TEAM_ID",
    "CSTAR_BASE_URL",
    "CSTAR_WEBHOOK_SECRET",
];

/// How long one example may run before it counts as hung.
const DEADLINE: Duration = Duration::from_secs(120);

/// What an example needs to run in CI.
struct Example {
    package: &'static str,
    name: &'static str,
    args: &'static [&'static str],
    env: &'static [(&'static str, &'static str)],
    stdin: Option<&'static str>,
    /// For a server that runs until stopped: the line it prints once it listens. CI waits for
    /// that line, then stops it.
    serves_until: Option<&'static str>,
}

const DEFAULT: Example = Example {
    package: "",
    name: "",
    args: &[],
    env: &[],
    stdin: None,
    serves_until: None,
};

/// A body and its signature under `whsec_ci_example` at t = 1800000000, for `verify`.
const SIGNED_BODY: &str = r#"{"id":"evt_ci","type":"ticket.created","created_at":"2026-11-25T10:00:00Z","team_id":"team_ci","data":{"ticket":{"id":"tkt_ci","title":"Printer on fire"}}}"#;
const SIGNATURE: &str =
    "t=1800000000,v1=939b0f60199d32f48c9de8fd74db5843cb293eb5181acc9dab1625a9d5b960a7";

const KNOWN: &[Example] = &[
    Example {
        package: "cstar-webhook",
        name: "actix_receiver",
        args: &["--self-test"],
        ..DEFAULT
    },
    Example {
        package: "cstar-webhook",
        name: "axum_receiver",
        env: &[("CSTAR_WEBHOOK_SECRET", "whsec_ci_example"), ("PORT", "0")],
        serves_until: Some("listening on"),
        ..DEFAULT
    },
    Example {
        package: "cstar-webhook",
        name: "verify",
        args: &[
            "--secret",
            "whsec_ci_example",
            "--signature",
            SIGNATURE,
            "--now",
            "1800000000",
        ],
        stdin: Some(SIGNED_BODY),
        ..DEFAULT
    },
    Example {
        package: "cstar-chat",
        name: "sign_identity",
        args: &[
            "--secret",
            "idsec_test_ci_example",
            "--email",
            "jane@example.com",
            "--external-id",
            "42",
            "--timestamp",
            "1700000000",
        ],
        ..DEFAULT
    },
];

/// Builds every example, then runs each in turn.
pub(crate) fn run_all() -> Result<(), String> {
    let found = discover()?;
    for known in KNOWN {
        if !found
            .iter()
            .any(|(p, n, _)| p == known.package && n == known.name)
        {
            return Err(format!(
                "xtask lists the example {}/{}, which no longer exists",
                known.package, known.name
            ));
        }
    }
    let examples: Vec<Planned> = found
        .into_iter()
        .map(|(package, name, features)| describe(&package, &name, features))
        .collect();

    // One build for every package's examples, with the features they need named per package:
    // across the whole workspace, features unify as in `cargo test --workspace`, so the
    // dependencies that step compiled are reused instead of being built again per package.
    let mut features: Vec<String> = Vec::new();
    for example in &examples {
        for feature in &example.features {
            let qualified = format!("{}/{feature}", example.package);
            if !features.contains(&qualified) {
                features.push(qualified);
            }
        }
    }
    let joined = features.join(",");
    let mut args = vec!["build", "--quiet", "--workspace", "--examples"];
    if !joined.is_empty() {
        args.extend(["--features", joined.as_str()]);
    }
    cargo(&args).run()?;

    let dir = target_dir()?.join("debug").join("examples");
    let mut failed = Vec::new();
    for example in &examples {
        let started = Instant::now();
        let result = run_one(&dir, example);
        let took = started.elapsed().as_secs_f64();
        match result {
            Ok(()) => println!("example {}: ok in {took:.1} s", example.name),
            Err(e) => {
                println!("example {}: FAILED in {took:.1} s: {e}", example.name);
                failed.push(format!("{}: {e}", example.name));
            }
        }
    }
    for project in standalone_projects()? {
        let started = Instant::now();
        let result = run_project(&project);
        let took = started.elapsed().as_secs_f64();
        let name = project.display();
        match result {
            Ok(()) => println!("example {name}: ok in {took:.1} s"),
            Err(e) => {
                println!("example {name}: FAILED in {took:.1} s: {e}");
                failed.push(format!("{name}: {e}"));
            }
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(failed.join("; "))
    }
}

/// The example projects outside the workspace (`examples/NAME/Cargo.toml` with a `[workspace]`
/// of their own), kept out so that their dependencies (OpenTelemetry) are not compiled by every
/// workspace build.
pub(crate) fn standalone_projects() -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir("examples").map_err(|e| format!("reading examples/: {e}"))?;
    let mut found = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let manifest = entry.path().join("Cargo.toml");
        let Ok(text) = std::fs::read_to_string(&manifest) else {
            continue;
        };
        if text.lines().any(|line| line.trim() == "[workspace]") {
            found.push(manifest);
        }
    }
    found.sort();
    Ok(found)
}

/// Runs a standalone example project with its own lock file, in the shared target directory so
/// that the SDK's crates it shares with the workspace are not built twice; it must exit 0.
fn run_project(manifest: &Path) -> Result<(), String> {
    let target = target_dir()?;
    let manifest = manifest.to_string_lossy();
    let target = target.to_string_lossy();
    let mut step = cargo(&[
        "run",
        "--quiet",
        "--locked",
        "--manifest-path",
        &manifest,
        "--target-dir",
        &target,
    ]);
    for name in CSTAR_ENV {
        step = step.env_remove(name);
    }
    step.run()
}

/// An example found on disk, with what it needs to run.
struct Planned {
    package: String,
    name: String,
    /// Its `required-features`.
    features: Vec<String>,
    needs: &'static Example,
}

/// The table entry for an example, or the default one (no arguments, exits by itself).
fn describe(package: &str, name: &str, features: Vec<String>) -> Planned {
    let needs = KNOWN
        .iter()
        .find(|e| e.package == package && e.name == name)
        .unwrap_or(&DEFAULT);
    Planned {
        package: package.to_owned(),
        name: name.to_owned(),
        features,
        needs,
    }
}

/// Every `(package, example, required features)` under `crates/*/examples`: single files and
/// `name/main.rs`.
fn discover() -> Result<Vec<(String, String, Vec<String>)>, String> {
    let mut found = Vec::new();
    let crates = std::fs::read_dir("crates").map_err(|e| format!("reading crates/: {e}"))?;
    let mut dirs: Vec<PathBuf> = crates.filter_map(|d| d.ok().map(|d| d.path())).collect();
    dirs.sort();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir.join("examples")) else {
            continue;
        };
        let manifest = dir.join("Cargo.toml");
        let manifest = std::fs::read_to_string(&manifest)
            .map_err(|e| format!("reading {}: {e}", manifest.display()))?;
        let package = package_name(&manifest)
            .ok_or_else(|| format!("{} has no package name", dir.display()))?;
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter_map(|path| {
                if path.extension().is_some_and(|x| x == "rs") {
                    path.file_stem().map(|s| s.to_string_lossy().into_owned())
                } else if path.join("main.rs").is_file() {
                    path.file_name().map(|s| s.to_string_lossy().into_owned())
                } else {
                    None
                }
            })
            .collect();
        names.sort();
        for name in names {
            let features = required_features(&manifest, &name);
            found.push((package.clone(), name, features));
        }
    }
    Ok(found)
}

/// The value of a `key = "value"` line.
fn string_value<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let value = line.trim().strip_prefix(key)?.trim().strip_prefix('=')?;
    Some(value.trim().trim_matches('"'))
}

/// The `name` of the `[package]`: the manifest's first `name = ` line.
fn package_name(manifest: &str) -> Option<String> {
    manifest
        .lines()
        .find_map(|line| string_value(line, "name"))
        .map(str::to_owned)
}

/// The `required-features` of the `[[example]]` called `name`, written on one line.
fn required_features(manifest: &str, name: &str) -> Vec<String> {
    let mut in_this = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_this = false;
            continue;
        }
        if string_value(line, "name") == Some(name) {
            in_this = true;
        }
        if !in_this {
            continue;
        }
        if let Some(list) = line
            .strip_prefix("required-features")
            .and_then(|rest| rest.trim().strip_prefix('='))
        {
            return list
                .trim()
                .trim_start_matches('[')
                .trim_end_matches(']')
                .split(',')
                .map(|f| f.trim().trim_matches('"').to_owned())
                .filter(|f| !f.is_empty())
                .collect();
        }
    }
    Vec::new()
}

/// Cargo's target directory (wherever `CARGO_TARGET_DIR` or a config put it).
pub(crate) fn target_dir() -> Result<PathBuf, String> {
    let metadata = cargo(&["metadata", "--format-version", "1", "--no-deps"]).output()?;
    let key = "\"target_directory\":\"";
    let start = metadata
        .find(key)
        .ok_or("cargo metadata printed no target_directory")?
        + key.len();
    let end = metadata[start..]
        .find('"')
        .ok_or("cargo metadata: unterminated target_directory")?;
    Ok(PathBuf::from(&metadata[start..start + end]))
}

/// Runs one built example to completion (or, for a server, until it listens), within
/// [`DEADLINE`].
fn run_one(dir: &Path, planned: &Planned) -> Result<(), String> {
    let example = planned.needs;
    let binary = dir.join(format!("{}{}", planned.name, std::env::consts::EXE_SUFFIX));
    let mut step = Step::new(&binary.to_string_lossy()).args(example.args);
    for name in CSTAR_ENV {
        step = step.env_remove(name);
    }
    for (name, value) in example.env {
        step = step.env(name, value);
    }
    let (mut child, shown) = step.spawn(example.stdin.is_some())?;
    if let (Some(input), Some(mut stdin)) = (example.stdin, child.stdin.take()) {
        stdin
            .write_all(input.as_bytes())
            .map_err(|e| format!("writing its stdin: {e}"))?;
        // Dropping stdin closes it: the example reads to the end.
    }

    // Its output, forwarded line by line; `ready` fires when a server says it listens.
    let (ready_tx, ready) = mpsc::channel();
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let marker = example.serves_until;
    let name = planned.name.clone();
    let forward = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("  [{name}] {line}");
            if marker.is_some_and(|m| line.contains(m)) {
                let _ = ready_tx.send(());
            }
        }
    });

    let deadline = Instant::now() + DEADLINE;
    let outcome = loop {
        if marker.is_some() && ready.try_recv().is_ok() {
            let _ = child.kill();
            let _ = child.wait();
            break Ok(());
        }
        match child.try_wait() {
            Ok(Some(status)) if status.success() && marker.is_none() => break Ok(()),
            Ok(Some(status)) => break Err(format!("`{shown}` exited ({status})")),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                break Err(format!("`{shown}` still running after {DEADLINE:?}"));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => break Err(format!("waiting for `{shown}`: {e}")),
        }
    };
    let _ = forward.join();
    outcome
}
