//! Per-key rate limits: headers on every keyed answer, then 429.

use cstar_mock::MockServer;

use crate::support::{Call, sk, team_url};

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[tokio::test]
async fn the_limit_counts_down_then_answers_429() {
    let server = MockServer::builder()
        .rate_limit_secret(3)
        .start()
        .await
        .unwrap();
    // Any keyed answer counts and carries the headers, errors included.
    let paths = ["/tickets", "/tickets/tkt_nope", "/tickets?page=0"];
    for (path, remaining) in paths.iter().zip(["2", "1", "0"]) {
        let answer = sk(&server, "GET", path).send().await;
        assert_eq!(
            answer.header("x-ratelimit-remaining"),
            Some(remaining),
            "{path}"
        );
        assert_eq!(answer.header("x-ratelimit-limit"), Some("3"));
        assert_eq!(answer.header("x-ratelimit-window"), Some("3600"));
        let reset: u64 = answer.header("x-ratelimit-reset").unwrap().parse().unwrap();
        assert!((unix_now()..=unix_now() + 3600).contains(&reset), "{reset}");
    }
    let limited = sk(&server, "POST", "/tickets")
        .json(r#"{"title":"x"}"#)
        .send()
        .await;
    assert_eq!(
        (limited.status, limited.code()),
        (429, "rate_limit_exceeded")
    );
    assert_eq!(limited.body["error"]["type"], "rate_limit_error");
    let retry_after: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((3590..=3600).contains(&retry_after), "{retry_after}");
    assert_eq!(limited.body["error"]["retryAfter"], retry_after);
    assert_eq!(
        limited.body["error"]["message"],
        format!("Rate limit exceeded. Try again in {retry_after} seconds.")
    );
    assert_eq!(limited.header("x-ratelimit-remaining"), Some("0"));
    assert_eq!(server.ticket_count(), 0, "a limited request is not applied");

    // The publishable key has its own budget.
    let pk = Call::new("GET", team_url(&server, "/tickets"))
        .key(server.publishable_key())
        .send()
        .await;
    assert_eq!(pk.status, 200);
    assert_eq!(pk.header("x-ratelimit-limit"), Some("100"));
    assert_eq!(pk.header("x-ratelimit-remaining"), Some("99"));

    // Raising the limit at run time lets the key through again.
    server.set_rate_limits(10, 100);
    let again = sk(&server, "GET", "/tickets").send().await;
    assert_eq!(again.status, 200);
    assert_eq!(again.header("x-ratelimit-remaining"), Some("6"));

    // reset() forgets the counts.
    server.reset();
    let fresh = sk(&server, "GET", "/tickets").send().await;
    assert_eq!(
        fresh.header("x-ratelimit-remaining"),
        Some("2"),
        "back to the built limit"
    );
}

#[tokio::test]
async fn unauthenticated_requests_are_not_counted() {
    let server = MockServer::builder()
        .rate_limit_secret(1)
        .start()
        .await
        .unwrap();
    for _ in 0..3 {
        let answer = Call::new("GET", team_url(&server, "/tickets"))
            .key("sk_test_wrong")
            .send()
            .await;
        assert_eq!(answer.status, 401);
        assert!(answer.header("x-ratelimit-limit").is_none());
    }
    assert_eq!(sk(&server, "GET", "/tickets").send().await.status, 200);
    assert_eq!(sk(&server, "GET", "/tickets").send().await.status, 429);
}
