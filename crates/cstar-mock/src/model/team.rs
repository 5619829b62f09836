//! Who the emulator serves: the team, its keys, and what a key reaches.

/// The team the emulator serves.
#[derive(Clone, Debug)]
pub(crate) struct Team {
    pub(crate) id: String,
    pub(crate) slug: String,
    pub(crate) name: String,
    pub(crate) secret_key: String,
    pub(crate) publishable_key: String,
    /// The chat widget's identity-verification secret (a setting of its own in cStar).
    pub(crate) identity_secret: String,
}

/// The data environment a key reaches: test and live keys see separate data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Env {
    Live,
    Test,
}

impl Env {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Live => "live",
            Self::Test => "test",
        }
    }

    /// The environment a key of this one does not reach.
    pub(crate) fn other(self) -> Self {
        match self {
            Self::Live => Self::Test,
            Self::Test => Self::Live,
        }
    }
}

/// Secret keys may write; publishable keys only read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyKind {
    Secret,
    Publishable,
}

impl KeyKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Secret => "secret",
            Self::Publishable => "publishable",
        }
    }
}
