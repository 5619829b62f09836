//! List pages, delete results, and the lazy stream that walks every page.

use std::collections::VecDeque;
use std::pin::Pin;

use futures_core::Stream;
use serde::Deserialize;

use crate::call::Call;
use crate::error::Result;
use crate::meta::Pagination;

/// One page of a list call: `{ data, pagination, has_more }`, as the JS SDK returns it.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Page<T> {
    /// The items of this page.
    pub data: Vec<T>,
    /// Where this page sits, when the server said.
    pub pagination: Option<Pagination>,
    /// Whether another page follows.
    pub has_more: bool,
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
    buffered: VecDeque<T>,
    done: bool,
}

/// Walks pages `first_page, first_page + 1, ...` lazily: a page is requested only when the items
/// of the previous one have been consumed, and the walk ends after a page with `has_more: false`,
/// an empty page (so a server that always says "more" cannot loop forever), or the first error,
/// which is yielded as the last item.
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
                return Some((Ok(item), walk));
            }
            if walk.done {
                return None;
            }
            let call = (walk.fetch)(walk.next_page);
            match call.await {
                Ok(page) => {
                    walk.done = !page.has_more || page.data.is_empty();
                    walk.next_page = walk.next_page.saturating_add(1);
                    walk.buffered = page.data.into();
                }
                Err(err) => {
                    walk.done = true;
                    return Some((Err(err), walk));
                }
            }
        }
    }))
}
