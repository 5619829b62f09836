//! API keys: which kind and environment a key is, and keeping it out of every printout.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use crate::error::ConfigError;

/// Whether a key may write (secret) or only read (publishable).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyKind {
    /// `sk_*`: full read and write access; server side only.
    Secret,
    /// `pk_*`: read-only; writes are answered 403 `publishable_key_write`.
    Publishable,
}

/// Which of the team's two separate data sets a key reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Environment {
    /// `*_live_*`: production data.
    Live,
    /// `*_test_*`: the sandbox; nothing here is visible to live keys.
    Test,
}

const PREFIXES: [(&str, KeyKind, Environment); 4] = [
    ("sk_live_", KeyKind::Secret, Environment::Live),
    ("sk_test_", KeyKind::Secret, Environment::Test),
    ("pk_live_", KeyKind::Publishable, Environment::Live),
    ("pk_test_", KeyKind::Publishable, Environment::Test),
];

/// A cStar API key (`sk_live_`, `sk_test_`, `pk_live_` or `pk_test_` + base64url characters).
///
/// `Debug` and `Display` show only the prefix and the last four characters, so a key can be
/// logged by accident without leaking. The full value is reachable only through
/// [`ApiKey::expose_secret`], a name meant to stand out in review.
///
/// ```
/// use cstar_core::{ApiKey, Environment, KeyKind};
///
/// let key: ApiKey = "sk_test_a1B2c3D4e5F6g7H8i9J0k-L2m3N4o5P6".parse()?;
/// assert_eq!(key.kind(), KeyKind::Secret);
/// assert_eq!(key.environment(), Environment::Test);
/// assert_eq!(format!("{key:?}"), "ApiKey(sk_test_…o5P6)");
/// assert!("sk_prod_123".parse::<ApiKey>().is_err());
/// # Ok::<(), cstar_core::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey {
    value: Arc<str>,
    kind: KeyKind,
    environment: Environment,
}

impl ApiKey {
    /// Parses and checks a key.
    ///
    /// # Errors
    ///
    /// [`ConfigError::InvalidApiKey`] when the key has no known prefix, nothing after the prefix,
    /// surrounding whitespace, or characters outside base64url. The message never repeats the key.
    pub fn new(value: impl AsRef<str>) -> Result<Self, ConfigError> {
        let value = value.as_ref();
        if value.trim() != value {
            return Err(invalid("it has leading or trailing whitespace"));
        }
        let Some((prefix, kind, environment)) = PREFIXES
            .iter()
            .find(|(prefix, ..)| value.starts_with(prefix))
        else {
            return Err(invalid(
                "it must start with sk_live_, sk_test_, pk_live_ or pk_test_",
            ));
        };
        let body = &value[prefix.len()..];
        if body.is_empty() {
            return Err(invalid("nothing follows the prefix"));
        }
        if !body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return Err(invalid(
                "after the prefix only base64url characters (A-Z a-z 0-9 - _) may follow",
            ));
        }
        Ok(Self {
            value: Arc::from(value),
            kind: *kind,
            environment: *environment,
        })
    }

    /// Secret or publishable.
    pub fn kind(&self) -> KeyKind {
        self.kind
    }

    /// Live or test.
    pub fn environment(&self) -> Environment {
        self.environment
    }

    /// Whether this is a secret (`sk_*`) key.
    pub fn is_secret(&self) -> bool {
        self.kind == KeyKind::Secret
    }

    /// The full key, for the `Authorization` header. Do not log it.
    pub fn expose_secret(&self) -> &str {
        &self.value
    }

    /// The prefix and the last four characters, e.g. `sk_test_…o5P6`.
    pub fn redacted(&self) -> String {
        redact(&self.value)
    }
}

/// Shows a credential as its `xx_env_` prefix and last four characters; a short body shows none
/// of it, so that redaction never reveals most of a secret.
pub(crate) fn redact(value: &str) -> String {
    let prefix_len = value
        .match_indices('_')
        .nth(1)
        .map_or(0, |(at, _)| at + 1)
        .min(value.len());
    let (prefix, body) = value.split_at(prefix_len);
    let chars: Vec<char> = body.chars().collect();
    if chars.len() >= 12 {
        let tail: String = chars[chars.len() - 4..].iter().collect();
        format!("{prefix}…{tail}")
    } else {
        format!("{prefix}…")
    }
}

fn invalid(reason: &'static str) -> ConfigError {
    ConfigError::InvalidApiKey { reason }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({})", self.redacted())
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl FromStr for ApiKey {
    type Err = crate::Error;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(Self::new(value)?)
    }
}

impl TryFrom<&str> for ApiKey {
    type Error = crate::Error;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl TryFrom<String> for ApiKey {
    type Error = crate::Error;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "a1B2c3D4e5F6g7H8i9J0k-L2m3N4o5P6";

    #[test]
    fn tells_kind_and_environment_apart() {
        for (prefix, kind, env) in PREFIXES {
            let key = ApiKey::new(format!("{prefix}{BODY}")).unwrap();
            assert_eq!((key.kind(), key.environment()), (kind, env), "{prefix}");
        }
    }

    #[test]
    fn rejects_malformed_keys_without_echoing_them() {
        for bad in [
            "",
            "sk_test_",
            "sk_prod_abcdef",
            " sk_test_abcdef",
            "sk_test_abc def",
            "sk_test_abc/def",
            "Bearer sk_test_abc",
            "rk_test_abcdef",
        ] {
            let err = ApiKey::new(bad).unwrap_err();
            let text = err.to_string();
            if bad.len() > 9 {
                assert!(!text.contains(bad.trim()), "{text} repeats {bad}");
            }
        }
    }

    #[test]
    fn never_prints_the_key() {
        let full = format!("sk_live_{BODY}");
        let key = ApiKey::new(&full).unwrap();
        for shown in [format!("{key:?}"), format!("{key}"), key.redacted()] {
            assert!(!shown.contains(BODY), "{shown}");
            assert!(
                shown.ends_with("o5P6") || shown.ends_with("o5P6)"),
                "{shown}"
            );
        }
    }

    #[test]
    fn short_keys_show_no_body_at_all() {
        assert_eq!(redact("sk_test_abcdef"), "sk_test_…");
        assert_eq!(redact("weird"), "…");
    }
}
