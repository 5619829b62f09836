//! `Call<T>`: the awaitable request builder every resource method returns.

use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use futures_util::FutureExt;
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::envelope::{self, DecodeFn};
use crate::error::Result;
use crate::meta::Meta;
use crate::page::{Deleted, Page};
use crate::request::RequestSpec;
use crate::transport::Done;

/// The boxed future a [`Call`] turns into.
pub type CallFuture<T> = Pin<Box<dyn Future<Output = Result<T>> + Send>>;

/// One API call, ready to be tuned and awaited.
///
/// Nothing is sent until it is awaited. Per-call options read like the JS SDK's options bag:
///
/// ```no_run
/// # async fn demo(client: cstar_core::Client, spec: cstar_core::RequestSpec) -> cstar_core::Result<()> {
/// use std::time::Duration;
/// use cstar_core::Call;
///
/// let (value, meta) = Call::<serde_json::Value>::single(&client, spec)
///     .idempotency_key("order-42")
///     .timeout(Duration::from_secs(5))
///     .with_meta()
///     .await?;
/// println!("request {:?} -> {value}", meta.request_id);
/// # Ok(()) }
/// ```
#[must_use = "a Call does nothing until it is awaited"]
pub struct Call<T> {
    client: Client,
    spec: RequestSpec,
    run: Run<T>,
}

/// How a call sends its spec and decodes the answer.
enum Run<T> {
    /// The constructor's decoder, run by the transport itself: the common case.
    Decode(DecodeFn<T>),
    /// A decoder followed by one or more [`Call::map`]s.
    Mapped(Box<dyn FnOnce(Client, RequestSpec) -> CallFuture<Done<T>> + Send>),
}

impl<T: Send + 'static> Run<T> {
    /// The running call, ending in `finish(done)`. An unmapped call is one allocation: the
    /// transport's future and `finish` in the same box.
    fn start<U: Send + 'static>(
        self,
        client: Client,
        spec: RequestSpec,
        finish: impl FnOnce(Done<T>) -> U + Send + 'static,
    ) -> CallFuture<U> {
        match self {
            Self::Decode(decode) => Box::pin(
                client
                    .execute(spec, decode)
                    .map(move |result| result.map(finish)),
            ),
            Self::Mapped(run) => Box::pin(run(client, spec).map(move |result| result.map(finish))),
        }
    }
}

impl<T: DeserializeOwned + Send + 'static> Call<T> {
    /// A call whose `data` is one resource (get, create, update).
    pub fn single(client: &Client, spec: RequestSpec) -> Self {
        Self::with_decoder(client, spec, envelope::single::<T>)
    }
}

impl<T: DeserializeOwned + Send + 'static> Call<Page<T>> {
    /// A call whose `data` is a list page.
    pub fn list(client: &Client, spec: RequestSpec) -> Self {
        Self::with_decoder(client, spec, envelope::list::<T>)
    }
}

impl Call<Deleted> {
    /// A delete call, answered with `{deleted, id}`.
    pub fn deleted(client: &Client, spec: RequestSpec) -> Self {
        Self::with_decoder(client, spec, envelope::deleted)
    }
}

impl<T: Send + 'static> Call<T> {
    fn with_decoder(client: &Client, spec: RequestSpec, decode: DecodeFn<T>) -> Self {
        Self {
            client: client.clone(),
            spec,
            run: Run::Decode(decode),
        }
    }

    /// The same call, answering `f(value)`: for resource crates whose wire shape wraps the
    /// value they return (`{answers: [...]}` -> `Vec<Answer>`). Per-call options still apply.
    pub fn map<U: Send + 'static>(self, f: impl FnOnce(T) -> U + Send + 'static) -> Call<U> {
        let Self { client, spec, run } = self;
        Call {
            client,
            spec,
            run: Run::Mapped(Box::new(move |client, spec| {
                run.start(client, spec, move |done| {
                    let (value, meta) = *done;
                    Box::new((f(value), meta))
                })
            })),
        }
    }

    /// Sends the call as the customer holding this access token (from `cstar-auth`'s
    /// `AuthClient::access_token`), instead of the session the client was given.
    pub fn access_token(mut self, token: &str) -> Self {
        self.spec = self.spec.bearer(token);
        self
    }

    /// Sends `Idempotency-Key: key`, so that repeating the call (after a crash, from a queue)
    /// applies it once. Without it, a POST or PATCH still gets one generated key reused by every
    /// automatic retry of this call.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.spec.options.idempotency_key = Some(key.into());
        self
    }

    /// Overrides the client's per-attempt timeout for this call.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.spec.options.timeout = Some(timeout);
        self
    }

    /// Bounds the whole call, across attempts, backoff and 429 waits, by `deadline` (instead of
    /// the policy's [`total_timeout`](crate::RetryPolicy::total_timeout)); past it the call fails
    /// with [`Error::DeadlineExceeded`](crate::Error::DeadlineExceeded).
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.spec.options.deadline = Some(deadline);
        self
    }

    /// Sends this header on this call, over a client
    /// [`default_header`](crate::ClientBuilder::default_header) of the same name. The headers
    /// the SDK sets itself (`Authorization`, `Idempotency-Key`, `User-Agent`, `Accept`,
    /// `Content-Type`, `Last-Event-ID`, `CStar-Version`) are refused: the call fails with
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) and nothing is sent.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        match crate::headers::extra_header(name, value) {
            Ok(header) => self.spec.options.headers.push(header),
            Err(reason) => self.spec = self.spec.reject(reason),
        }
        self
    }

    /// Overrides how many times this call is retried.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.spec.options.max_retries = Some(retries);
        self
    }

    /// Resolves to the value together with the [`Meta`] of its own response, free of the races of
    /// `last_meta()`.
    pub fn with_meta(self) -> WithMeta<T> {
        WithMeta(self)
    }

    /// Sends the call; the same as awaiting it.
    ///
    /// # Errors
    ///
    /// Any [`Error`](crate::Error): the API's answer, a network failure or timeout after the
    /// retries the policy allows, an unreadable body, or an invalid argument.
    pub async fn send(self) -> Result<T> {
        self.into_future().await
    }
}

impl<T: Send + 'static> IntoFuture for Call<T> {
    type Output = Result<T>;
    type IntoFuture = CallFuture<T>;

    fn into_future(self) -> Self::IntoFuture {
        // The caller does not want the Meta, so it moves into `last_meta` without a copy.
        let Self { client, spec, run } = self;
        let last = client.clone();
        run.start(client, spec, move |done| {
            let (value, meta) = *done;
            last.store_last_meta(meta);
            value
        })
    }
}

/// A [`Call`] that resolves to `(value, Meta)`.
#[must_use = "a Call does nothing until it is awaited"]
pub struct WithMeta<T>(Call<T>);

impl<T: Send + 'static> IntoFuture for WithMeta<T> {
    type Output = Result<(T, Meta)>;
    type IntoFuture = CallFuture<(T, Meta)>;

    fn into_future(self) -> Self::IntoFuture {
        let Call { client, spec, run } = self.0;
        let last = client.clone();
        run.start(client, spec, move |done| {
            last.store_last_meta(done.1.clone());
            *done
        })
    }
}
