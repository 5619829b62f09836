//! Reading the `X-Signature` header: `t=<seconds>,v1=<hex>[,v1=<hex>...]` or `sha256=<hex>`.

use crate::error::WebhookError;
use crate::hex;

/// The parts of a signature header, borrowed from it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum SignatureHeader<'a> {
    /// The current scheme: the signed time as written (its exact text was signed), the first
    /// well-formed `v1`, and the header, whose further `v1` values [`v1_signatures`] yields
    /// (read only when the first does not match: rotation is rare).
    Timestamped {
        timestamp_text: &'a str,
        timestamp: i64,
        first: [u8; 32],
        header: &'a str,
    },
    /// The legacy scheme: an HMAC of the body alone.
    Legacy { signature: [u8; 32] },
}

/// Every `v1` of the header that is 64 hex characters, decoded; read again on each use rather
/// than collected, so verification allocates nothing.
pub(crate) fn v1_signatures(header: &str) -> impl Iterator<Item = [u8; 32]> + '_ {
    header.split(',').filter_map(|part| {
        let (key, value) = part.split_once('=')?;
        (key.trim() == "v1")
            .then(|| hex::decode_32(value.trim()))
            .flatten()
    })
}

/// Parses a header value. Whitespace around the value and around each part is ignored; unknown
/// keys (a future `v2`) are ignored; every `v1` is kept, so a header signed with an old and a new
/// secret during rotation verifies with either.
pub(crate) fn parse(header: &str) -> Result<SignatureHeader<'_>, WebhookError> {
    if let Some(canonical) = parse_canonical(header) {
        return Ok(canonical);
    }
    let header = header.trim();
    if header.is_empty() {
        return Err(WebhookError::MissingHeader);
    }
    if let Some(hex_sig) = header.strip_prefix("sha256=") {
        let signature = hex::decode_32(hex_sig.trim()).ok_or(WebhookError::MalformedSignature)?;
        return Ok(SignatureHeader::Legacy { signature });
    }

    let mut timestamp: Option<(&str, i64)> = None;
    let mut v1_seen = false;
    let mut first: Option<[u8; 32]> = None;
    for part in header.split(',') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (key, value) = part.split_once('=').ok_or(WebhookError::MalformedHeader {
            reason: "a part has no '='",
        })?;
        let (key, value) = (key.trim(), value.trim());
        match key {
            "t" => {
                if timestamp.is_some() {
                    return Err(WebhookError::MalformedHeader {
                        reason: "t= appears twice",
                    });
                }
                let seconds = value
                    .parse::<i64>()
                    .ok()
                    .filter(|_| !value.starts_with('+'))
                    .ok_or(WebhookError::MalformedHeader {
                        reason: "t= is not a whole number of seconds",
                    })?;
                timestamp = Some((value, seconds));
            }
            "v1" => {
                v1_seen = true;
                if first.is_none() {
                    first = hex::decode_32(value);
                }
            }
            _ => {}
        }
    }
    let (timestamp_text, timestamp) = timestamp.ok_or(WebhookError::MissingTimestamp)?;
    if !v1_seen {
        return Err(WebhookError::MissingSignature);
    }
    let first = first.ok_or(WebhookError::MalformedSignature)?;
    Ok(SignatureHeader::Timestamped {
        timestamp_text,
        timestamp,
        first,
        header,
    })
}

/// The exact form cStar sends, `t=<digits>,v1=<64 hex>`, read without the general parser's
/// trimming and splitting: this runs on every delivery. Anything else goes the general way.
fn parse_canonical(header: &str) -> Option<SignatureHeader<'_>> {
    let (timestamp_text, signature) = header.strip_prefix("t=")?.split_once(",v1=")?;
    if timestamp_text.is_empty() || !timestamp_text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(SignatureHeader::Timestamped {
        timestamp: timestamp_text.parse().ok()?,
        timestamp_text,
        first: hex::decode_32(signature)?,
        header,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIG: &str = "0329f7066d74403f6cecfcd403bdfad0549ce0e277ea41c16a3e2d796684cfb9";

    #[test]
    fn reads_the_current_form_with_whitespace_and_rotation() {
        let header = format!(" t = 1700000000 , v1={SIG}, v0=ignored ,v1 = {SIG} ");
        let SignatureHeader::Timestamped {
            timestamp,
            header,
            timestamp_text,
            ..
        } = parse(&header).unwrap()
        else {
            panic!("expected the current form")
        };
        assert_eq!((timestamp, timestamp_text), (1_700_000_000, "1700000000"));
        assert_eq!(v1_signatures(header).count(), 2);
    }

    #[test]
    fn the_fast_path_agrees_with_the_general_parser() {
        let canonical = format!("t=1700000000,v1={SIG}");
        assert!(parse_canonical(&canonical).is_some());
        let spaced = format!("t=1700000000, v1={SIG}");
        assert!(
            parse_canonical(&spaced).is_none(),
            "whitespace goes the general way"
        );
        assert_eq!(
            parse(&canonical).unwrap(),
            parse(&spaced)
                .unwrap_or_else(|e| panic!("{e}"))
                .with_header(&canonical)
        );
        for odd in [
            "t=,v1=00",
            "t=-1,v1=00",
            "t=1,v1=zz",
            "t=99999999999999999999,v1=00",
        ] {
            assert!(parse_canonical(odd).is_none(), "{odd}");
        }
    }

    impl<'a> SignatureHeader<'a> {
        fn with_header(self, other: &'a str) -> Self {
            match self {
                Self::Timestamped {
                    timestamp_text: _,
                    timestamp,
                    first,
                    ..
                } => Self::Timestamped {
                    timestamp_text: other
                        .strip_prefix("t=")
                        .and_then(|r| r.split(',').next())
                        .unwrap_or(""),
                    timestamp,
                    first,
                    header: other,
                },
                legacy => legacy,
            }
        }
    }

    #[test]
    fn names_what_is_missing_or_broken() {
        let cases: &[(&str, &str)] = &[
            ("", "MissingHeader"),
            ("   ", "MissingHeader"),
            ("garbage", "MalformedHeader"),
            ("t=abc,v1=00", "MalformedHeader"),
            ("t=+5,v1=00", "MalformedHeader"),
            ("t=1,t=2,v1=00", "MalformedHeader"),
            ("v1=00", "MissingTimestamp"),
            ("t=1700000000", "MissingSignature"),
            ("t=1700000000,v1=abc", "MalformedSignature"),
            ("t=1700000000,v1=0329f7066d", "MalformedSignature"),
            ("sha256=zz", "MalformedSignature"),
        ];
        for (header, expected) in cases {
            let err = parse(header).unwrap_err();
            assert!(
                format!("{err:?}").starts_with(expected),
                "{header:?} gave {err:?}"
            );
        }
    }
}
