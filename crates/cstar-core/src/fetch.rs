//! Sending a request and reading its answer as a `Send` future on every target.
//!
//! In the browser, reqwest's futures hold JavaScript objects and are not `Send`, while this
//! crate's calls are (a native caller may spawn them on a multi-threaded runtime). There the fetch
//! runs as a local task on the page's event loop and hands its head and body chunks over channels,
//! so the calls keep one signature everywhere. On native targets it is reqwest's own future.

use bytes::Bytes;
use reqwest::header::HeaderMap;

/// An answer whose head arrived; the body is read after.
pub(crate) struct Response {
    /// The HTTP status code.
    pub(crate) status: u16,
    /// The response headers (taken out, so reading the body does not need them).
    pub(crate) headers: HeaderMap,
    body: Body,
}

impl std::fmt::Debug for Response {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use std::future::Future;

    use super::{Body, Bytes, Response};

    pub(super) type Inner = reqwest::Response;

    /// Not an `async fn`: reqwest's own future is small, and one holding the request beside it
    /// would not be.
    pub(crate) fn send(
        request: reqwest::RequestBuilder,
    ) -> impl Future<Output = reqwest::Result<Response>> + Send {
        futures_util::FutureExt::map(request.send(), |sent| {
            let mut response = sent?;
            Ok(Response {
                status: response.status().as_u16(),
                headers: std::mem::take(response.headers_mut()),
                body: Body(response),
            })
        })
    }

    pub(super) async fn chunk(body: &mut Body) -> reqwest::Result<Option<Bytes>> {
        body.0.chunk().await
    }

    /// The body, read chunk by chunk: an answer that comes in one chunk (most do) is handed on
    /// as it is, without a copy, and the future stays small.
    pub(super) fn bytes(body: Body) -> impl Future<Output = reqwest::Result<Bytes>> + Send {
        let mut response = body.0;
        async move {
            let Some(first) = response.chunk().await? else {
                return Ok(Bytes::new());
            };
            let Some(second) = response.chunk().await? else {
                return Ok(first);
            };
            let mut all = Vec::with_capacity(first.len() + second.len());
            all.extend_from_slice(&first);
            all.extend_from_slice(&second);
            while let Some(chunk) = response.chunk().await? {
                all.extend_from_slice(&chunk);
            }
            Ok(Bytes::from(all))
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::future::Future;

    use futures_channel::{mpsc, oneshot};
    use futures_util::future::{AbortHandle, Abortable};
    use futures_util::{SinkExt, StreamExt};
    use reqwest::header::HeaderMap;

    use super::{Body, Bytes, Response};

    /// The body's chunks as the local task reads them, and that task (stopped when dropped, which
    /// drops the fetch and so aborts it in the browser).
    pub(super) struct Inner {
        chunks: mpsc::Receiver<reqwest::Result<Bytes>>,
        task: AbortHandle,
    }

    impl Drop for Inner {
        fn drop(&mut self) {
            self.task.abort();
        }
    }

    type Head = reqwest::Result<(u16, HeaderMap)>;

    pub(crate) fn send(
        request: reqwest::RequestBuilder,
    ) -> impl Future<Output = reqwest::Result<Response>> + Send {
        let (head_sender, head) = oneshot::channel::<Head>();
        // One chunk in flight: the stream is read as fast as the caller consumes it.
        let (mut chunk_sender, chunks) = mpsc::channel(1);
        let (task, registration) = AbortHandle::new_pair();
        let fetch = async move {
            let mut response = match request.send().await {
                Ok(response) => response,
                Err(error) => {
                    let _ = head_sender.send(Err(error));
                    return;
                }
            };
            let status = response.status().as_u16();
            let headers = std::mem::take(response.headers_mut());
            if head_sender.send(Ok((status, headers))).is_err() {
                return;
            }
            let mut stream = std::pin::pin!(response.bytes_stream());
            while let Some(item) = stream.next().await {
                let failed = item.is_err();
                if chunk_sender.send(item).await.is_err() || failed {
                    return;
                }
            }
        };
        wasm_bindgen_futures::spawn_local(async move {
            let _ = Abortable::new(fetch, registration).await;
        });
        let body = Inner { chunks, task };
        async move {
            // The sender goes away unanswered only if the task dies, and a panic in the browser
            // ends the whole module: nothing is left to answer.
            let Ok(head) = head.await else {
                return std::future::pending().await;
            };
            let (status, headers) = head?;
            Ok(Response {
                status,
                headers,
                body: Body(body),
            })
        }
    }

    pub(super) async fn chunk(body: &mut Body) -> reqwest::Result<Option<Bytes>> {
        body.0.chunks.next().await.transpose()
    }

    pub(super) fn bytes(mut body: Body) -> impl Future<Output = reqwest::Result<Bytes>> + Send {
        async move {
            let mut all = Vec::new();
            while let Some(chunk) = chunk(&mut body).await? {
                all.extend_from_slice(&chunk);
            }
            Ok(Bytes::from(all))
        }
    }
}

struct Body(imp::Inner);

pub(crate) use imp::send;

impl Response {
    /// The next piece of the body; `None` at its end (read by the SSE streams).
    #[cfg_attr(not(feature = "sse"), allow(dead_code))]
    pub(crate) async fn chunk(&mut self) -> reqwest::Result<Option<Bytes>> {
        imp::chunk(&mut self.body).await
    }

    /// The whole body. Not an `async fn`, which would keep the body beside the future reading it.
    #[cfg_attr(not(feature = "sse"), allow(dead_code))]
    pub(crate) fn bytes(self) -> impl std::future::Future<Output = reqwest::Result<Bytes>> + Send {
        imp::bytes(self.body)
    }

    /// The status, the headers and the whole body, apart: a caller that awaits the body then
    /// keeps only the headers beside it, not the whole response.
    pub(crate) fn into_parts(
        self,
    ) -> (
        u16,
        HeaderMap,
        impl std::future::Future<Output = reqwest::Result<Bytes>> + Send,
    ) {
        (self.status, self.headers, imp::bytes(self.body))
    }
}
