//! The dependency-tree guard: what must never be compiled into users' builds.

use crate::run::cargo;

/// A crate (with some feature selection) and the packages its normal dependency tree must lack.
struct Rule {
    package: &'static str,
    /// Whether the crate's default features are on.
    defaults: bool,
    features: &'static [&'static str],
    forbidden: &'static [&'static str],
    why: &'static str,
    /// The target whose tree is checked; `None` is the host.
    target: Option<&'static str>,
}

/// aws-lc-rs and OpenSSL stay out of every default build: one crypto library (ring) in the tree.
const NO_SECOND_CRYPTO: &[&str] = &["aws-lc-rs", "aws-lc-sys", "openssl-sys", "openssl"];

/// The webhook crate must build anywhere: no async runtime, no HTTP client or server.
const NO_RUNTIME: &[&str] = &["tokio", "reqwest", "hyper", "aws-lc-rs", "openssl-sys"];

/// What a customer-facing crate (library, auth, chat, ...) must not pull in: the offline queue's
/// database, the realtime/webhook crates, the admin API, a second crypto library, jiff (their
/// timestamps are `cstar_types::Timestamp`; the `jiff` feature converts).
const TRANSPORT_ONLY: &[&str] = &[
    "jiff",
    "redb",
    "cstar-webhook",
    "cstar-admin",
    "aws-lc-rs",
    "openssl-sys",
];

/// The rule every customer-facing crate follows.
const fn customer_facing(package: &'static str) -> Rule {
    Rule {
        package,
        defaults: true,
        features: &[],
        forbidden: TRANSPORT_ONLY,
        why: "the transport only: no offline queue, no realtime, no admin API",
        target: None,
    }
}

const WASM: &str = "wasm32-unknown-unknown";

/// What a browser build must lack: in the page, fetch is the HTTP client and does TLS, and the
/// runtime module uses the page's event loop and timers. Every byte is downloaded: no jiff
/// (timestamps are `cstar_types::Timestamp`), no ICU normalisation tables (Cargo.lock pins
/// `idna_adapter` 1.0: ASCII host names, as cStar's are). Ring is kept out of the customer
/// crates by the browser step (`web::no_ring_in_wasm_trees`); the facade's `webhook` keeps it.
const NOT_IN_THE_BROWSER: &[&str] = &[
    "jiff",
    "icu_normalizer",
    "hyper",
    "hyper-util",
    "rustls",
    "aws-lc-rs",
    "aws-lc-sys",
    "openssl-sys",
    "redb",
];

/// Tokio features that need a runtime (an OS reactor, threads or Tokio's clock): none of them in a
/// browser build, where only `tokio::sync` may appear.
const TOKIO_RUNTIME_FEATURES: &[&str] = &[
    "rt",
    "rt-multi-thread",
    "time",
    "net",
    "fs",
    "process",
    "signal",
    "io-std",
];

/// The rule every customer-facing crate follows in its browser build.
const fn in_the_browser(package: &'static str) -> Rule {
    Rule {
        package,
        defaults: true,
        features: &[],
        forbidden: NOT_IN_THE_BROWSER,
        why: "in the browser: fetch, the page's timers, no TLS stack, no Tokio runtime",
        target: Some(WASM),
    }
}

const RULES: &[Rule] = &[
    Rule {
        package: "cstar-core",
        defaults: true,
        features: &[],
        forbidden: NO_SECOND_CRYPTO,
        why: "TLS is rustls on ring",
        target: None,
    },
    customer_facing("cstar-library"),
    customer_facing("cstar-quickhelp"),
    customer_facing("cstar-proactive"),
    customer_facing("cstar-community"),
    customer_facing("cstar-chat"),
    customer_facing("cstar-auth"),
    Rule {
        package: "cstar-types",
        defaults: true,
        features: &[],
        forbidden: &[
            "tokio",
            "reqwest",
            "hyper",
            "ring",
            "jiff",
            "aws-lc-rs",
            "openssl-sys",
        ],
        why: "serde + serde_json only: types without a runtime",
        target: None,
    },
    Rule {
        package: "cstar-admin",
        defaults: true,
        features: &[],
        forbidden: NO_SECOND_CRYPTO,
        why: "TLS is rustls on ring",
        target: None,
    },
    Rule {
        package: "cstar",
        defaults: true,
        features: &[],
        forbidden: NO_SECOND_CRYPTO,
        why: "TLS is rustls on ring",
        target: None,
    },
    Rule {
        package: "cstar-mock",
        defaults: true,
        features: &[],
        forbidden: NO_SECOND_CRYPTO,
        why: "one crypto library",
        target: None,
    },
    Rule {
        package: "cstar-admin",
        defaults: true,
        features: &[],
        forbidden: &["redb", "cstar-webhook", "jiff"],
        why: "the offline queue, realtime and jiff conversions are opt-in",
        target: None,
    },
    Rule {
        package: "cstar-events",
        defaults: true,
        features: &[],
        forbidden: &[
            "tokio-postgres",
            "deadpool-postgres",
            "redis",
            "async-nats",
            "axum",
            "actix-web",
            "aws-lc-rs",
            "openssl-sys",
        ],
        why: "every engine and framework is a feature",
        target: None,
    },
    Rule {
        package: "cstar-events",
        defaults: true,
        features: &["postgres", "redis", "nats", "axum", "actix"],
        forbidden: &["aws-lc-rs", "openssl-sys"],
        why: "one crypto library (ring), with every engine on",
        target: None,
    },
    Rule {
        package: "cstar-webhook",
        defaults: true,
        features: &[],
        forbidden: NO_RUNTIME,
        why: "ring + serde only",
        target: None,
    },
    Rule {
        package: "cstar-webhook",
        defaults: true,
        features: &["http"],
        forbidden: NO_RUNTIME,
        why: "ring + serde + http only",
        target: None,
    },
    Rule {
        package: "cstar",
        defaults: false,
        features: &["webhook"],
        forbidden: NO_RUNTIME,
        why: "the facade adds nothing for webhook-only users",
        target: None,
    },
    in_the_browser("cstar-library"),
    in_the_browser("cstar-auth"),
    in_the_browser("cstar-chat"),
    in_the_browser("cstar-community"),
    in_the_browser("cstar-quickhelp"),
    in_the_browser("cstar-proactive"),
    Rule {
        package: "cstar-webhook",
        defaults: true,
        features: &[],
        forbidden: NO_RUNTIME,
        why: "ring + serde only, on edge runtimes too",
        target: Some(WASM),
    },
    Rule {
        package: "cstar",
        defaults: false,
        features: &[
            "webhook",
            "library",
            "auth",
            "chat",
            "community",
            "quickhelp",
            "proactive",
            "rustls",
        ],
        forbidden: NOT_IN_THE_BROWSER,
        why: "the facade's customer-facing features in the browser",
        target: Some(WASM),
    },
];

/// Checks every rule against `cargo tree -e normal`, and that the default facade compiles one
/// version of each crate (no second `syn` or proc-macro stack).
pub(crate) fn check() -> Result<(), String> {
    let mut broken = Vec::new();
    let duplicates = cargo(&["tree", "-p", "cstar", "-d", "-e", "normal,build"]).output()?;
    if duplicates.trim().is_empty() {
        println!("deps: cstar (defaults): one version of each crate");
    } else {
        broken.push(format!(
            "cstar's default tree holds two versions of a crate:\n{duplicates}"
        ));
    }
    for rule in RULES {
        let mut args = vec![
            "tree",
            "-p",
            rule.package,
            "-e",
            "normal",
            "--prefix",
            "none",
            "--format",
            "{p} {f}",
        ];
        if let Some(target) = rule.target {
            args.extend(["--target", target]);
        }
        let features = rule.features.join(",");
        if !rule.defaults {
            args.push("--no-default-features");
        }
        if !rule.features.is_empty() {
            args.extend(["--features", features.as_str()]);
        }
        let tree = cargo(&args).output()?;
        let mut present: Vec<String> = tree
            .lines()
            .filter_map(|line| line.split_whitespace().next())
            .filter(|name| rule.forbidden.contains(name))
            .map(str::to_owned)
            .collect();
        if rule.target == Some(WASM) {
            present.extend(tokio_runtime_features(&tree));
        }
        present.sort();
        present.dedup();
        let mut label = rule.package.to_owned();
        if !rule.defaults {
            label.push_str(" --no-default-features");
        }
        if !rule.features.is_empty() {
            label.push_str(&format!(" --features {features}"));
        }
        if let Some(target) = rule.target {
            label.push_str(&format!(" --target {target}"));
        }
        if present.is_empty() {
            println!("deps: {label}: none of {:?} ({})", rule.forbidden, rule.why);
        } else {
            broken.push(format!("{label} pulls {present:?}, but {}", rule.why));
        }
    }
    let uninlined = crate::inline_calls::missing()?;
    if uninlined.is_empty() {
        println!("deps: every public call method is #[inline] (compiled where it is called)");
    } else {
        broken.push(format!(
            "these public call methods lack #[inline], so every build compiles them and their \
             decoders whether called or not: {}",
            uninlined.join(", ")
        ));
    }
    if broken.is_empty() {
        Ok(())
    } else {
        Err(broken.join("; "))
    }
}

/// `tokio/<feature>` for each runtime feature Tokio is built with in `tree` (lines `name vX feats`).
fn tokio_runtime_features(tree: &str) -> Vec<String> {
    tree.lines()
        .filter(|line| line.split_whitespace().next() == Some("tokio"))
        .filter_map(|line| line.split_whitespace().nth(2))
        .flat_map(|features| features.split(','))
        .filter(|feature| TOKIO_RUNTIME_FEATURES.contains(feature))
        .map(|feature| format!("tokio/{feature}"))
        .collect()
}
