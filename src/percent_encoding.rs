//! Percent-encoding a query's value: the one encoder behind the API's query strings
//! (`api::transport::encode_query`) and the sign-in page's `next=` (`pages::sign_in_query`).
//! By hand, rather than the browser's `encodeURIComponent` or serde_urlencoded (which the
//! navigator's query serializer brought into the wasm for one key).

/// Which bytes a value keeps as they are. The two differ by a few bytes only, but each is
/// the exact form its reader has always received.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// `application/x-www-form-urlencoded`, as serde_urlencoded wrote it: letters, digits
    /// and `*-._` stay, a space becomes `+`.
    Form,
    /// JavaScript's `encodeURIComponent`: letters, digits and `!'()*-._~` stay, a space
    /// becomes `%20`.
    UriComponent,
}

impl Encoding {
    fn keeps(self, byte: u8) -> bool {
        byte.is_ascii_alphanumeric()
            || match self {
                Self::Form => matches!(byte, b'*' | b'-' | b'.' | b'_'),
                Self::UriComponent => matches!(byte, b'!' | b'\'' | b'(' | b')' | b'*' | b'-' | b'.' | b'_' | b'~'),
            }
    }
}

/// `text` percent-encoded: every byte of its UTF-8 that `encoding` does not keep as `%XX`
/// (uppercase hex).
pub fn percent_encode(text: &str, encoding: Encoding) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut encoded = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if encoding.keeps(byte) {
            encoded.push(char::from(byte));
        } else if byte == b' ' && encoding == Encoding::Form {
            encoded.push('+');
        } else {
            encoded.push('%');
            encoded.push(char::from(HEX[usize::from(byte >> 4)]));
            encoded.push(char::from(HEX[usize::from(byte & 15)]));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every printable ASCII character.
    const PRINTABLE: &str =
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

    // The expected texts are the browser's: `encodeURIComponent(text)`, and for forms the
    // same with `%20` as `+` and `!'()~` escaped (what serde_urlencoded wrote).

    #[test]
    fn form_encoding_is_serde_urlencodeds() {
        assert_eq!(
            percent_encode(PRINTABLE, Encoding::Form),
            "+%21%22%23%24%25%26%27%28%29*%2B%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D%5E_%60abcdefghijklmnopqrstuvwxyz%7B%7C%7D%7E"
        );
        assert_eq!(
            percent_encode("\t\n\u{7f} é✓😀", Encoding::Form),
            "%09%0A%7F+%C3%A9%E2%9C%93%F0%9F%98%80"
        );
    }

    #[test]
    fn uri_component_encoding_is_encode_uri_components() {
        assert_eq!(
            percent_encode(PRINTABLE, Encoding::UriComponent),
            "%20!%22%23%24%25%26'()*%2B%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D%5E_%60abcdefghijklmnopqrstuvwxyz%7B%7C%7D~"
        );
        assert_eq!(
            percent_encode("\t\n\u{7f} é✓😀", Encoding::UriComponent),
            "%09%0A%7F%20%C3%A9%E2%9C%93%F0%9F%98%80"
        );
    }

    #[test]
    fn empty_stays_empty() {
        assert_eq!(percent_encode("", Encoding::Form), "");
        assert_eq!(percent_encode("", Encoding::UriComponent), "");
    }
}
