//! What the member calls take.

use serde::Serialize;

use super::model::MemberRole;
use crate::collection::paging_params;

/// Filters and paging for `members().list` and `list_all`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListMembers {
    /// Only members with this role.
    pub role: Option<MemberRole>,
    /// 1-based page (default 1).
    pub page: Option<u32>,
    /// Items per page (default 20, at most 100).
    pub page_size: Option<u32>,
}

impl ListMembers {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only members with this role.
    pub fn role(mut self, role: MemberRole) -> Self {
        self.role = Some(role);
        self
    }
}

paging_params!(ListMembers);
