//! For each drift mode of the emulator, the (operation, field) pairs that break an SDK call:
//! every field name of each read's raw answer is targeted alone through `/__cstar_mock/drift`,
//! then the SDK call is made. Goal: 0 in every mode. Writes `target/bench/drift.md`.

use std::collections::BTreeSet;

use cstar_admin::{
    CStarClient, ListArticles, ListCategories, ListCustomers, ListMembers, ListTickets,
};
use cstar_mock::{DriftMode, MockServer};
use serde_json::Value;

/// The read operations measured: a name, the raw path under the team, and the SDK call.
const OPERATIONS: &[(&str, &str)] = &[
    ("tickets.list", "/tickets"),
    ("customers.list", "/customers"),
    ("articles.list", "/articles"),
    ("categories.list", "/categories"),
    ("members.list", "/members"),
];

async fn call(cstar: &CStarClient, operation: &str) -> bool {
    match operation {
        "tickets.list" => cstar.tickets().list(ListTickets::new()).await.is_ok(),
        "customers.list" => cstar.customers().list(ListCustomers::new()).await.is_ok(),
        "articles.list" => cstar.articles().list(ListArticles::new()).await.is_ok(),
        "categories.list" => cstar.categories().list(ListCategories::new()).await.is_ok(),
        _ => cstar.members().list(ListMembers::new()).await.is_ok(),
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
    // Same TLS setup as the SDK; a bare Client::new() has no rustls provider.
    let http = cstar_core::http_client_builder()?.build()?;
    let base = server.base_url();
    let control = format!("{base}/__cstar_mock/drift");
    let mut report = String::from(
        "# Drift: (operation, field) pairs that break a call\n\n\
         | drift | pairs tried | calls broken |\n|---|---|---|\n",
    );
    for mode in DriftMode::ALL {
        let (mut tried, mut broken) = (0, Vec::new());
        for (operation, path) in OPERATIONS {
            let url = format!("{base}/api/v1/teams/{}{path}", server.team_id());
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
                if !call(&cstar, operation).await {
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
        if !broken.is_empty() {
            eprintln!("{}: {}", mode.name(), broken.join(", "));
        }
    }
    std::fs::create_dir_all("target/bench")?;
    std::fs::write("target/bench/drift.md", &report)?;
    print!("{report}");
    server.shutdown().await;
    Ok(())
}
