//! Search across tickets, customers and articles: `cstar.search(SearchQuery::new("refund"))`.
//! Publishable keys may search too.
//!
//! ```no_run
//! use cstar_admin::{SearchQuery, SearchType};
//!
//! # async fn demo(cstar: cstar_admin::CStarClient) -> cstar_admin::Result<()> {
//! let hits = cstar.search(SearchQuery::new("refund").types([SearchType::Tickets]).limit(5)).await?;
//! for hit in hits {
//!     println!("{:?} {}: {}", hit.result_type, hit.id, hit.title);
//! }
//! # Ok(()) }
//! ```

use cstar_core::reqwest::Method;
use cstar_core::{Call, Page};
use serde::{Deserialize, Serialize};

use crate::scope::TeamScope;

cstar_types::open_enum! {
    /// What to search (the `types` filter).
    pub enum SearchType {
        /// Tickets, by title.
        Tickets => "tickets",
        /// Customers, by name and email.
        Customers => "customers",
        /// Articles, by title and content.
        Articles => "articles",
    }
}

cstar_types::open_enum! {
    /// What a search result is.
    pub enum SearchResultType {
        /// A ticket.
        Ticket => "ticket",
        /// A customer.
        Customer => "customer",
        /// An article.
        Article => "article",
    }
}

/// One hit.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct SearchResult {
    /// What it is; `Unknown("")` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        rename = "type"
    )]
    pub result_type: SearchResultType,
    /// Its id (`tkt_`, `cus_` or `art_`). The only required field.
    pub id: String,
    /// Its title, or a customer's name; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub title: String,
    /// The text around the match; `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub snippet: Option<String>,
}

/// What `search` takes: the text, and optionally which types and how many results.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SearchQuery {
    /// The text to find (required).
    pub q: String,
    /// Which types (default all).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<SearchType>,
    /// At most this many results (default 10).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl SearchQuery {
    /// A search for this text.
    pub fn new(q: impl Into<String>) -> Self {
        Self {
            q: q.into(),
            types: Vec::new(),
            limit: None,
        }
    }

    /// Only these types.
    pub fn types(mut self, types: impl IntoIterator<Item = SearchType>) -> Self {
        self.types = types.into_iter().collect();
        self
    }

    /// At most this many results.
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
}

pub(crate) fn search(scope: &TeamScope, query: &SearchQuery) -> Call<Page<SearchResult>> {
    let spec = scope.spec(Method::GET, "/search").query_params(query);
    Call::list(&scope.client, spec)
}
