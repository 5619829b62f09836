//! Build-cost guard: every public method that makes a call (it returns a `Call` or an
//! `ItemStream`, or is `async`) is `#[inline]`.
//!
//! A non-generic method is compiled in the crate that defines it, with every response model's
//! decoder it instantiates, whether the user's program calls it or not: cstar-admin spent 4.5 of
//! its 6.5 s of build there for a program making one call. `#[inline]` moves each method's
//! code into the crate that calls it, so a program compiles the calls it makes and no others
//! (cstar-admin: 2 s). A new method without it would bring the cost back unnoticed.

use std::path::Path;

/// Every `pub fn` / `pub async fn` making a call, in cstar-admin and the customer crates, that is not
/// `#[inline]`, as `path:line`.
pub(crate) fn missing() -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    // cstar-admin and the customer-facing crates (the browser crates but cstar-webhook).
    let customer_facing = &crate::ci::BROWSER_CRATES[..6];
    for krate in std::iter::once(&"cstar-admin").chain(customer_facing) {
        walk(&Path::new("crates").join(krate).join("src"), &mut found)?;
    }
    Ok(found)
}

fn walk(dir: &Path, found: &mut Vec<String>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, found)?;
        } else if path.extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("reading {}: {e}", path.display()))?;
            for line in uninlined_calls(&text) {
                found.push(format!("{}:{line}", path.display()));
            }
        }
    }
    Ok(())
}

/// The 1-based lines of `text`'s call-making public methods without `#[inline]` just above.
fn uninlined_calls(text: &str) -> Vec<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut missing = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let is_async = trimmed.starts_with("pub async fn ");
        if !is_async && !trimmed.starts_with("pub fn ") {
            continue;
        }
        // The signature runs to its body's `{` (or a `;`).
        let signature: String = lines[index..]
            .iter()
            .take_while(|l| !l.contains('{') && !l.trim_end().ends_with(';'))
            .chain(
                lines[index..]
                    .iter()
                    .find(|l| l.contains('{') || l.trim_end().ends_with(';')),
            )
            .copied()
            .collect();
        let makes_a_call = is_async
            || ["-> Call<", "-> ItemStream<"]
                .iter()
                .any(|returns| signature.contains(returns));
        let inline = index > 0 && lines[index - 1].trim().starts_with("#[inline");
        if makes_a_call && !inline {
            missing.push(index + 1);
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::uninlined_calls;

    #[test]
    fn finds_a_call_without_inline_over_several_lines() {
        let text = "impl X {\n    #[inline]\n    pub fn a(&self) -> Call<A> {\n    }\n    pub fn b(\n        &self,\n    ) -> ItemStream<B> {\n    }\n    pub async fn c(&self) {\n    }\n    pub fn d(&self) -> u32 {\n    }\n}\n";
        assert_eq!(uninlined_calls(text), vec![5, 9]);
    }
}
