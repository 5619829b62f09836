//! `cstar mock`: the emulator in the CLI's process, and the lines that point other commands at it.

use std::collections::HashMap;

use crate::support::{Running, World, run};

#[tokio::test(flavor = "multi_thread")]
async fn mock_prints_env_lines_that_the_other_commands_can_use() {
    // Only the config directory of this world is used: the emulator under test is the CLI's.
    let world = World::start().await;
    let mut mock = Running::spawn(world.bare(&[
        "mock",
        "--port",
        "0",
        "--seed",
        "3",
        "--team-slug",
        "globex",
    ]));
    let mut env = HashMap::new();
    while !env.contains_key("CSTAR_TEAM_SLUG") {
        let line = mock.next_line().await;
        if let Some((name, value)) = line.strip_prefix("export ").and_then(|l| l.split_once('=')) {
            env.insert(name.to_owned(), value.to_owned());
        }
    }
    for name in [
        "CSTAR_BASE_URL",
        "CSTAR_SECRET_KEY",
        "CSTAR_TEAM_ID",
        "CSTAR_PUBLISHABLE_KEY",
    ] {
        assert!(env.contains_key(name), "{name} missing from {env:?}");
    }
    let with_env = |args: &[&str]| {
        let mut command = world.bare(args);
        for name in ["CSTAR_BASE_URL", "CSTAR_SECRET_KEY", "CSTAR_TEAM_ID"] {
            command.env(name, &env[name]);
        }
        command
    };
    let status = run(with_env(&["status"])).await.success();
    assert!(status.contains("slug globex"), "{status}");
    let tickets = run(with_env(&["tickets", "list"])).await.success();
    assert_eq!(tickets.lines().count(), 3, "{tickets}");

    #[cfg(unix)]
    {
        let (code, stderr) = mock.interrupt().await;
        assert_eq!(code, Some(0), "{stderr}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn mock_takes_the_emulators_own_flags_and_refuses_what_it_refuses() {
    let world = World::start().await;
    let lonely_seed = run(world.bare(&["mock", "--port", "0", "--chaos-seed", "3"])).await;
    assert_eq!(lonely_seed.code(), Some(2), "{}", lonely_seed.stderr());
    assert!(
        lonely_seed.stderr().contains("--chaos-seed needs --chaos"),
        "{}",
        lonely_seed.stderr()
    );
    let too_much = run(world.bare(&["mock", "--port", "0", "--chaos", "2"])).await;
    assert_eq!(too_much.code(), Some(2), "{}", too_much.stderr());
    let sideways = run(world.bare(&["mock", "--port", "0", "--pagination", "sideways"])).await;
    assert_eq!(sideways.code(), Some(2), "{}", sideways.stderr());
    assert!(
        sideways.stderr().contains("not current or legacy"),
        "{}",
        sideways.stderr()
    );
}
