//! `cstar login` and `cstar logout`: the profile file and its rights.

use serde_json::Value;

use crate::support::{Running, World, run};

#[tokio::test(flavor = "multi_thread")]
async fn login_reads_the_key_from_stdin_and_stores_it_0600() {
    let world = World::start().await;
    let server = &world.server;
    let mut login = world.bare(&["login"]);
    login.env("CSTAR_BASE_URL", server.base_url());
    let mut running = Running::spawn(login);
    running.send_line(server.secret_key()).await;
    drop(running.stdin.take());
    let said = running.next_line().await;
    assert!(said.starts_with("Logged in to Acme Inc"), "{said}");
    assert!(said.contains(server.team_id()), "{said}");
    assert!(
        !said.contains(server.secret_key()),
        "the whole key was printed: {said}"
    );
    let status = running.child.wait().await.expect("wait");
    assert!(status.success());

    let path = world.config.path().join("profile.json");
    let profile: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("profile written"))
            .expect("JSON");
    assert_eq!(profile["apiKey"], server.secret_key());
    assert_eq!(profile["teamId"], server.team_id());
    assert_eq!(profile["baseUrl"], server.base_url());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "profile mode {mode:o}");
    }

    // The other commands now find the key in the profile, with nothing in the environment.
    let out = run(world.bare(&["status"])).await.success();
    assert!(out.contains("from the profile"), "{out}");
    assert!(out.contains(server.team_id()), "{out}");

    let out = run(world.bare(&["logout"])).await.success();
    assert!(out.starts_with("Logged out"), "{out}");
    assert!(!path.exists());
    let done = run(world.bare(&["status"])).await;
    assert_eq!(done.code(), Some(2), "{}", done.stderr());
}

#[tokio::test(flavor = "multi_thread")]
async fn login_refuses_a_key_cstar_rejects_and_stores_nothing() {
    let world = World::start().await;
    let mut login = world.bare(&["login", "--api-key", "sk_test_notTheEmulatorsKey0000000000"]);
    login.env("CSTAR_BASE_URL", world.server.base_url());
    let done = run(login).await;
    assert_eq!(done.code(), Some(1), "{}", done.stderr());
    assert!(
        done.stderr().contains("authentication"),
        "{}",
        done.stderr()
    );
    done.request_id_once();
    assert!(!world.config.path().join("profile.json").exists());

    let mut login = world.bare(&["login", "--api-key", "not-a-key"]);
    login.env("CSTAR_BASE_URL", world.server.base_url());
    let done = run(login).await;
    assert_eq!(done.code(), Some(2), "{}", done.stderr());
    assert!(
        !done.stderr().contains("not-a-key"),
        "the key was repeated: {}",
        done.stderr()
    );
}
