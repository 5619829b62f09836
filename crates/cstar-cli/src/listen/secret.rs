//! The local signing secret of `cstar listen`: made once, kept beside the profile, so that a
//! receiver configured with it keeps working across runs.

use std::path::PathBuf;

use ring::rand::{SecureRandom, SystemRandom};

use crate::credentials::{config_dir, write_private};
use crate::error::CliError;

const SECRET_FILE: &str = "listen-secret";

/// The stored secret, or a new one stored now. A secret that cannot be stored still works for
/// this run (with a warning), since forwarding matters more than keeping it.
pub(crate) fn local_secret() -> Result<String, CliError> {
    let path = secret_path()?;
    if let Ok(text) = std::fs::read_to_string(&path) {
        let text = text.trim();
        if text.starts_with("whsec_") && text.len() > "whsec_".len() {
            return Ok(text.to_owned());
        }
    }
    let secret = generate()?;
    if let Err(e) = write_private(&path, secret.as_bytes()) {
        eprintln!("warning: the signing secret is for this run only: {e}");
    }
    Ok(secret)
}

fn secret_path() -> Result<PathBuf, CliError> {
    Ok(config_dir()?.join(SECRET_FILE))
}

/// `whsec_` and 32 random bytes in hex.
fn generate() -> Result<String, CliError> {
    let mut bytes = [0u8; 32];
    SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| CliError::local("the system's random source failed"))?;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!("whsec_{hex}"))
}
