//! Keys: every authentication failure, team scope, publishable keys, environments.

use cstar_mock::MockServer;

use crate::support::{Call, create_ticket, sk, team_url};

struct Case {
    method: &'static str,
    url: String,
    auth: Option<String>,
    body: Option<&'static str>,
    status: u16,
    code: &'static str,
}

#[tokio::test]
async fn every_auth_failure_has_its_status_and_code() {
    let server = MockServer::start().await.unwrap();
    let url = team_url(&server, "/tickets");
    let sk = format!("Bearer {}", server.secret_key());
    let pk = format!("Bearer {}", server.publishable_key());
    let other_team = format!(
        "{}/api/v1/teams/00000000-0000-4000-8000-000000000000/tickets",
        server.base_url()
    );
    let case = |method, url: &str, auth: Option<&str>, body, status, code| Case {
        method,
        url: url.to_owned(),
        auth: auth.map(str::to_owned),
        body,
        status,
        code,
    };
    let cases = [
        case("GET", &url, None, None, 401, "authentication_required"),
        case(
            "GET",
            &url,
            Some("Basic abc"),
            None,
            401,
            "authentication_required",
        ),
        case(
            "GET",
            &url,
            Some("bearer sk_test_x"),
            None,
            401,
            "authentication_required",
        ),
        case(
            "GET",
            &url,
            Some("Bearer"),
            None,
            401,
            "authentication_required",
        ),
        case(
            "GET",
            &url,
            Some("Bearer  sk_test_x"),
            None,
            401,
            "authentication_required",
        ),
        case(
            "GET",
            &url,
            Some(server.secret_key()),
            None,
            401,
            "authentication_required",
        ),
        case(
            "GET",
            &url,
            Some("Bearer xx_test_abc"),
            None,
            401,
            "invalid_key_format",
        ),
        case(
            "GET",
            &url,
            Some("Bearer sk_prod_abc"),
            None,
            401,
            "invalid_key_format",
        ),
        case(
            "GET",
            &url,
            Some("Bearer sk_test_unknown"),
            None,
            401,
            "invalid_api_key",
        ),
        case(
            "GET",
            &url,
            Some("Bearer sk_live_unknown"),
            None,
            401,
            "invalid_api_key",
        ),
        case(
            "GET",
            &other_team,
            Some(&sk),
            None,
            403,
            "team_access_denied",
        ),
        case(
            "GET",
            &other_team,
            Some(&pk),
            None,
            403,
            "team_access_denied",
        ),
        case(
            "POST",
            &url,
            Some(&pk),
            Some(r#"{"title":"x"}"#),
            403,
            "publishable_key_write",
        ),
    ];
    for c in cases {
        let mut call = Call::new(c.method, c.url.clone());
        if let Some(auth) = &c.auth {
            call = call.auth(auth);
        }
        if let Some(body) = c.body {
            call = call.json(body);
        }
        let answer = call.send().await;
        let what = format!("{} {:?}", c.method, c.auth);
        assert_eq!((answer.status, answer.code()), (c.status, c.code), "{what}");
        let error = &answer.body["error"];
        assert_eq!(error["type"], "authentication_error", "{what}");
        assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert!(error.get("param").is_none(), "no field is at fault");
        assert_eq!(
            error["doc_url"],
            format!("https://www.cstar.help/developers/errors#{}", c.code)
        );
        assert_eq!(answer.header("x-request-id").unwrap(), error["request_id"]);
        assert_eq!(answer.body["meta"]["requestId"], error["request_id"]);
        // Rate-limit headers only once a key was recognised.
        assert_eq!(
            answer.header("x-ratelimit-limit").is_some(),
            c.status == 403,
            "{what}"
        );
    }
    assert_eq!(server.ticket_count(), 0);
}

#[tokio::test]
async fn a_publishable_key_reads_but_never_writes() {
    let server = MockServer::start().await.unwrap();
    let ticket = create_ticket(&server, r#"{"title":"Readable"}"#).await;
    let id = ticket["id"].as_str().unwrap();
    let pk = server.publishable_key();
    for path in [
        "/tickets".to_owned(),
        format!("/tickets/{id}"),
        format!("/tickets/{id}/messages"),
    ] {
        let answer = Call::new("GET", team_url(&server, &path))
            .key(pk)
            .send()
            .await;
        assert_eq!(answer.status, 200, "GET {path}");
    }
    for (method, path, body) in [
        ("POST", "/tickets".to_owned(), r#"{"title":"x"}"#),
        ("PATCH", format!("/tickets/{id}"), r#"{"title":"y"}"#),
        ("DELETE", format!("/tickets/{id}"), ""),
        (
            "POST",
            format!("/tickets/{id}/messages"),
            r#"{"content":"z"}"#,
        ),
    ] {
        let answer = Call::new(method, team_url(&server, &path))
            .key(pk)
            .json(body)
            .send()
            .await;
        assert_eq!(answer.status, 403, "{method} {path}");
        assert_eq!(answer.code(), "publishable_key_write");
        assert_eq!(answer.body["error"]["type"], "authentication_error");
    }
    let after = sk(&server, "GET", &format!("/tickets/{id}")).send().await;
    assert_eq!(after.body["data"]["title"], "Readable");
    assert_eq!(after.body["data"]["messageCount"], 0);
    assert_eq!(server.ticket_count(), 1);
}

#[tokio::test]
async fn whoami_describes_the_key() {
    let server = MockServer::builder()
        .team_id("5b0c2b1e-6a59-4f3c-9a57-3f1e0f3e9b11")
        .team_slug("globex")
        .team_name("Globex Corp")
        .start()
        .await
        .unwrap();
    let url = format!("{}/api/v1/auth/whoami", server.base_url());
    let who = Call::new("GET", url.clone())
        .key(server.secret_key())
        .send()
        .await;
    assert_eq!(who.status, 200);
    assert_eq!(
        who.body["data"],
        serde_json::json!({
            "teamId": "5b0c2b1e-6a59-4f3c-9a57-3f1e0f3e9b11",
            "teamName": "Globex Corp",
            "teamSlug": "globex",
            "keyType": "secret",
            "environment": "test",
        })
    );
    let pk = Call::new("GET", url.clone())
        .key(server.publishable_key())
        .send()
        .await;
    assert_eq!(pk.body["data"]["keyType"], "publishable");
    assert!(pk.header("x-ratelimit-limit").is_some());
    let nobody = Call::new("GET", url).send().await;
    assert_eq!(nobody.code(), "authentication_required");
}

#[tokio::test]
async fn test_and_live_keys_see_separate_data() {
    let server = MockServer::builder()
        .secret_key("sk_live_0123456789abcdefghijklmnopqrstuv")
        .publishable_key("pk_test_0123456789abcdefghijklmnopqrstuv")
        .start()
        .await
        .unwrap();
    let live = create_ticket(&server, r#"{"title":"In production"}"#).await;
    let id = live["id"].as_str().unwrap();
    let pk = server.publishable_key();
    let listed = Call::new("GET", team_url(&server, "/tickets"))
        .key(pk)
        .send()
        .await;
    assert_eq!(
        listed.body["pagination"]["total"], 0,
        "test sees no live data"
    );
    let one = Call::new("GET", team_url(&server, &format!("/tickets/{id}")))
        .key(pk)
        .send()
        .await;
    assert_eq!((one.status, one.code()), (404, "resource_missing"));
    assert_eq!(
        one.body["error"]["message"],
        "Ticket not found: it exists in the live environment; this key is a test key",
        "a miss across environments says where the record is"
    );
    let who = Call::new("GET", format!("{}/api/v1/auth/whoami", server.base_url()))
        .key(server.secret_key())
        .send()
        .await;
    assert_eq!(who.body["data"]["environment"], "live");
    assert_eq!(server.ticket_count(), 1);
}

#[tokio::test]
async fn keys_with_a_wrong_prefix_are_refused_at_start() {
    for builder in [
        MockServer::builder().secret_key("pk_test_abc"),
        MockServer::builder().secret_key("sk_abc"),
        MockServer::builder().publishable_key("sk_test_abc"),
    ] {
        let error = builder.start().await.unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
    }
}
