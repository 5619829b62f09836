//! `Subscription`: the one guard every callback registration of the SDK returns.

use std::fmt;

/// A registered handler or listener (realtime `on`, auth `on_session_change`, chat
/// `on_message`, ...). Dropping it, or calling [`unsubscribe`](Self::unsubscribe), removes the
/// handler; [`detach`](Self::detach) keeps it for the life of its client instead.
#[must_use = "dropping a Subscription unsubscribes at once; keep it, or call .detach()"]
pub struct Subscription {
    cancel: Option<Box<dyn FnOnce() + Send + Sync>>,
}

impl Subscription {
    /// A guard that runs `cancel` once, when it is dropped or unsubscribed. For the crates that
    /// register handlers; `cancel` must not block.
    pub fn new(cancel: impl FnOnce() + Send + Sync + 'static) -> Self {
        Self {
            cancel: Some(Box::new(cancel)),
        }
    }

    /// Removes the handler now: it is not called after this returns.
    pub fn unsubscribe(self) {
        drop(self);
    }

    /// Keeps the handler for the life of its client, without a guard to hold.
    pub fn detach(mut self) {
        self.cancel = None;
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(cancel) = self.cancel.take() {
            cancel();
        }
    }
}

impl fmt::Debug for Subscription {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Subscription")
            .field("active", &self.cancel.is_some())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn cancels_once_on_drop_or_unsubscribe_and_never_when_detached() {
        let count = Arc::new(AtomicUsize::new(0));
        let guard = |count: &Arc<AtomicUsize>| {
            let count = Arc::clone(count);
            Subscription::new(move || {
                count.fetch_add(1, Ordering::SeqCst);
            })
        };
        drop(guard(&count));
        guard(&count).unsubscribe();
        guard(&count).detach();
        assert_eq!(count.load(Ordering::SeqCst), 2);
    }
}
