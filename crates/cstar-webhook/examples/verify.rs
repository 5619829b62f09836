//! `verify`: the tool to run when "my signature fails".
//!
//! Reads the raw body on stdin and checks it the way your server should:
//!
//! ```sh
//! cargo run -p cstar-webhook --example verify -- \
//!     --secret whsec_... --signature 't=1700000000,v1=...' [--tolerance 300] [--now 1700000000] < body.json
//! ```
//!
//! Prints the event type and id and exits 0 when valid; prints which check failed and exits 1
//! when not; exits 2 on bad arguments.

use std::io::Read;
use std::process::ExitCode;
use std::time::Duration;

use cstar_webhook::Verifier;

const USAGE: &str =
    "usage: verify --secret S --signature HEADER [--tolerance SECONDS] [--now UNIX_SECONDS] < body";

struct Args {
    secret: String,
    signature: String,
    tolerance: Option<u64>,
    now: Option<i64>,
}

fn parse(mut raw: impl Iterator<Item = String>) -> Result<Args, String> {
    let (mut secret, mut signature, mut tolerance, mut now) = (None, None, None, None);
    while let Some(flag) = raw.next() {
        let mut value = || raw.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--secret" => secret = Some(value()?),
            "--signature" => signature = Some(value()?),
            "--tolerance" => {
                let v = value()?;
                tolerance = Some(
                    v.parse()
                        .map_err(|_| format!("--tolerance: {v:?} is not whole seconds"))?,
                );
            }
            "--now" => {
                let v = value()?;
                now = Some(
                    v.parse()
                        .map_err(|_| format!("--now: {v:?} is not Unix seconds"))?,
                );
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Args {
        secret: secret.ok_or("--secret is required")?,
        signature: signature.ok_or("--signature is required")?,
        tolerance,
        now,
    })
}

fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("verify: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut body = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut body) {
        eprintln!("verify: cannot read the body from stdin: {e}");
        return ExitCode::from(2);
    }
    let mut verifier = match Verifier::new(args.secret) {
        Ok(verifier) => verifier,
        Err(e) => {
            println!("invalid: {e}");
            return ExitCode::from(1);
        }
    };
    if let Some(seconds) = args.tolerance {
        verifier = verifier.tolerance(Duration::from_secs(seconds));
    }
    let result = match args.now {
        Some(now) => verifier.construct_event_at(&body, &args.signature, now),
        None => verifier.construct_event(&body, &args.signature),
    };
    match result {
        Ok(event) => {
            println!("valid: {} {}", event.event_type, event.id);
            ExitCode::SUCCESS
        }
        Err(e) => {
            println!("invalid: {e}");
            ExitCode::from(1)
        }
    }
}
