//! No key in Debug, Display or errors (traces have their own test binary: see tests/traces).

use cstar_admin::{CStarClient, ListTickets};
use cstar_e2e::{client, start_mock};

/// The part of a key that must never be printed: everything after the prefix but the last four.
fn hidden_part(key: &str) -> &str {
    let body = &key[8..];
    &body[..body.len() - 4]
}

#[tokio::test]
async fn the_key_never_shows_in_debug_or_errors() {
    let server = start_mock().await;
    let cstar = client(&server);
    let secret = hidden_part(server.secret_key()).to_owned();

    let bad_team = CStarClient::builder()
        .api_key(server.secret_key())
        .team_id("00000000-0000-4000-8000-000000000000")
        .base_url(server.base_url())
        .build()
        .unwrap();
    let err = bad_team
        .tickets()
        .list(ListTickets::new())
        .await
        .unwrap_err();
    let insecure = CStarClient::builder()
        .api_key(server.secret_key())
        .team_id("t")
        .base_url("http://example.com")
        .build()
        .unwrap_err();

    let shown = [
        format!("{cstar:?}"),
        format!("{:?}", cstar.core()),
        format!("{:?}", cstar.core().api_key()),
        format!("{err:?} {err}"),
        format!("{insecure:?} {insecure}"),
        format!("{:?}", CStarClient::builder().api_key(server.secret_key())),
    ];
    for text in shown {
        assert!(!text.contains(&secret), "secret leaked in: {text}");
    }
}
