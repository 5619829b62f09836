//! The team scope every admin route hangs below: `/api/v1/teams/{teamId}/...`.

use cstar_core::{Call, Client, ItemStream, RequestSpec, TeamId};
use std::borrow::Cow;

/// A core client together with the team its routes are scoped to.
#[derive(Clone, Debug)]
pub(crate) struct TeamScope {
    pub(crate) client: Client,
    pub(crate) team_id: TeamId,
}

impl TeamScope {
    /// A request to the route `template` below the team scope (the team is its prefix); the
    /// template also names it in traces.
    pub(crate) fn spec(
        &self,
        method: cstar_core::reqwest::Method,
        template: impl Into<Cow<'static, str>>,
    ) -> RequestSpec {
        RequestSpec::new(method, template).in_team(&self.team_id)
    }

    /// A call to a fixed route whose `data` decodes as `T`.
    #[allow(dead_code, reason = "only the optional resource families call it")]
    pub(crate) fn single<T>(&self, spec: RequestSpec) -> Call<T>
    where
        T: serde::de::DeserializeOwned + Send + 'static,
    {
        Call::single(&self.client, spec)
    }

    /// Every item of a paged route below the team, from the params' page on.
    #[allow(dead_code, reason = "only the optional resource families call it")]
    pub(crate) fn walk<T, P>(&self, template: &'static str, params: P) -> ItemStream<T>
    where
        T: serde::de::DeserializeOwned + Send + 'static,
        P: crate::collection::PageParams,
    {
        let scope = self.clone();
        crate::collection::walk_pages(params, move |page| {
            let spec = scope
                .spec(cstar_core::reqwest::Method::GET, template)
                .query_params(page);
            Call::list(&scope.client, spec)
        })
    }
}
