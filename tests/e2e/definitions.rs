//! The team's definitions: tags, custom fields, saved views, SLA rules, automations and
//! customer groups, with their error cases.

use futures_util::TryStreamExt;
use serde_json::json;

use cstar_admin::{
    CreateAutomation, CreateCustomField, CreateSlaRule, CreateTicket, CreateView,
    CustomFieldEntity, CustomFieldType, Error, ListCustomerGroups, Priority, SortOrder, ViewEntity,
    ViewVisibility,
};
use cstar_e2e::{assert_no_unexpected_requests, client, start_mock};
use cstar_mock::MockServer;

fn param(err: &Error) -> Option<&str> {
    err.api_error().and_then(|e| e.param())
}

#[tokio::test]
async fn tags_count_tickets_and_refuse_duplicates() {
    let server = start_mock().await;
    let cstar = client(&server);
    for (title, tags) in [("a", vec!["billing", "vip"]), ("b", vec!["billing"])] {
        let mut ticket = CreateTicket::new(title);
        for tag in tags {
            ticket = ticket.tag(tag);
        }
        cstar.tickets().create(ticket).await.unwrap();
    }
    let created = cstar.tags().create("later").await.unwrap();
    assert_eq!((created.name.as_str(), created.count), ("later", 0));

    let tags = cstar.tags().list().await.unwrap().data;
    let listed: Vec<(&str, u64)> = tags.iter().map(|t| (t.name.as_str(), t.count)).collect();
    assert_eq!(listed, [("billing", 2), ("later", 0), ("vip", 1)]);

    let err = cstar.tags().create("billing").await.unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "{err:?}");
    assert_eq!(param(&err), Some("name"));
    let err = cstar.tags().create(" ").await.unwrap_err();
    assert!(matches!(err, Error::Validation(_)), "{err:?}");
    assert_no_unexpected_requests(&server);
}

#[tokio::test]
async fn custom_fields_views_sla_rules_and_automations() {
    let server = start_mock().await;
    let cstar = client(&server);

    let plan = cstar
        .custom_fields()
        .create(
            CreateCustomField::new(
                "Plan Tier",
                CustomFieldType::Select,
                CustomFieldEntity::Customers,
            )
            .options(["free", "pro"])
            .required(true)
            .position(2),
        )
        .await
        .unwrap();
    assert!(plan.id.starts_with("cf_"));
    assert_eq!(plan.key, "plan_tier");
    assert_eq!(plan.field_type, CustomFieldType::Select);
    let due = cstar
        .custom_fields()
        .create(
            CreateCustomField::new("Due", CustomFieldType::Date, CustomFieldEntity::Tickets)
                .position(1),
        )
        .await
        .unwrap();
    let all = cstar.custom_fields().list(None).await.unwrap().data;
    assert_eq!(
        all.iter().map(|f| &f.id).collect::<Vec<_>>(),
        [&due.id, &plan.id],
        "by position"
    );
    let for_customers = cstar
        .custom_fields()
        .list(Some(CustomFieldEntity::Customers))
        .await
        .unwrap()
        .data;
    assert_eq!(for_customers, std::slice::from_ref(&plan));
    let err = cstar
        .custom_fields()
        .create(CreateCustomField::new(
            "Plan tier",
            CustomFieldType::Text,
            CustomFieldEntity::Customers,
        ))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "same key: {err:?}");
    let err = cstar
        .custom_fields()
        .create(CreateCustomField::new(
            "Choice",
            CustomFieldType::Select,
            CustomFieldEntity::Tickets,
        ))
        .await
        .unwrap_err();
    assert_eq!(param(&err), Some("options"));

    let view = cstar
        .views()
        .create(
            CreateView::new("Urgent", ViewEntity::Tickets)
                .filters(json!({"priority": "urgent"}))
                .sort("createdAt", SortOrder::Asc)
                .visibility(ViewVisibility::Team),
        )
        .await
        .unwrap();
    assert!(view.id.starts_with("view_"));
    assert_eq!(view.filters["priority"], "urgent");
    cstar
        .views()
        .create(CreateView::new("VIPs", ViewEntity::Customers))
        .await
        .unwrap();
    assert_eq!(cstar.views().list(None).await.unwrap().data.len(), 2);
    assert_eq!(
        cstar
            .views()
            .list(Some(ViewEntity::Tickets))
            .await
            .unwrap()
            .data,
        [view]
    );
    let err = cstar
        .request(cstar_admin::Method::POST, "/views")
        .json(&json!({"name": "x", "entityType": "planets"}))
        .await
        .unwrap_err();
    assert_eq!(param(&err), Some("entityType"));

    let rule = cstar
        .sla()
        .create(CreateSlaRule::new("Urgent", Priority::Urgent, 15, 240).business_hours_only(true))
        .await
        .unwrap();
    assert!(rule.id.starts_with("sla_"));
    assert!(rule.enabled && rule.business_hours_only);
    assert_eq!(cstar.sla().list().await.unwrap().data, [rule]);
    let err = cstar
        .sla()
        .create(CreateSlaRule::new("Backwards", Priority::Low, 60, 30))
        .await
        .unwrap_err();
    assert_eq!(param(&err), Some("resolutionTarget"));

    let automation = cstar
        .automations()
        .create(
            CreateAutomation::new("Escalate", "ticket.created")
                .conditions(json!({"all": [{"field": "priority", "value": "urgent"}]}))
                .action(json!({"type": "assign", "to": "mem_1"})),
        )
        .await
        .unwrap();
    assert!(automation.id.starts_with("rule_"));
    assert_eq!((automation.execution_count, automation.enabled), (0, true));
    assert_eq!(cstar.automations().list().await.unwrap().data, [automation]);
    let err = cstar
        .automations()
        .create(CreateAutomation::new("No trigger", "whenever"))
        .await
        .unwrap_err();
    assert_eq!(param(&err), Some("triggerEvent"));
    assert_no_unexpected_requests(&server);
}

#[tokio::test]
async fn customer_groups_page_by_25_and_search() {
    let server = MockServer::builder().seed(8).start().await.unwrap();
    let cstar = client(&server);
    let page = cstar
        .customer_groups()
        .list(ListCustomerGroups::new())
        .await
        .unwrap();
    assert_eq!(page.data.len(), 4);
    assert_eq!(
        page.pagination.map(|p| p.page_size),
        Some(25),
        "this list's default"
    );
    assert_eq!(page.data.iter().map(|g| g.customer_count).sum::<u64>(), 8);
    let found = cstar
        .customer_groups()
        .list(ListCustomerGroups::new().search("START"))
        .await
        .unwrap();
    assert_eq!(found.data.len(), 1);
    assert_eq!(found.data[0].external_id.as_deref(), Some("org_1002"));
    let all: Vec<_> = cstar
        .customer_groups()
        .list_all(ListCustomerGroups::new().page_size(3))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 4);
    assert_no_unexpected_requests(&server);
}
