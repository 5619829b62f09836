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

/// The params of a paged list: what walking every page needs to know and change.
pub(crate) trait PageParams: Serialize + Clone + Send + 'static {
    /// The page asked for, if any.
    fn page_number(&self) -> Option<u32>;
    /// The page size asked for, if any.
    fn page_len(&self) -> Option<u32>;
    /// The same filters at another page and page size.
    fn at(self, page: u32, page_size: Option<u32>) -> Self;
}

/// Gives a list-params struct with `page` and `page_size` fields its two paging setters and
/// [`PageParams`].
macro_rules! paging_params {
    ($name:ident) => {
        impl $name {
            /// Which page (1-based, default 1).
            pub fn page(mut self, page: u32) -> Self {
                self.page = Some(page);
                self
            }

            /// Items per page (at most 100).
            pub fn page_size(mut self, size: u32) -> Self {
                self.page_size = Some(size);
                self
            }
        }

        impl $crate::collection::PageParams for $name {
            fn page_number(&self) -> Option<u32> {
                self.page
            }

            fn page_len(&self) -> Option<u32> {
                self.page_size
            }

            fn at(self, page: u32, page_size: Option<u32>) -> Self {
                Self {
                    page: Some(page),
                    page_size,
                    ..self
                }
            }
        }
    };
}
pub(crate) use paging_params;

/// Every item of a paged list, from the params' page on, `WALK_PAGE_SIZE` at a time unless the
/// params set a size: `fetch(params)` lists one page.
pub(crate) fn walk_pages<T, P, F>(params: P, fetch: F) -> ItemStream<T>
where
    T: DeserializeOwned + Send + 'static,
    P: PageParams,
    F: Fn(&P) -> Call<Page<T>> + Send + 'static,
{
    let first = params.page_number().unwrap_or(1);
    let page_size = params.page_len().or(Some(WALK_PAGE_SIZE));
    paginate(first, move |page| {
        fetch(&params.clone().at(page, page_size))
    })
}

/// Names a collection by its two route templates (static, so that no request formats them); an
/// item's id fills `{id}`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Routes {
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
        self.scope.spec(method, self.routes.list_template)
    }

    /// A route below one item (`/tickets/{id}/messages`), its `{id}` filled.
    pub(crate) fn item_spec_as(
        &self,
        method: Method,
        template: &'static str,
        id: &str,
    ) -> RequestSpec {
        self.scope.spec(method, template).param("id", id)
    }

    /// The item's own route.
    pub(crate) fn item_spec(&self, method: Method, id: &str) -> RequestSpec {
        self.item_spec_as(method, self.routes.item_template, id)
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

    /// Walks every page from the params' page on.
    pub(crate) fn list_all<T, P>(&self, params: P) -> ItemStream<T>
    where
        T: DeserializeOwned + Send + 'static,
        P: PageParams,
    {
        let collection = self.clone();
        walk_pages(params, move |page| collection.list(page))
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
