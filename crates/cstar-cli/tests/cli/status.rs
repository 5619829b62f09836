//! `cstar status`, `cstar trigger` and bad usage.

use cstar_admin::CreateWebhook;
use serde_json::Value;

use crate::support::{World, run};

#[tokio::test(flavor = "multi_thread")]
async fn status_names_the_team_the_key_and_the_budget_without_the_whole_key() {
    let world = World::start().await;
    let out = run(world.cstar(&["status"])).await.success();
    let server = &world.server;
    assert!(out.contains("Team Acme Inc, slug acme"), "{out}");
    assert!(out.contains(server.team_id()), "{out}");
    assert!(out.contains("secret key for the test environment"), "{out}");
    assert!(
        out.contains(&format!("Base URL {}.", server.base_url())),
        "{out}"
    );
    assert!(
        out.contains("requests are left in this 3600 s window"),
        "{out}"
    );
    assert!(
        !out.contains(server.secret_key()),
        "the whole key was printed: {out}"
    );

    let json: Value =
        serde_json::from_str(&run(world.cstar(&["status", "--json"])).await.success())
            .expect("--json prints JSON");
    assert_eq!(json["teamId"], server.team_id());
    assert_eq!(json["keyType"], "secret");
    assert_eq!(json["environment"], "test");
    assert_eq!(json["rateLimit"]["limit"], 1000);
    assert!(
        json["rateLimit"]["remaining"]
            .as_u64()
            .is_some_and(|n| n < 1000)
    );
    assert!(
        json["requestId"]
            .as_str()
            .is_some_and(|id| id.starts_with("req_"))
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn status_without_credentials_is_bad_usage() {
    let world = World::start().await;
    let done = run(world.bare(&["status"])).await;
    assert_eq!(done.code(), Some(2));
    assert!(done.stderr().contains("cstar login"), "{}", done.stderr());
}

#[tokio::test(flavor = "multi_thread")]
async fn trigger_reports_how_many_webhooks_it_reached() {
    let world = World::start().await;
    let client = world.client();
    let out = run(world.cstar(&["trigger", "ticket.created"]))
        .await
        .success();
    assert!(
        out.contains("Triggered ticket.created: it reached 0 webhooks"),
        "{out}"
    );

    client
        .webhooks()
        .create(CreateWebhook::new("http://127.0.0.1:9/hooks", ["ticket.*"]))
        .await
        .expect("webhook");
    let json: Value = serde_json::from_str(
        &run(world.cstar(&["--json", "trigger", "ticket.updated"]))
            .await
            .success(),
    )
    .expect("JSON");
    assert_eq!(json["event"], "ticket.updated");
    assert_eq!(json["deliveredTo"], 1);
    assert!(
        world
            .server
            .events()
            .iter()
            .any(|event| event["type"] == "ticket.updated"),
        "the emulator published no ticket.updated event"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_flags_exit_2_with_usage_on_stderr() {
    let world = World::start().await;
    for args in [
        &["tickets", "list", "--no-such-flag"][..],
        &["no-such-command"],
        &["listen"],
    ] {
        let done = run(world.cstar(args)).await;
        assert_eq!(done.code(), Some(2), "{args:?}: {}", done.stderr());
        assert!(
            done.stderr().contains("Usage:"),
            "{args:?}: {}",
            done.stderr()
        );
        assert!(done.stdout().is_empty(), "{args:?}");
    }
    let done = run(world.cstar(&["completions", "tcsh"])).await;
    assert_eq!(done.code(), Some(2), "{}", done.stderr());
    assert!(
        done.stderr().contains("possible values: bash"),
        "{}",
        done.stderr()
    );

    let done = run(world.cstar(&["api", "FETCH", "/tickets"])).await;
    assert_eq!(done.code(), Some(2), "{}", done.stderr());
    assert!(
        done.stderr().contains("not an HTTP method"),
        "{}",
        done.stderr()
    );

    let help = run(world.cstar(&["listen", "--help"])).await.success();
    assert!(help.contains("--forward-to"), "{help}");
    let script = run(world.cstar(&["completions", "bash"])).await.success();
    assert!(script.contains("cstar"), "{script}");
}

#[tokio::test(flavor = "multi_thread")]
async fn half_the_environment_is_named_not_silently_ignored() {
    let world = World::start().await;
    let mut command = world.bare(&["status"]);
    command.env("CSTAR_SECRET_KEY", world.server.secret_key());
    let done = run(command).await;
    assert_eq!(done.code(), Some(2));
    assert!(
        done.stderr().contains("CSTAR_TEAM_ID is not"),
        "{}",
        done.stderr()
    );
    assert!(!done.stderr().contains(world.server.secret_key()));
}
