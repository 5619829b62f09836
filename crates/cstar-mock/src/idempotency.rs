//! `Idempotency-Key`: the first answer is stored for 24 h and replayed for the same request.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use ring::digest::{SHA256, digest};
use serde_json::Value;

use crate::state::Env;

/// How long an answer is kept.
pub(crate) const RETENTION: Duration = Duration::from_secs(24 * 3600);

/// What identifies "the same request": method, path and the exact body bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fingerprint(Vec<u8>);

impl Fingerprint {
    pub(crate) fn of(method: &str, path: &str, body: &[u8]) -> Self {
        let mut bytes = Vec::with_capacity(method.len() + path.len() + body.len() + 2);
        bytes.extend_from_slice(method.as_bytes());
        bytes.push(0);
        bytes.extend_from_slice(path.as_bytes());
        bytes.push(0);
        bytes.extend_from_slice(body);
        Self(digest(&SHA256, &bytes).as_ref().to_vec())
    }
}

#[derive(Debug, Clone)]
struct Stored {
    fingerprint: Fingerprint,
    status: u16,
    body: Value,
    at: Instant,
}

/// The answer to look for before applying a request.
pub(crate) enum Lookup {
    /// Never seen: apply, then [`IdempotencyStore::store`].
    Fresh,
    /// Seen with the same request: send this again.
    Replay { status: u16, body: Value },
    /// Seen with another request: 409.
    Reused,
}

/// Stored answers, by environment and key.
#[derive(Debug, Default)]
pub(crate) struct IdempotencyStore {
    answers: HashMap<(Env, String), Stored>,
}

impl IdempotencyStore {
    pub(crate) fn lookup(&mut self, env: Env, key: &str, fingerprint: &Fingerprint) -> Lookup {
        self.answers
            .retain(|_, stored| stored.at.elapsed() < RETENTION);
        match self.answers.get(&(env, key.to_owned())) {
            None => Lookup::Fresh,
            Some(stored) if stored.fingerprint == *fingerprint => Lookup::Replay {
                status: stored.status,
                body: stored.body.clone(),
            },
            Some(_) => Lookup::Reused,
        }
    }

    /// Keeps a 2xx or 4xx answer; a 5xx is not kept, so a retry after it can succeed.
    pub(crate) fn store(
        &mut self,
        env: Env,
        key: &str,
        fingerprint: Fingerprint,
        status: u16,
        body: &Value,
    ) {
        if status < 500 {
            self.answers.insert(
                (env, key.to_owned()),
                Stored {
                    fingerprint,
                    status,
                    body: body.clone(),
                    at: Instant::now(),
                },
            );
        }
    }
}
