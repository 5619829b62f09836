//! Where the session is kept between calls (and, with [`FileStore`], between runs).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::session::Session;

/// Why a store could not keep or read the session.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Reading or writing the file failed.
    #[error("session store {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The file holds something that is not a session.
    #[error("session store {path} is unreadable: {reason}")]
    Corrupt {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
}

/// Keeps the session. Implement it to use your platform's secure storage.
pub trait SessionStore: Send + Sync + 'static {
    /// The stored session, if any.
    ///
    /// # Errors
    ///
    /// When the store cannot be read.
    fn load(&self) -> Result<Option<Session>, StoreError>;

    /// Replaces the stored session.
    ///
    /// # Errors
    ///
    /// When it cannot be written.
    fn save(&self, session: &Session) -> Result<(), StoreError>;

    /// Forgets the session.
    ///
    /// # Errors
    ///
    /// When it cannot be removed.
    fn clear(&self) -> Result<(), StoreError>;
}

/// The session in memory, for servers and tests (the default).
#[derive(Debug, Default)]
pub struct MemoryStore(Mutex<Option<Session>>);

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }
}

impl SessionStore for MemoryStore {
    fn load(&self) -> Result<Option<Session>, StoreError> {
        Ok(self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone())
    }

    fn save(&self, session: &Session) -> Result<(), StoreError> {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some(session.clone());
        Ok(())
    }

    fn clear(&self) -> Result<(), StoreError> {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = None;
        Ok(())
    }
}

/// The session in a JSON file, for desktop apps: readable by the owner only (mode 0600 on Unix),
/// replaced atomically (written beside, then renamed).
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

    fn io(&self, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: self.path.display().to_string(),
            source,
        }
    }
}

impl SessionStore for FileStore {
    fn load(&self) -> Result<Option<Session>, StoreError> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(self.io(e)),
        };
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| StoreError::Corrupt {
                path: self.path.display().to_string(),
                reason: e.to_string(),
            })
    }

    fn save(&self, session: &Session) -> Result<(), StoreError> {
        let bytes = serde_json::to_vec(session).map_err(|e| self.io(std::io::Error::other(e)))?;
        let temp = self.path.with_extension("tmp");
        write_private(&temp, &bytes).map_err(|e| self.io(e))?;
        std::fs::rename(&temp, &self.path).map_err(|e| self.io(e))
    }

    fn clear(&self) -> Result<(), StoreError> {
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
