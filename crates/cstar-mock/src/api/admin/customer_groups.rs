//! `GET /customer-groups`: the only documented customer-group route (its writes and membership
//! routes are undocumented), so groups come from `--seed`. The default page size is 25 here.

use serde_json::Value;

use super::Ctx;
use super::doc_crud::{contains_folded, matching};
use super::paging::page_reply_sized;
use crate::http::envelope::Reply;
use crate::http::error::ApiFailure;
use crate::store::documents::Kind;

/// The documented default page size of this list (everything else uses 20).
const DEFAULT_PAGE_SIZE: usize = 25;

pub(super) fn list(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let search = ctx.query("search").map(str::to_lowercase);
    let mut found = matching(ctx, Kind::CustomerGroups, |d| {
        search
            .as_deref()
            .is_none_or(|q| contains_folded(d.str("name"), q))
    });
    found.sort_by(|a, b| a.str("name").cmp(b.str("name")));
    let items = found.into_iter().map(|d| Value::Object(d.object)).collect();
    page_reply_sized(ctx, items, DEFAULT_PAGE_SIZE)
}
