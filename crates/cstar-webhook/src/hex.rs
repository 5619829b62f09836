//! Lowercase hex, both ways (ring has no public hex codec, and a dependency for 20 lines is not
//! worth it).

const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Lowercase hex of `bytes`.
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

/// The bytes of a hex string (either case); `None` for odd length or a non-hex character.
#[cfg(test)]
fn decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if bytes.len() % 2 != 0 {
        return None;
    }
    bytes
        .chunks_exact(2)
        .map(|pair| Some((nibble(pair[0])? << 4) | nibble(pair[1])?))
        .collect()
}

/// Nibble values by byte; 0xff marks a byte that is not a hex digit.
const NIBBLES: [u8; 256] = {
    let mut table = [0xffu8; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut j = 0;
    while j < 6 {
        table[b'a' as usize + j] = 10 + j as u8;
        table[b'A' as usize + j] = 10 + j as u8;
        j += 1;
    }
    table
};

/// The 32 bytes of a 64-character hex string, without allocating or branching per digit (this
/// runs on every delivery); `None` otherwise.
pub(crate) fn decode_32(text: &str) -> Option<[u8; 32]> {
    let bytes = text.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    let mut invalid = 0u8;
    for (slot, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
        let (high, low) = (NIBBLES[usize::from(pair[0])], NIBBLES[usize::from(pair[1])]);
        invalid |= high | low;
        *slot = (high << 4) | (low & 0x0f);
    }
    (invalid & 0xf0 == 0).then_some(out)
}

#[cfg(test)]
fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_garbage() {
        let bytes = [0u8, 1, 0x7f, 0x80, 0xff, 0xab];
        assert_eq!(encode(&bytes), "00017f80ffab");
        assert_eq!(decode("00017f80ffab").unwrap(), bytes);
        assert_eq!(decode("00017F80FFAB").unwrap(), bytes);
        for bad in ["0", "zz", "0g", "é0"] {
            assert_eq!(decode(bad), None, "{bad}");
        }
        assert_eq!(decode("").unwrap(), Vec::<u8>::new());
        let hex64 = "ab".repeat(32);
        assert_eq!(decode_32(&hex64), Some([0xab; 32]));
        assert_eq!(decode_32(&hex64[..62]), None);
        assert_eq!(decode_32(&"zz".repeat(32)), None);
    }
}
