//! Identifiers: UUIDs minted here, `prefix + 32 hex` on the wire, both forms accepted back.

use ring::rand::{SecureRandom, SystemRandom};

const ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const BASE64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    // An emulator whose RNG fails still needs distinct ids; the clock keeps them apart.
    if SystemRandom::new().fill(&mut bytes).is_err() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
            .to_le_bytes();
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = nanos[i % nanos.len()].wrapping_add(i as u8);
        }
    }
    bytes
}

fn random_from(alphabet: &[u8], len: usize) -> String {
    (0..len)
        .map(|_| alphabet[usize::from(random_bytes::<1>()[0]) % alphabet.len()] as char)
        .collect()
}

/// A random UUID v4, lowercase and dashed.
pub(crate) fn uuid_v4() -> String {
    let mut b = random_bytes::<16>();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    dashed(&hex(&b))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn dashed(hex32: &str) -> String {
    format!(
        "{}-{}-{}-{}-{}",
        &hex32[0..8],
        &hex32[8..12],
        &hex32[12..16],
        &hex32[16..20],
        &hex32[20..32]
    )
}

/// `prefix` + the UUID's 32 hex digits, as the API shows ids.
pub(crate) fn public_id(prefix: &str, uuid: &str) -> String {
    format!("{prefix}{}", uuid.replace('-', ""))
}

/// The stored UUID behind an id given in a path: `prefix + 32 hex`, a dashed UUID, or bare hex.
pub(crate) fn parse_id(prefix: &str, given: &str) -> Option<String> {
    let raw = given
        .strip_prefix(prefix)
        .unwrap_or(given)
        .to_ascii_lowercase();
    let hex32: String = raw.chars().filter(|c| *c != '-').collect();
    let dashes_ok = raw.len() == 32 || (raw.len() == 36 && dashed(&hex32) == raw);
    (hex32.len() == 32 && hex32.chars().all(|c| c.is_ascii_hexdigit()) && dashes_ok)
        .then(|| dashed(&hex32))
}

/// `req_` + 24 random alphanumerics.
pub(crate) fn request_id() -> String {
    format!("req_{}", random_from(ALPHANUMERIC, 24))
}

/// A key with this prefix and 32 random base64url characters.
pub(crate) fn api_key(prefix: &str) -> String {
    format!("{prefix}{}", random_from(BASE64URL, 32))
}

/// `n` random alphanumerics.
pub(crate) fn alphanumeric(n: usize) -> String {
    random_from(ALPHANUMERIC, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_id_forms_lead_to_the_same_uuid() {
        let uuid = uuid_v4();
        let public = public_id("tkt_", &uuid);
        assert_eq!(parse_id("tkt_", &public).as_deref(), Some(uuid.as_str()));
        assert_eq!(parse_id("tkt_", &uuid).as_deref(), Some(uuid.as_str()));
        assert_eq!(
            parse_id("tkt_", &uuid.to_uppercase()).as_deref(),
            Some(uuid.as_str())
        );
        for bad in ["", "tkt_", "tkt_xyz", "cus_", "12345", "tkt_0000-0000"] {
            assert_eq!(parse_id("tkt_", bad), None, "{bad}");
        }
    }
}
