//! The `next` parameter of `/signin?next=PATH`: written as serde_urlencoded wrote it, and
//! read from the raw query the way serde_urlencoded read it into a struct (form decoding: `+` is a space, `%XX` a byte,
//! invalid UTF-8 replaced), without a typed `Deserialize` and its error formatting.

use crate::percent_encoding::{percent_encode, Encoding};

/// `next=PAGE`, form-urlencoded byte for byte as serde_urlencoded wrote `[("next", PAGE)]`.
/// By hand and passed `Raw`: the navigator's serde `ToQuery` brought serde_urlencoded's
/// serializer into the wasm for this one key.
pub fn next_query(page: &str) -> String {
    let mut query = String::from("next=");
    query.push_str(&percent_encode(page, Encoding::Form));
    query
}

/// `next` from a query such as `?next=%2Fdashboard`; `None` when absent or given twice
/// (serde refused a duplicate field, and the page then ignored the whole query).
pub fn next_param(query: &str) -> Option<String> {
    let query = query.strip_prefix('?').unwrap_or("");
    let mut found = None;
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if form_decode(key) == "next" {
            if found.is_some() {
                return None;
            }
            found = Some(form_decode(value));
        }
    }
    found
}

/// `application/x-www-form-urlencoded` decoding of one key or value.
fn form_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        let escaped = (byte == b'%')
            .then(|| bytes.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok())
            // `%+1` is not an escape, though from_str_radix would take the sign.
            .filter(|_| bytes[index + 1].is_ascii_hexdigit());
        match escaped {
            Some(value) => {
                decoded.push(value);
                index += 3;
            }
            None => {
                decoded.push(if byte == b'+' { b' ' } else { byte });
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_next_among_other_parameters() {
        assert_eq!(
            next_param("?next=/dashboard/content"),
            Some("/dashboard/content".into())
        );
        assert_eq!(
            next_param("?a=1&next=%2Fdashboard%3Ftab%3D2&b"),
            Some("/dashboard?tab=2".into())
        );
        assert_eq!(next_param("?next="), Some(String::new()));
        assert_eq!(next_param("?next"), Some(String::new()));
        assert_eq!(next_param("?n%65xt=/x"), Some("/x".into()));
        assert_eq!(next_param("?&&next=/x&&"), Some("/x".into()));
    }

    #[test]
    fn absent_or_repeated_next_is_none() {
        assert_eq!(next_param(""), None);
        assert_eq!(next_param("?"), None);
        assert_eq!(next_param("next=/x"), None, "a query without its `?` is not read");
        assert_eq!(next_param("?nextx=/x"), None);
        assert_eq!(next_param("?next=/a&next=/b"), None);
    }

    #[test]
    fn decodes_as_forms_do() {
        assert_eq!(next_param("?next=a+b%20c"), Some("a b c".into()));
        assert_eq!(next_param("?next=%E2%9C%93"), Some("✓".into()));
        assert_eq!(next_param("?next=100%"), Some("100%".into()));
        assert_eq!(next_param("?next=%zz%4"), Some("%zz%4".into()));
        assert_eq!(next_param("?next=%+1"), Some("% 1".into()));
        assert_eq!(next_param("?next=%FF"), Some("\u{FFFD}".into()));
        assert_eq!(next_param("?next=a=b"), Some("a=b".into()));
    }

    #[test]
    fn the_next_page_is_form_urlencoded() {
        assert_eq!(next_query("/dashboard/content"), "next=%2Fdashboard%2Fcontent");
        assert_eq!(next_query("/a?b=1&c=d e"), "next=%2Fa%3Fb%3D1%26c%3Dd+e");
        assert_eq!(next_query("/x*-._~!+%✓"), "next=%2Fx*-._%7E%21%2B%25%E2%9C%93");
        for page in ["/", "/a b?c=%41&d=+", "/✓/ünï"] {
            assert_eq!(next_param(&format!("?{}", next_query(page))).as_deref(), Some(page));
        }
    }
}
