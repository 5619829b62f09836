//! `cargo xtask bench build`: what a user's first `cargo build` costs with our crates, against the
//! same program on the bare stack a user would otherwise write.
//!
//! Each program is a scratch crate under `target/bench/scratch/<name>`, outside the workspace
//! (its own `[workspace]`, its own target directory), with path dependencies on our crates and a
//! copy of our `Cargo.lock`, so that both sides compile the same versions. Every build is cold
//! (its target directory removed first) and debug, as a user's first build is; the programs are
//! built in turn, in alternating order from round to round, so that a load change on the machine
//! falls on both sides. Reported: each build's seconds, the ratio of medians, and the critical
//! path and longest units from `cargo build --timings`. Timed, so not a CI step.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::run::cargo;
use crate::timings::{self, Unit};

/// One scratch program: its dependencies (`{root}` is the workspace's absolute path) and main.
struct Program {
    name: &'static str,
    what: &'static str,
    dependencies: &'static str,
    main: &'static str,
}

const CSTAR: Program = Program {
    name: "cstar-default",
    what: "`cstar` (default features) + tokio: `tickets().get(id)`",
    dependencies: r#"cstar = { path = "{root}/crates/cstar" }
tokio = { version = "1.47", features = ["macros", "rt-multi-thread"] }"#,
    main: r#"#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cstar = cstar::admin::CStarClient::new("sk_test_build_cost", "team_build_cost")?;
    let ticket = cstar.tickets().get("tkt_1").await?;
    println!("{}", ticket.title);
    Ok(())
}
"#,
};

const LIBRARY: Program = Program {
    name: "cstar-library",
    what: "`cstar-library` (default features) + tokio: `article(slug)`",
    dependencies: r#"cstar-library = { path = "{root}/crates/cstar-library" }
tokio = { version = "1.47", features = ["macros", "rt-multi-thread"] }"#,
    main: r#"#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let library = cstar_library::LibraryClient::new("team_build_cost")?;
    let article = library.article("reset-password").await?;
    println!("{}", article.title);
    Ok(())
}
"#,
};

const BARE_HTTP: Program = Program {
    name: "bare-http",
    what: "reqwest 0.13 (http2, rustls-no-provider) + rustls (ring) + tokio + serde + serde_json: the same GET",
    dependencies: r#"reqwest = { version = "0.13", default-features = false, features = ["http2", "rustls-no-provider"] }
rustls = { version = "0.23", default-features = false, features = ["ring", "std", "tls12"] }
rustls-platform-verifier = "0.7"
tokio = { version = "1.47", features = ["macros", "rt-multi-thread"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1""#,
    main: r#"use std::sync::Arc;

use rustls_platform_verifier::BuilderVerifierExt;

#[derive(serde::Deserialize)]
struct Ticket {
    id: String,
    title: String,
}

#[derive(serde::Deserialize)]
struct Envelope {
    data: Ticket,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_platform_verifier()?
        .with_no_client_auth();
    let http = reqwest::Client::builder().tls_backend_preconfigured(tls).build()?;
    let body = http
        .get("https://www.cstar.help/api/v1/teams/team_build_cost/tickets/tkt_1")
        .bearer_auth("sk_test_build_cost")
        .send()
        .await?
        .error_for_status()?
        .bytes()
        .await?;
    let envelope: Envelope = serde_json::from_slice(&body)?;
    println!("{} {}", envelope.data.id, envelope.data.title);
    Ok(())
}
"#,
};

const WEBHOOK: Program = Program {
    name: "cstar-webhook",
    what: "`cstar-webhook`: verify a delivery and parse its event",
    dependencies: r#"cstar-webhook = { path = "{root}/crates/cstar-webhook" }"#,
    main: r#"fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (body, signature) = (args.next().unwrap_or_default(), args.next().unwrap_or_default());
    let event = cstar_webhook::construct_event(body.as_bytes(), &signature, "whsec_build_cost")?;
    println!("{} {}", event.event_type, event.id);
    Ok(())
}
"#,
};

const BARE_WEBHOOK: Program = Program {
    name: "bare-webhook",
    what: "ring + serde + serde_json: the same HMAC check and parse",
    dependencies: r#"ring = "0.17"
serde = { version = "1", features = ["derive"] }
serde_json = "1""#,
    main: r#"#[derive(serde::Deserialize)]
struct Event {
    id: String,
    #[serde(rename = "type")]
    event_type: String,
    data: serde_json::Value,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (body, header) = (args.next().unwrap_or_default(), args.next().unwrap_or_default());
    let mut timestamp = "";
    let mut signature = Vec::new();
    for part in header.split(',') {
        match part.split_once('=') {
            Some(("t", t)) => timestamp = t,
            Some(("v1", hex)) => {
                signature = (0..hex.len() / 2)
                    .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16))
                    .collect::<Result<_, _>>()?;
            }
            _ => {}
        }
    }
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, b"whsec_build_cost");
    let signed = format!("{timestamp}.{body}");
    ring::hmac::verify(&key, signed.as_bytes(), &signature).map_err(|_| "bad signature")?;
    let event: Event = serde_json::from_str(&body)?;
    println!("{} {} {}", event.event_type, event.id, event.data);
    Ok(())
}
"#,
};

/// Ours against the bare stack, and the ratio of medians the issue asks for.
struct Comparison {
    ours: &'static Program,
    bare: &'static Program,
    goal: Option<f64>,
}

const COMPARISONS: &[Comparison] = &[
    Comparison {
        ours: &CSTAR,
        bare: &BARE_HTTP,
        goal: Some(1.15),
    },
    Comparison {
        ours: &LIBRARY,
        bare: &BARE_HTTP,
        goal: None,
    },
    Comparison {
        ours: &WEBHOOK,
        bare: &BARE_WEBHOOK,
        goal: Some(1.05),
    },
];

/// Every program built, each once per round.
const PROGRAMS: &[&Program] = &[&CSTAR, &BARE_HTTP, &LIBRARY, &WEBHOOK, &BARE_WEBHOOK];

/// One cold build's wall time and its `--timings` units.
struct Build {
    seconds: f64,
    units: Vec<Unit>,
}

/// `cargo xtask bench build [--rounds N]`.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let rounds = match args {
        [] => 3,
        [flag, n] if flag == "--rounds" => n
            .parse::<usize>()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("--rounds takes a positive number, not {n:?}"))?,
        _ => return Err("usage: cargo xtask bench build [--rounds N]".to_owned()),
    };
    let root = std::env::current_dir().map_err(|e| format!("current directory: {e}"))?;
    let scratch = root.join("target/bench/scratch");
    for program in PROGRAMS {
        prepare(&root, &scratch, program)?;
    }
    let load_before = load_average();
    let started = Instant::now();
    let mut builds: Vec<Vec<Build>> = PROGRAMS.iter().map(|_| Vec::new()).collect();
    for round in 0..rounds {
        let mut order: Vec<usize> = (0..PROGRAMS.len()).collect();
        if round % 2 == 1 {
            order.reverse();
        }
        for i in order {
            let build = cold_build(&scratch.join(PROGRAMS[i].name))?;
            println!(
                "bench build: round {}: {} in {:.1} s",
                round + 1,
                PROGRAMS[i].name,
                build.seconds
            );
            builds[i].push(build);
        }
    }
    let context = format!(
        "{rounds} round(s), {:.0} s in all; {} CPU(s); load average {} before, {} after",
        started.elapsed().as_secs_f64(),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load_before,
        load_average()
    );
    let report = report(&builds, &context);
    let out = root.join("target/bench/build.md");
    std::fs::write(&out, &report).map_err(|e| format!("writing {}: {e}", out.display()))?;
    println!("{report}\nxtask bench build: written to {}", out.display());
    Ok(())
}

/// Writes the scratch crate and fetches what it needs (not timed).
fn prepare(root: &Path, scratch: &Path, program: &Program) -> Result<(), String> {
    let dir = scratch.join(program.name);
    std::fs::create_dir_all(dir.join("src")).map_err(|e| format!("{}: {e}", dir.display()))?;
    let manifest = format!(
        "[package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         # Outside the cstar-rs workspace.\n[workspace]\n\n[dependencies]\n{}\n",
        program.name,
        program
            .dependencies
            .replace("{root}", &root.display().to_string())
    );
    let write = |path: PathBuf, text: &str| {
        std::fs::write(&path, text).map_err(|e| format!("writing {}: {e}", path.display()))
    };
    write(dir.join("Cargo.toml"), &manifest)?;
    write(dir.join("src/main.rs"), program.main)?;
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))
        .map_err(|e| format!("copying Cargo.lock: {e}"))?;
    cargo(&["fetch", "--quiet"]).current_dir(&dir).run()
}

/// Removes the crate's target directory and builds it, timed.
fn cold_build(dir: &Path) -> Result<Build, String> {
    let target = dir.join("target");
    if target.exists() {
        std::fs::remove_dir_all(&target)
            .map_err(|e| format!("removing {}: {e}", target.display()))?;
    }
    let started = Instant::now();
    cargo(&["build", "--quiet", "--timings"])
        .current_dir(dir)
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("CARGO_BUILD_TARGET_DIR")
        .run()?;
    let seconds = started.elapsed().as_secs_f64();
    let units = timings::read(&target.join("cargo-timings"))?;
    Ok(Build { seconds, units })
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 0 {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    } else {
        sorted[mid]
    }
}

/// `/proc/loadavg`'s three figures, or `?` where there is none.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "?".to_owned())
}

fn index_of(program: &Program) -> usize {
    PROGRAMS
        .iter()
        .position(|p| p.name == program.name)
        .unwrap_or(0)
}

fn report(builds: &[Vec<Build>], context: &str) -> String {
    let seconds = |i: usize| -> Vec<f64> { builds[i].iter().map(|b| b.seconds).collect() };
    let mut out = String::from("# Build cost: cold debug builds of one program\n\n");
    let _ = writeln!(out, "{context}.\n");
    out.push_str("| program | what it builds | each round (s) | median (s) | units |\n");
    out.push_str("|---|---|---|---|---|\n");
    for (i, program) in PROGRAMS.iter().enumerate() {
        let each: Vec<String> = seconds(i).iter().map(|s| format!("{s:.1}")).collect();
        let units = builds[i].last().map_or(0, |b| b.units.len());
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.1} | {units} |",
            program.name,
            program.what,
            each.join(", "),
            median(&seconds(i))
        );
    }
    out.push_str("\n| ours | bare | ratio of medians | goal |\n|---|---|---|---|\n");
    for c in COMPARISONS {
        let ratio = median(&seconds(index_of(c.ours))) / median(&seconds(index_of(c.bare)));
        let goal = c.goal.map_or("reported".to_owned(), |g| {
            let verdict = if ratio <= g { "met" } else { "NOT met" };
            format!("<= {g:.2}x: {verdict}")
        });
        let _ = writeln!(
            out,
            "| {} | {} | **{ratio:.2}x** | {goal} |",
            c.ours.name, c.bare.name
        );
    }
    for (i, program) in PROGRAMS.iter().enumerate() {
        let Some(last) = builds[i].last() else {
            continue;
        };
        let _ = writeln!(
            out,
            "\n## {}: the last round's build ({:.1} s)\n\nCritical path (unit: seconds):\n",
            program.name, last.seconds
        );
        for unit in timings::critical_path(&last.units) {
            let _ = writeln!(out, "- {}: {:.1}", unit.label, unit.duration);
        }
        out.push_str("\nLongest units:\n\n");
        for unit in timings::longest(&last.units, 10) {
            let _ = writeln!(out, "- {}: {:.1}", unit.label, unit.duration);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_even_count_is_the_middle_pair_s_mean() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
    }

    #[test]
    fn every_compared_program_is_built() {
        for c in COMPARISONS {
            assert!(PROGRAMS.iter().any(|p| p.name == c.ours.name));
            assert!(PROGRAMS.iter().any(|p| p.name == c.bare.name));
        }
    }
}
