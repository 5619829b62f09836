//! `cargo xtask ci`: every check, each a timed step, cheapest first.

use std::path::{Path, PathBuf};

use crate::run::{Timings, cargo};
use crate::{LIBRARY_CRATES, deps, examples, tools, web};

/// One step's check.
type Check = fn() -> Result<(), String>;

/// Every CI step, cheapest first: the name `cargo xtask ci NAME...` selects it by, what the step
/// table prints, and the check.
const STEPS: &[(&str, &str, Check)] = &[
    ("fmt", "fmt", fmt),
    ("clippy", "clippy (workspace, all targets)", clippy),
    ("test", "test", crate::test),
    ("docs", "docs as docs.rs builds them", docs),
    (
        "crates-alone",
        "each library crate alone",
        library_crates_alone,
    ),
    (
        "features-alone",
        "each facade feature alone",
        facade_features_alone,
    ),
    ("deps", "dependency-tree guard", deps::check),
    ("deny", "cargo deny", deny),
    ("machete", "unused dependencies (cargo machete)", machete),
    ("package", "package (licences, readme, verify)", package),
    (
        "examples",
        "examples against the emulator",
        examples::run_all,
    ),
    (
        "engines",
        "engine tests (PostgreSQL, Redis, NATS on loopback)",
        crate::engines::run,
    ),
    (
        "events",
        "events proofs, CI size (bench events, realtime-group --ci)",
        events_ci,
    ),
    (
        "browser-builds",
        "browser builds (wasm32-unknown-unknown)",
        browser_builds,
    ),
    (
        "browser-tests",
        "browser tests (headless Chromium)",
        web::browser_tests,
    ),
    ("msrv", "MSRV check", msrv),
];

/// `cargo xtask ci [STEP...]`: every step, or the named ones in table order.
pub(crate) fn run(selected: &[String]) -> Result<(), String> {
    let unknown: Vec<&String> = selected
        .iter()
        .filter(|s| !STEPS.iter().any(|(name, _, _)| name == s))
        .collect();
    if !unknown.is_empty() {
        let names: Vec<&str> = STEPS.iter().map(|(name, _, _)| *name).collect();
        return Err(format!(
            "no step {unknown:?}; the steps: {}",
            names.join(" ")
        ));
    }
    let mut timings = Timings::default();
    let mut result = Ok(());
    for (name, title, body) in STEPS {
        if selected.is_empty() || selected.iter().any(|s| s == name) {
            result = timings.step(title, body);
            if result.is_err() {
                break;
            }
        }
    }
    timings.print_summary();
    if result.is_ok() {
        println!("xtask ci: all checks passed");
    }
    result
}

fn fmt() -> Result<(), String> {
    cargo(&["fmt", "--all", "--", "--check"]).run()?;
    for manifest in examples::standalone_projects()? {
        let manifest = manifest.to_string_lossy();
        cargo(&["fmt", "--manifest-path", &manifest, "--", "--check"]).run()?;
    }
    Ok(())
}

fn clippy() -> Result<(), String> {
    cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])
    .run()
}

fn deny() -> Result<(), String> {
    tools::ensure(&tools::CARGO_DENY)?;
    cargo(&[
        "deny",
        "--workspace",
        "check",
        "licenses",
        "bans",
        "sources",
    ])
    .run()
}

fn machete() -> Result<(), String> {
    tools::ensure(&tools::CARGO_MACHETE)?;
    // The binary itself: started as `cargo machete` by a cargo that is not rustup's proxy,
    // it takes the word `machete` for a directory to scan.
    crate::run::Step::new(tools::CARGO_MACHETE.binary).run()
}

/// The crates that run in a browser, each built for `wasm32-unknown-unknown` with its default
/// features as a user's web app builds it, and the facade with those entry points.
fn browser_builds() -> Result<(), String> {
    web::ensure_wasm_toolchain()?;
    web::no_ring_in_wasm_trees(&BROWSER_CRATES[..6])?;
    for krate in BROWSER_CRATES {
        let step = cargo(&["check", "-p", krate, "--target", "wasm32-unknown-unknown"]);
        // No C compiler for the customer crates; cstar-webhook (server-side HMAC) keeps ring.
        let step = if *krate == "cstar-webhook" {
            step
        } else {
            step.env("CC", "false")
        };
        step.run()?;
    }
    cargo(&[
        "check",
        "-p",
        "cstar",
        "--target",
        "wasm32-unknown-unknown",
        "--no-default-features",
        "--features",
        "library,auth,chat,community,quickhelp,proactive,webhook",
    ])
    .run()
}

/// The crates whose JS counterparts run in browsers or on edge runtimes.
const BROWSER_CRATES: &[&str] = &[
    "cstar-library",
    "cstar-auth",
    "cstar-chat",
    "cstar-community",
    "cstar-quickhelp",
    "cstar-proactive",
    "cstar-webhook",
];

/// What docs.rs runs for each crate (see `[package.metadata.docs.rs]`): every feature,
/// `--cfg docsrs` so that `feature(doc_cfg)` labels each gated item with its feature. Stable
/// rustdoc accepts the nightly feature with `RUSTC_BOOTSTRAP=1`. In a target directory of its
/// own: proc-macro2's build script reruns when `RUSTC_BOOTSTRAP` changes, which would rebuild
/// every proc macro, and everything after them, in the main one.
fn docs() -> Result<(), String> {
    let mut args = vec![
        "doc",
        "--no-deps",
        "--all-features",
        "--target-dir",
        "target/docs",
    ];
    for krate in LIBRARY_CRATES {
        args.extend(["-p", krate]);
    }
    cargo(&args)
        .env("RUSTDOCFLAGS", "--cfg docsrs -D warnings")
        .env("RUSTC_BOOTSTRAP", "1")
        .run()
}

/// Each library crate as a user depending on it builds it: with its defaults and without.
fn library_crates_alone() -> Result<(), String> {
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
    Ok(())
}

/// `cstar` with exactly one of its features, for each feature its manifest declares.
fn facade_features_alone() -> Result<(), String> {
    for feature in manifest_features("crates/cstar/Cargo.toml")? {
        cargo(&[
            "clippy",
            "-p",
            "cstar",
            "--no-default-features",
            "--features",
            &feature,
            "--",
            "-D",
            "warnings",
        ])
        .run()?;
    }
    Ok(())
}

/// The feature names in a manifest's `[features]` table, without `default`.
fn manifest_features(manifest: &str) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(manifest).map_err(|e| format!("reading {manifest}: {e}"))?;
    let mut in_features = false;
    let mut features = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_features = line == "[features]";
            continue;
        }
        if !in_features || line.starts_with('#') {
            continue;
        }
        if let Some((name, _)) = line.split_once('=') {
            let name = name.trim();
            if !name.is_empty() && name != "default" && !name.contains(['"', ' ']) {
                features.push(name.to_owned());
            }
        }
    }
    if features.is_empty() {
        return Err(format!("{manifest} declares no features"));
    }
    Ok(features)
}

/// The workspace's packages with `publish = false`.
const UNPUBLISHED: &[&str] = &["cstar-e2e", "cstar-benches", "xtask"];

/// Every published crate's package holds both licence texts and its readme, and
/// `cargo package` builds each from its package alone. `--allow-dirty` lets a developer run it
/// before committing; CI's clean clone has nothing uncommitted anyway.
fn package() -> Result<(), String> {
    for krate in LIBRARY_CRATES {
        let listed =
            cargo(&["package", "--list", "--allow-dirty", "--quiet", "-p", krate]).output()?;
        let files: Vec<&str> = listed.lines().collect();
        let missing: Vec<&str> = ["LICENSE-MIT", "LICENSE-APACHE", "README.md"]
            .into_iter()
            .filter(|f| !files.contains(f))
            .collect();
        if missing.is_empty() {
            println!("package {krate}: licences and readme included");
        } else {
            return Err(format!("the package of {krate} lacks {missing:?}"));
        }
    }
    forget_verified_copies()?;
    // Every package that would be published (a new crate such as the CLI included); the
    // unpublished ones (`publish = false`) are left out, as `cargo publish` would.
    let mut args = vec![
        "package",
        "--workspace",
        "--allow-dirty",
        "--quiet",
        "--target-dir",
        VERIFY_DIR,
    ];
    for unpublished in UNPUBLISHED {
        args.extend(["--exclude", unpublished]);
    }
    cargo(&args).run()
}

/// Where `cargo package` builds the packages it verifies: apart from the main build, so that
/// what it compiled of our crates can be forgotten without touching the rest.
const VERIFY_DIR: &str = "target/package-verify";

/// Forgets what an earlier `cargo package --workspace` left of this workspace's crates.
///
/// The verification builds each package against the others through a local registry, and
/// cargo takes a registry crate of a given name and version as fixed: it unpacks it once and
/// never rebuilds it. After a crate's API changed, a second run on the same machine would build
/// against the first run's 0.1.0 and fail for no fault of the code. So the unpacked copies
/// (`registry/src/-<hash>/cstar*`: local registries have no host name, and these crates are not
/// published, so nothing else is there) and the verification's builds of them go first; the
/// dependencies' builds stay.
fn forget_verified_copies() -> Result<(), String> {
    for built in ["deps", ".fingerprint", "build"] {
        remove_ours(&Path::new(VERIFY_DIR).join("debug").join(built))?;
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")));
    let Some(cargo_home) = cargo_home else {
        return Ok(());
    };
    let Ok(registries) = std::fs::read_dir(cargo_home.join("registry/src")) else {
        return Ok(());
    };
    for registry in registries.flatten() {
        if registry.file_name().to_string_lossy().starts_with('-') {
            remove_ours(&registry.path())?;
        }
    }
    Ok(())
}

/// Removes the entries of `dir` that belong to our crates (`cstar*`, `libcstar*`).
fn remove_ours(dir: &Path) -> Result<(), String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with("cstar") || name.starts_with("libcstar")) {
            continue;
        }
        let path = entry.path();
        let removed = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
    }
    Ok(())
}

/// The library crates type-checked with the oldest compiler they promise to support: a check
/// proves that this compiler accepts the code and every dependency's (what a user on that
/// compiler needs); running the tests again on it would prove nothing more about the MSRV. In
/// a target directory of its own so that it does not evict the main build.
fn msrv() -> Result<(), String> {
    tools::ensure_msrv_toolchain()?;
    let mut args = vec![
        "run",
        tools::MSRV_TOOLCHAIN,
        "cargo",
        "check",
        "--target-dir",
        "target/msrv",
    ];
    for krate in LIBRARY_CRATES {
        args.extend(["-p", krate]);
    }
    crate::run::Step::new("rustup").args(&args).run()
}

/// The events proofs at CI size: webhooks (10,000 events, 3 receiver kills) and the realtime
/// consumer group (leader kills); each fails when its counts do not hold.
fn events_ci() -> Result<(), String> {
    crate::bench_events::run(&["--ci".to_owned()])?;
    crate::bench_group::run(&["--ci".to_owned()])
}
