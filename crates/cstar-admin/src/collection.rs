//! The shape every admin resource shares: `/{name}` for list and create, `/{name}/{id}` for get,
//! update and delete. Resource modules describe their types; the routes are written once, here.

use std::borrow::Cow;

use cstar_core::reqwest::Method;
use cstar_core::{Call, Deleted, ItemStream, Page, RequestSpec, paginate};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::scope::TeamScope;

/// The page size `list_all` uses when the params set none: the API's maximum, as the JS docs
/// recommend for walking everything.
pub(crate) const WALK_PAGE_SIZE: u32 = 100;

/// One REST collection below the team scope.
#[derive(Clone, Debug)]
pub(crate) struct Collection {
    pub(crate) scope: TeamScope,
    /// The path segment, e.g. `tickets`.
    name: &'static str,
    /// What an id of this collection is called in error messages, e.g. `ticket id`.
    id_label: &'static str,
}

impl Collection {
    pub(crate) fn new(scope: TeamScope, name: &'static str, id_label: &'static str) -> Self {
        Self {
            scope,
            name,
            id_label,
        }
    }

    fn collection_spec(&self, method: Method) -> RequestSpec {
        let template = format!("/{}", self.name);
        self.scope
            .spec(method, Cow::Owned(template))
            .segments([self.name])
    }

    /// `/{name}/{id}`, with `rest` appended (a sub-resource).
    pub(crate) fn item_spec(&self, method: Method, id: &str, rest: &[&'static str]) -> RequestSpec {
        let mut template = format!("/{}/{{id}}", self.name);
        for segment in rest {
            template.push('/');
            template.push_str(segment);
        }
        self.scope
            .spec(method, Cow::Owned(template))
            .segments([self.name])
            .id_segment(self.id_label, id)
            .segments(rest.iter().copied())
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
        Call::single(&self.scope.client, self.item_spec(Method::GET, id, &[]))
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
            self.item_spec(Method::PATCH, id, &[]).json_body(patch),
        )
    }

    pub(crate) fn delete(&self, id: &str) -> Call<Deleted> {
        Call::deleted(&self.scope.client, self.item_spec(Method::DELETE, id, &[]))
    }
}
