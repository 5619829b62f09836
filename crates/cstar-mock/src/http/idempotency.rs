//! `Idempotency-Key`: the first answer is stored for 24 h and replayed for the same request.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use ring::digest::{SHA256, digest};

use crate::model::Env;

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

/// A first answer, exactly as it was sent.
#[derive(Debug, Clone)]
pub(crate) struct StoredAnswer {
    pub(crate) status: u16,
    pub(crate) body: Bytes,
    pub(crate) request_id: String,
}

#[derive(Debug, Clone)]
struct Entry {
    fingerprint: Fingerprint,
    answer: StoredAnswer,
    at: Instant,
}

/// What to do with a request that carries a key.
#[derive(Debug)]
pub(crate) enum Lookup {
    /// Never seen: apply, then [`IdempotencyStore::store`].
    Fresh,
    /// Seen with the same request: send this again.
    Replay(StoredAnswer),
    /// Seen with another request: 409.
    Reused,
}

/// Stored answers, by environment and key (the emulator serves one team, so the team is
/// implied).
#[derive(Debug, Default)]
pub(crate) struct IdempotencyStore {
    answers: HashMap<(Env, String), Entry>,
}

impl IdempotencyStore {
    pub(crate) fn lookup(&mut self, env: Env, key: &str, fingerprint: &Fingerprint) -> Lookup {
        self.answers
            .retain(|_, entry| entry.at.elapsed() < RETENTION);
        match self.answers.get(&(env, key.to_owned())) {
            None => Lookup::Fresh,
            Some(entry) if entry.fingerprint == *fingerprint => {
                Lookup::Replay(entry.answer.clone())
            }
            Some(_) => Lookup::Reused,
        }
    }

    /// Keeps a 2xx or 4xx answer; a 5xx is not kept, so a retry after it can succeed.
    pub(crate) fn store(
        &mut self,
        env: Env,
        key: &str,
        fingerprint: Fingerprint,
        answer: StoredAnswer,
    ) {
        if answer.status < 500 {
            self.answers.insert(
                (env, key.to_owned()),
                Entry {
                    fingerprint,
                    answer,
                    at: Instant::now(),
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16) -> StoredAnswer {
        StoredAnswer {
            status,
            body: Bytes::from_static(b"{}"),
            request_id: "req_1".into(),
        }
    }

    #[test]
    fn replays_the_same_request_and_refuses_another() {
        let mut store = IdempotencyStore::default();
        let first = Fingerprint::of("POST", "/a", b"{}");
        assert!(matches!(
            store.lookup(Env::Test, "k", &first),
            Lookup::Fresh
        ));
        store.store(Env::Test, "k", first.clone(), answer(201));
        assert!(
            matches!(store.lookup(Env::Test, "k", &first), Lookup::Replay(a) if a.status == 201)
        );
        for other in [
            Fingerprint::of("PATCH", "/a", b"{}"),
            Fingerprint::of("POST", "/b", b"{}"),
            Fingerprint::of("POST", "/a", b"{ }"),
        ] {
            assert!(matches!(
                store.lookup(Env::Test, "k", &other),
                Lookup::Reused
            ));
        }
        assert!(
            matches!(store.lookup(Env::Live, "k", &first), Lookup::Fresh),
            "per environment"
        );
    }

    #[test]
    fn server_errors_are_not_kept() {
        let mut store = IdempotencyStore::default();
        let print = Fingerprint::of("POST", "/a", b"{}");
        store.store(Env::Test, "k", print.clone(), answer(500));
        assert!(matches!(
            store.lookup(Env::Test, "k", &print),
            Lookup::Fresh
        ));
        store.store(Env::Test, "k", print.clone(), answer(400));
        assert!(
            matches!(store.lookup(Env::Test, "k", &print), Lookup::Replay(a) if a.status == 400)
        );
    }
}
