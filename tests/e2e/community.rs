//! cstar-community against the emulator: topics, post lists (topic, status, sort, pages),
//! members-only visibility, and a signed-in customer's posts, comments and votes.

use std::time::Duration;

use futures_util::TryStreamExt as _;

use cstar_auth::{AuthClient, SignupOutcome};
use cstar_community::{CommunityClient, ListPosts, NewPost, PostSort, PostStatus};
use cstar_core::Error;
use cstar_mock::MockServer;

/// A seeded emulator whose seed lands in the live environment, where the forum reads.
async fn forum_mock() -> MockServer {
    MockServer::builder()
        .secret_key("sk_live_CommunityTestsCommunityTests00")
        .seed(20)
        .start()
        .await
        .unwrap()
}

fn forum(server: &MockServer) -> CommunityClient {
    CommunityClient::builder(server.team_slug())
        .base_url(server.base_url())
        .build()
        .unwrap()
}

async fn signed_in_token(server: &MockServer) -> String {
    let auth = AuthClient::builder(server.team_slug())
        .base_url(server.base_url())
        .build()
        .unwrap();
    match auth
        .signup("ada@example.com", "analytical-engine", Some("Ada"))
        .await
        .unwrap()
    {
        SignupOutcome::SignedIn(_) => {}
        other => panic!("{other:?}"),
    }
    auth.access_token()
        .await
        .unwrap()
        .expose_secret()
        .to_owned()
}

#[tokio::test]
async fn reading_the_forum() {
    let server = forum_mock().await;
    let forum = forum(&server);

    let topics = forum.topics().await.unwrap().data;
    assert_eq!(topics.len(), 3);
    let public_total: u64 = topics.iter().map(|t| t.post_count).sum();
    assert_eq!(public_total, 8, "10 seeded posts, 2 of them members-only");

    let all: Vec<_> = cstar_core::paginate(1, {
        let forum = forum.clone();
        move |page| forum.posts(ListPosts::new().page(page).page_size(3))
    })
    .try_collect()
    .await
    .unwrap();
    assert_eq!(all.len(), 8);
    let by_votes = forum
        .posts(ListPosts::new().sort(PostSort::Votes))
        .await
        .unwrap();
    let votes: Vec<u64> = by_votes.data.iter().map(|p| p.vote_count).collect();
    assert!(votes.windows(2).all(|w| w[0] >= w[1]), "{votes:?}");
    let planned = forum
        .posts(
            ListPosts::new()
                .status(PostStatus::Planned)
                .topic("feature-requests"),
        )
        .await
        .unwrap();
    assert!(planned.data.iter().all(|p| p.status == PostStatus::Planned));
    let first = &all[0];
    let by_slug = forum.post(first.slug.as_deref().unwrap()).await.unwrap();
    assert_eq!(by_slug.id, first.id);
    assert!(matches!(
        forum.post("no-such-post").await,
        Err(Error::NotFound(_))
    ));
}

#[tokio::test]
async fn a_signed_in_customer_posts_comments_and_votes() {
    let server = forum_mock().await;
    let forum = forum(&server);
    let token = signed_in_token(&server).await;

    let err = forum
        .create_post(NewPost::new("Hi", "there", "questions"))
        .access_token("cat_not_a_token")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Authentication(_)), "{err:?}");
    let before = server.requests().len();
    let err = forum
        .create_post(NewPost::new("Hi", "there", "questions"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::NotSignedIn),
        "no session, no token: {err:?}"
    );
    assert_eq!(server.requests().len(), before, "nothing was sent");

    // The explicit per-call token, for apps that keep tokens themselves.
    let post = forum
        .create_post(NewPost::new(
            "Dark mode for the widget",
            "Please!",
            "feature-requests",
        ))
        .access_token(&token)
        .await
        .unwrap();
    assert_eq!(
        (post.status.clone(), post.vote_count),
        (PostStatus::Open, 0)
    );
    assert_eq!(post.author_name.as_deref(), Some("Ada"));
    let err = forum
        .create_post(NewPost::new("x", "y", "no-such-topic"))
        .access_token(&token)
        .await
        .unwrap_err();
    assert_eq!(err.api_error().and_then(|e| e.param()), Some("topic"));

    let vote = |post: &cstar_community::PostId| forum.vote(post).access_token(&token);
    assert_eq!(vote(&post.id).await.unwrap().vote_count, 1);
    let again = vote(&post.id).await.unwrap();
    assert_eq!(again.vote_count, 1, "one vote per customer");
    let unvoted = forum.unvote(&post.id).access_token(&token).await.unwrap();
    assert_eq!(unvoted.vote_count, 0);

    let comment = forum
        .comment(&post.id, "Same here")
        .access_token(&token)
        .await
        .unwrap();
    assert_eq!(comment.post_id, Some(post.id.clone()));
    assert_eq!(forum.comments(&post.id).await.unwrap().data, [comment]);
    assert_eq!(forum.post(&post.id).await.unwrap().comment_count, 1);

    let secret = forum
        .create_post(NewPost::new("Members only", "Shh", "questions").members_only())
        .access_token(&token)
        .await
        .unwrap();
    assert!(
        matches!(forum.post(&secret.id).await, Err(Error::NotFound(_))),
        "hidden from the public"
    );
    let as_member = forum
        .posts_as_customer(ListPosts::new().topic("questions"))
        .access_token(&token)
        .await
        .unwrap();
    assert!(as_member.data.iter().any(|p| p.id == secret.id));

    let types: Vec<String> = server
        .events()
        .iter()
        .filter_map(|e| e["type"].as_str().map(str::to_owned))
        .filter(|t| t.starts_with("community_post."))
        .collect();
    assert_eq!(
        types,
        [
            "community_post.created",
            "community_post.voted",
            "community_post.commented",
            "community_post.created"
        ]
    );
}

#[tokio::test]
async fn writes_through_an_auth_session_carry_a_refreshed_token() {
    let server = MockServer::builder()
        .secret_key("sk_live_CommunityTestsCommunityTests00")
        .seed(20)
        .customer_token_ttl(Duration::from_secs(1))
        .start()
        .await
        .unwrap();
    // A margin longer than the token's life: every use finds it expired, and renews it.
    let auth = AuthClient::builder(server.team_slug())
        .base_url(server.base_url())
        .refresh_margin(Duration::from_secs(60))
        .build()
        .unwrap();
    let SignupOutcome::SignedIn(session) = auth
        .signup("ada@example.com", "analytical-engine", Some("Ada"))
        .await
        .unwrap()
    else {
        panic!("signed in at once")
    };
    let forum = CommunityClient::builder(server.team_slug())
        .base_url(server.base_url())
        .session(auth.clone())
        .build()
        .unwrap();

    let post = forum
        .create_post(NewPost::new("Offline mode", "Please!", "feature-requests"))
        .await
        .unwrap();
    assert_eq!(post.author_name.as_deref(), Some("Ada"));

    let requests = server.requests();
    let refreshes = requests
        .iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/refresh"))
        .count();
    assert_eq!(refreshes, 1, "the expired token was renewed first");
    let sent = requests
        .iter()
        .rfind(|r| r.method == "POST" && r.path.ends_with("/posts"))
        .and_then(|r| r.header("authorization"))
        .unwrap();
    let current = auth.session().unwrap().unwrap().access_token;
    assert_ne!(current, session.access_token, "rotated");
    assert_eq!(sent, format!("Bearer {}", current.expose_secret()));

    // Signed out: writes say so, and send nothing.
    auth.logout().await.unwrap();
    let err = forum.vote(&post.id).await.unwrap_err();
    assert!(matches!(err, Error::NotSignedIn), "{err:?}");
}
