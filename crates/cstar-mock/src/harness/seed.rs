//! `--seed N`: a team to explore, with N customers, N tickets (each with a short thread) and N
//! articles in five categories, plus more members, four customer groups and N/2 community posts
//! (the families without a documented create route). Made through the routes themselves, so the
//! data obeys every rule the API enforces. The content is the same for the same N; ids and
//! timestamps are fresh.

use serde_json::{Value, json};

use crate::api::admin::services::{self, team_caller};
use crate::api::admin::{add_member, insert_document};
use crate::http::context::Ctx;
use crate::http::error::ApiFailure;
use crate::model::Env;
use crate::store::State;
use crate::store::documents::Kind;
use crate::store::events::EventLog;

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
const GROUPS: &[(&str, &str)] = &[
    ("Enterprise accounts", "org_1001"),
    ("Startups", "org_1002"),
    ("Education", "org_1003"),
    ("Partners", "org_1004"),
];
/// Community topics: slug and a fixed UUID.
const TOPIC_IDS: &[(&str, &str)] = &[
    ("feature-requests", "7f1c2a10-0000-4000-8000-000000000001"),
    ("questions", "7f1c2a10-0000-4000-8000-000000000002"),
    ("show-and-tell", "7f1c2a10-0000-4000-8000-000000000003"),
];
const IDEAS: &[&str] = &[
    "Dark mode for the widget",
    "Export tickets to Notion",
    "How do I set up SLAs?",
    "Keyboard shortcut for macros",
    "Our custom theme",
];
const POST_STATUSES: &[&str] = &["open", "answered", "planned", "under_review", "completed"];
const EXTRA_MEMBERS: &[(&str, &str)] = &[
    ("Riley Manager", "manager"),
    ("Jordan Librarian", "librarian"),
    ("Casey Agent", "agent"),
    ("Taylor Agent", "agent"),
    ("Quinn Spectator", "spectator"),
];

/// Fills the environment of the team's secret key.
pub(crate) fn seed(state: &mut State, count: usize) -> Result<(), ApiFailure> {
    let env = crate::http::keys::env_of(&state.team.secret_key);
    let mut seeder = Seeder { state, env };
    seeder.members()?;
    seeder.customer_groups(count);
    seeder.community_posts(count / 2);
    let categories: Vec<String> = CATEGORIES
        .iter()
        .enumerate()
        .map(|(i, (name, icon))| {
            seeder.create(
                services::create_category,
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
        let id = seeder.create(services::create_customer, &body)?;
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
        let ticket = seeder.create(services::create_ticket, &body)?;
        let thread = [
            json!({"content": "Hi, could you help me with this?", "sender": "customer"}),
            json!({"content": "Thanks for reaching out, looking into it now.", "sender": "agent"}),
            json!({"content": "Customer is on the pro plan.", "sender": "agent", "isInternal": true}),
        ];
        for message in thread.iter().take(1 + n % 3) {
            services::post_message(seeder.state, seeder.env, &ticket, message)?;
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
        seeder.create(services::create_article, &body)?;
    }
    // The seed is the starting point, not news: streams and webhooks start after it.
    seeder.state.events = EventLog::default();
    Ok(())
}

struct Seeder<'a> {
    state: &'a mut State,
    env: Env,
}

/// An admin service that creates one object.
type Create = fn(&mut State, Env, &Value) -> Result<Value, ApiFailure>;

impl Seeder<'_> {
    /// Creates an object through its resource's handler; the new object's id.
    fn create(&mut self, create: Create, body: &Value) -> Result<String, ApiFailure> {
        let created = create(self.state, self.env, body)?;
        Ok(created["id"].as_str().unwrap_or_default().to_owned())
    }

    /// Stores a document of a family the API has no create route for.
    fn store(&mut self, kind: Kind, fields: Value) {
        let mut ctx = Ctx::internal(self.state, team_caller(self.env), &[]);
        if let Value::Object(fields) = fields {
            insert_document(&mut ctx, kind, fields, None);
        }
    }

    fn members(&mut self) -> Result<(), ApiFailure> {
        services::ensure_members(self.state, self.env);
        let mut ctx = Ctx::internal(self.state, team_caller(self.env), &[]);
        for (level, (name, role)) in (4..).zip(EXTRA_MEMBERS) {
            let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
            add_member(&mut ctx, name, &email, role, level);
        }
        Ok(())
    }

    fn customer_groups(&mut self, customers: usize) {
        for (i, (name, external)) in GROUPS.iter().enumerate() {
            self.store(
                Kind::CustomerGroups,
                json!({
                    "name": name, "slug": crate::store::documents::slugify(name),
                    "description": format!("{name}, imported from the CRM"),
                    "externalId": external, "customFields": {},
                    "customerCount": customers / GROUPS.len() + usize::from(i < customers % GROUPS.len()),
                }),
            );
        }
    }

    fn community_posts(&mut self, count: usize) {
        for n in 0..count {
            let (topic_slug, topic_id) = TOPIC_IDS[n % TOPIC_IDS.len()];
            let title = format!("{} ({})", IDEAS[n % IDEAS.len()], n + 1);
            self.store(
                Kind::CommunityPosts,
                json!({
                    "title": title, "slug": crate::store::documents::slugify(&title),
                    "body": "It would help our team a lot. Anyone else?",
                    "topic_id": topic_id, "topic_slug": topic_slug,
                    "status": POST_STATUSES[n % POST_STATUSES.len()],
                    "visibility": if n % 5 == 4 { "members_only" } else { "public" },
                    "vote_count": (n * 7) % 41, "comment_count": (n * 3) % 11,
                    "is_pinned": n == 0, "is_locked": false,
                    "custom_fields": {}, "attachments": [],
                }),
            );
        }
    }
}
