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
}

/// aws-lc-rs and OpenSSL stay out of every default build: one crypto library (ring) in the tree.
const NO_SECOND_CRYPTO: &[&str] = &["aws-lc-rs", "aws-lc-sys", "openssl-sys", "openssl"];

/// The webhook crate must build anywhere: no async runtime, no HTTP client or server.
const NO_RUNTIME: &[&str] = &["tokio", "reqwest", "hyper", "aws-lc-rs", "openssl-sys"];

/// What a customer-facing crate (library, auth, chat, ...) must not pull in: the offline queue's
/// database, the realtime/webhook crates, the admin API, a second crypto library.
const TRANSPORT_ONLY: &[&str] = &[
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
    }
}

const RULES: &[Rule] = &[
    Rule {
        package: "cstar-core",
        defaults: true,
        features: &[],
        forbidden: NO_SECOND_CRYPTO,
        why: "TLS is rustls on ring",
    },
    customer_facing("cstar-library"),
    customer_facing("cstar-quickhelp"),
    customer_facing("cstar-proactive"),
    customer_facing("cstar-community"),
    customer_facing("cstar-chat"),
    customer_facing("cstar-auth"),
    Rule {
        package: "cstar-admin",
        defaults: true,
        features: &[],
        forbidden: NO_SECOND_CRYPTO,
        why: "TLS is rustls on ring",
    },
    Rule {
        package: "cstar",
        defaults: true,
        features: &[],
        forbidden: NO_SECOND_CRYPTO,
        why: "TLS is rustls on ring",
    },
    Rule {
        package: "cstar-mock",
        defaults: true,
        features: &[],
        forbidden: NO_SECOND_CRYPTO,
        why: "one crypto library",
    },
    Rule {
        package: "cstar-admin",
        defaults: true,
        features: &[],
        forbidden: &["redb", "cstar-webhook"],
        why: "the offline queue and realtime are opt-in",
    },
    Rule {
        package: "cstar-webhook",
        defaults: true,
        features: &[],
        forbidden: NO_RUNTIME,
        why: "ring + serde only",
    },
    Rule {
        package: "cstar-webhook",
        defaults: true,
        features: &["http"],
        forbidden: NO_RUNTIME,
        why: "ring + serde + http only",
    },
    Rule {
        package: "cstar",
        defaults: false,
        features: &["webhook"],
        forbidden: NO_RUNTIME,
        why: "the facade adds nothing for webhook-only users",
    },
];

/// Checks every rule against `cargo tree -e normal`.
pub(crate) fn check() -> Result<(), String> {
    let mut broken = Vec::new();
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
            "{p}",
        ];
        let features = rule.features.join(",");
        if !rule.defaults {
            args.push("--no-default-features");
        }
        if !rule.features.is_empty() {
            args.extend(["--features", features.as_str()]);
        }
        let tree = cargo(&args).output()?;
        let present: Vec<&str> = tree
            .lines()
            .filter_map(|line| line.split_whitespace().next())
            .filter(|name| rule.forbidden.contains(name))
            .collect();
        let mut label = rule.package.to_owned();
        if !rule.defaults {
            label.push_str(" --no-default-features");
        }
        if !rule.features.is_empty() {
            label.push_str(&format!(" --features {features}"));
        }
        if present.is_empty() {
            println!("deps: {label}: none of {:?} ({})", rule.forbidden, rule.why);
        } else {
            broken.push(format!("{label} pulls {present:?}, but {}", rule.why));
        }
    }
    if broken.is_empty() {
        Ok(())
    } else {
        Err(broken.join("; "))
    }
}
