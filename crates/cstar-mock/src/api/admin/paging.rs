//! `page` / `pageSize`, and a list reply in the configured pagination layout.

use serde_json::{Value, json};

use super::Ctx;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::model::PaginationLayout;

/// The default `pageSize`.
const DEFAULT_PAGE_SIZE: usize = 20;
/// The largest `pageSize`.
const MAX_PAGE_SIZE: usize = 100;

/// `page` (default 1, at least 1) and `pageSize` (default `default_size`, 1..=100) from the
/// query.
fn paging_sized(ctx: &Ctx<'_>, default_size: usize) -> Result<(usize, usize), ApiFailure> {
    let page = match ctx.query("page") {
        None => 1,
        Some(raw) => match raw.parse::<usize>() {
            Ok(n) if n >= 1 => n,
            _ => {
                return Err(ApiFailure::invalid(
                    "page",
                    "page must be an integer of at least 1",
                ));
            }
        },
    };
    let page_size = match ctx.query("pageSize") {
        None => default_size,
        Some(raw) => match raw.parse::<usize>() {
            Ok(n) if (1..=MAX_PAGE_SIZE).contains(&n) => n,
            _ => {
                return Err(ApiFailure::invalid(
                    "pageSize",
                    format!("pageSize must be an integer from 1 to {MAX_PAGE_SIZE}"),
                ));
            }
        },
    };
    Ok((page, page_size))
}

/// One page of `items` (already filtered and ordered), in the configured layout.
pub(crate) fn page_reply(ctx: &Ctx<'_>, items: Vec<Value>) -> Result<Reply, ApiFailure> {
    page_reply_sized(ctx, items, DEFAULT_PAGE_SIZE)
}

/// [`page_reply`] for a list whose default page size is not 20.
pub(crate) fn page_reply_sized(
    ctx: &Ctx<'_>,
    items: Vec<Value>,
    default_size: usize,
) -> Result<Reply, ApiFailure> {
    let (page, page_size) = paging_sized(ctx, default_size)?;
    Ok(page_of(
        items,
        page,
        page_size,
        ctx.state.settings.pagination,
    ))
}

fn page_of(items: Vec<Value>, page: usize, page_size: usize, layout: PaginationLayout) -> Reply {
    let total = items.len();
    let total_pages = total.div_ceil(page_size);
    let start = (page - 1).saturating_mul(page_size).min(total);
    let data: Vec<Value> = items.into_iter().skip(start).take(page_size).collect();
    let mut reply = success(200, Value::Array(data));
    if let Some(body) = reply.body.as_object_mut() {
        match layout {
            PaginationLayout::Current => {
                body.insert(
                    "pagination".into(),
                    json!({
                        "page": page, "pageSize": page_size, "total": total,
                        "totalPages": total_pages, "hasMore": page < total_pages,
                    }),
                );
            }
            PaginationLayout::Legacy => {
                body.insert(
                    "meta".into(),
                    json!({"pagination": {
                        "page": page, "pageSize": page_size, "total": total,
                        "totalPages": total_pages,
                    }}),
                );
            }
        }
    }
    reply
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(n: usize) -> Vec<Value> {
        (0..n).map(|i| json!(i)).collect()
    }

    #[test]
    fn pages_split_items_and_say_whether_more_follow() {
        let reply = page_of(items(45), 3, 20, PaginationLayout::Current);
        assert_eq!(reply.body["data"], json!([40, 41, 42, 43, 44]));
        assert_eq!(
            reply.body["pagination"],
            json!({"page": 3, "pageSize": 20, "total": 45, "totalPages": 3, "hasMore": false})
        );
        let past = page_of(items(45), 9, 20, PaginationLayout::Current);
        assert_eq!(past.body["data"], json!([]));
        let empty = page_of(Vec::new(), 1, 20, PaginationLayout::Current);
        assert_eq!(empty.body["pagination"]["totalPages"], 0);
        assert_eq!(empty.body["pagination"]["hasMore"], false);
        let huge = page_of(items(3), usize::MAX, 100, PaginationLayout::Current);
        assert_eq!(huge.body["data"], json!([]));
    }

    #[test]
    fn the_legacy_layout_nests_pagination_in_meta_without_has_more() {
        let reply = page_of(items(21), 1, 20, PaginationLayout::Legacy);
        assert!(reply.body.get("pagination").is_none());
        assert_eq!(
            reply.body["meta"]["pagination"],
            json!({"page": 1, "pageSize": 20, "total": 21, "totalPages": 2})
        );
    }
}
