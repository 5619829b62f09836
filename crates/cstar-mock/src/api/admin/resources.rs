//! The handlers of the resources bulk, import and export work on: they call these as functions,
//! so each record passes the resource's own rules (validation, events) as a request would.

use super::{articles, customers, tickets};
use crate::http::route::{Handler, by_id};

/// One resource's list, create, update and delete handlers.
pub(super) struct ResourceHandlers {
    pub(super) list: Handler,
    pub(super) create: Handler,
    /// Takes the id as its one path segment.
    pub(super) update: Handler,
    /// Takes the id as its one path segment.
    pub(super) delete: Handler,
}

/// The handlers of `tickets`, `customers` or `articles`.
pub(super) fn handlers(resource: &str) -> Option<ResourceHandlers> {
    Some(match resource {
        "tickets" => ResourceHandlers {
            list: tickets::list,
            create: tickets::create,
            update: by_id!(tickets::update),
            delete: by_id!(tickets::delete),
        },
        "customers" => ResourceHandlers {
            list: customers::list,
            create: customers::create,
            update: by_id!(customers::update),
            delete: by_id!(customers::delete),
        },
        "articles" => ResourceHandlers {
            list: articles::list,
            create: articles::create,
            update: by_id!(articles::update),
            delete: by_id!(articles::delete),
        },
        _ => return None,
    })
}
