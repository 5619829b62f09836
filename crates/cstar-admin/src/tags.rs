//! Ticket tags: `cstar.tags()` with `list` (every tag and how many tickets use it) and
//! `create` (a tag ahead of use).
//!
//! ```no_run
//! # async fn demo(cstar: cstar_admin::CStarClient) -> cstar_admin::Result<()> {
//! cstar.tags().create("vip").await?;
//! for tag in cstar.tags().list().await? {
//!     println!("{}: {} tickets", tag.name, tag.count);
//! }
//! # Ok(()) }
//! ```

use cstar_core::reqwest::Method;
use cstar_core::{Call, Page};
use serde::{Deserialize, Serialize};

use crate::scope::TeamScope;

/// A tag: its text is its identity.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Tag {
    /// The tag; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub name: String,
    /// How many tickets use it; 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub count: u64,
}

#[derive(Serialize)]
struct NewTag<'a> {
    name: &'a str,
}

/// The tags resource; from [`CStarClient::tags`](crate::CStarClient::tags).
#[derive(Clone, Debug)]
pub struct Tags {
    scope: TeamScope,
}

impl Tags {
    pub(crate) fn new(scope: TeamScope) -> Self {
        Self { scope }
    }

    /// Every tag, as one page.
    ///
    /// The API sends it as one list without pagination, so the page's `has_more` is false; a
    /// record the model cannot read is kept in the page's `unreadable` instead of failing the
    /// call.
    #[inline]
    pub fn list(&self) -> Call<Page<Tag>> {
        Call::list(&self.scope.client, self.scope.spec(Method::GET, "/tags"))
    }

    /// Creates a tag; a taken name is [`Error::Conflict`](crate::Error::Conflict) on the
    /// emulator (cStar's answer is undocumented).
    #[inline]
    pub fn create(&self, name: impl AsRef<str>) -> Call<Tag> {
        let spec = self.scope.spec(Method::POST, "/tags").json_body(&NewTag {
            name: name.as_ref(),
        });
        self.scope.single(spec)
    }
}
