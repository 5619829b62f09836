//! Where a session is kept between calls (and, with [`FileStore`], between runs).

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// Why a store could not keep or read a session.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SessionStoreError {
    /// Reading or writing the file failed.
    #[error("session store {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The store holds something that is not a session: clear it, and sign in again.
    #[error("the session store holds no readable session ({reason}): clear it and sign in again")]
    Corrupt {
        /// Why.
        reason: String,
    },
    /// A store of your own failed.
    #[error("session store: {0}")]
    Other(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// Keeps one session, as an opaque JSON document (tokens inside: keep it private). Implement it
/// to use your platform's secure storage (a keychain, an encrypted preference).
pub trait SessionStore: Send + Sync + 'static {
    /// The stored document, if any.
    ///
    /// # Errors
    ///
    /// When the store cannot be read.
    fn load(&self) -> Result<Option<String>, SessionStoreError>;

    /// Replaces the stored document.
    ///
    /// # Errors
    ///
    /// When it cannot be written.
    fn save(&self, session: &str) -> Result<(), SessionStoreError>;

    /// Forgets the session.
    ///
    /// # Errors
    ///
    /// When it cannot be removed.
    fn clear(&self) -> Result<(), SessionStoreError>;
}

/// The session in memory, for servers and tests (the default); gone when the process ends.
#[derive(Default)]
pub struct MemoryStore(Mutex<Option<String>>);

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }
}

impl fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemoryStore").finish_non_exhaustive()
    }
}

impl SessionStore for MemoryStore {
    fn load(&self) -> Result<Option<String>, SessionStoreError> {
        Ok(self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone())
    }

    fn save(&self, session: &str) -> Result<(), SessionStoreError> {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some(session.to_owned());
        Ok(())
    }

    fn clear(&self) -> Result<(), SessionStoreError> {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = None;
        Ok(())
    }
}

/// The session in a file, for desktop apps: readable by the owner only (mode 0600 on Unix),
/// replaced atomically (written beside, then renamed). Give each client its own file.
#[derive(Debug)]
pub struct FileStore {
    path: PathBuf,
}

impl FileStore {
    /// A store at this path (the file is created on the first save).
    pub fn new(path: impl AsRef<Path>) -> Self {
        Self {
            path: path.as_ref().to_path_buf(),
        }
    }

    fn io(&self, source: std::io::Error) -> SessionStoreError {
        SessionStoreError::Io {
            path: self.path.display().to_string(),
            source,
        }
    }
}

impl SessionStore for FileStore {
    fn load(&self) -> Result<Option<String>, SessionStoreError> {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                Err(SessionStoreError::Corrupt {
                    reason: format!("{} is not UTF-8", self.path.display()),
                })
            }
            Err(e) => Err(self.io(e)),
        }
    }

    fn save(&self, session: &str) -> Result<(), SessionStoreError> {
        let temp = self.path.with_extension("tmp");
        write_private(&temp, session.as_bytes()).map_err(|e| self.io(e))?;
        std::fs::rename(&temp, &self.path).map_err(|e| self.io(e))
    }

    fn clear(&self) -> Result<(), SessionStoreError> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(self.io(e)),
        }
    }
}

/// Writes a file only its owner may read (tokens are in it).
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Reads the stored session as `T` (what the clients that keep sessions use); a document that
/// is not one is [`SessionStoreError::Corrupt`].
///
/// # Errors
///
/// [`Error::SessionStore`](crate::Error::SessionStore): the store's own failure, or `Corrupt`.
pub fn load_json<T: serde::de::DeserializeOwned>(
    store: &dyn SessionStore,
) -> crate::Result<Option<T>> {
    let Some(text) = store.load()? else {
        return Ok(None);
    };
    serde_json::from_str(&text).map(Some).map_err(|e| {
        SessionStoreError::Corrupt {
            reason: e.to_string(),
        }
        .into()
    })
}

/// Stores `session` as JSON.
///
/// # Errors
///
/// [`Error::SessionStore`](crate::Error::SessionStore) when it cannot be kept.
pub fn save_json<T: serde::Serialize>(store: &dyn SessionStore, session: &T) -> crate::Result<()> {
    let text = serde_json::to_string(session).map_err(|e| SessionStoreError::Corrupt {
        reason: e.to_string(),
    })?;
    Ok(store.save(&text)?)
}
