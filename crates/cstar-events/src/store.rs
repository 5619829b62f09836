//! The one interface every store implements: claim an event id, then complete or release it.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

/// A boxed, sendable future borrowing for `'a`: what a handler returns, so that it may borrow
/// the claim (the Postgres transaction) it is given.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What a store answers to a claim of an event id.
#[derive(Debug)]
#[non_exhaustive]
pub enum ClaimAnswer<C> {
    /// First time: the caller holds the claim and runs its handler with it.
    New(C),
    /// Already handled: do nothing, answer 2xx.
    Duplicate,
    /// Another receiver holds the claim right now (marker stores only: a Postgres claim waits
    /// for the other transaction instead). Answer non-2xx so that cStar retries later.
    InProgress,
}

/// What [`run_once`] did with one event.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome<T> {
    /// The handler ran and its claim was completed; here is what it returned.
    Handled(T),
    /// The event had been handled before: the handler did not run.
    Duplicate,
    /// Another receiver is handling it now: the handler did not run; answer non-2xx.
    InProgress,
}

/// A store failed (connection lost, pool exhausted, query refused). The event's claim was not
/// completed, so cStar's retry gets another chance: answer non-2xx.
pub struct StoreError {
    engine: &'static str,
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl StoreError {
    /// Wraps an engine's error.
    pub fn new(
        engine: &'static str,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self {
            engine,
            source: source.into(),
        }
    }

    /// Which store failed: `"postgres"`, `"redis"` or `"memory"`.
    pub fn engine(&self) -> &'static str {
        self.engine
    }
}

impl fmt::Debug for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoreError")
            .field("engine", &self.engine)
            .field("source", &self.source)
            .finish()
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the {} store failed: {}", self.engine, self.source)
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// Why [`run_once`] gave up. Either way the event is not marked handled: answer non-2xx and
/// cStar's retry runs the handler again.
#[derive(Debug)]
#[non_exhaustive]
pub enum RunError<E> {
    /// The handler returned this error; its claim was released (for Postgres, rolled back with
    /// every write the handler made).
    Handler(E),
    /// The store failed while claiming or completing.
    Store(StoreError),
}

impl<E: fmt::Display> fmt::Display for RunError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Handler(e) => write!(f, "the event handler failed: {e}"),
            Self::Store(e) => e.fmt(f),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for RunError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Handler(e) => Some(e),
            Self::Store(e) => Some(e),
        }
    }
}

impl<E> From<StoreError> for RunError<E> {
    fn from(e: StoreError) -> Self {
        Self::Store(e)
    }
}

/// Where event ids are remembered: claimed before a handler runs, completed after it succeeds,
/// released when it fails. [`run_once`] drives the three calls; implement this trait only for
/// an engine of your own.
///
/// A claim that is dropped without being completed or released (the handler panicked, or the
/// request was cancelled) must not stay claimed forever: each store says what happens to it.
pub trait Store: Send + Sync {
    /// What the handler gets while it holds the claim: the open transaction for Postgres, a
    /// token for the marker stores.
    type Claim: Send;

    /// Claims `event_id`, or says that it was handled or is being handled.
    ///
    /// # Errors
    ///
    /// The store could not be reached or refused the claim.
    fn claim(
        &self,
        event_id: &str,
    ) -> impl Future<Output = Result<ClaimAnswer<Self::Claim>, StoreError>> + Send;

    /// Marks the claimed event handled (for Postgres: commits the handler's writes with it).
    ///
    /// # Errors
    ///
    /// The store failed; the event is not marked handled.
    fn complete(
        &self,
        event_id: &str,
        claim: Self::Claim,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Gives the claim back after a failed handler, so that the next delivery runs it again.
    ///
    /// # Errors
    ///
    /// The store failed; the claim then lapses as described by the store.
    fn release(
        &self,
        event_id: &str,
        claim: Self::Claim,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
}

/// Runs `handler` for `event_id` unless the store says it was handled: claim, run, then
/// complete on success or release on error.
///
/// The handler borrows the claim for its own writes (for Postgres, the transaction that holds
/// the event id), so it returns a boxed future: `|tx| Box::pin(async move { ... })`.
///
/// # Errors
///
/// [`RunError::Handler`] with the handler's error (the claim released), or
/// [`RunError::Store`] when the store failed.
pub async fn run_once<S, T, E, F>(
    store: &S,
    event_id: &str,
    handler: F,
) -> Result<Outcome<T>, RunError<E>>
where
    S: Store + ?Sized,
    F: for<'c> FnOnce(&'c mut S::Claim) -> BoxFuture<'c, Result<T, E>>,
{
    let mut claim = match store.claim(event_id).await? {
        ClaimAnswer::New(claim) => claim,
        ClaimAnswer::Duplicate => return Ok(Outcome::Duplicate),
        ClaimAnswer::InProgress => return Ok(Outcome::InProgress),
    };
    match handler(&mut claim).await {
        Ok(value) => {
            store.complete(event_id, claim).await?;
            Ok(Outcome::Handled(value))
        }
        Err(e) => {
            // The handler's error is the story; a failed release lapses on its own (rollback
            // by disconnect, marker TTL) and is only logged.
            if let Err(release) = store.release(event_id, claim).await {
                tracing::warn!(event_id, error = %release, "could not release a failed claim");
            }
            Err(RunError::Handler(e))
        }
    }
}
