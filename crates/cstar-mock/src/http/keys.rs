//! API keys: reading `Authorization: Bearer <key>` and telling which key, kind and environment.

use axum::http::HeaderMap;

use crate::http::error::ApiFailure;
use crate::model::{Env, KeyKind, Team};

/// A key the emulator accepted.
#[derive(Clone, Debug)]
pub(crate) struct Caller {
    pub(crate) key: String,
    pub(crate) kind: KeyKind,
    pub(crate) env: Env,
}

fn authentication_error(code: &'static str, message: &str) -> ApiFailure {
    ApiFailure::new(401, "authentication_error", code, message)
}

/// The environment a well-formed key reaches.
pub(crate) fn env_of(key: &str) -> Env {
    if key.get(2..8) == Some("_live_") {
        Env::Live
    } else {
        Env::Test
    }
}

/// Checks the `Authorization` header against the team's keys.
pub(crate) fn authenticate(team: &Team, headers: &HeaderMap) -> Result<Caller, ApiFailure> {
    let missing = || {
        authentication_error(
            "authentication_required",
            "Send your API key as 'Authorization: Bearer <key>'",
        )
    };
    // More than one Authorization header is as malformed as a missing one.
    let mut values = headers.get_all("authorization").iter();
    let (Some(value), None) = (values.next(), values.next()) else {
        return Err(missing());
    };
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(missing)?;
    if token.is_empty() || token.chars().any(char::is_whitespace) {
        return Err(missing());
    }
    let (kind, env) = match token.get(..8) {
        Some("sk_live_") => (KeyKind::Secret, Env::Live),
        Some("sk_test_") => (KeyKind::Secret, Env::Test),
        Some("pk_live_") => (KeyKind::Publishable, Env::Live),
        Some("pk_test_") => (KeyKind::Publishable, Env::Test),
        _ => {
            return Err(authentication_error(
                "invalid_key_format",
                "API keys start with sk_live_, sk_test_, pk_live_ or pk_test_",
            ));
        }
    };
    let known = match kind {
        KeyKind::Secret => token == team.secret_key,
        KeyKind::Publishable => token == team.publishable_key,
    };
    if !known {
        return Err(authentication_error(
            "invalid_api_key",
            "The API key is invalid, revoked, or from another environment",
        ));
    }
    Ok(Caller {
        key: token.to_owned(),
        kind,
        env,
    })
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn team() -> Team {
        Team {
            id: "t".into(),
            slug: "acme".into(),
            name: "Acme".into(),
            secret_key: "sk_test_abc".into(),
            publishable_key: "pk_live_def".into(),
            identity_secret: "idsec_test_identity".into(),
        }
    }

    fn code(values: &[&str]) -> Result<(KeyKind, Env), &'static str> {
        let mut headers = HeaderMap::new();
        for v in values {
            headers.append("authorization", HeaderValue::from_str(v).unwrap());
        }
        authenticate(&team(), &headers)
            .map(|c| (c.kind, c.env))
            .map_err(|f| f.code)
    }

    #[test]
    fn tells_every_failure_apart() {
        assert_eq!(code(&[]), Err("authentication_required"));
        assert_eq!(code(&["sk_test_abc"]), Err("authentication_required"));
        assert_eq!(
            code(&["bearer sk_test_abc"]),
            Err("authentication_required")
        );
        assert_eq!(code(&["Bearer "]), Err("authentication_required"));
        assert_eq!(
            code(&["Bearer  sk_test_abc"]),
            Err("authentication_required")
        );
        assert_eq!(
            code(&["Bearer sk_test_abc", "Bearer sk_test_abc"]),
            Err("authentication_required")
        );
        assert_eq!(code(&["Bearer sk_abc"]), Err("invalid_key_format"));
        assert_eq!(code(&["Bearer sk_test_abd"]), Err("invalid_api_key"));
        assert_eq!(code(&["Bearer pk_test_def"]), Err("invalid_api_key"));
        assert_eq!(
            code(&["Bearer sk_test_abc"]),
            Ok((KeyKind::Secret, Env::Test))
        );
        assert_eq!(
            code(&["Bearer pk_live_def"]),
            Ok((KeyKind::Publishable, Env::Live))
        );
    }
}
