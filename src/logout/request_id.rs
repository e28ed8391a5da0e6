//! The `X-Request-ID` of CONTRACT section 10: 32 lowercase hex characters, new for each
//! request. The bytes come from the browser's random source; turning them into the id and
//! checking an id's shape are pure.

/// The header an id travels in.
pub const REQUEST_ID_HEADER: &str = "X-Request-ID";
/// Characters in an id.
pub const REQUEST_ID_LEN: usize = 32;

/// 16 random bytes as 32 lowercase hex characters.
pub fn request_id_from_bytes(bytes: [u8; 16]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut id = String::with_capacity(REQUEST_ID_LEN);
    for byte in bytes {
        id.push(char::from(HEX[usize::from(byte >> 4)]));
        id.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `text` is an id of that shape (exactly 32 characters `0-9a-f`).
    fn is_request_id(text: &str) -> bool {
        text.len() == REQUEST_ID_LEN && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    }

    #[test]
    fn bytes_become_lowercase_hex_in_order() {
        let mut bytes = [0u8; 16];
        for (index, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::try_from(index * 17).unwrap_or(0);
        }
        assert_eq!(request_id_from_bytes(bytes), "00112233445566778899aabbccddeeff");
        assert_eq!(request_id_from_bytes([0; 16]), "0".repeat(32));
        assert_eq!(request_id_from_bytes([0xff; 16]), "f".repeat(32));
        assert_eq!(request_id_from_bytes([0xab; 16]), "ab".repeat(16));
    }

    #[test]
    fn only_32_lowercase_hex_characters_are_ids() {
        assert!(is_request_id("00112233445566778899aabbccddeeff"));
        for bad in [
            "",
            "00112233445566778899aabbccddeef",
            "00112233445566778899aabbccddeeff0",
            "00112233445566778899AABBCCDDEEFF",
            "00112233445566778899aabbccddeefg",
            "0011223344556677-899aabbccddeeff",
            " 0112233445566778899aabbccddeeff",
            "00112233445566778899aabbccddeeé",
        ] {
            assert!(!is_request_id(bad), "{bad:?}");
        }
    }

    // proptest is a native dev-dependency: the wasm32 build of these tests has none.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn every_id_made_is_an_id_and_distinct_bytes_give_distinct_ids(a: [u8; 16], b: [u8; 16]) {
            let (id_a, id_b) = (request_id_from_bytes(a), request_id_from_bytes(b));
            proptest::prop_assert!(is_request_id(&id_a));
            proptest::prop_assert_eq!(a == b, id_a == id_b);
        }
    }
}
