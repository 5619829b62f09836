//! Customers: `cstar.customers()` with `list`, `list_all`, `get`, `create`, `update`, `delete`.
//!
//! ```no_run
//! use cstar_admin::{CStarClient, CreateCustomer, Error, ListCustomers, UpdateCustomer};
//!
//! # async fn demo(cstar: CStarClient) -> cstar_admin::Result<()> {
//! let ada = cstar.customers().create(CreateCustomer::new("Ada", "ada@example.com")).await?;
//! match cstar.customers().create(CreateCustomer::new("Ada again", "ada@example.com")).await {
//!     Err(Error::Conflict(e)) => println!("email taken: {}", e.message()),
//!     other => println!("{other:?}"),
//! }
//! cstar.customers().update(&ada.id, UpdateCustomer::patch().remove_metadata("trial")).await?;
//! let found = cstar.customers().list(ListCustomers::new().search("ada")).await?;
//! # let _ = found; Ok(()) }
//! ```

mod model;
mod params;

use cstar_core::{Call, Deleted, ItemStream, Page};

use crate::collection::{Collection, Routes};
use crate::ids::CustomerId;
use crate::scope::TeamScope;

pub use model::{Customer, CustomerStatus, Sentiment};
pub use params::{CreateCustomer, ListCustomers, UpdateCustomer};

/// The customers resource; get it from [`CStarClient::customers`](crate::CStarClient::customers).
#[derive(Clone, Debug)]
pub struct Customers {
    collection: Collection,
}

impl Customers {
    pub(crate) fn new(scope: TeamScope) -> Self {
        Self {
            collection: Collection::new(
                scope,
                Routes {
                    list_template: "/customers",
                    item_template: "/customers/{id}",
                },
            ),
        }
    }

    /// One page of customers.
    #[inline]
    pub fn list(&self, params: ListCustomers) -> Call<Page<Customer>> {
        self.collection.list(&params)
    }

    /// Every customer matching the filters, fetched page by page as the stream is read.
    #[inline]
    pub fn list_all(&self, params: ListCustomers) -> ItemStream<Customer> {
        self.collection.list_all(params)
    }

    /// One customer, with `ticket_count`.
    #[inline]
    pub fn get(&self, id: impl Into<CustomerId>) -> Call<Customer> {
        self.collection.get(id.into().as_str())
    }

    /// Creates a customer; a taken email is [`Error::Conflict`](crate::Error::Conflict).
    #[inline]
    pub fn create(&self, params: CreateCustomer) -> Call<Customer> {
        self.collection.create(&params)
    }

    /// Changes what the patch sets.
    #[inline]
    pub fn update(&self, id: impl Into<CustomerId>, patch: UpdateCustomer) -> Call<Customer> {
        self.collection.update(id.into().as_str(), &patch)
    }

    /// Deletes a customer.
    #[inline]
    pub fn delete(&self, id: impl Into<CustomerId>) -> Call<Deleted> {
        self.collection.delete(id.into().as_str())
    }
}
