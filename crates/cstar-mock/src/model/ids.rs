//! Identifiers: UUIDs minted here, `prefix + 32 hex` on the wire, both forms accepted back.

use ring::rand::{SecureRandom, SystemRandom};

const ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const BASE64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `len` random bytes from the system's CSPRNG.
fn random_bytes(len: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; len];
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

/// `len` characters drawn from `alphabet` (64 or fewer symbols; 62 gives a slight, harmless
/// bias for ids that only need to be distinct).
fn random_from(alphabet: &[u8], len: usize) -> String {
    random_bytes(len)
        .into_iter()
        .map(|b| char::from(alphabet[usize::from(b) % alphabet.len()]))
        .collect()
}

/// A random 64-bit number (a chaos seed nobody chose).
pub(crate) fn random_u64() -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&random_bytes(8));
    u64::from_le_bytes(word)
}

/// A random index below `len` (which must not be 0), for spreading picks.
pub(crate) fn random_index(len: usize) -> usize {
    (random_u64() % len.max(1) as u64) as usize
}

/// A random UUID v4, lowercase and dashed.
pub(crate) fn uuid_v4() -> String {
    let mut b = random_bytes(16);
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

/// The bytes of a hex string: an even count of `0-9a-fA-F` digits and nothing else (no sign,
/// no space, no `0x`), or `None`.
pub(crate) fn decode_hex(text: &str) -> Option<Vec<u8>> {
    fn digit(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    let bytes = text.as_bytes();
    if bytes.len() % 2 != 0 {
        return None;
    }
    bytes
        .chunks_exact(2)
        .map(|pair| Some(digit(pair[0])? << 4 | digit(pair[1])?))
        .collect()
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
        assert_eq!(
            parse_id("tkt_", &uuid.replace('-', "")).as_deref(),
            Some(uuid.as_str())
        );
        let bad_dashes = format!("{}-{}", &public[4..12], &public[12..]);
        for bad in [
            "",
            "tkt_",
            "tkt_xyz",
            "cus_",
            "12345",
            "tkt_0000-0000",
            &bad_dashes,
        ] {
            assert_eq!(parse_id("tkt_", bad), None, "{bad}");
        }
    }

    #[test]
    fn hex_is_decoded_strictly() {
        assert_eq!(decode_hex("00ff7A"), Some(vec![0, 255, 0x7a]));
        assert_eq!(decode_hex(""), Some(vec![]));
        for bad in ["+f", "f", "0x", " 0f", "0g", "-1", "+0ff"] {
            assert_eq!(decode_hex(bad), None, "{bad}");
        }
    }

    #[test]
    fn minted_values_have_their_documented_shapes() {
        let uuid = uuid_v4();
        let groups: Vec<usize> = uuid.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert_eq!(&uuid[14..15], "4", "version 4");
        assert!("89ab".contains(&uuid[19..20]), "RFC 4122 variant");
        assert_eq!(uuid, uuid.to_lowercase());
        let id = request_id();
        assert_eq!(id.len(), 4 + 24);
        assert!(id[4..].chars().all(|c| c.is_ascii_alphanumeric()));
        let key = api_key("sk_test_");
        assert_eq!(key.len(), 8 + 32);
        assert!(
            key[8..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_ne!(request_id(), request_id());
    }
}
