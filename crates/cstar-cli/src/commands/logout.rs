//! `cstar logout`: removes the stored profile.

use serde_json::json;

use crate::credentials::profile_path;
use crate::error::CliError;
use crate::output::Output;

pub(crate) fn run(out: Output) -> Result<(), CliError> {
    let path = profile_path()?;
    let removed = match std::fs::remove_file(&path) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => {
            return Err(CliError::local(format!(
                "cannot remove {}: {e}",
                path.display()
            )));
        }
    };
    let human = if removed {
        format!("Logged out: removed {}.", path.display())
    } else {
        format!("Not logged in: there is no {}.", path.display())
    };
    out.result(&human, &json!({"removed": removed, "profile": path}))
}
