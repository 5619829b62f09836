//! The knowledge-base article object: cstar-types' shared model, the same type the public
//! library and the article events give.
//!
//! Only the article's own `id` is required; every other field reads `null` and absence as the
//! value its documentation names (see [`cstar_types::de::null_as_default`]).

pub use cstar_types::{Article, ArticleStatus};
