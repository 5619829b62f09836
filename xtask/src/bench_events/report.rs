//! The Markdown report of `cargo xtask bench events`.

use super::{RECEIVERS, REDIS_PROCESSING_TTL_SECS, Run, Size};

/// One `key=value` of the sender's result line.
fn field(line: &str, key: &str) -> String {
    line.split_whitespace()
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
        .unwrap_or("?")
        .to_owned()
}

pub(super) fn report(size: &Size, ceilings: &[f64], runs: &[Run]) -> String {
    let ceiling = ceilings.iter().sum::<f64>() / ceilings.len().max(1) as f64;
    let measured: Vec<String> = ceilings.iter().map(|c| format!("{c:.0}")).collect();
    let mut out = format!(
        "# Webhooks exactly once behind a load balancer\n\n\
         `cargo xtask bench events`: {RECEIVERS} receiver processes behind HAProxy round-robin, \
         {} distinct signed events, 20% delivered twice (half at the same moment), every delivery \
         retried until a 2xx, {} receivers SIGKILLed and restarted during each run. Machine: {} CPUs, \
         shared with other work.\n\n\
         | store | deliveries | attempts | non-2xx | transport errors | kills | effect rows | distinct | exactly once | deliveries/s | p50 ms | p99 ms | max ms | longest restart |\n\
         |---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n",
        size.events,
        size.kills,
        std::thread::available_parallelism().map_or(0, |n| n.get()),
    );
    for run in runs {
        let line = &run.sender;
        let exact = run.rows == size.events && run.distinct == size.events;
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.2} s |\n",
            run.store,
            field(line, "deliveries"),
            field(line, "attempts"),
            field(line, "non_2xx"),
            field(line, "transport_errors"),
            run.kills,
            run.rows,
            run.distinct,
            if exact { "yes" } else { "NO" },
            field(line, "deliveries_per_s"),
            field(line, "p50_ms"),
            field(line, "p99_ms"),
            field(line, "max_ms"),
            run.longest_restart.as_secs_f64(),
        ));
    }
    let inbox_rate: f64 = field(&runs[0].sender, "deliveries_per_s")
        .parse()
        .unwrap_or(0.0);
    out.push_str(&format!(
        "\nCeiling: `pgbench`, 4 clients, the claim and one effect row in one transaction on the same \
         PostgreSQL: **{ceiling:.0} transactions/s** (the mean of {}, measured before and after the inbox run). Inbox mode reached {inbox_rate:.0} deliveries/s, \
         {:.0}% of it (goal: 50%), signature verification, HTTP and HAProxy included.\n\n\
         Effect rows are counted in `effects`, a table without a unique constraint: in inbox mode \
         the row is written in the transaction that claims the event id, so rows = distinct = events \
         means exactly once in effect. In Redis mode the row is written beside the marker: rows above \
         distinct are events handled twice (a kill between the effect and `SET done`, or a marker \
         that lapsed); distinct below events would be lost events. A receiver killed mid-handler leaves \
         its Redis claims held until their processing TTL ({REDIS_PROCESSING_TTL_SECS} s) lapses: those events are answered \
         409 until then, which is the long tail of the Redis run's latency and its lower rate.\n",
        measured.join(" and "),
        if ceiling > 0.0 { inbox_rate / ceiling * 100.0 } else { 0.0 },
    ));
    if inbox_rate > ceiling {
        out.push_str(
            "\nThe receivers passed pgbench's rate: their 64 connections share each disk flush \
             (group commit), where pgbench's 4 clients cannot.\n",
        );
    }
    out
}
