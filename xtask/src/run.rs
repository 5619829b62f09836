//! Running a command, echoing it first, and turning a failure into a message.

use std::process::Command;

/// One command to run.
pub(crate) struct Step {
    command: Command,
    shown: String,
}

impl Step {
    pub(crate) fn new(program: &str) -> Self {
        Self {
            command: Command::new(program),
            shown: program.to_owned(),
        }
    }

    pub(crate) fn args(mut self, args: &[&str]) -> Self {
        self.command.args(args);
        for arg in args {
            self.shown.push(' ');
            self.shown.push_str(arg);
        }
        self
    }

    pub(crate) fn env(mut self, name: &str, value: &str) -> Self {
        self.command.env(name, value);
        self.shown = format!("{name}={value} {}", self.shown);
        self
    }

    /// Runs to completion with inherited output.
    pub(crate) fn run(mut self) -> Result<(), String> {
        println!("==> {}", self.shown);
        let status = self
            .command
            .status()
            .map_err(|e| format!("could not start `{}`: {e}", self.shown))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{}` failed ({status})", self.shown))
        }
    }

    /// Runs and returns what it printed on stdout.
    pub(crate) fn output(mut self) -> Result<String, String> {
        let output = self
            .command
            .output()
            .map_err(|e| format!("could not start `{}`: {e}", self.shown))?;
        if !output.status.success() {
            return Err(format!(
                "`{}` failed ({}): {}",
                self.shown,
                output.status,
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }
}

/// `cargo` with these arguments, using the cargo that runs xtask.
pub(crate) fn cargo(args: &[&str]) -> Step {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    Step::new(&cargo).args(args)
}
