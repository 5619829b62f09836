//! Decoding of the success envelope `{success, data, meta}` in every documented layout.

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::meta::Pagination;
use crate::page::{Deleted, Page, UnreadableRecord};
use crate::records::read_records;

/// What the body says about itself, before headers are added.
#[derive(Debug, Default)]
pub(crate) struct BodyMeta {
    pub(crate) request_id: Option<String>,
    pub(crate) timestamp: Option<String>,
    pub(crate) pagination: Option<Pagination>,
    /// `success: false` on a 2xx: the body is an error in disguise.
    pub(crate) failed: bool,
}

/// Why a body did not decode: the decoder's error and, once it got into the document, the path
/// of the field it stopped at (`data[3].createdAt`).
#[derive(Debug)]
pub(crate) struct Undecodable {
    pub(crate) source: serde_json::Error,
    pub(crate) path: Option<String>,
}

/// Turns body bytes into the call's output in one pass (no intermediate `Value`).
pub(crate) type DecodeFn<T> = fn(&[u8]) -> Result<(T, BodyMeta), Undecodable>;

/// Deserializes `body`; when it does not match, decodes it once more tracking the path, so that
/// the error names its field. The tracking doubles the cost of decoding, so only a failure pays
/// for it.
fn from_slice<T: DeserializeOwned>(body: &[u8]) -> Result<T, Undecodable> {
    serde_json::from_slice(body).map_err(|source| Undecodable {
        path: field_path::<T>(body),
        source,
    })
}

/// Where in `body` decoding into `T` stops: `data[3].createdAt`, or `None` before the document
/// (a syntax error at the top, an empty body).
fn field_path<T: DeserializeOwned>(body: &[u8]) -> Option<String> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let error = serde_path_to_error::deserialize::<_, T>(&mut deserializer).err()?;
    let path = error.path().to_string();
    (path != ".").then_some(path)
}

#[derive(Deserialize, Default)]
struct WireMeta {
    #[serde(rename = "requestId", alias = "request_id")]
    request_id: Option<String>,
    timestamp: Option<String>,
    pagination: Option<WirePagination>,
}

#[derive(Deserialize, Clone, Copy)]
struct WirePagination {
    page: Option<u32>,
    #[serde(rename = "pageSize", alias = "page_size")]
    page_size: Option<u32>,
    total: Option<u64>,
    #[serde(rename = "totalPages", alias = "total_pages")]
    total_pages: Option<u32>,
    #[serde(rename = "hasMore", alias = "has_more")]
    has_more: Option<bool>,
}

impl WirePagination {
    /// Both layouts are accepted: `{total,page,pageSize,hasMore}` and
    /// `{page,pageSize,total,totalPages}`; `hasMore` is derived when only totals are sent.
    fn normalize(self) -> Pagination {
        let page = self.page.unwrap_or(1).max(1);
        let page_size = self.page_size.unwrap_or(0);
        let has_more = self.has_more.unwrap_or_else(|| {
            if let Some(pages) = self.total_pages {
                page < pages
            } else if let (Some(total), true) = (self.total, page_size > 0) {
                u64::from(page) * u64::from(page_size) < total
            } else {
                false
            }
        });
        Pagination {
            page,
            page_size,
            total: self.total,
            total_pages: self.total_pages,
            has_more,
        }
    }
}

#[derive(Deserialize)]
struct SingleEnvelope<T> {
    #[serde(default)]
    success: Option<bool>,
    data: T,
    #[serde(default)]
    meta: Option<WireMeta>,
}

#[derive(Deserialize)]
struct ListEnvelope<T> {
    #[serde(default)]
    success: Option<bool>,
    data: Vec<T>,
    #[serde(default)]
    pagination: Option<WirePagination>,
    #[serde(default)]
    meta: Option<WireMeta>,
}

fn body_meta(
    success: Option<bool>,
    meta: Option<WireMeta>,
    top: Option<WirePagination>,
) -> BodyMeta {
    let meta = meta.unwrap_or_default();
    BodyMeta {
        request_id: meta.request_id,
        timestamp: meta.timestamp,
        pagination: top.or(meta.pagination).map(WirePagination::normalize),
        failed: success == Some(false),
    }
}

/// `data` is the resource itself.
pub(crate) fn single<T: DeserializeOwned>(body: &[u8]) -> Result<(T, BodyMeta), Undecodable> {
    let env: SingleEnvelope<T> = from_slice(body)?;
    Ok((env.data, body_meta(env.success, env.meta, None)))
}

/// `data` is an array; pagination sits at the top level or in `meta`, or is absent (one page).
///
/// The whole page decodes in one pass; only when a record does not match is the page read again
/// record by record, so the common case pays nothing for the tolerance.
pub(crate) fn list<T: DeserializeOwned>(body: &[u8]) -> Result<(Page<T>, BodyMeta), Undecodable> {
    let (data, unreadable, meta) = match serde_json::from_slice::<ListEnvelope<T>>(body) {
        Ok(env) => (
            env.data,
            Vec::new(),
            body_meta(env.success, env.meta, env.pagination),
        ),
        Err(whole) => record_by_record(body, whole)?,
    };
    let has_more = meta.pagination.is_some_and(|p| p.has_more);
    let page = Page {
        data,
        unreadable,
        pagination: meta.pagination,
        has_more,
    };
    Ok((page, meta))
}

type Records<T> = (Vec<T>, Vec<UnreadableRecord>, BodyMeta);

/// The slow path of [`list`]: when the envelope itself is unreadable (not JSON, `data` not an
/// array) the page fails as before; otherwise each record decodes on its own.
fn record_by_record<T: DeserializeOwned>(
    body: &[u8],
    whole: serde_json::Error,
) -> Result<Records<T>, Undecodable> {
    let Ok(env) = serde_json::from_slice::<ListEnvelope<serde_json::Value>>(body) else {
        return Err(Undecodable {
            path: field_path::<ListEnvelope<T>>(body),
            source: whole,
        });
    };
    let meta = body_meta(env.success, env.meta, env.pagination);
    let records = read_records(env.data, "data", meta.request_id.as_deref());
    Ok((records.readable, records.unreadable, meta))
}

/// `data` is `{deleted, id}`.
pub(crate) fn deleted(body: &[u8]) -> Result<(Deleted, BodyMeta), Undecodable> {
    single::<Deleted>(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Item {
        id: u32,
    }

    #[test]
    fn current_layout_with_top_level_pagination() {
        let body = br#"{"success":true,"data":[{"id":1}],"pagination":{"total":41,"page":2,"pageSize":20,"hasMore":true},"meta":{"requestId":"req_a","timestamp":"2026-01-01T00:00:00Z"}}"#;
        let (page, meta) = list::<Item>(body).unwrap();
        assert_eq!(page.data, vec![Item { id: 1 }]);
        assert!(page.has_more);
        assert_eq!(meta.request_id.as_deref(), Some("req_a"));
        assert_eq!(
            page.pagination.map(|p| (p.page, p.page_size, p.total)),
            Some((2, 20, Some(41)))
        );
    }

    #[test]
    fn legacy_layout_derives_has_more_from_total_pages() {
        let body = br#"{"success":true,"data":[],"meta":{"requestId":"r","pagination":{"page":2,"pageSize":20,"total":41,"totalPages":3}}}"#;
        let (page, _) = list::<Item>(body).unwrap();
        assert!(page.has_more);
        let last = br#"{"data":[],"meta":{"pagination":{"page":3,"pageSize":20,"total":41,"totalPages":3}}}"#;
        assert!(!list::<Item>(last).unwrap().0.has_more);
        let by_total = br#"{"data":[],"pagination":{"page":1,"pageSize":20,"total":21}}"#;
        assert!(list::<Item>(by_total).unwrap().0.has_more);
    }

    #[test]
    fn no_pagination_means_a_single_page() {
        let (page, meta) = list::<Item>(br#"{"success":true,"data":[{"id":7}]}"#).unwrap();
        assert!(!page.has_more);
        assert!(page.pagination.is_none() && meta.pagination.is_none());
    }

    #[test]
    fn single_and_deleted() {
        let (item, meta) = single::<Item>(
            br#"{"success":true,"data":{"id":3,"extra":1},"meta":{"requestId":"r1"}}"#,
        )
        .unwrap();
        assert_eq!(item, Item { id: 3 });
        assert_eq!(meta.request_id.as_deref(), Some("r1"));
        let (gone, _) = deleted(br#"{"data":{"deleted":true,"id":"tkt_1"}}"#).unwrap();
        assert!(gone.deleted);
        assert_eq!(gone.id, "tkt_1");
        let (_, flagged) = single::<Item>(br#"{"success":false,"data":{"id":1}}"#).unwrap();
        assert!(flagged.failed);
    }

    #[test]
    fn one_unreadable_record_leaves_the_others_usable() {
        let body = br#"{"data":[{"id":1},{"id":2},{"id":3},{"id":"four"},{"id":5}],"meta":{"requestId":"req_9"}}"#;
        let (page, meta) = list::<Item>(body).unwrap();
        assert_eq!(
            page.data,
            vec![
                Item { id: 1 },
                Item { id: 2 },
                Item { id: 3 },
                Item { id: 5 }
            ]
        );
        assert_eq!(meta.request_id.as_deref(), Some("req_9"));
        let [odd] = page.unreadable.as_slice() else {
            panic!("one unreadable record expected: {:?}", page.unreadable)
        };
        assert_eq!(odd.position, 3);
        assert_eq!(odd.path, "data[3].id");
        assert_eq!(odd.raw, serde_json::json!({"id": "four"}));
        assert_eq!(odd.request_id.as_deref(), Some("req_9"));
        assert!(odd.message.contains("invalid type"), "{}", odd.message);
        let err = odd.to_error();
        assert_eq!(err.request_id(), Some("req_9"));
        assert!(err.to_string().contains("data[3].id"), "{err}");
    }

    #[test]
    fn a_record_that_is_not_an_object_is_kept_too() {
        let (page, _) = list::<Item>(br#"{"data":[7,{"id":8}]}"#).unwrap();
        assert_eq!(page.data, vec![Item { id: 8 }]);
        assert_eq!(page.unreadable[0].path, "data[0]");
        assert_eq!(page.unreadable[0].position, 0);
    }

    #[test]
    fn an_unreadable_envelope_still_fails_with_its_path() {
        let err = list::<Item>(br#"{"data":{"id":1}}"#).unwrap_err();
        assert_eq!(err.path.as_deref(), Some("data"));
    }

    #[test]
    fn malformed_bodies_are_errors_not_panics() {
        for body in [&b""[..], b"{", b"[]", br#"{"data":"x"}"#, b"\xff\xfe"] {
            assert!(single::<Item>(body).is_err());
            assert!(list::<Item>(body).is_err());
        }
    }
}
