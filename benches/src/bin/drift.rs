//! For each drift mode of the emulator, the (operation, field) pairs that break an SDK call:
//! every field name of each read's raw answer is targeted alone through `/__cstar_mock/drift`,
//! then the SDK call is made. Every admin read operation is measured. Goal: 0 in every mode.
//! Writes `target/bench/drift.md`.

use std::collections::BTreeSet;

use cstar_admin::{
    CStarClient, CreateMessage, CreateTicket, CreateWebhook, ListArticles, ListAuditLog,
    ListCategories, ListCustomerGroups, ListCustomers, ListMembers, ListNotifications, ListPosts,
    ListTickets, ListWebhooks, SearchQuery,
};
use cstar_mock::{DriftMode, MockServer};
use serde_json::Value;

/// The read operations measured: a name, and the raw path (under the team unless it starts with
/// `/api/`) whose answer names the fields to drift. `{ticket}` and the like are the ids of
/// [`Ids`].
const OPERATIONS: &[(&str, &str)] = &[
    ("tickets.list", "/tickets"),
    ("tickets.get", "/tickets/{ticket}"),
    ("tickets.create", "/tickets/{ticket}"),
    ("messages.list", "/tickets/{ticket}/messages"),
    ("messages.create", "/tickets/{ticket}/messages"),
    ("customers.list", "/customers"),
    ("customers.get", "/customers/{customer}"),
    ("articles.list", "/articles"),
    ("articles.get", "/articles/{article}"),
    ("categories.list", "/categories"),
    ("categories.get", "/categories/{category}"),
    ("webhooks.list", "/webhooks"),
    ("webhooks.get", "/webhooks/{webhook}"),
    ("members.list", "/members"),
    ("members.get", "/members/{member}"),
    ("tags.list", "/tags"),
    ("whoami", "/api/v1/auth/whoami"),
    ("customer_groups.list", "/customer-groups"),
    ("custom_fields.list", "/custom-fields"),
    ("views.list", "/views"),
    ("audit_log.list", "/audit-log"),
    ("analytics.overview", "/analytics/overview"),
    ("sla.list", "/sla/rules"),
    ("automations.list", "/automations"),
    ("notifications.list", "/notifications"),
    ("notifications.unread_count", "/notifications/unread-count"),
    ("settings.get", "/settings"),
    ("billing.subscription", "/billing/subscription"),
    ("game.player", "/game/player?userId={user}"),
    ("community.list", "/community/posts"),
    ("search", "/search?q=a"),
];

/// One record of each kind, read back by the `get` operations.
struct Ids {
    ticket: String,
    customer: String,
    article: String,
    category: String,
    webhook: String,
    member: String,
    /// The user account behind a member, which `game.player` takes.
    user: String,
}

impl Ids {
    fn fill(&self, path: &str) -> String {
        path.replace("{ticket}", &self.ticket)
            .replace("{customer}", &self.customer)
            .replace("{article}", &self.article)
            .replace("{category}", &self.category)
            .replace("{webhook}", &self.webhook)
            .replace("{member}", &self.member)
            .replace("{user}", &self.user)
    }
}

/// Makes the operation's SDK call; true when it succeeds.
async fn call(cstar: &CStarClient, ids: &Ids, operation: &str) -> bool {
    let thread = cstar.tickets().messages(ids.ticket.as_str());
    match operation {
        "tickets.list" => cstar.tickets().list(ListTickets::new()).await.is_ok(),
        "tickets.get" => cstar.tickets().get(ids.ticket.as_str()).await.is_ok(),
        "tickets.create" => cstar
            .tickets()
            .create(CreateTicket::new("Drift"))
            .await
            .is_ok(),
        "messages.list" => thread.list().await.is_ok(),
        "messages.create" => thread.create(CreateMessage::new("Hi")).await.is_ok(),
        "customers.list" => cstar.customers().list(ListCustomers::new()).await.is_ok(),
        "customers.get" => cstar.customers().get(ids.customer.as_str()).await.is_ok(),
        "articles.list" => cstar.articles().list(ListArticles::new()).await.is_ok(),
        "articles.get" => cstar.articles().get(ids.article.as_str()).await.is_ok(),
        "categories.list" => cstar.categories().list(ListCategories::new()).await.is_ok(),
        "categories.get" => cstar.categories().get(ids.category.as_str()).await.is_ok(),
        "webhooks.list" => cstar.webhooks().list(ListWebhooks::new()).await.is_ok(),
        "webhooks.get" => cstar.webhooks().get(ids.webhook.as_str()).await.is_ok(),
        "members.list" => cstar.members().list(ListMembers::new()).await.is_ok(),
        "members.get" => cstar.members().get(ids.member.as_str()).await.is_ok(),
        "tags.list" => cstar.tags().list().await.is_ok(),
        "whoami" => cstar.whoami().await.is_ok(),
        "customer_groups.list" => {
            let groups = cstar.customer_groups();
            groups.list(ListCustomerGroups::new()).await.is_ok()
        }
        "custom_fields.list" => cstar.custom_fields().list(None).await.is_ok(),
        "views.list" => cstar.views().list(None).await.is_ok(),
        "audit_log.list" => cstar.audit_log().list(ListAuditLog::new()).await.is_ok(),
        "analytics.overview" => cstar.analytics().overview(None).await.is_ok(),
        "sla.list" => cstar.sla().list().await.is_ok(),
        "automations.list" => cstar.automations().list().await.is_ok(),
        "notifications.list" => {
            let notifications = cstar.notifications();
            notifications.list(ListNotifications::new()).await.is_ok()
        }
        "notifications.unread_count" => cstar.notifications().unread_count().await.is_ok(),
        "settings.get" => cstar.settings().get().await.is_ok(),
        "billing.subscription" => cstar.billing().subscription().await.is_ok(),
        "game.player" => cstar.game().player(&ids.user).await.is_ok(),
        "community.list" => cstar.community().list(ListPosts::new()).await.is_ok(),
        "search" => cstar.search(SearchQuery::new("a")).await.is_ok(),
        other => unreachable!("no SDK call for {other}"),
    }
}

fn fields(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| fields(v, out)),
        Value::Object(object) => {
            for (key, v) in object {
                if key != "id" {
                    out.insert(key.clone());
                }
                fields(v, out);
            }
        }
        _ => {}
    }
}

/// The records the `get` operations read, made or found before any drift.
async fn ids(cstar: &CStarClient) -> Result<Ids, Box<dyn std::error::Error>> {
    let first = |missing: &str| format!("the emulator's seed has no {missing}");
    let hook = CreateWebhook::new("https://example.com/hooks", ["ticket.*"]);
    let members = cstar.members().list(ListMembers::new()).await?.data;
    let member = members.first().ok_or_else(|| first("member"))?;
    Ok(Ids {
        ticket: (cstar.tickets().list(ListTickets::new()).await?.data.first())
            .ok_or_else(|| first("ticket"))?
            .id
            .to_string(),
        customer: (cstar
            .customers()
            .list(ListCustomers::new())
            .await?
            .data
            .first())
        .ok_or_else(|| first("customer"))?
        .id
        .to_string(),
        article: (cstar
            .articles()
            .list(ListArticles::new())
            .await?
            .data
            .first())
        .ok_or_else(|| first("article"))?
        .id
        .to_string(),
        category: (cstar
            .categories()
            .list(ListCategories::new())
            .await?
            .data
            .first())
        .ok_or_else(|| first("category"))?
        .id
        .to_string(),
        member: member.id.to_string(),
        user: (members.iter().find_map(|m| m.user_id.clone()))
            .ok_or_else(|| first("member with a user account"))?,
        webhook: cstar.webhooks().create(hook).await?.webhook.id.to_string(),
    })
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = MockServer::builder()
        .rate_limit_secret(u64::MAX / 2)
        .seed(3)
        .start()
        .await?;
    let cstar = CStarClient::builder()
        .api_key(server.secret_key())
        .team_id(server.team_id())
        .base_url(server.base_url())
        .max_retries(0)
        .build()?;
    let ids = ids(&cstar).await?;
    // Same TLS setup as the SDK; a bare Client::new() has no rustls provider.
    let http = cstar_core::http_client_builder()?.build()?;
    let base = server.base_url();
    let control = format!("{base}/__cstar_mock/drift");
    let mut report = format!(
        "# Drift: (operation, field) pairs that break a call\n\n\
         {} admin read operations.\n\n\
         | drift | pairs tried | calls broken |\n|---|---|---|\n",
        OPERATIONS.len()
    );
    let mut total_broken = 0;
    for mode in DriftMode::ALL {
        let (mut tried, mut broken) = (0, Vec::new());
        for (operation, path) in OPERATIONS {
            let path = ids.fill(path);
            let url = if path.starts_with("/api/") {
                format!("{base}{path}")
            } else {
                format!("{base}/api/v1/teams/{}{path}", server.team_id())
            };
            http.delete(&control).send().await?;
            let bytes = http
                .get(&url)
                .bearer_auth(server.secret_key())
                .send()
                .await?
                .bytes()
                .await?;
            let raw: Value = serde_json::from_slice(&bytes)?;
            let mut names = BTreeSet::new();
            fields(&raw["data"], &mut names);
            // Modes that drift a whole answer are one pair per operation.
            let targets: Vec<Option<String>> = match mode {
                DriftMode::ExtraFields | DriftMode::OneBadRecord => vec![None],
                _ => names.into_iter().map(Some).collect(),
            };
            for field in targets {
                let body = serde_json::json!({"mode": mode.name(), "seed": 1, "field": field});
                http.post(&control)
                    .header("content-type", "application/json")
                    .body(body.to_string())
                    .send()
                    .await?;
                tried += 1;
                if !call(&cstar, &ids, operation).await {
                    broken.push(format!("{operation}:{}", field.unwrap_or_default()));
                }
            }
        }
        http.delete(&control).send().await?;
        report.push_str(&format!(
            "| `{}` | {tried} | {} |\n",
            mode.name(),
            broken.len()
        ));
        total_broken += broken.len();
        if !broken.is_empty() {
            eprintln!("{}: {}", mode.name(), broken.join(", "));
        }
    }
    std::fs::create_dir_all("target/bench")?;
    std::fs::write("target/bench/drift.md", &report)?;
    print!("{report}");
    eprintln!("{total_broken} pair(s) broken in all");
    server.shutdown().await;
    Ok(())
}
