//! The browser side of the SDK: `cargo xtask web` (the example page next to the emulator) and
//! `cargo xtask browser-tests` (wasm-bindgen-test in headless Chromium, a screenshot of the page
//! after a search, and the page's figures under `target/bench/`).

mod serve;
mod tools;

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::run::{Step, cargo};

const WASM: &str = "wasm32-unknown-unknown";
const PAGE_CRATE: &str = "cstar-web-example";
const PAGE_WASM: &str = "cstar_web_example";

/// What Chromium needs here: root needs `--no-sandbox`; the rest keeps it quiet on a closed
/// network and away from any existing profile.
fn chromium_args(profile: &Path) -> Vec<String> {
    [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
    ]
    .iter()
    .map(|a| (*a).to_owned())
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

/// A fresh directory under `target/web/` (a browser profile, say).
fn fresh_dir(name: &str) -> Result<PathBuf, String> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let dir = target_dir()
        .join("web")
        .join(format!("{name}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(dir)
}

/// The page's `.wasm` sizes: as built (and served), gzipped as a server sends it, and after
/// `wasm-opt -Oz` when installed (a figure only: on this page it shrinks the raw file but grows
/// the gzipped one, so the page is served as built).
struct Sizes {
    built: u64,
    gzipped: u64,
    optimised: Option<u64>,
}

/// `path`'s size after `gzip -9`, as a static server with compression would send it.
fn gzipped_size(path: &Path) -> Result<u64, String> {
    let out = std::process::Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("running gzip: {e}"))?;
    if !out.status.success() {
        return Err(format!("gzip {} failed: {}", path.display(), out.status));
    }
    u64::try_from(out.stdout.len()).map_err(|e| e.to_string())
}

/// The release page in `target/web/site`: wasm-bindgen's output and `index.html`.
///
/// The page is served as built: Debian's binaryen (108) rewrites wasm-bindgen's externref table
/// into a module that does not instantiate, so `wasm-opt -Oz` runs on a copy, for the figure.
fn build_page(wasm_opt: Option<&Path>) -> Result<(PathBuf, Sizes), String> {
    // The `web` profile (workspace Cargo.toml): opt-level "z", LTO, one codegen unit, abort on
    // panic. The page is downloaded and compiled before it answers; size beats speed there.
    cargo(&[
        "build",
        "--profile",
        "web",
        "-p",
        PAGE_CRATE,
        "--target",
        WASM,
    ])
    .run()?;
    let built = target_dir()
        .join(WASM)
        .join("web")
        .join(format!("{PAGE_WASM}.wasm"));
    let site = target_dir().join("web").join("site");
    std::fs::create_dir_all(&site).map_err(|e| e.to_string())?;
    Step::new("wasm-bindgen")
        .args(&["--target", "web", "--no-typescript"])
        .args(&[
            "--remove-name-section",
            "--remove-producers-section",
            "--out-dir",
        ])
        .args(&[&site.display().to_string(), &built.display().to_string()])
        .run()?;
    let wasm = site.join(format!("{PAGE_WASM}_bg.wasm"));
    let size = |path: &Path| {
        std::fs::metadata(path)
            .map(|m| m.len())
            .map_err(|e| e.to_string())
    };
    let optimised = match wasm_opt {
        Some(tool) => {
            let copy = target_dir()
                .join("web")
                .join(format!("{PAGE_WASM}_bg.opt.wasm"));
            // The features rustc enables by default for this target, no more.
            Step::new(&tool.display().to_string())
                .args(&["-Oz", "--enable-bulk-memory", "--enable-mutable-globals"])
                .args(&["--enable-nontrapping-float-to-int", "--enable-sign-ext"])
                .args(&["--enable-reference-types", "--enable-multivalue"])
                .args(&[
                    &wasm.display().to_string(),
                    "-o",
                    &copy.display().to_string(),
                ])
                .run()?;
            Some(size(&copy)?)
        }
        None => None,
    };
    let page = root().join("examples/web/static/index.html");
    std::fs::copy(&page, site.join("index.html")).map_err(|e| format!("copying the page: {e}"))?;
    let sizes = Sizes {
        built: size(&wasm)?,
        gzipped: gzipped_size(&wasm)?,
        optimised,
    };
    Ok((site, sizes))
}

/// `cargo xtask web`: builds the page, starts the emulator and serves the page until Ctrl-C.
pub(crate) fn web() -> Result<(), String> {
    let wasm_opt = tools::ensure_for_page(&root())?;
    let (site, sizes) = build_page(wasm_opt.as_deref())?;
    let mock = serve::Mock::start(&target_dir())?;
    let page = serve::static_files(site)?;
    println!(
        "web: the emulator listens on {} (team {})",
        mock.url, mock.team
    );
    println!("web: the page ({} bytes of wasm) is at", sizes.built);
    println!(
        "  {page}/?api={}&team={}&key={}&q=sync",
        mock.url, mock.team, mock.publishable_key
    );
    println!("web: Ctrl-C stops both");
    loop {
        std::thread::park();
    }
}

/// Installs what building for `wasm32-unknown-unknown` needs, when it is missing.
pub(crate) fn ensure_wasm_toolchain() -> Result<(), String> {
    tools::ensure_for_builds()
}

/// `cargo xtask browser-tests`: the wasm-bindgen tests in headless Chromium against the
/// emulator, then the page after a search (screenshot and DOM check), then the figures.
pub(crate) fn browser_tests() -> Result<(), String> {
    let tools = tools::ensure(&root())?;
    let mock = serve::Mock::start(&target_dir())?;

    let profile = fresh_dir("chromium-profile")?;
    let args: Vec<String> = chromium_args(&profile)
        .iter()
        .map(|a| format!("\"{a}\""))
        .collect();
    let capabilities = format!(
        "{{\"goog:chromeOptions\": {{\"binary\": \"{}\", \"args\": [{}]}}}}",
        tools.chromium.display(),
        args.join(", ")
    );
    let webdriver_json = profile.with_extension("webdriver.json");
    std::fs::write(&webdriver_json, capabilities).map_err(|e| e.to_string())?;
    let tested = cargo(&["test", "-p", PAGE_CRATE, "--target", WASM])
        .env("CSTAR_MOCK_URL", &mock.url)
        .env("CSTAR_MOCK_TEAM", &mock.team)
        .env("CSTAR_MOCK_PUBLISHABLE_KEY", &mock.publishable_key)
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            "wasm-bindgen-test-runner",
        )
        .env("CHROMEDRIVER", &tools.chromedriver.display().to_string())
        .env(
            "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
            &webdriver_json.display().to_string(),
        )
        .run();
    let _ = std::fs::remove_dir_all(&profile);
    let _ = std::fs::remove_file(&webdriver_json);
    tested?;

    screenshot_and_figures(&tools, &mock)
}

/// Opens the page with a search in the URL, keeps a screenshot, checks that the DOM lists the
/// titles the emulator answers for that search, and writes the figures.
fn screenshot_and_figures(tools: &tools::Tools, mock: &serve::Mock) -> Result<(), String> {
    let (site, sizes) = build_page(tools.wasm_opt.as_deref())?;
    let page = serve::static_files(site)?;

    let key = &mock.publishable_key;
    let articles = serve::get(
        &format!("{}/api/library/{}/articles", mock.url, mock.team),
        key,
    )?;
    let first = serve::titles(&articles)
        .into_iter()
        .next()
        .ok_or("the seeded emulator lists no article")?;
    let query = first
        .split_whitespace()
        .max_by_key(|w| w.len())
        .unwrap_or_default()
        .to_lowercase();
    let expected = serve::titles(&serve::get(
        &format!(
            "{}/api/library/{}/search?q={query}&limit=10",
            mock.url, mock.team
        ),
        key,
    )?);
    if expected.is_empty() {
        return Err(format!("the emulator finds nothing for {query:?}"));
    }
    let url = format!(
        "{page}/?api={}&team={}&key={key}&q={query}",
        mock.url, mock.team
    );

    let shots = target_dir().join("web");
    let screenshot = shots.join("search.png");
    let chromium = |extra: &[String]| -> Result<String, String> {
        let profile = fresh_dir("chromium-page")?;
        let output = Command::new(&tools.chromium)
            .args(chromium_args(&profile))
            .args(["--window-size=1200,900", "--virtual-time-budget=20000"])
            .args(extra)
            .arg(&url)
            .output()
            .map_err(|e| format!("cannot start chromium: {e}"))?;
        let _ = std::fs::remove_dir_all(&profile);
        if !output.status.success() {
            return Err(format!(
                "chromium failed: {}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let dom = chromium(&["--dump-dom".to_owned()])?;
    let missing: Vec<&String> = expected
        .iter()
        .filter(|title| !dom.contains(&html_escaped(title)))
        .collect();
    if !missing.is_empty() || !dom.contains("data-first-result-ms") {
        return Err(format!(
            "the page searched {query:?} but does not list {missing:?}; its DOM:\n{dom}"
        ));
    }
    chromium(&[format!("--screenshot={}", screenshot.display())])?;
    if !screenshot.is_file() {
        return Err("chromium took no screenshot".to_owned());
    }
    println!(
        "web: the page lists the {} articles found for {query:?}; screenshot {}",
        expected.len(),
        screenshot.display()
    );

    let first_result_ms = dom
        .split("data-first-result-ms=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("?");
    let bench = target_dir().join("bench");
    std::fs::create_dir_all(&bench).map_err(|e| e.to_string())?;
    let optimised = sizes.optimised.map_or_else(
        || "no wasm-opt installed".to_owned(),
        |bytes| format!("{bytes} bytes after wasm-opt -Oz"),
    );
    let figures = format!(
        "example page .wasm (profile `web`): {} bytes as built and served, {} bytes gzipped (gzip -9) \
         as served compressed (goal <= 250 KB); {optimised}\n\
         page load to first search result (headless Chromium, local emulator): {first_result_ms} ms\n",
        sizes.built, sizes.gzipped
    );
    std::fs::write(bench.join("web.txt"), &figures).map_err(|e| e.to_string())?;
    print!(
        "web: figures in {}:\n{figures}",
        bench.join("web.txt").display()
    );
    Ok(())
}

/// `title` as it appears in a serialized DOM's text.
fn html_escaped(title: &str) -> String {
    title
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A web user needs no C compiler: ring (the one crate here that compiles C) is in no customer
/// crate's `wasm32-unknown-unknown` tree. The builds themselves run with `CC=false` as well.
pub(crate) fn no_ring_in_wasm_trees(crates: &[&str]) -> Result<(), String> {
    for krate in crates {
        let tree = cargo(&[
            "tree",
            "-p",
            krate,
            "--target",
            "wasm32-unknown-unknown",
            "-e",
            "normal,build",
        ])
        .output()?;
        if tree.lines().any(|line| line.contains(" ring v")) {
            return Err(format!(
                "{krate}'s wasm32 tree holds ring (a C compiler would be needed)"
            ));
        }
    }
    Ok(())
}
