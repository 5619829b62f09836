//! A Markdown table of figures, printed and written to `target/bench/<name>.md`.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// The figures of one benchmark program.
pub struct Report {
    name: String,
    title: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    notes: Vec<String>,
}

impl Report {
    /// A report written to `target/bench/{name}.md`.
    pub fn new(name: &str, title: &str) -> Self {
        Self {
            name: name.to_owned(),
            title: title.to_owned(),
            header: Vec::new(),
            rows: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Adds a row; the first row's labels become the header.
    pub fn row(&mut self, cells: &[(&str, String)]) {
        if self.header.is_empty() {
            self.header = cells.iter().map(|(label, _)| (*label).to_owned()).collect();
        }
        self.rows
            .push(cells.iter().map(|(_, value)| value.clone()).collect());
    }

    /// Adds a line under the table.
    pub fn note(&mut self, text: &str) {
        self.notes.push(text.to_owned());
    }

    fn markdown(&self, failed: bool) -> String {
        let mut out = format!("# {}\n\n", self.title);
        let _ = writeln!(out, "| {} |", self.header.join(" | "));
        let _ = writeln!(out, "|{}|", vec!["---"; self.header.len()].join("|"));
        for row in &self.rows {
            let _ = writeln!(out, "| {} |", row.join(" | "));
        }
        out.push('\n');
        for note in &self.notes {
            let _ = writeln!(out, "{note}\n");
        }
        let verdict = if failed {
            "FAILED: a target was missed"
        } else {
            "PASSED: every target met"
        };
        let _ = writeln!(out, "Result: {verdict}.");
        out
    }

    /// Prints the table, writes the file, and exits non-zero when a target was missed.
    pub fn finish(self, failed: bool) -> ExitCode {
        let text = self.markdown(failed);
        println!("{text}");
        let dir = target_dir().join("bench");
        let path = dir.join(format!("{}.md", self.name));
        match std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, &text)) {
            Ok(()) => println!("written to {}", path.display()),
            Err(e) => {
                eprintln!("could not write {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
        if failed {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// `CARGO_TARGET_DIR`, else `target` next to the workspace manifest this crate sits in.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join("target")
        },
        PathBuf::from,
    )
}
