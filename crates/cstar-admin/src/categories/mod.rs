//! Knowledge-base categories: `cstar.categories()` with `list`, `list_all`, `get`, `create`,
//! `update`, `delete`. Lists come ordered by `sort_order`, then name; deleting a category
//! leaves its articles in place, without a category.
//!
//! ```no_run
//! use cstar_admin::{CStarClient, CategoryFields, CreateArticle, ListCategories};
//!
//! # async fn demo(cstar: CStarClient) -> cstar_admin::Result<()> {
//! let billing = cstar.categories().create(CategoryFields::new("Billing").sort_order(1)).await?;
//! cstar.articles().create(CreateArticle::new("Refunds").category_id(billing.id.clone())).await?;
//! cstar.categories().update(&billing.id, CategoryFields::patch().sort_order(0)).await?;
//! let public = cstar.categories().list(ListCategories::new().is_public(true)).await?;
//! # let _ = public; Ok(()) }
//! ```

mod model;
mod params;

use cstar_core::{Call, Deleted, ItemStream, Page};

use crate::collection::{Collection, Routes};
use crate::ids::CategoryId;
use crate::scope::TeamScope;

pub use model::Category;
pub use params::{CategoryFields, CreateCategory, ListCategories, UpdateCategory};

/// The categories resource; get it from
/// [`CStarClient::categories`](crate::CStarClient::categories).
#[derive(Clone, Debug)]
pub struct Categories {
    collection: Collection,
}

impl Categories {
    pub(crate) fn new(scope: TeamScope) -> Self {
        Self {
            collection: Collection::new(
                scope,
                Routes {
                    list_template: "/categories",
                    item_template: "/categories/{id}",
                },
            ),
        }
    }

    /// One page of categories, by `sort_order` then name.
    #[inline]
    pub fn list(&self, params: ListCategories) -> Call<Page<Category>> {
        self.collection.list(&params)
    }

    /// Every category matching the filters, fetched page by page as the stream is read.
    #[inline]
    pub fn list_all(&self, params: ListCategories) -> ItemStream<Category> {
        self.collection.list_all(params)
    }

    /// One category.
    #[inline]
    pub fn get(&self, id: impl Into<CategoryId>) -> Call<Category> {
        self.collection.get(id.into().as_str())
    }

    /// Creates a category; the name is required.
    #[inline]
    pub fn create(&self, fields: CreateCategory) -> Call<Category> {
        self.collection.create(&fields)
    }

    /// Changes what the patch sets (reordering is changing `sort_order`).
    #[inline]
    pub fn update(&self, id: impl Into<CategoryId>, patch: UpdateCategory) -> Call<Category> {
        self.collection.update(id.into().as_str(), &patch)
    }

    /// Deletes a category; its articles stay, without a category.
    #[inline]
    pub fn delete(&self, id: impl Into<CategoryId>) -> Call<Deleted> {
        self.collection.delete(id.into().as_str())
    }
}
