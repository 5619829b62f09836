//! List pages, delete results, and the lazy stream that walks every page.

use std::collections::VecDeque;
use std::pin::Pin;

use futures_core::Stream;
use serde::Deserialize;

use crate::call::Call;
use crate::error::{DecodeError, Error, Result};
use crate::meta::Pagination;

/// One page of a list call: `{ data, pagination, has_more }`, as the JS SDK returns it.
///
/// A record the model cannot read (an API that moved on, one odd row) does not fail the page:
/// the readable records are in [`data`](Self::data), in order, and each unreadable one is kept
/// in [`unreadable`](Self::unreadable) with its position, raw JSON and the reason.
///
/// ```
/// # async fn demo(page: cstar_core::Page<serde_json::Value>) {
/// for item in &page.data { /* use it */ }
/// for odd in &page.unreadable {
///     eprintln!("record {} skipped at {}: {}", odd.position, odd.path, odd.message);
/// }
/// # }
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Page<T> {
    /// The readable items of this page, in the server's order.
    pub data: Vec<T>,
    /// The records of this page that did not match the model, in the server's order; empty
    /// unless the API sent something the SDK cannot read.
    pub unreadable: Vec<UnreadableRecord>,
    /// Where this page sits, when the server said.
    pub pagination: Option<Pagination>,
    /// Whether another page follows.
    pub has_more: bool,
}

/// A record of a list answer that did not match its model, kept instead of failing the page.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct UnreadableRecord {
    /// Its index in the page as the server sent it (readable and unreadable records counted).
    pub position: usize,
    /// The record as sent.
    pub raw: serde_json::Value,
    /// Where in the answer decoding stopped, e.g. `data[3].id`.
    pub path: String,
    /// What the decoder said.
    pub message: String,
    /// The request id of the answer it came in, to quote to cStar support.
    pub request_id: Option<String>,
}

impl UnreadableRecord {
    /// The same record as an [`Error::Decode`], the way `list_all` yields it.
    pub fn to_error(&self) -> Error {
        let raw = self.raw.to_string();
        Error::Decode(Box::new(DecodeError {
            // Lists answer 200; the record came in a successful answer.
            status: 200,
            request_id: self.request_id.clone(),
            excerpt: crate::error::excerpt(raw.as_bytes()),
            path: Some(self.path.clone()),
            idempotency_key: None,
            source: serde::de::Error::custom(&self.message),
        }))
    }
}

impl<T> IntoIterator for Page<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.data.into_iter()
    }
}

/// The result of a delete: `{ deleted: true, id }`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Deleted {
    /// Always `true` when the call succeeded.
    pub deleted: bool,
    /// The id as it was passed in.
    pub id: String,
}

/// A lazy stream of items across pages, as returned by `list_all`.
pub type ItemStream<T> = Pin<Box<dyn Stream<Item = Result<T>> + Send>>;

struct Walk<F, T> {
    next_page: u32,
    fetch: F,
    buffered: VecDeque<Result<T>>,
    done: bool,
}

/// Walks pages `first_page, first_page + 1, ...` lazily: a page is requested only when the items
/// of the previous one have been consumed, and the walk ends after a page with `has_more: false`,
/// an empty page (so a server that always says "more" cannot loop forever), or the first error,
/// which is yielded as the last item.
///
/// A record that does not match the model is yielded in its place as an `Err`
/// ([`Error::Decode`], with its field path and request id), and the walk goes on with the rest
/// of the page and the next pages: one odd record never ends an export.
pub fn paginate<T, F>(first_page: u32, fetch: F) -> ItemStream<T>
where
    T: Send + 'static,
    F: FnMut(u32) -> Call<Page<T>> + Send + 'static,
{
    let walk = Walk {
        next_page: first_page.max(1),
        fetch,
        buffered: VecDeque::new(),
        done: false,
    };
    Box::pin(futures_util::stream::unfold(walk, |mut walk| async move {
        loop {
            if let Some(item) = walk.buffered.pop_front() {
                return Some((item, walk));
            }
            if walk.done {
                return None;
            }
            let call = (walk.fetch)(walk.next_page);
            match call.await {
                Ok(page) => {
                    walk.done =
                        !page.has_more || page.data.is_empty() && page.unreadable.is_empty();
                    walk.next_page = walk.next_page.saturating_add(1);
                    walk.buffered = in_server_order(page);
                }
                Err(err) => {
                    walk.done = true;
                    return Some((Err(err), walk));
                }
            }
        }
    }))
}

/// The page's items and its unreadable records as `Err`s, back in the order the server sent.
fn in_server_order<T>(page: Page<T>) -> VecDeque<Result<T>> {
    let total = page.data.len() + page.unreadable.len();
    let mut out = VecDeque::with_capacity(total);
    let mut readable = page.data.into_iter();
    let mut unreadable = page.unreadable.into_iter().peekable();
    for position in 0..total {
        match unreadable.next_if(|odd| odd.position == position) {
            Some(odd) => out.push_back(Err(odd.to_error())),
            None => out.extend(readable.next().map(Ok)),
        }
    }
    // Positions past the end (a caller-built page) still surface, never vanish.
    out.extend(unreadable.map(|odd| Err(odd.to_error())));
    out.extend(readable.map(Ok));
    out
}
