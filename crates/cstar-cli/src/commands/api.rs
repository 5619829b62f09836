//! `cstar api METHOD PATH`: any REST route through the SDK's raw request, with its auth,
//! retries, idempotency and errors.

use clap::Args;
use cstar_admin::Method;
use serde_json::Value;

use crate::credentials;
use crate::error::CliError;
use crate::output::{Output, print_json};

#[derive(Debug, Args)]
pub(crate) struct ApiArgs {
    /// GET, POST, PATCH, PUT or DELETE.
    method: String,

    /// The route, relative to the team (`/tickets`, `/tags`) or absolute from `/api/`
    /// (`/api/v1/auth/whoami`).
    path: String,

    /// The JSON body, inline or `@file` (`@-` reads stdin).
    #[arg(long, short = 'd', value_name = "JSON|@FILE")]
    data: Option<String>,

    /// A query parameter; repeat for more.
    #[arg(long, short = 'q', value_name = "KEY=VALUE", value_parser = parse_pair)]
    query: Vec<(String, String)>,
}

pub(crate) async fn run(args: ApiArgs, _out: Output) -> Result<(), CliError> {
    let method = parse_method(&args.method)?;
    let body = args.data.as_deref().map(read_body).transpose()?;
    let client = credentials::client()?;
    let mut request = client.request(method, &args.path);
    for (name, value) in args.query {
        request = request.query(name, value);
    }
    if let Some(body) = &body {
        request = request.json(body);
    }
    let value = request.await?;
    // The API's `data` is the answer whether or not --json was given: JSON is this command's
    // human form too.
    print_json(&value)
}

fn parse_method(text: &str) -> Result<Method, CliError> {
    let upper = text.to_ascii_uppercase();
    match upper.as_str() {
        "GET" | "POST" | "PATCH" | "PUT" | "DELETE" | "HEAD" | "OPTIONS" => {
            Method::from_bytes(upper.as_bytes())
                .map_err(|_| CliError::usage(format!("{text:?} is not an HTTP method")))
        }
        _ => Err(CliError::usage(format!(
            "{text:?} is not an HTTP method: use GET, POST, PATCH, PUT or DELETE"
        ))),
    }
}

fn parse_pair(text: &str) -> Result<(String, String), String> {
    text.split_once('=')
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .filter(|(k, _)| !k.is_empty())
        .ok_or_else(|| format!("{text:?} is not KEY=VALUE"))
}

/// Inline JSON, `@path` for a file, or `@-` for stdin.
fn read_body(data: &str) -> Result<Value, CliError> {
    let (text, origin) = match data.strip_prefix('@') {
        Some("-") => (
            std::io::read_to_string(std::io::stdin())
                .map_err(|e| CliError::local(format!("cannot read the body from stdin: {e}")))?,
            "stdin".to_owned(),
        ),
        Some(path) => (
            std::fs::read_to_string(path)
                .map_err(|e| CliError::usage(format!("cannot read --data file {path}: {e}")))?,
            path.to_owned(),
        ),
        None => (data.to_owned(), "--data".to_owned()),
    };
    serde_json::from_str(&text)
        .map_err(|e| CliError::usage(format!("{origin} is not valid JSON: {e}")))
}

#[cfg(test)]
mod tests {
    use super::{parse_method, parse_pair};

    #[test]
    fn query_pairs_split_at_the_first_equals_sign() {
        assert_eq!(
            parse_pair("a=b=c").unwrap(),
            ("a".to_owned(), "b=c".to_owned())
        );
        assert_eq!(
            parse_pair("empty=").unwrap(),
            ("empty".to_owned(), String::new())
        );
        assert!(parse_pair("novalue").is_err());
        assert!(parse_pair("=x").is_err());
    }

    #[test]
    fn methods_are_case_insensitive_and_checked() {
        assert_eq!(parse_method("patch").unwrap(), cstar_admin::Method::PATCH);
        assert!(parse_method("FETCH").is_err());
    }
}
