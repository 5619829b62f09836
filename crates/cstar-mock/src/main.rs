//! `cstar-mock`: the emulator as a program, for exploring the API by hand or testing from
//! another language.

use std::process::ExitCode;

use cstar_mock::MockOptions;

const USAGE: &str = "usage: cstar-mock [--port P] [--team-id UUID] [--team-slug SLUG] \
[--secret-key sk_test_...] [--publishable-key pk_test_...] [--seed N] \
[--rate-limit-secret N] [--rate-limit-publishable N] [--pagination current|legacy] \
[--chaos RATE [--chaos-seed N]] [--drift MODE [--drift-seed N]] [--help]

  --port 0 picks a free port (default 12111). Stops on Ctrl-C or SIGTERM.
  --seed N starts with N customers, N tickets and N articles to explore.
  --rate-limit-secret N, --rate-limit-publishable N: requests per key per 3600 s window
    (default 1000 and 100).
  --pagination legacy puts list pagination in meta.pagination (default current).
  --chaos 0.1 gives each API request a 10% chance of a random fault (5xx, 429, dropped
    connection, response dropped after apply, delay); --chaos-seed N replays a run.
  --drift MODE rewrites every successful API answer the way an API that moved on would:
    nulls, missing, unknown-values, extra-fields, timestamps, one-bad-record; --drift-seed N
    picks which fields and records (default 0).
  Steer it over HTTP under /__cstar_mock/ (faults, chaos, requests, events, state, reset,
  config, drift).";

/// A flag's value parsed as a number, or a message naming the flag.
fn number<T: std::str::FromStr>(flag: &str, value: &str, what: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("{flag}: {value:?} is not {what}"))
}

fn parse(mut raw: impl Iterator<Item = String>) -> Result<Option<MockOptions>, String> {
    let mut args = MockOptions::default();
    while let Some(flag) = raw.next() {
        if flag == "--help" || flag == "-h" {
            return Ok(None);
        }
        let mut value = || raw.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--port" => {
                let v = value()?;
                args.port = Some(
                    v.parse()
                        .map_err(|_| format!("--port: {v:?} is not a port"))?,
                );
            }
            "--team-id" => args.team_id = Some(value()?),
            "--team-slug" => args.team_slug = Some(value()?),
            "--secret-key" => args.secret_key = Some(value()?),
            "--publishable-key" => args.publishable_key = Some(value()?),
            "--seed" => {
                let v = value()?;
                args.seed = Some(
                    v.parse()
                        .map_err(|_| format!("--seed: {v:?} is not a count"))?,
                );
            }
            "--rate-limit-secret" => {
                args.rate_limit_secret = Some(number(&flag, &value()?, "a count")?);
            }
            "--rate-limit-publishable" => {
                args.rate_limit_publishable = Some(number(&flag, &value()?, "a count")?);
            }
            "--pagination" => {
                let layout = value()?.parse().map_err(|e| format!("--pagination: {e}"))?;
                args.pagination = Some(layout);
            }
            "--chaos" => args.chaos = Some(number(&flag, &value()?, "a rate from 0 to 1")?),
            "--chaos-seed" => args.chaos_seed = Some(number(&flag, &value()?, "a seed")?),
            "--drift" => {
                args.drift = Some(value()?.parse().map_err(|e| format!("--drift: {e}"))?);
            }
            "--drift-seed" => args.drift_seed = Some(number(&flag, &value()?, "a seed")?),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Some(args))
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("cstar-mock: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let chaos = args.chaos;
    let builder = match args.into_builder() {
        Ok(builder) => builder,
        Err(message) => {
            eprintln!("cstar-mock: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let server = match builder.start().await {
        Ok(server) => server,
        Err(e) => {
            eprintln!("cstar-mock: cannot start: {e}");
            return ExitCode::from(if e.kind() == std::io::ErrorKind::InvalidInput {
                2
            } else {
                1
            });
        }
    };
    println!("listening on {}", server.base_url());
    println!("secret key: {}", server.secret_key());
    println!("publishable key: {}", server.publishable_key());
    println!("team id: {}", server.team_id());
    println!("team slug: {}", server.team_slug());
    println!("identity secret: {}", server.identity_secret());
    if let Some(seed) = server.chaos_seed() {
        let rate = chaos.unwrap_or_default();
        println!("chaos: rate {rate}, seed {seed}");
    }
    wait_for_stop().await;
    server.shutdown().await;
    ExitCode::SUCCESS
}

async fn wait_for_stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
