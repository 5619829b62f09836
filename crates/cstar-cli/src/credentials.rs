//! Where the key comes from: `CSTAR_SECRET_KEY` / `CSTAR_TEAM_ID` / `CSTAR_BASE_URL`, or the
//! profile file `cstar login` writes (0600, in the platform's config directory).

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use cstar_admin::{ApiKey, CStarClient};
use serde::{Deserialize, Serialize};

use crate::error::CliError;

/// The profile's file name inside the config directory.
const PROFILE_FILE: &str = "profile.json";

/// What `cstar login` stores.
#[derive(Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Profile {
    pub(crate) api_key: String,
    pub(crate) team_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) base_url: Option<String>,
}

impl fmt::Debug for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Profile")
            .field("api_key", &redacted(&self.api_key))
            .field("team_id", &self.team_id)
            .field("base_url", &self.base_url)
            .finish()
    }
}

/// Where a command's credentials came from, for `cstar status`.
#[derive(Clone, Debug)]
pub(crate) enum Source {
    Environment,
    Profile(PathBuf),
}

/// The credentials in force, and where they came from.
#[derive(Debug)]
pub(crate) struct Credentials {
    pub(crate) profile: Profile,
    pub(crate) source: Source,
}

impl Credentials {
    /// The environment when `CSTAR_SECRET_KEY` and `CSTAR_TEAM_ID` are set, the profile when
    /// neither is (one without the other is a mistake worth saying); `CSTAR_BASE_URL` overrides
    /// the base URL of either.
    pub(crate) fn resolve() -> Result<Self, CliError> {
        let base_url = env_var("CSTAR_BASE_URL");
        let mut found = match (env_var("CSTAR_SECRET_KEY"), env_var("CSTAR_TEAM_ID")) {
            (Some(_), None) => {
                return Err(CliError::usage(
                    "CSTAR_SECRET_KEY is set but CSTAR_TEAM_ID is not",
                ));
            }
            (None, Some(_)) => {
                return Err(CliError::usage(
                    "CSTAR_TEAM_ID is set but CSTAR_SECRET_KEY is not",
                ));
            }
            (Some(api_key), Some(team_id)) => Self {
                profile: Profile {
                    api_key,
                    team_id,
                    base_url: None,
                },
                source: Source::Environment,
            },
            _ => {
                let path = profile_path()?;
                let profile = read_profile(&path)?.ok_or_else(|| {
                    CliError::usage(
                        "no credentials: set CSTAR_SECRET_KEY and CSTAR_TEAM_ID, or run `cstar login`",
                    )
                })?;
                Self {
                    profile,
                    source: Source::Profile(path),
                }
            }
        };
        if base_url.is_some() {
            found.profile.base_url = base_url;
        }
        Ok(found)
    }

    /// An admin client for these credentials.
    pub(crate) fn client(&self) -> Result<CStarClient, CliError> {
        let mut builder = CStarClient::builder()
            .api_key(&self.profile.api_key)
            .team_id(&self.profile.team_id);
        if let Some(url) = &self.profile.base_url {
            builder = builder.base_url(url);
        }
        Ok(builder.build()?)
    }
}

/// Resolves the credentials and builds a client: what most commands start with.
pub(crate) fn client() -> Result<CStarClient, CliError> {
    Credentials::resolve()?.client()
}

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// `CSTAR_CONFIG_DIR` as given, else `cstar/` in `XDG_CONFIG_HOME`, else in the platform's
/// config directory (`~/.config`, `~/Library/Application Support`, `%APPDATA%`).
pub(crate) fn config_dir() -> Result<PathBuf, CliError> {
    if let Some(dir) = env_var("CSTAR_CONFIG_DIR") {
        return Ok(PathBuf::from(dir));
    }
    if let Some(dir) = env_var("XDG_CONFIG_HOME") {
        return Ok(Path::new(&dir).join("cstar"));
    }
    let base = if cfg!(windows) {
        env_var("APPDATA").map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        env_var("HOME").map(|home| Path::new(&home).join("Library/Application Support"))
    } else {
        env_var("HOME").map(|home| Path::new(&home).join(".config"))
    };
    base.map(|dir| dir.join("cstar")).ok_or_else(|| {
        CliError::usage("no config directory: set CSTAR_CONFIG_DIR, XDG_CONFIG_HOME or HOME")
    })
}

/// The profile file's path.
pub(crate) fn profile_path() -> Result<PathBuf, CliError> {
    Ok(config_dir()?.join(PROFILE_FILE))
}

/// The stored profile; `None` when there is none.
pub(crate) fn read_profile(path: &Path) -> Result<Option<Profile>, CliError> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(CliError::local(format!(
                "cannot read {}: {e}",
                path.display()
            )));
        }
    };
    serde_json::from_str(&text).map(Some).map_err(|e| {
        CliError::local(format!(
            "{} is not a cstar profile ({e}); run `cstar login` again",
            path.display()
        ))
    })
}

/// Writes the profile readable by its owner only.
pub(crate) fn write_profile(path: &Path, profile: &Profile) -> Result<(), CliError> {
    let text = serde_json::to_vec_pretty(profile)
        .map_err(|e| CliError::local(format!("cannot encode the profile: {e}")))?;
    write_private(path, &text)
}

/// Writes a file readable by its owner only: a new file made 0600 from the start (in a 0700
/// directory), then renamed over the old one, so the content is never briefly world-readable.
pub(crate) fn write_private(path: &Path, content: &[u8]) -> Result<(), CliError> {
    let fail = |what: &str, e: std::io::Error| {
        CliError::local(format!("cannot {what} {}: {e}", path.display()))
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private_dir(dir).map_err(|e| fail("create the directory of", e))?;
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = PathBuf::from(temporary);
    let _ = fs::remove_file(&temporary);
    let mut file = private_file(&temporary).map_err(|e| fail("create", e))?;
    file.write_all(content)
        .and_then(|()| file.sync_all())
        .map_err(|e| fail("write", e))?;
    fs::rename(&temporary, path).map_err(|e| fail("write", e))
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)
}

#[cfg(unix)]
fn private_file(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn private_file(path: &Path) -> std::io::Result<fs::File> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

/// A key as it may be shown: prefix and last four characters.
pub(crate) fn redacted(key: &str) -> String {
    ApiKey::new(key).map_or_else(|_| "(not a cStar key)".to_owned(), |k| k.redacted())
}
