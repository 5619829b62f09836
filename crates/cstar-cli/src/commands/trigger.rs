//! `cstar trigger EVENT_TYPE`: one synthetic event into every active receiver.

use clap::Args;
use serde_json::json;

use crate::credentials;
use crate::error::CliError;
use crate::output::Output;

#[derive(Debug, Args)]
pub(crate) struct TriggerArgs {
    /// The event type, e.g. ticket.created or customer.updated.
    event_type: String,
}

pub(crate) async fn run(args: TriggerArgs, out: Output) -> Result<(), CliError> {
    let client = credentials::client()?;
    let (result, meta) = client
        .webhooks()
        .trigger_test(&args.event_type)
        .with_meta()
        .await?;
    let receivers = match result.delivered_to {
        1 => "1 webhook".to_owned(),
        n => format!("{n} webhooks"),
    };
    let human = format!(
        "Triggered {}: it reached {receivers} (and every `cstar listen` session).",
        result.event
    );
    out.result(
        &human,
        &json!({
            "event": result.event,
            "deliveredTo": result.delivered_to,
            "requestId": meta.request_id,
        }),
    )
}
