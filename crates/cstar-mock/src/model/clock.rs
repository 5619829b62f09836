//! Time as the API writes it: RFC 3339, UTC, milliseconds, `Z`.

use jiff::Timestamp;

/// Now, as the API writes timestamps.
pub(crate) fn now_rfc3339() -> String {
    Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// Now, in Unix seconds.
pub(crate) fn unix_now() -> u64 {
    u64::try_from(Timestamp::now().as_second()).unwrap_or(0)
}

/// Now, in Unix milliseconds.
pub(crate) fn unix_millis() -> i64 {
    Timestamp::now().as_millisecond()
}
