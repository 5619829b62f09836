//! One event to the local receiver, as cStar would deliver it: the envelope as the body, signed,
//! with the documented headers, and again with backoff while the receiver is down or failing.

use std::time::{Duration, Instant};

use cstar_admin::realtime::Event;
use cstar_core::reqwest::{self, Url};
use cstar_webhook::headers;

/// What real deliveries send as `User-Agent`.
const USER_AGENT: &str = "cStar-Webhooks/1.0";
/// The subscription id deliveries from `cstar listen` carry in `X-Webhook-ID`.
const WEBHOOK_ID: &str = "whk_cstar_listen";
/// cStar gives a receiver 10 s to answer.
const RESPONSE_BUDGET: Duration = Duration::from_secs(10);
/// Attempts per event, the first included.
pub(crate) const MAX_ATTEMPTS: u32 = 8;
/// cStar waits 30 s, 2 min, 10 min ... between attempts; a local receiver being restarted is
/// back in seconds, so this doubles from half a second up to 30 s.
const FIRST_RETRY: Duration = Duration::from_millis(500);
const LONGEST_RETRY: Duration = Duration::from_secs(30);

/// How one attempt went.
#[derive(Debug)]
pub(crate) struct Attempt {
    pub(crate) number: u32,
    /// The receiver's status, or why there was none.
    pub(crate) outcome: Result<u16, String>,
    pub(crate) latency: Duration,
    /// When the next attempt goes, if there is one.
    pub(crate) retry_in: Option<Duration>,
}

impl Attempt {
    pub(crate) fn delivered(&self) -> bool {
        matches!(self.outcome, Ok(status) if (200..300).contains(&status))
    }
}

/// Sends events to one URL.
#[derive(Debug)]
pub(crate) struct Forwarder {
    http: reqwest::Client,
    url: Url,
    secret: String,
}

impl Forwarder {
    pub(crate) fn new(url: Url, secret: String) -> Result<Self, cstar_core::ConfigError> {
        let http = cstar_core::http_client_builder()?
            .timeout(RESPONSE_BUDGET)
            .build()
            .map_err(cstar_core::ConfigError::HttpClient)?;
        Ok(Self { http, url, secret })
    }

    /// Delivers `event`, calling `report` after every attempt. A 2xx ends it; a 4xx other than
    /// 408 and 429 is the receiver's final word (as with real deliveries, it is not retried);
    /// anything else is tried again until [`MAX_ATTEMPTS`].
    pub(crate) async fn deliver(&self, event: &Event, mut report: impl FnMut(&Attempt)) {
        let body = match serde_json::to_vec(event) {
            Ok(body) => body,
            Err(e) => {
                report(&Attempt {
                    number: 1,
                    outcome: Err(format!("cannot encode the event: {e}")),
                    latency: Duration::ZERO,
                    retry_in: None,
                });
                return;
            }
        };
        let mut delay = FIRST_RETRY;
        for number in 1..=MAX_ATTEMPTS {
            let started = Instant::now();
            let outcome = self.send(event, &body, number).await;
            let latency = started.elapsed();
            let final_answer = match outcome {
                Ok(status) => (200..300).contains(&status) || !retryable(status),
                Err(_) => false,
            };
            let retry_in = (!final_answer && number < MAX_ATTEMPTS).then_some(delay);
            report(&Attempt {
                number,
                outcome,
                latency,
                retry_in,
            });
            match retry_in {
                Some(wait) => tokio::time::sleep(wait).await,
                None => return,
            }
            delay = (delay * 2).min(LONGEST_RETRY);
        }
    }

    /// One POST, signed now: each attempt carries a fresh timestamp, so a late retry is not
    /// refused by the receiver's replay window.
    async fn send(&self, event: &Event, body: &[u8], attempt: u32) -> Result<u16, String> {
        let now = jiff::Timestamp::now();
        let signature = cstar_webhook::sign(body, self.secret.as_str(), now.as_second());
        let response = self
            .http
            .post(self.url.clone())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(reqwest::header::USER_AGENT, USER_AGENT)
            .header(headers::SIGNATURE, signature)
            .header(headers::EVENT_TYPE, event.event_type.to_string())
            .header(headers::EVENT_ID, &event.id)
            .header(headers::WEBHOOK_ID, WEBHOOK_ID)
            .header(headers::TIMESTAMP, now.to_string())
            .header(headers::DELIVERY_ATTEMPT, attempt.to_string())
            .body(body.to_vec())
            .send()
            .await
            .map_err(|e| describe(&e))?;
        Ok(response.status().as_u16())
    }
}

/// Statuses worth another try: server errors, timeouts, rate limits.
fn retryable(status: u16) -> bool {
    status >= 500 || status == 408 || status == 429
}

fn describe(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        format!("no answer within {} s", RESPONSE_BUDGET.as_secs())
    } else if error.is_connect() {
        "connection refused (is the receiver running?)".to_owned()
    } else {
        format!("request failed: {error}")
    }
}

#[cfg(test)]
mod tests {
    use super::retryable;

    #[test]
    fn server_errors_timeouts_and_rate_limits_are_retried_other_4xx_are_final() {
        for status in [500, 502, 503, 504, 408, 429] {
            assert!(retryable(status), "{status}");
        }
        for status in [400, 401, 403, 404, 410, 422] {
            assert!(!retryable(status), "{status}");
        }
    }
}
