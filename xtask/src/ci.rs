//! `cargo xtask ci`: every check, each a timed step, cheapest first.

use std::path::Path;

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
pub(crate) const BROWSER_CRATES: &[&str] = &[
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

/// Every published crate's package holds both licence texts and its readme, and each builds
/// from its package alone. `--allow-dirty` lets a developer run it before committing; CI's
/// clean clone has nothing uncommitted anyway.
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
    let packages = Path::new("target/package");
    remove_crate_files(packages)?;
    // Every package that would be published (a new crate such as the CLI included); the
    // unpublished ones (`publish = false`) are left out, as `cargo publish` would.
    let mut args = vec![
        "package",
        "--workspace",
        "--no-verify",
        "--allow-dirty",
        "--quiet",
    ];
    for unpublished in UNPUBLISHED {
        args.extend(["--exclude", unpublished]);
    }
    cargo(&args).run()?;
    check_packaged(packages)
}

/// Where the packages are unpacked and checked together.
const PACKAGE_CHECK_DIR: &str = "target/package-check";

/// Checks every package from its packaged sources alone, as a user's build would see them.
///
/// `cargo package`'s own verification builds every package and every dependency once more,
/// from scratch, in a target directory of its own (some 3 minutes of CI on 2 cores). What it
/// proves that a check does not is only that the code links. Here the `.crate` files are
/// unpacked into one workspace, each one's dependencies on the others patched to the unpacked
/// copies (they are not on crates.io yet), and `cargo check` runs there with our `Cargo.lock`,
/// in the shared target directory so that the dependencies the other steps checked are reused:
/// a file left out of a package, a dependency not declared, or a manifest that does not stand
/// alone fails it.
fn check_packaged(packages: &Path) -> Result<(), String> {
    let root = Path::new(PACKAGE_CHECK_DIR);
    if root.exists() {
        std::fs::remove_dir_all(root)
            .map_err(|e| format!("cannot remove {}: {e}", root.display()))?;
    }
    std::fs::create_dir_all(root).map_err(|e| format!("cannot create {}: {e}", root.display()))?;
    let mut members = Vec::new();
    for entry in std::fs::read_dir(packages).map_err(|e| format!("reading target/package: {e}"))? {
        let path = entry
            .map_err(|e| format!("reading target/package: {e}"))?
            .path();
        let Some(stem) = path
            .file_name()
            .and_then(|n| n.to_str()?.strip_suffix(".crate"))
        else {
            continue;
        };
        let (name, _version) = stem
            .rsplit_once('-')
            .ok_or_else(|| format!("{} is not NAME-VERSION.crate", path.display()))?;
        crate::run::Step::new("tar")
            .args(&["xzf", &path.to_string_lossy(), "-C", PACKAGE_CHECK_DIR])
            .run()?;
        members.push((name.to_owned(), stem.to_owned()));
    }
    members.sort();
    let mut manifest = String::from("[workspace]\nresolver = \"3\"\nmembers = [\n");
    for (_, dir) in &members {
        manifest.push_str(&format!("  \"{dir}\",\n"));
    }
    manifest.push_str("]\n\n[patch.crates-io]\n");
    for (name, dir) in &members {
        manifest.push_str(&format!("{name} = {{ path = \"{dir}\" }}\n"));
    }
    let write = |name: &str, text: &str| {
        std::fs::write(root.join(name), text).map_err(|e| format!("cannot write {name}: {e}"))
    };
    write("Cargo.toml", &manifest)?;
    let lock = std::fs::read_to_string("Cargo.lock").map_err(|e| format!("Cargo.lock: {e}"))?;
    write("Cargo.lock", &lock)?;
    let target = examples::target_dir()?;
    cargo(&[
        "check",
        "--workspace",
        "--quiet",
        "--manifest-path",
        &root.join("Cargo.toml").to_string_lossy(),
        "--target-dir",
        &target.to_string_lossy(),
    ])
    .run()
}

/// Removes the `.crate` files an earlier run left, so that only this run's packages are checked.
fn remove_crate_files(dir: &Path) -> Result<(), String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|x| x == "crate") {
            std::fs::remove_file(&path)
                .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
        }
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
