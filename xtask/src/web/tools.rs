//! What the browser tests need on the machine, installed when missing: the wasm target, clang
//! (ring compiles C for wasm32), Chromium and its driver, and the `wasm-bindgen` CLI at the
//! lockfile's version. An install that fails is
//! an error naming the command to run by hand; nothing is ever skipped silently.

use std::path::{Path, PathBuf};

use crate::run::Step;

/// The paths of the installed tools.
pub(crate) struct Tools {
    pub(crate) chromium: PathBuf,
    pub(crate) chromedriver: PathBuf,
    pub(crate) wasm_opt: Option<PathBuf>,
}

fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

fn install(what: &str, step: Step, by_hand: &str) -> Result<(), String> {
    println!("web: installing {what}");
    step.run()
        .map_err(|e| format!("{what} is missing and installing it failed ({e}); run `{by_hand}`"))
}

fn apt_get(package: &str) -> Result<(), String> {
    install(
        package,
        Step::new("apt-get").args(&["install", "-y", "--no-install-recommends", package]),
        &format!("apt-get install -y {package}"),
    )
}

fn wasm_target() -> Result<(), String> {
    let installed = Step::new("rustup")
        .args(&["target", "list", "--installed"])
        .output()?;
    if installed.lines().any(|l| l.trim() == super::WASM) {
        return Ok(());
    }
    install(
        "the wasm32-unknown-unknown target",
        Step::new("rustup").args(&["target", "add", super::WASM]),
        "rustup target add wasm32-unknown-unknown",
    )
}

/// ring's build script compiles C for wasm32-unknown-unknown, which gcc cannot target.
fn clang() -> Result<(), String> {
    if which("clang").is_some() {
        return Ok(());
    }
    apt_get("clang")
}

fn browser() -> Result<(PathBuf, PathBuf), String> {
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|p| which(p));
    let chromium = match chromium {
        Some(path) => path,
        None => {
            apt_get("chromium")?;
            which("chromium").ok_or("chromium installed but not on PATH")?
        }
    };
    let chromedriver = match which("chromedriver") {
        Some(path) => path,
        None => {
            apt_get("chromium-driver")?;
            which("chromedriver").ok_or("chromium-driver installed but not on PATH")?
        }
    };
    Ok((chromium, chromedriver))
}

/// The `wasm-bindgen` version `Cargo.lock` pins: the CLI must match it exactly.
fn locked_wasm_bindgen(root: &Path) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen".to_owned())
}

fn wasm_bindgen_cli(root: &Path) -> Result<(), String> {
    let version = locked_wasm_bindgen(root)?;
    let installed = which("wasm-bindgen")
        .and_then(|_| Step::new("wasm-bindgen").args(&["--version"]).output().ok())
        .unwrap_or_default();
    if installed.split_whitespace().nth(1) == Some(version.as_str())
        && which("wasm-bindgen-test-runner").is_some()
    {
        return Ok(());
    }
    let by_hand = format!("cargo install --locked wasm-bindgen-cli --version {version}");
    let locked = crate::run::cargo(&[
        "install",
        "--locked",
        "wasm-bindgen-cli",
        "--version",
        &version,
    ])
    .run();
    if locked.is_ok() {
        return Ok(());
    }
    // A registry mirror may lack an exact version the CLI's own lockfile pins: the CLI is then
    // resolved afresh (still exactly `version`, which is what must match the library).
    install(
        &format!("wasm-bindgen-cli {version}"),
        crate::run::cargo(&["install", "wasm-bindgen-cli", "--version", &version]),
        &by_hand,
    )
}

/// Checks, and installs what is missing.
pub(crate) fn ensure(root: &Path) -> Result<Tools, String> {
    wasm_target()?;
    clang()?;
    let (chromium, chromedriver) = browser()?;
    wasm_bindgen_cli(root)?;
    Ok(Tools {
        chromium,
        chromedriver,
        wasm_opt: which("wasm-opt"),
    })
}

/// Only what building the page needs (`cargo xtask web`): the target, wasm-bindgen, wasm-opt.
pub(crate) fn ensure_for_page(root: &Path) -> Result<Option<PathBuf>, String> {
    wasm_target()?;
    clang()?;
    wasm_bindgen_cli(root)?;
    Ok(which("wasm-opt"))
}

/// Only what building the browser crates needs: the target and clang (for ring's C).
pub(crate) fn ensure_for_builds() -> Result<(), String> {
    wasm_target()?;
    clang()
}
