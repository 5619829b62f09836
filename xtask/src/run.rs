//! Running a command, echoing it first, and turning a failure into a message; timing CI steps.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

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

    pub(crate) fn env_remove(mut self, name: &str) -> Self {
        self.command.env_remove(name);
        self
    }

    pub(crate) fn current_dir(mut self, dir: &std::path::Path) -> Self {
        self.command.current_dir(dir);
        self.shown = format!("(cd {} && {})", dir.display(), self.shown);
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

    /// Whether the command runs and exits 0, with its output discarded.
    pub(crate) fn succeeds(mut self) -> bool {
        self.command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    /// Starts the command with its stdout piped (and its stdin, when `piped_stdin`), and returns
    /// the child with the command line as shown.
    pub(crate) fn spawn(mut self, piped_stdin: bool) -> Result<(Child, String), String> {
        println!("==> {}", self.shown);
        self.command.stdout(Stdio::piped());
        if piped_stdin {
            self.command.stdin(Stdio::piped());
        }
        let child = self
            .command
            .spawn()
            .map_err(|e| format!("could not start `{}`: {e}", self.shown))?;
        Ok((child, self.shown))
    }
}

/// `cargo` with these arguments, using the cargo that runs xtask.
pub(crate) fn cargo(args: &[&str]) -> Step {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    Step::new(&cargo).args(args)
}

/// The CI steps run so far and how long each took, so that the output shows what each costs.
#[derive(Default)]
pub(crate) struct Timings {
    done: Vec<(String, Duration)>,
}

impl Timings {
    /// Runs one named step, printing its duration whether it passes or fails.
    pub(crate) fn step(
        &mut self,
        name: &str,
        body: impl FnOnce() -> Result<(), String>,
    ) -> Result<(), String> {
        println!("\n### step: {name}");
        let started = Instant::now();
        let result = body();
        let took = started.elapsed();
        let verdict = if result.is_ok() { "ok" } else { "FAILED" };
        println!("### step: {name}: {verdict} in {}", seconds(took));
        self.done.push((name.to_owned(), took));
        result.map_err(|e| format!("{name}: {e}"))
    }

    /// The table of every step's duration and the total.
    pub(crate) fn print_summary(&self) {
        println!("\nstep durations:");
        let width = self.done.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
        for (name, took) in &self.done {
            println!("  {name:<width$}  {:>8}", seconds(*took));
        }
        let total: Duration = self.done.iter().map(|(_, t)| *t).sum();
        println!("  {:<width$}  {:>8}", "total", seconds(total));
    }
}

fn seconds(took: Duration) -> String {
    format!("{:.1} s", took.as_secs_f64())
}
