//! `cstar listen --forward-to URL`: follows the realtime stream (the SDK resumes it across
//! drops) and delivers every event to a local receiver exactly as cStar would, one at a time and
//! in order, so that a receiver that is down holds the queue instead of losing events.

mod forward;
mod secret;

use std::collections::{HashSet, VecDeque};

use clap::Args;
use cstar_admin::realtime::{Event, RealtimeError};
use cstar_core::reqwest::Url;
use futures_util::StreamExt;
use futures_util::stream::select_all;
use serde_json::json;
use tokio::sync::{mpsc, watch};

use crate::credentials;
use crate::error::CliError;
use crate::output::{Output, line, print_json};
use forward::{Attempt, Forwarder, MAX_ATTEMPTS};

#[derive(Debug, Args)]
pub(crate) struct ListenArgs {
    /// Where to POST each event, e.g. `http://localhost:3000/webhooks`.
    #[arg(long, value_name = "URL", required_unless_present = "print_secret")]
    forward_to: Option<String>,

    /// Which events, comma-separated: exact types, `resource.*` or `*`.
    #[arg(long, value_name = "TYPES", value_delimiter = ',', default_value = "*")]
    events: Vec<String>,

    /// Signs with this whsec_ secret instead of the local one kept beside the profile.
    #[arg(long, value_name = "whsec_...")]
    secret: Option<String>,

    /// Prints the signing secret and exits, for a receiver's configuration.
    #[arg(long)]
    print_secret: bool,
}

pub(crate) async fn run(args: ListenArgs, out: Output) -> Result<(), CliError> {
    let secret = match args.secret {
        Some(secret) if secret.starts_with("whsec_") && secret.len() > 6 => secret,
        Some(_) => return Err(CliError::usage("--secret must start with whsec_")),
        None => secret::local_secret()?,
    };
    if args.print_secret {
        return out.result(&secret, &json!({"secret": secret}));
    }
    let url = receiver_url(args.forward_to.as_deref().unwrap_or_default())?;
    let target = url.to_string();
    if let Some(empty) = args.events.iter().position(|p| p.trim().is_empty()) {
        return Err(CliError::usage(format!(
            "--events: pattern {} is empty",
            empty + 1
        )));
    }
    let forwarder = Forwarder::new(url, secret.clone()).map_err(cstar_admin::Error::from)?;
    let client = credentials::client()?;
    let realtime = client.realtime();

    let (connected_tx, mut connected) = watch::channel(false);
    let _connection = realtime.on_connection_change(move |up| {
        let _ = connected_tx.send(up);
    });
    let (fatal_tx, mut fatal) = mpsc::unbounded_channel();
    let _errors = realtime.on_error(move |error| {
        eprintln!("realtime: {error}");
        if let RealtimeError::Stopped(_) = error {
            let _ = fatal_tx.send(error.to_string());
        }
    });
    let streams: Vec<_> = args
        .events
        .iter()
        .map(|pattern| realtime.subscribe(pattern.trim()))
        .collect();
    let events = queue(select_all(streams));

    tokio::select! {
        result = connected.wait_for(|up| *up) => {
            result.map_err(|_| CliError::local("the realtime connection closed"))?;
        }
        Some(message) = fatal.recv() => return Err(CliError::local(message)),
        () = crate::shutdown::stop_signal() => return Ok(()),
    }
    if out.is_json() {
        print_json(&json!({"ready": true, "forwardTo": target, "secret": secret}))?;
    } else {
        line(&format!(
            "Ready! Forwarding to {target}. Webhook signing secret: {secret}"
        ))?;
    }

    tokio::select! {
        () = forward_all(&forwarder, events, out) => Ok(()),
        Some(message) = fatal.recv() => Err(CliError::local(message)),
        () = crate::shutdown::stop_signal() => {
            eprintln!("Stopped.");
            Ok(())
        }
    }
}

/// The receiver's URL; `localhost:3000/hooks` means `http://localhost:3000/hooks`.
fn receiver_url(text: &str) -> Result<Url, CliError> {
    let full = if text.contains("://") {
        text.to_owned()
    } else {
        format!("http://{text}")
    };
    Url::parse(&full)
        .ok()
        .filter(|url| matches!(url.scheme(), "http" | "https") && url.host().is_some())
        .ok_or_else(|| CliError::usage(format!("--forward-to {text:?} is not an http(s) URL")))
}

/// Moves events from the subscriptions into an unbounded queue at once, so that a slow or
/// down receiver never makes the SDK drop an event for a full subscription. Patterns can
/// overlap (`ticket.*,ticket.created`), so an id already queued is skipped.
fn queue(
    mut events: impl futures_util::Stream<Item = Event> + Unpin + Send + 'static,
) -> mpsc::UnboundedReceiver<Event> {
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut seen = RecentIds::default();
        while let Some(event) = events.next().await {
            if seen.insert(&event.id) && tx.send(event).is_err() {
                return;
            }
        }
    });
    rx
}

async fn forward_all(
    forwarder: &Forwarder,
    mut events: mpsc::UnboundedReceiver<Event>,
    out: Output,
) {
    while let Some(event) = events.recv().await {
        forwarder
            .deliver(&event, |attempt| print_attempt(&event, attempt, out))
            .await;
    }
}

/// One line per attempt: time, type, id, the receiver's status and latency.
fn print_attempt(event: &Event, attempt: &Attempt, out: Output) {
    let time = jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .unwrap_or_else(|_| jiff::Timestamp::now());
    let latency_ms = attempt.latency.as_millis();
    let printed = if out.is_json() {
        print_json(&json!({
            "time": time.to_string(),
            "type": event.event_type.to_string(),
            "id": event.id,
            "attempt": attempt.number,
            "status": attempt.outcome.as_ref().ok(),
            "error": attempt.outcome.as_ref().err(),
            "latencyMs": latency_ms,
            "delivered": attempt.delivered(),
            "retryInMs": attempt.retry_in.map(|d| d.as_millis()),
        }))
    } else {
        let answer = match &attempt.outcome {
            Ok(status) => format!("[{status}]"),
            Err(reason) => format!("[failed: {reason}]"),
        };
        let mut text = format!(
            "{time}  {:<24} {}  {answer} {latency_ms} ms",
            event.event_type.to_string(),
            event.id
        );
        if attempt.number > 1 {
            text.push_str(&format!(" (attempt {})", attempt.number));
        }
        match attempt.retry_in {
            Some(wait) => text.push_str(&format!(", retrying in {} ms", wait.as_millis())),
            None if !attempt.delivered() && attempt.number == MAX_ATTEMPTS => {
                text.push_str(", giving up");
            }
            None => {}
        }
        line(&text)
    };
    if let Err(e) = printed {
        eprintln!("{e}");
    }
}

/// The last few thousand ids, to drop an event two overlapping patterns both matched.
#[derive(Default)]
struct RecentIds {
    order: VecDeque<String>,
    set: HashSet<String>,
}

impl RecentIds {
    const CAPACITY: usize = 4096;

    /// Whether `id` is new.
    fn insert(&mut self, id: &str) -> bool {
        if self.set.contains(id) {
            return false;
        }
        if self.order.len() == Self::CAPACITY
            && let Some(old) = self.order.pop_front()
        {
            self.set.remove(&old);
        }
        self.order.push_back(id.to_owned());
        self.set.insert(id.to_owned());
        true
    }
}

#[cfg(test)]
mod tests {
    use super::{RecentIds, receiver_url};

    #[test]
    fn a_receiver_url_without_a_scheme_is_http() {
        let url = receiver_url("localhost:3000/hooks").unwrap();
        assert_eq!(url.as_str(), "http://localhost:3000/hooks");
        let url = receiver_url("https://example.com/hooks").unwrap();
        assert_eq!(url.as_str(), "https://example.com/hooks");
        for bad in ["", "ftp://example.com/x", "http://"] {
            assert!(receiver_url(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn recent_ids_drop_repeats_and_forget_the_oldest() {
        let mut ids = RecentIds::default();
        assert!(ids.insert("evt_1"));
        assert!(!ids.insert("evt_1"));
        for n in 0..RecentIds::CAPACITY {
            assert!(ids.insert(&format!("evt_{}", n + 2)));
        }
        assert_eq!(ids.order.len(), RecentIds::CAPACITY);
        assert!(ids.insert("evt_1"), "the oldest id was forgotten");
    }
}
