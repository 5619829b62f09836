//! The team scope every admin route hangs below: `/api/v1/teams/{teamId}/...`.

use cstar_core::{Client, RequestSpec, TeamId};
use std::borrow::Cow;

/// A core client together with the team its routes are scoped to.
#[derive(Clone, Debug)]
pub(crate) struct TeamScope {
    pub(crate) client: Client,
    pub(crate) team_id: TeamId,
}

impl TeamScope {
    /// A request below the team scope; `template` is the route relative to it, for traces.
    pub(crate) fn spec(
        &self,
        method: cstar_core::reqwest::Method,
        template: impl Into<Cow<'static, str>>,
    ) -> RequestSpec {
        RequestSpec::new(method, template)
            .segments(["api", "v1", "teams"])
            .segments([self.team_id.as_str().to_owned()])
    }
}
