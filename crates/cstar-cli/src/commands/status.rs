//! `cstar status`: who the key belongs to, where it points, and how much budget is left.

use cstar_admin::RateLimit;
use serde_json::json;

use crate::credentials::{Credentials, Source, redacted};
use crate::error::CliError;
use crate::output::{Output, line};

pub(crate) async fn run(out: Output) -> Result<(), CliError> {
    let credentials = Credentials::resolve()?;
    let client = credentials.client()?;
    let (whoami, meta) = client.whoami().with_meta().await?;
    let key = redacted(&credentials.profile.api_key);
    let base_url = client
        .core()
        .base_url()
        .as_str()
        .trim_end_matches('/')
        .to_owned();
    let source = match &credentials.source {
        Source::Environment => "the environment (CSTAR_SECRET_KEY, CSTAR_TEAM_ID)".to_owned(),
        Source::Profile(path) => format!("the profile {}", path.display()),
    };
    if out.is_json() {
        let rate = meta.rate_limit.unwrap_or_default();
        return out.result(
            "",
            &json!({
                "teamId": whoami.team_id,
                "teamName": whoami.team_name,
                "teamSlug": whoami.team_slug,
                "key": key,
                "keyType": whoami.key_type.as_str(),
                "environment": whoami.environment.as_str(),
                "baseUrl": base_url,
                "credentialsFrom": source,
                "rateLimit": {
                    "limit": rate.limit,
                    "remaining": rate.remaining,
                    "reset": rate.reset,
                    "window": rate.window,
                },
                "requestId": meta.request_id,
            }),
        );
    }
    let team = whoami.team_name.as_deref().unwrap_or("(unnamed team)");
    let slug = whoami.team_slug.as_deref().unwrap_or("(no slug)");
    let lines = [
        format!("Team {team}, slug {slug}, id {}.", whoami.team_id),
        format!(
            "Key {key} is a {} key for the {} environment, from {source}.",
            whoami.key_type, whoami.environment
        ),
        format!("Base URL {base_url}."),
        budget(meta.rate_limit),
    ];
    line(&lines.join("\n"))
}

/// The rate-limit budget as a sentence.
fn budget(rate: Option<RateLimit>) -> String {
    let Some(rate) = rate else {
        return "The last response carried no rate-limit headers.".to_owned();
    };
    let mut text = match (rate.remaining, rate.limit) {
        (Some(left), Some(limit)) => format!("{left} of {limit} requests are left"),
        (Some(left), None) => format!("{left} requests are left"),
        (None, Some(limit)) => format!("The limit is {limit} requests"),
        (None, None) => "The rate limit is unknown".to_owned(),
    };
    if let Some(window) = rate.window {
        text.push_str(&format!(" in this {window} s window"));
    }
    if let Some(reset) = rate.reset.and_then(|s| i64::try_from(s).ok())
        && let Ok(at) = jiff::Timestamp::from_second(reset)
    {
        text.push_str(&format!(", which resets at {at}"));
    }
    text.push('.');
    text
}
