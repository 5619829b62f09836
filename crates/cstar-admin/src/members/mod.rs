//! Team members: `cstar.members()` with `list`, `list_all` and `get` (the API documents no
//! member writes; invites and role changes live in the dashboard).
//!
//! ```no_run
//! use cstar_admin::{CStarClient, ListMembers, MemberRole};
//!
//! # async fn demo(cstar: CStarClient) -> cstar_admin::Result<()> {
//! let agents = cstar.members().list(ListMembers::new().role(MemberRole::Agent)).await?;
//! for agent in &agents.data {
//!     println!("{} ({:?})", agent.name, agent.role_display_name);
//! }
//! # Ok(()) }
//! ```

mod model;
mod params;

use cstar_core::{Call, ItemStream, Page};

use crate::collection::{Collection, Routes};
use crate::ids::MemberId;
use crate::scope::TeamScope;

pub use model::{Member, MemberRole};
pub use params::ListMembers;

/// The members resource; get it from [`CStarClient::members`](crate::CStarClient::members).
#[derive(Clone, Debug)]
pub struct Members {
    collection: Collection,
}

impl Members {
    pub(crate) fn new(scope: TeamScope) -> Self {
        Self {
            collection: Collection::new(
                scope,
                Routes {
                    list_template: "/members",
                    item_template: "/members/{id}",
                },
            ),
        }
    }

    /// One page of members.
    #[inline]
    pub fn list(&self, params: ListMembers) -> Call<Page<Member>> {
        self.collection.list(&params)
    }

    /// Every member matching the filters, fetched page by page as the stream is read.
    #[inline]
    pub fn list_all(&self, params: ListMembers) -> ItemStream<Member> {
        self.collection.list_all(params)
    }

    /// One member.
    #[inline]
    pub fn get(&self, id: impl Into<MemberId>) -> Call<Member> {
        self.collection.get(id.into().as_str())
    }
}
