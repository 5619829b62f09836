//! The binary's flags for rate limits, the pagination layout and chaos mode.

use std::process::Command;

use crate::support::{Call, control_url_at, spawn_binary, stop};

/// The base URL from the binary's first line.
fn base(lines: &[String]) -> String {
    lines[0]
        .strip_prefix("listening on ")
        .expect("the first line says where")
        .to_owned()
}

/// The value after `prefix` on one of the lines.
fn printed<'a>(lines: &'a [String], prefix: &str) -> &'a str {
    lines
        .iter()
        .find_map(|l| l.strip_prefix(prefix))
        .unwrap_or_else(|| panic!("{prefix} in {lines:?}"))
}

#[tokio::test]
async fn rate_limits_and_the_pagination_layout_come_from_the_command_line() {
    let (mut child, lines) = spawn_binary(
        6,
        &[
            "--port",
            "0",
            "--rate-limit-secret",
            "2",
            "--rate-limit-publishable",
            "1",
            "--pagination",
            "legacy",
        ],
    );
    let base = base(&lines);
    let team = printed(&lines, "team id: ");
    let tickets = format!("{base}/api/v1/teams/{team}/tickets");
    let secret = printed(&lines, "secret key: ");
    let publishable = printed(&lines, "publishable key: ");
    let first = Call::new("GET", tickets.clone()).key(secret).send().await;
    assert_eq!(first.status, 200);
    assert_eq!(first.header("x-ratelimit-limit"), Some("2"));
    assert!(first.body.get("pagination").is_none(), "{}", first.body);
    assert_eq!(first.body["meta"]["pagination"]["page"], 1);
    Call::new("GET", tickets.clone()).key(secret).send().await;
    let third = Call::new("GET", tickets.clone()).key(secret).send().await;
    assert_eq!(third.status, 429);
    let read = Call::new("GET", tickets).key(publishable).send().await;
    assert_eq!(read.header("x-ratelimit-limit"), Some("1"));
    stop(&mut child);
}

#[tokio::test]
async fn chaos_comes_from_the_command_line_with_its_seed_printed() {
    let (mut child, lines) =
        spawn_binary(7, &["--port", "0", "--chaos", "1", "--chaos-seed", "77"]);
    assert_eq!(lines[6], "chaos: rate 1, seed 77");
    let base = base(&lines);
    let whoami = format!("{base}/api/v1/auth/whoami");
    let secret = printed(&lines, "secret key: ");
    for _ in 0..5 {
        let _ = Call::new("GET", whoami.clone())
            .key(secret)
            .try_send()
            .await;
    }
    let log = Call::new("GET", control_url_at(&base, "requests"))
        .send()
        .await;
    let rows = log.body["requests"].as_array().unwrap();
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|r| r["chaos"] == true), "{rows:?}");
    let chaos = Call::new("GET", control_url_at(&base, "chaos"))
        .send()
        .await;
    assert_eq!(chaos.body["seed"], 77);
    stop(&mut child);
}

#[test]
fn bad_new_flags_exit_with_code_2() {
    let binary = env!("CARGO_BIN_EXE_cstar-mock");
    for args in [
        &["--port", "0", "--chaos", "1.5"][..],
        &["--port", "0", "--chaos", "often"],
        &["--port", "0", "--chaos"],
        &["--port", "0", "--chaos-seed", "3"],
        &["--port", "0", "--chaos", "0.1", "--chaos-seed", "-3"],
        &["--port", "0", "--pagination", "sideways"],
        &["--port", "0", "--rate-limit-secret", "-1"],
        &["--port", "0", "--rate-limit-publishable", "lots"],
    ] {
        let output = Command::new(binary).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!output.stderr.is_empty(), "{args:?}");
    }
    let help = Command::new(binary).arg("--help").output().unwrap();
    let usage = String::from_utf8_lossy(&help.stdout);
    for flag in [
        "--chaos",
        "--chaos-seed",
        "--rate-limit-secret",
        "--rate-limit-publishable",
        "--pagination",
    ] {
        assert!(usage.contains(flag), "{flag}");
    }
}
