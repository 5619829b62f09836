//! The shape every admin resource shares: `/{name}` for list and create, `/{name}/{id}` for get,
//! update and delete. Resource modules describe their types; the routes are written once, here.

use cstar_core::reqwest::Method;
use cstar_core::{Call, Deleted, ItemStream, Page, RequestSpec, paginate};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::scope::TeamScope;

/// The page size `list_all` uses when the params set none: the API's maximum, as the JS docs
/// recommend for walking everything.
pub(crate) const WALK_PAGE_SIZE: u32 = 100;

/// Names a collection: its path segment, the id's name in error messages, and the route
/// templates used in traces (static, so that no request formats them).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Routes {
    /// The path segment, e.g. `tickets`.
    pub(crate) name: &'static str,
    /// What an id of this collection is called in error messages, e.g. `ticket id`.
    pub(crate) id_label: &'static str,
    /// e.g. `/tickets`.
    pub(crate) list_template: &'static str,
    /// e.g. `/tickets/{id}`.
    pub(crate) item_template: &'static str,
}

/// One REST collection below the team scope.
#[derive(Clone, Debug)]
pub(crate) struct Collection {
    pub(crate) scope: TeamScope,
    routes: Routes,
}

impl Collection {
    pub(crate) fn new(scope: TeamScope, routes: Routes) -> Self {
        Self { scope, routes }
    }

    fn collection_spec(&self, method: Method) -> RequestSpec {
        self.scope
            .spec(method, self.routes.list_template)
            .segments([self.routes.name])
    }

    /// `/{name}/{id}` followed by `rest` (a sub-resource), traced as `template`.
    pub(crate) fn item_spec_as(
        &self,
        method: Method,
        template: &'static str,
        id: &str,
        rest: &[&'static str],
    ) -> RequestSpec {
        self.scope
            .spec(method, template)
            .segments([self.routes.name])
            .id_segment(self.routes.id_label, id)
            .segments(rest.iter().copied())
    }

    /// `/{name}/{id}`.
    pub(crate) fn item_spec(&self, method: Method, id: &str) -> RequestSpec {
        self.item_spec_as(method, self.routes.item_template, id, &[])
    }

    pub(crate) fn list<T, P>(&self, params: &P) -> Call<Page<T>>
    where
        T: DeserializeOwned + Send + 'static,
        P: Serialize + ?Sized,
    {
        Call::list(
            &self.scope.client,
            self.collection_spec(Method::GET).query_params(params),
        )
    }

    /// Walks every page: `params_for(page)` gives the params of each page request.
    pub(crate) fn list_all<T, P, F>(&self, first_page: u32, params_for: F) -> ItemStream<T>
    where
        T: DeserializeOwned + Send + 'static,
        P: Serialize,
        F: Fn(u32) -> P + Send + 'static,
    {
        let collection = self.clone();
        paginate(first_page, move |page| collection.list(&params_for(page)))
    }

    pub(crate) fn get<T>(&self, id: &str) -> Call<T>
    where
        T: DeserializeOwned + Send + 'static,
    {
        Call::single(&self.scope.client, self.item_spec(Method::GET, id))
    }

    pub(crate) fn create<T, B>(&self, body: &B) -> Call<T>
    where
        T: DeserializeOwned + Send + 'static,
        B: Serialize + ?Sized,
    {
        Call::single(
            &self.scope.client,
            self.collection_spec(Method::POST).json_body(body),
        )
    }

    pub(crate) fn update<T, B>(&self, id: &str, patch: &B) -> Call<T>
    where
        T: DeserializeOwned + Send + 'static,
        B: Serialize + ?Sized,
    {
        Call::single(
            &self.scope.client,
            self.item_spec(Method::PATCH, id).json_body(patch),
        )
    }

    pub(crate) fn delete(&self, id: &str) -> Call<Deleted> {
        Call::deleted(&self.scope.client, self.item_spec(Method::DELETE, id))
    }
}
