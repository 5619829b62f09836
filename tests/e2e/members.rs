//! `members()`: list with the role filter, `list_all`, get, and read-only-ness.

use futures_util::TryStreamExt;

use cstar_admin::{Error, ListMembers, MemberRole, Method};
use cstar_e2e::{assert_no_unexpected_requests, client, start_mock};

#[tokio::test]
async fn members_list_filter_and_get() {
    let server = start_mock().await;
    let cstar = client(&server);

    let page = cstar.members().list(ListMembers::new()).await.unwrap();
    assert_eq!(page.data.len(), 3);
    assert_eq!(page.data[0].role, MemberRole::Owner, "the owner leads");
    assert!(page.data.iter().all(|m| m.id.as_str().starts_with("mem_")));
    assert!(page.data.iter().all(|m| m.role_display_name.is_some()));

    let agents = cstar
        .members()
        .list(ListMembers::new().role(MemberRole::Agent))
        .await
        .unwrap();
    assert_eq!(agents.data.len(), 1);
    let agent = &agents.data[0];
    assert_eq!(cstar.members().get(&agent.id).await.unwrap(), *agent);

    let all: Vec<_> = cstar
        .members()
        .list_all(ListMembers::new().page_size(1))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 3);

    assert!(matches!(
        cstar
            .members()
            .get("mem_00000000000000000000000000000000")
            .await,
        Err(Error::NotFound(_))
    ));
    let err = cstar
        .request(Method::GET, "/members")
        .query("role", "wizard")
        .await
        .unwrap_err();
    assert_eq!(err.api_error().and_then(|e| e.param()), Some("role"));
    assert_no_unexpected_requests(&server);
}
