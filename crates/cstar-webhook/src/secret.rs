//! A signing secret that never prints.

use std::fmt;

/// A webhook signing secret (`whsec_...`). The HMAC key is the UTF-8 bytes of the whole string,
/// prefix included, as cStar signs. `Debug` shows only the prefix and the last four characters.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret as shown once by cStar when the webhook was created.
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    pub(crate) fn key_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `whsec_…abcd`: enough to tell two secrets apart in a log, not enough to use one.
    pub fn redacted(&self) -> String {
        let prefix = if self.0.starts_with("whsec_") {
            "whsec_"
        } else {
            ""
        };
        let chars: Vec<char> = self.0.chars().collect();
        if chars.len() >= prefix.len() + 12 {
            let tail: String = chars[chars.len() - 4..].iter().collect();
            format!("{prefix}…{tail}")
        } else {
            format!("{prefix}…")
        }
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({})", self.redacted())
    }
}

impl From<&str> for Secret {
    fn from(secret: &str) -> Self {
        Self::new(secret)
    }
}

impl From<String> for Secret {
    fn from(secret: String) -> Self {
        Self(secret)
    }
}

impl From<&String> for Secret {
    fn from(secret: &String) -> Self {
        Self(secret.clone())
    }
}
