//! `/views`: saved views (a named filter set per entity type). Only list and create are
//! documented; running a view is not.

use serde_json::{Map, Value};

use super::Ctx;
use super::doc_crud::{all_oldest_first, insert};
use super::fields::{check_enum, opt_enum, opt_object, opt_string, required_string};
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::store::documents::Kind;

const KIND: Kind = Kind::Views;
pub(crate) const ENTITY_TYPES: &[&str] = &["tickets", "customers", "articles", "community_posts"];
const SORT_ORDERS: &[&str] = &["asc", "desc"];
const VISIBILITIES: &[&str] = &["private", "team"];

pub(super) fn list(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    check_enum("entityType", ctx.query("entityType"), ENTITY_TYPES)?;
    let entity = ctx.query("entityType").map(str::to_owned);
    Ok(all_oldest_first(ctx, KIND, |d| {
        entity.as_deref().is_none_or(|e| d.str("entityType") == e)
    }))
}

pub(super) fn create(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let body = ctx.json_object()?;
    let mut fields = Map::new();
    fields.insert("name".into(), required_string(&body, "name")?.into());
    let entity = opt_enum(&body, "entityType", ENTITY_TYPES)?
        .ok_or_else(|| ApiFailure::missing("entityType"))?;
    fields.insert("entityType".into(), entity.into());
    fields.insert(
        "filters".into(),
        opt_object(&body, "filters")?.unwrap_or_default().into(),
    );
    fields.insert("sortBy".into(), opt_string(&body, "sortBy")?.into());
    let order = opt_enum(&body, "sortOrder", SORT_ORDERS)?.unwrap_or_else(|| "desc".into());
    fields.insert("sortOrder".into(), order.into());
    let visibility =
        opt_enum(&body, "visibility", VISIBILITIES)?.unwrap_or_else(|| "private".into());
    fields.insert("visibility".into(), visibility.into());
    Ok(success(201, Value::Object(insert(ctx, KIND, fields, None))))
}
