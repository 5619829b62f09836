//! `sign_identity`: prints the identity signature for a customer, as your backend computes it.
//!
//! ```sh
//! cargo run -p cstar-chat --example sign_identity -- \
//!     --secret "$CSTAR_CHAT_IDENTITY_SECRET" --email jane@example.com --external-id 42 [--name "Jane Doe"] --timestamp 1700000000
//! ```
//!
//! Prints the lowercase hex signature and nothing else; exits 2 on bad arguments.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line tool prints"
)]

use std::process::ExitCode;

use cstar_chat::identity::{Identity, sign};

const USAGE: &str =
    "usage: sign_identity --secret S --email E --external-id X [--name N] --timestamp T";

fn run(mut args: impl Iterator<Item = String>) -> Result<String, String> {
    let (mut secret, mut email, mut external, mut name, mut timestamp) =
        (None, None, None, None, None);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--secret" => secret = Some(value()?),
            "--email" => email = Some(value()?),
            "--external-id" => external = Some(value()?),
            "--name" => name = Some(value()?),
            "--timestamp" => {
                let v = value()?;
                timestamp = Some(
                    v.parse::<i64>()
                        .map_err(|_| format!("--timestamp: {v:?} is not Unix seconds"))?,
                );
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let need = |v: Option<String>, what: &str| v.ok_or_else(|| format!("{what} is required"));
    let secret = need(secret, "--secret")?;
    let mut identity = Identity::new(
        need(email, "--email")?,
        need(external, "--external-id")?,
        timestamp.ok_or("--timestamp is required")?,
    );
    if let Some(name) = name {
        identity = identity.name(name);
    }
    Ok(sign(&identity, &secret))
}

fn main() -> ExitCode {
    match run(std::env::args().skip(1)) {
        Ok(signature) => {
            println!("{signature}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("sign_identity: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
