//! The client's request id (CONTRACT section 10): `X-Request-ID`, exactly 32 lowercase hex
//! characters. Anything else is ignored, so no raw header text ever reaches the log line.

use axum::http::HeaderMap;

pub const HEADER: &str = "x-request-id";

/// A well-formed request id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(String);

impl RequestId {
    /// `Some` only for exactly 32 characters of `0-9a-f`.
    pub fn parse(text: &str) -> Option<RequestId> {
        let well_formed = text.len() == 32 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        well_formed.then(|| RequestId(text.to_string()))
    }

    /// The id of a request's `X-Request-ID` header, when there is exactly one and it is well formed.
    pub fn from_headers(headers: &HeaderMap) -> Option<RequestId> {
        let mut values = headers.get_all(HEADER).iter();
        let value = values.next()?;
        if values.next().is_some() {
            return None;
        }
        RequestId::parse(value.to_str().ok()?)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exactly_32_lowercase_hex() {
        let id = "0123456789abcdef0123456789abcdef";
        assert_eq!(RequestId::parse(id).unwrap().as_str(), id);
        for bad in [
            "",
            "0123456789abcdef0123456789abcde",
            "0123456789abcdef0123456789abcdef0",
            "0123456789ABCDEF0123456789abcdef",
            "0123456789abcdef0123456789abcdeg",
            "0123456789abcdef 123456789abcdef",
            "0123456789abcdef\n123456789abcdef",
        ] {
            assert_eq!(RequestId::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn from_one_header_only() {
        let id = "0123456789abcdef0123456789abcdef";
        let mut headers = HeaderMap::new();
        assert_eq!(RequestId::from_headers(&headers), None);
        headers.insert(HEADER, id.parse().unwrap());
        assert_eq!(RequestId::from_headers(&headers).unwrap().as_str(), id);
        headers.append(HEADER, id.parse().unwrap());
        assert_eq!(RequestId::from_headers(&headers), None, "two values: which one?");
    }
}
