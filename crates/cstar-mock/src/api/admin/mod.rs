//! The admin API, `/api/v1/...`: one module per resource, and [`ROUTES`], its route table.
//! Every route is admitted with an API key ([`Admission::ApiKey`]).
//!
//! Adding a resource: write `api/admin/<resource>.rs` with its handlers, add its rows to
//! [`ROUTES`] and to the README's route table (a test checks the two agree).

mod analytics;
mod articles;
mod audit_log;
mod automations;
mod billing;
mod bulk;
mod categories;
mod community;
mod custom_fields;
mod customer_groups;
mod customers;
pub(crate) mod doc_crud;
mod export;
mod fields;
mod game;
mod import;
mod listen;
mod members;
pub(crate) use doc_crud::insert as insert_document;
pub(crate) use members::add_member;
mod messages;
mod notifications;
mod paging;
mod resources;
pub(crate) use fields::{check_enum, opt_string, opt_strings, required_string};

/// The documented community post statuses.
pub(crate) fn community_statuses() -> &'static [&'static str] {
    community::STATUSES
}
pub(crate) use paging::page_reply;
mod search;
pub(crate) mod services;
mod settings;
mod sla;
mod tags;
mod ticket_patch;
mod tickets;
mod views;
pub(crate) mod webhooks;
mod whoami;

use crate::http::context::Ctx;
use crate::http::route::Admission::ApiKey;
use crate::http::route::{Route, by_id, route};

/// The admin API's routes.
#[rustfmt::skip]
pub(crate) const ROUTES: &[Route] = &[
    route("GET", "/api/v1/auth/whoami", ApiKey, whoami::whoami),
    route("GET", "/api/v1/teams/{teamId}/webhooks/listen", ApiKey, listen::listen),
    route("GET", "/api/v1/teams/{teamId}/tickets", ApiKey, tickets::list),
    route("POST", "/api/v1/teams/{teamId}/tickets", ApiKey, tickets::create),
    route("GET", "/api/v1/teams/{teamId}/tickets/{id}", ApiKey, by_id!(tickets::get)),
    route("PATCH", "/api/v1/teams/{teamId}/tickets/{id}", ApiKey, by_id!(tickets::update)),
    route("DELETE", "/api/v1/teams/{teamId}/tickets/{id}", ApiKey, by_id!(tickets::delete)),
    route("GET", "/api/v1/teams/{teamId}/tickets/{id}/messages", ApiKey, by_id!(messages::list)),
    route("POST", "/api/v1/teams/{teamId}/tickets/{id}/messages", ApiKey, by_id!(messages::create)),
    route("GET", "/api/v1/teams/{teamId}/customers", ApiKey, customers::list),
    route("POST", "/api/v1/teams/{teamId}/customers", ApiKey, customers::create),
    route("GET", "/api/v1/teams/{teamId}/customers/{id}", ApiKey, by_id!(customers::get)),
    route("PATCH", "/api/v1/teams/{teamId}/customers/{id}", ApiKey, by_id!(customers::update)),
    route("DELETE", "/api/v1/teams/{teamId}/customers/{id}", ApiKey, by_id!(customers::delete)),
    route("GET", "/api/v1/teams/{teamId}/articles", ApiKey, articles::list),
    route("POST", "/api/v1/teams/{teamId}/articles", ApiKey, articles::create),
    route("GET", "/api/v1/teams/{teamId}/articles/{id}", ApiKey, by_id!(articles::get)),
    route("PATCH", "/api/v1/teams/{teamId}/articles/{id}", ApiKey, by_id!(articles::update)),
    route("DELETE", "/api/v1/teams/{teamId}/articles/{id}", ApiKey, by_id!(articles::delete)),
    route("GET", "/api/v1/teams/{teamId}/categories", ApiKey, categories::list),
    route("POST", "/api/v1/teams/{teamId}/categories", ApiKey, categories::create),
    route("GET", "/api/v1/teams/{teamId}/categories/{id}", ApiKey, by_id!(categories::get)),
    route("PATCH", "/api/v1/teams/{teamId}/categories/{id}", ApiKey, by_id!(categories::update)),
    route("DELETE", "/api/v1/teams/{teamId}/categories/{id}", ApiKey, by_id!(categories::delete)),
    route("GET", "/api/v1/teams/{teamId}/webhooks", ApiKey, webhooks::list),
    route("POST", "/api/v1/teams/{teamId}/webhooks", ApiKey, webhooks::create),
    route("POST", "/api/v1/teams/{teamId}/webhooks/trigger-test", ApiKey, webhooks::trigger_test),
    route("GET", "/api/v1/teams/{teamId}/webhooks/{id}", ApiKey, by_id!(webhooks::get)),
    route("PATCH", "/api/v1/teams/{teamId}/webhooks/{id}", ApiKey, by_id!(webhooks::update)),
    route("DELETE", "/api/v1/teams/{teamId}/webhooks/{id}", ApiKey, by_id!(webhooks::delete)),
    route("POST", "/api/v1/teams/{teamId}/webhooks/{id}/test", ApiKey, by_id!(webhooks::test)),
    route("GET", "/api/v1/teams/{teamId}/members", ApiKey, members::list),
    route("GET", "/api/v1/teams/{teamId}/members/{id}", ApiKey, by_id!(members::get)),
    route("GET", "/api/v1/teams/{teamId}/customer-groups", ApiKey, customer_groups::list),
    route("GET", "/api/v1/teams/{teamId}/tags", ApiKey, tags::list),
    route("POST", "/api/v1/teams/{teamId}/tags", ApiKey, tags::create),
    route("GET", "/api/v1/teams/{teamId}/custom-fields", ApiKey, custom_fields::list),
    route("POST", "/api/v1/teams/{teamId}/custom-fields", ApiKey, custom_fields::create),
    route("GET", "/api/v1/teams/{teamId}/search", ApiKey, search::search),
    route("GET", "/api/v1/teams/{teamId}/views", ApiKey, views::list),
    route("POST", "/api/v1/teams/{teamId}/views", ApiKey, views::create),
    route("POST", "/api/v1/teams/{teamId}/bulk", ApiKey, bulk::bulk),
    route("POST", "/api/v1/teams/{teamId}/import", ApiKey, import::import),
    route("POST", "/api/v1/teams/{teamId}/export", ApiKey, export::export),
    route("GET", "/api/v1/teams/{teamId}/audit-log", ApiKey, audit_log::list),
    route("GET", "/api/v1/teams/{teamId}/analytics/overview", ApiKey, analytics::overview),
    route("GET", "/api/v1/teams/{teamId}/sla/rules", ApiKey, sla::list),
    route("POST", "/api/v1/teams/{teamId}/sla/rules", ApiKey, sla::create),
    route("GET", "/api/v1/teams/{teamId}/automations", ApiKey, automations::list),
    route("POST", "/api/v1/teams/{teamId}/automations", ApiKey, automations::create),
    route("GET", "/api/v1/teams/{teamId}/notifications", ApiKey, notifications::list),
    route("GET", "/api/v1/teams/{teamId}/notifications/unread-count", ApiKey, notifications::unread_count),
    route("GET", "/api/v1/teams/{teamId}/settings", ApiKey, settings::get),
    route("PATCH", "/api/v1/teams/{teamId}/settings", ApiKey, settings::update),
    route("GET", "/api/v1/teams/{teamId}/billing/subscription", ApiKey, billing::subscription),
    route("POST", "/api/v1/teams/{teamId}/billing/portal", ApiKey, billing::portal),
    route("GET", "/api/v1/teams/{teamId}/community/posts", ApiKey, community::list),
    route("GET", "/api/v1/teams/{teamId}/game/player", ApiKey, game::player),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::route::find;

    fn resolve(method: &str, path: &str) -> Option<crate::http::route::Matched> {
        find(&[ROUTES], method, path)
    }

    #[test]
    fn matches_only_served_routes() {
        let team = "/api/v1/teams/t1";
        for (method, path) in [
            ("GET", "/api/v1/auth/whoami".to_owned()),
            ("GET", format!("{team}/tickets")),
            ("POST", format!("{team}/tickets")),
            ("GET", format!("{team}/tickets/tkt_1")),
            ("PATCH", format!("{team}/tickets/tkt_1")),
            ("DELETE", format!("{team}/tickets/tkt_1")),
            ("GET", format!("{team}/tickets/tkt_1/messages")),
            ("POST", format!("{team}/tickets/tkt_1/messages")),
            ("GET", format!("{team}/webhooks/listen")),
            ("GET", format!("{team}/customers")),
            ("DELETE", format!("{team}/customers/cus_1")),
            ("PATCH", format!("{team}/articles/art_1")),
            ("POST", format!("{team}/categories")),
            ("POST", format!("{team}/webhooks/trigger-test")),
            ("POST", format!("{team}/webhooks/whk_1/test")),
            ("GET", format!("{team}/members/mem_1")),
        ] {
            let found = resolve(method, &path);
            assert!(found.is_some(), "{method} {path}");
        }
        for (method, path) in [
            ("POST", "/api/v1/auth/whoami".to_owned()),
            ("PUT", format!("{team}/tickets")),
            ("DELETE", format!("{team}/tickets")),
            ("GET", format!("{team}/tickets/")),
            ("GET", format!("{team}/tickets/x/y")),
            ("PATCH", format!("{team}/tickets/x/messages")),
            ("POST", format!("{team}/members")),
            ("GET", format!("{team}/webhooks/whk_1/test")),
            ("DELETE", format!("{team}/tags/x")),
            ("GET", "/api/v2/auth/whoami".to_owned()),
            ("GET", "/api/v1/teams".to_owned()),
            ("GET", "/".to_owned()),
        ] {
            assert!(resolve(method, &path).is_none(), "{method} {path}");
        }
        let listen = resolve("GET", &format!("{team}/webhooks/listen")).unwrap();
        assert_eq!(
            listen.route.pattern,
            "/api/v1/teams/{teamId}/webhooks/listen"
        );
        assert_eq!(listen.team.as_deref(), Some("t1"));
        let ticket = resolve("GET", &format!("{team}/tickets/tkt_1")).unwrap();
        assert_eq!(ticket.params, ["tkt_1"]);
    }
}
