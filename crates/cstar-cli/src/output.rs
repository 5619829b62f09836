//! Where results go: sentences for people by default, JSON with `--json`.

use std::io::{IsTerminal, Write};

use serde::Serialize;

use crate::error::CliError;

/// How a command prints its result on stdout.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Output {
    json: bool,
}

impl Output {
    pub(crate) fn new(json: bool) -> Self {
        Self { json }
    }

    /// Whether `--json` was given.
    pub(crate) fn is_json(self) -> bool {
        self.json
    }

    /// Prints `human` as it is, or `value` as JSON with `--json`.
    pub(crate) fn result<T: Serialize + ?Sized>(
        self,
        human: &str,
        value: &T,
    ) -> Result<(), CliError> {
        if self.json {
            print_json(value)
        } else {
            line(human)
        }
    }
}

/// Prints a line on stdout and flushes it, so that a program reading our output (a test, a
/// pipe) sees it at once.
pub(crate) fn line(text: &str) -> Result<(), CliError> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{text}")
        .and_then(|()| stdout.flush())
        .map_err(|e| CliError::local(format!("cannot write to stdout: {e}")))
}

/// Prints JSON: indented on a terminal, one line otherwise (for `jq` and scripts).
pub(crate) fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<(), CliError> {
    let text = if std::io::stdout().is_terminal() {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    }
    .map_err(|e| CliError::local(format!("cannot encode the result as JSON: {e}")))?;
    line(&text)
}
