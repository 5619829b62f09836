//! Tools CI needs beyond cargo itself, installed on first use and reused afterwards.

use crate::run::{Step, cargo};

/// A cargo subcommand installed from crates.io, pinned so that a clean machine runs the same
/// checks as a developer's.
pub(crate) struct Tool {
    /// The binary's name on PATH (`cargo-deny`).
    pub(crate) binary: &'static str,
    /// The crate to install it from, and its version.
    pub(crate) krate: &'static str,
    pub(crate) version: &'static str,
}

pub(crate) const CARGO_DENY: Tool = Tool {
    binary: "cargo-deny",
    krate: "cargo-deny",
    version: "0.20.2",
};

pub(crate) const CARGO_MACHETE: Tool = Tool {
    binary: "cargo-machete",
    krate: "cargo-machete",
    version: "0.9.2",
};

/// The toolchain the MSRV job builds with: the workspace's `rust-version`.
pub(crate) const MSRV_TOOLCHAIN: &str = "1.85";

/// Installs `tool` with `cargo install --locked` unless its binary already runs (any version:
/// a cache hit must cost nothing). Its build goes to `target/tools`, kept between runs.
pub(crate) fn ensure(tool: &Tool) -> Result<(), String> {
    if Step::new(tool.binary).args(&["--version"]).succeeds() {
        println!("{} is installed: not reinstalling", tool.binary);
        return Ok(());
    }
    cargo(&[
        "install",
        "--locked",
        tool.krate,
        "--version",
        tool.version,
        "--target-dir",
        "target/tools",
    ])
    .run()
}

/// Installs the MSRV toolchain (minimal profile) unless rustup already has it.
pub(crate) fn ensure_msrv_toolchain() -> Result<(), String> {
    let installed = Step::new("rustup").args(&["toolchain", "list"]).output()?;
    if installed
        .lines()
        .any(|line| line.starts_with(&format!("{MSRV_TOOLCHAIN}-")))
    {
        println!("toolchain {MSRV_TOOLCHAIN} is installed");
        return Ok(());
    }
    Step::new("rustup")
        .args(&[
            "toolchain",
            "install",
            MSRV_TOOLCHAIN,
            "--profile",
            "minimal",
        ])
        .run()
}
