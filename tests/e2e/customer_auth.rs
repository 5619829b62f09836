//! cstar-auth against the emulator: signup (signed in, or confirmation pending), login, the
//! current customer, refresh on expiry, logout revoking the session, listeners, stores.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use cstar_auth::{
    AuthClient, Error, FileStore, SessionEvent, SessionStore, SessionStoreError, SignupOutcome,
};
use cstar_mock::MockServer;

fn auth(server: &MockServer) -> cstar_auth::AuthClientBuilder {
    AuthClient::builder(server.team_slug())
        .base_url(server.base_url())
        .max_retries(0)
}

fn temp_file(name: &str) -> std::path::PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    std::env::temp_dir().join(format!(
        "cstar-auth-{}-{nanos}-{name}.json",
        std::process::id()
    ))
}

#[tokio::test]
async fn signup_login_me_and_logout() {
    let server = MockServer::start().await.unwrap();
    let client = auth(&server).build().unwrap();
    let events = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&events);
    let _guard = client.on_session_change(move |e| seen.lock().unwrap().push(e.clone()));

    let SignupOutcome::SignedIn(session) = client
        .signup("ada@example.com", "correct horse", Some("Ada"))
        .await
        .unwrap()
    else {
        panic!("signed in at once by default")
    };
    assert!(session.customer.id.as_str().starts_with("cus_"));
    assert_eq!(session.customer.name.as_deref(), Some("Ada"));
    assert!(client.is_authenticated());
    assert_eq!(
        server.customer_count(),
        1,
        "the account is a customer record"
    );
    let debug = format!("{session:?}");
    assert!(
        !debug.contains(session.access_token.expose_secret()),
        "{debug}"
    );
    assert!(
        !debug.contains(session.refresh_token.expose_secret()),
        "{debug}"
    );

    let err = client
        .signup("ADA@example.com", "another one", None)
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Conflict(_)), "{err:?}");
    let err = client
        .signup("bob@example.com", "short", None)
        .await
        .unwrap_err();
    assert_eq!(err.api_error().and_then(|e| e.param()), Some("password"));

    let me = client.current_customer().await.unwrap();
    assert_eq!(me, session.customer);

    let other = auth(&server).build().unwrap();
    let err = other
        .login("ada@example.com", "wrong password")
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Authentication(_)), "{err:?}");
    assert!(!other.is_authenticated());
    let again = other
        .login("ada@example.com", "correct horse")
        .await
        .unwrap();
    assert_ne!(again.access_token, session.access_token, "a new session");

    client.logout().await.unwrap();
    assert!(!client.is_authenticated());
    assert!(matches!(
        client.current_customer().await,
        Err(Error::NotSignedIn)
    ));
    // The server revoked it: the old token no longer works anywhere.
    let revoked = cstar_e2e::raw_get(
        &format!("{}/api/auth/{}/me", server.base_url(), server.team_slug()),
        session.access_token.expose_secret(),
    )
    .await;
    assert_eq!(revoked, 401);
    // The other session is unaffected.
    assert_eq!(
        other.current_customer().await.unwrap().email,
        "ada@example.com"
    );

    let events = events.lock().unwrap().clone();
    assert!(
        matches!(
            events.as_slice(),
            [SessionEvent::SignedIn(_), SessionEvent::SignedOut]
        ),
        "{events:?}"
    );
}

#[tokio::test]
async fn an_expired_access_token_is_refreshed_once_and_rotated() {
    let server = MockServer::builder()
        .customer_token_ttl(Duration::from_secs(1))
        .start()
        .await
        .unwrap();
    let client = auth(&server)
        .refresh_margin(Duration::ZERO)
        .build()
        .unwrap();
    let refreshed = Arc::new(Mutex::new(0));
    let count = Arc::clone(&refreshed);
    let _guard = client.on_session_change(move |e| {
        if matches!(e, SessionEvent::Refreshed(_)) {
            *count.lock().unwrap() += 1;
        }
    });
    let first = client.login_or_signup_for_test().await;
    tokio::time::sleep(Duration::from_millis(1100)).await;

    // Three calls find the token expired at once: one refresh serves them all.
    let (a, b, c) = tokio::join!(
        client.access_token(),
        client.access_token(),
        client.access_token()
    );
    let (a, b, c) = (a.unwrap(), b.unwrap(), c.unwrap());
    assert!(a == b && b == c);
    assert_ne!(a, first.access_token);
    assert_eq!(*refreshed.lock().unwrap(), 1);
    assert_eq!(
        client.current_customer().await.unwrap().email,
        "grace@example.com"
    );

    // The first refresh token was rotated away: using it again is refused.
    let stale = cstar_e2e::raw_post_json(
        &format!(
            "{}/api/auth/{}/refresh",
            server.base_url(),
            server.team_slug()
        ),
        &format!(
            r#"{{"refreshToken":"{}"}}"#,
            first.refresh_token.expose_secret()
        ),
    )
    .await;
    assert_eq!(stale, 401);
}

/// Signs up a fixed customer.
trait SignUpForTest {
    async fn login_or_signup_for_test(&self) -> cstar_auth::Session;
}

impl SignUpForTest for AuthClient {
    async fn login_or_signup_for_test(&self) -> cstar_auth::Session {
        match self
            .signup("grace@example.com", "hopper1906", Some("Grace"))
            .await
            .unwrap()
        {
            SignupOutcome::SignedIn(session) => session,
            other => panic!("{other:?}"),
        }
    }
}

#[tokio::test]
async fn confirmation_pending_then_login_after_confirming() {
    let server = MockServer::builder()
        .require_email_confirmation(true)
        .start()
        .await
        .unwrap();
    let client = auth(&server).build().unwrap();
    let outcome = client
        .signup("lin@example.com", "password123", None)
        .await
        .unwrap();
    assert_eq!(
        outcome,
        SignupOutcome::ConfirmationPending {
            email: "lin@example.com".to_owned()
        }
    );
    assert!(!client.is_authenticated());
    let err = client
        .login("lin@example.com", "password123")
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Permission(_)), "{err:?}");
    assert!(server.confirm_customer_email("LIN@example.com"));
    client
        .login("lin@example.com", "password123")
        .await
        .unwrap();
    assert!(client.is_authenticated());
}

#[tokio::test]
async fn a_file_store_keeps_the_session_and_a_revoked_one_signs_out() {
    let server = MockServer::start().await.unwrap();
    let path = temp_file("session");
    let first = auth(&server).store(FileStore::new(&path)).build().unwrap();
    let session = first.login_or_signup_for_test().await;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "tokens are for the owner only");
    }
    // A second run of the app finds the session.
    let second = auth(&server).store(FileStore::new(&path)).build().unwrap();
    assert_eq!(second.session().unwrap(), Some(session.clone()));
    assert_eq!(second.current_customer().await.unwrap(), session.customer);

    // Logged out elsewhere (the same file): a refresh is refused, and the session cleared.
    second.logout().await.unwrap();
    FileStore::new(&path)
        .save(&serde_json::to_string(&session).unwrap())
        .unwrap();
    let signed_out = Arc::new(Mutex::new(false));
    let flag = Arc::clone(&signed_out);
    let _guard = first.on_session_change(move |e| {
        if *e == SessionEvent::SignedOut {
            *flag.lock().unwrap() = true;
        }
    });
    assert!(matches!(first.refresh().await, Err(Error::NotSignedIn)));
    assert!(*signed_out.lock().unwrap());
    assert_eq!(first.session().unwrap(), None);

    std::fs::write(&path, b"{ not a session").unwrap();
    let broken = auth(&server).store(FileStore::new(&path)).build().unwrap();
    let err = broken.session().unwrap_err();
    assert!(
        matches!(err, Error::SessionStore(SessionStoreError::Corrupt { .. })),
        "{err:?}"
    );
    let _ = std::fs::remove_file(&path);
}
