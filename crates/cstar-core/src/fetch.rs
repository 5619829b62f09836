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
    use super::{Body, Bytes, Response};

    pub(super) type Inner = reqwest::Response;

    pub(crate) async fn send(request: reqwest::RequestBuilder) -> reqwest::Result<Response> {
        let mut response = request.send().await?;
        Ok(Response {
            status: response.status().as_u16(),
            headers: std::mem::take(response.headers_mut()),
            body: Body(response),
        })
    }

    pub(super) async fn chunk(body: &mut Body) -> reqwest::Result<Option<Bytes>> {
        body.0.chunk().await
    }

    pub(super) async fn bytes(body: Body) -> reqwest::Result<Bytes> {
        body.0.bytes().await
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

    pub(super) async fn bytes(mut body: Body) -> reqwest::Result<Bytes> {
        let mut all = Vec::new();
        while let Some(chunk) = chunk(&mut body).await? {
            all.extend_from_slice(&chunk);
        }
        Ok(Bytes::from(all))
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

    /// The whole body.
    pub(crate) async fn bytes(self) -> reqwest::Result<Bytes> {
        imp::bytes(self.body).await
    }
}
