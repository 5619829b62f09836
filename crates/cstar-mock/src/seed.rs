//! `--seed N`: a team to explore, with N customers, N tickets (each with a short thread) and N
//! articles in five categories, plus more members. Made through the routes themselves, so the
//! data obeys every rule the API enforces. The content is the same for the same N; ids and
//! timestamps are fresh.

use serde_json::{Value, json};

use crate::auth::Caller;
use crate::events::EventLog;
use crate::failure::ApiFailure;
use crate::routes::{Ctx, add_member, resolve};
use crate::state::{KeyKind, State};

const FIRST_NAMES: &[&str] = &[
    "Ada",
    "Grace",
    "Alan",
    "Katherine",
    "Linus",
    "Margaret",
    "Dennis",
    "Barbara",
    "Ken",
    "Radia",
    "Tim",
    "Frances",
    "Guido",
    "Hedy",
    "Edsger",
    "Shafi",
];
const LAST_NAMES: &[&str] = &[
    "Lovelace",
    "Hopper",
    "Turing",
    "Johnson",
    "Torvalds",
    "Hamilton",
    "Ritchie",
    "Liskov",
    "Thompson",
    "Perlman",
    "Berners-Lee",
    "Allen",
    "van Rossum",
    "Lamarr",
    "Dijkstra",
    "Goldwasser",
];
const PROBLEMS: &[&str] = &[
    "Cannot log in after password reset",
    "Invoice shows the wrong VAT number",
    "Export to CSV times out",
    "Refund not received",
    "Two-factor code never arrives",
    "Order stuck in processing",
    "Dark mode resets after update",
    "Webhook deliveries failing",
    "Need to change the account owner",
    "App crashes when uploading a photo",
    "Discount code rejected at checkout",
    "Cannot invite a new teammate",
];
const STATUSES: &[&str] = &["new", "open", "open", "pending", "resolved", "closed"];
const PRIORITIES: &[&str] = &["low", "normal", "normal", "high", "urgent"];
const SENTIMENTS: &[&str] = &[
    "positive",
    "neutral",
    "negative",
    "happy",
    "frustrated",
    "angry",
];
const PLANS: &[&str] = &["free", "pro", "enterprise"];
const ARTICLE_STATUSES: &[&str] = &["published", "published", "draft", "archived"];
const ARTICLE_TAGS: &[&str] = &["how-to", "faq"];
const CATEGORIES: &[(&str, &str)] = &[
    ("Getting started", "rocket"),
    ("Account", "user"),
    ("Billing", "credit-card"),
    ("Integrations", "plug"),
    ("Troubleshooting", "wrench"),
];
const TOPICS: &[&str] = &[
    "Reset your password",
    "Invite your team",
    "Update billing details",
    "Connect Slack",
    "Set up two-factor authentication",
    "Export your data",
    "Configure webhooks",
    "Change your plan",
    "Use keyboard shortcuts",
    "Fix sync errors",
];
const EXTRA_MEMBERS: &[(&str, &str)] = &[
    ("Riley Manager", "manager"),
    ("Jordan Librarian", "librarian"),
    ("Casey Agent", "agent"),
    ("Taylor Agent", "agent"),
    ("Quinn Spectator", "spectator"),
];

/// Fills the environment of the team's secret key.
pub(crate) fn seed(state: &mut State, count: usize) -> Result<(), ApiFailure> {
    let key = state.team.secret_key.clone();
    let caller = Caller {
        env: crate::auth::env_of(&key),
        kind: KeyKind::Secret,
        key,
    };
    let team = state.team.id.clone();
    let mut seeder = Seeder {
        state,
        caller: &caller,
        team,
    };
    seeder.members()?;
    let categories: Vec<String> = CATEGORIES
        .iter()
        .enumerate()
        .map(|(i, (name, icon))| {
            seeder.create(
                "categories",
                &json!({"name": name, "icon": icon, "sortOrder": i}),
            )
        })
        .collect::<Result<_, _>>()?;
    let mut customers = Vec::with_capacity(count);
    for n in 0..count {
        let first = FIRST_NAMES[n % FIRST_NAMES.len()];
        let last = LAST_NAMES[(n / FIRST_NAMES.len()) % LAST_NAMES.len()];
        let tags: Vec<&str> = if n % 7 == 0 { vec!["vip"] } else { Vec::new() };
        let body = json!({
            "name": format!("{first} {last}"),
            "email": format!("{}.{}{n}@example.com", first.to_lowercase(), last.to_lowercase().replace(' ', "")),
            "status": if n % 9 == 8 { "inactive" } else { "active" },
            "sentiment": SENTIMENTS[n % SENTIMENTS.len()],
            "tags": tags,
            "customFields": {"plan": PLANS[n % PLANS.len()]},
        });
        let id = seeder.create("customers", &body)?;
        customers.push((id, format!("{first} {last}")));
    }
    for n in 0..count {
        let (customer_id, customer_name) = &customers[n % customers.len().max(1)];
        let body = json!({
            "title": PROBLEMS[n % PROBLEMS.len()],
            "status": STATUSES[n % STATUSES.len()],
            "priority": PRIORITIES[n % PRIORITIES.len()],
            "customerId": customer_id,
            "customerName": customer_name,
            "tags": if n % 4 == 0 { vec!["billing"] } else { vec!["support"] },
        });
        let ticket = seeder.create("tickets", &body)?;
        let thread = [
            json!({"content": "Hi, could you help me with this?", "sender": "customer"}),
            json!({"content": "Thanks for reaching out, looking into it now.", "sender": "agent"}),
            json!({"content": "Customer is on the pro plan.", "sender": "agent", "isInternal": true}),
        ];
        for message in thread.iter().take(1 + n % 3) {
            seeder.create(&format!("tickets/{ticket}/messages"), message)?;
        }
    }
    for n in 0..count {
        let topic = TOPICS[n % TOPICS.len()];
        let body = json!({
            "title": if n < TOPICS.len() { topic.to_owned() } else { format!("{topic} ({})", n / TOPICS.len() + 1) },
            "content": format!("# {topic}\n\n1. Open **Settings**.\n2. Follow the steps for *{topic}*.\n\nStill stuck? Reply to any email from us."),
            "categoryId": categories[n % categories.len()],
            "status": ARTICLE_STATUSES[n % ARTICLE_STATUSES.len()],
            "isPublic": n % 4 < 2,
            "tags": [ARTICLE_TAGS[n % ARTICLE_TAGS.len()]],
        });
        seeder.create("articles", &body)?;
    }
    // The seed is the starting point, not news: streams and webhooks start after it.
    seeder.state.events = EventLog::default();
    Ok(())
}

struct Seeder<'a> {
    state: &'a mut State,
    caller: &'a Caller,
    team: String,
}

impl Seeder<'_> {
    /// POSTs `body` to `path` below the team through its route; the new object's id.
    fn create(&mut self, path: &str, body: &Value) -> Result<String, ApiFailure> {
        let full = format!("/api/v1/teams/{}/{path}", self.team);
        let endpoint = resolve("POST", &full).ok_or_else(|| {
            ApiFailure::new(
                500,
                "api_error",
                "internal_error",
                format!("no route {full}"),
            )
        })?;
        let bytes = serde_json::to_vec(body).unwrap_or_default();
        let mut ctx = Ctx {
            state: self.state,
            caller: self.caller,
            query: &[],
            body: &bytes,
            deferred: None,
        };
        let reply = (endpoint.run)(&mut ctx)?;
        Ok(reply.body["data"]["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    fn members(&mut self) -> Result<(), ApiFailure> {
        // Listing seeds the starting members first.
        let full = format!("/api/v1/teams/{}/members", self.team);
        if let Some(endpoint) = resolve("GET", &full) {
            let mut ctx = Ctx {
                state: self.state,
                caller: self.caller,
                query: &[],
                body: &[],
                deferred: None,
            };
            (endpoint.run)(&mut ctx)?;
            for (level, (name, role)) in (4..).zip(EXTRA_MEMBERS) {
                let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
                add_member(&mut ctx, name, &email, role, level);
            }
        }
        Ok(())
    }
}
