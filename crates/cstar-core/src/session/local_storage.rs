//! The session in the browser's `localStorage`, where cStar's JS SDK keeps it by default.

use super::store::{SessionStore, SessionStoreError};

/// The session in the page's `localStorage` under one key (browser builds only): it survives
/// reloads and is shared by the origin's tabs, as the JS SDK's default store is. Tokens are
/// readable by any script on the origin, so use it only where that is acceptable (as in JS).
///
/// ```no_run
/// use cstar_core::session::LocalStorageStore;
///
/// let store = LocalStorageStore::new("cstar.session");
/// # let _ = store;
/// ```
#[derive(Debug, Clone)]
pub struct LocalStorageStore {
    key: String,
}

impl LocalStorageStore {
    /// A store under `key` (give each client its own key).
    pub fn new(key: impl Into<String>) -> Self {
        Self { key: key.into() }
    }

    /// The key the session is kept under.
    pub fn key(&self) -> &str {
        &self.key
    }
}

/// The page's storage, looked up on each use: a `Storage` handle is a JavaScript object and
/// cannot live in a `Send + Sync` store.
fn storage() -> Result<web_sys::Storage, SessionStoreError> {
    let window = web_sys::window().ok_or_else(|| unavailable("no window (not in a page)"))?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err(unavailable("this page has no localStorage")),
        Err(_) => Err(unavailable("localStorage is blocked (privacy settings?)")),
    }
}

fn unavailable(reason: &str) -> SessionStoreError {
    SessionStoreError::Other(reason.into())
}

fn refused(operation: &str) -> SessionStoreError {
    SessionStoreError::Other(
        format!("localStorage refused to {operation} the session (full, or blocked)").into(),
    )
}

impl SessionStore for LocalStorageStore {
    fn load(&self) -> Result<Option<String>, SessionStoreError> {
        storage()?.get_item(&self.key).map_err(|_| refused("read"))
    }

    fn save(&self, session: &str) -> Result<(), SessionStoreError> {
        storage()?
            .set_item(&self.key, session)
            .map_err(|_| refused("write"))
    }

    fn clear(&self) -> Result<(), SessionStoreError> {
        storage()?
            .remove_item(&self.key)
            .map_err(|_| refused("remove"))
    }
}
