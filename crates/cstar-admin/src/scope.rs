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

    /// A request to a fixed route below the team scope: `segments` spell the path, `template`
    /// names it in traces.
    pub(crate) fn route(
        &self,
        method: cstar_core::reqwest::Method,
        template: &'static str,
        segments: &[&'static str],
    ) -> RequestSpec {
        self.spec(method, template)
            .segments(segments.iter().copied())
    }

    /// A call to a fixed route whose `data` decodes as `T`.
    pub(crate) fn single<T>(&self, spec: RequestSpec) -> Call<T>
    where
        T: serde::de::DeserializeOwned + Send + 'static,
    {
        Call::single(&self.client, spec)
    }

    /// Every item of a paged route below the team, from the params' page on.
    pub(crate) fn walk<T, P>(
        &self,
        template: &'static str,
        segments: &'static [&'static str],
        params: P,
    ) -> ItemStream<T>
    where
        T: serde::de::DeserializeOwned + Send + 'static,
        P: crate::collection::PageParams,
    {
        let scope = self.clone();
        crate::collection::walk_pages(params, move |page| {
            let spec = scope
                .route(cstar_core::reqwest::Method::GET, template, segments)
                .query_params(page);
            Call::list(&scope.client, spec)
        })
    }
}
