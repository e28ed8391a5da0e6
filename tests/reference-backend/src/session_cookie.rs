//! The `sessionid` cookie that carries the ids the session-mismatch checks compare: always
//! `HttpOnly` (no script reads it) and `SameSite=Lax` (no cross-site POST carries it), and
//! `Secure` when the request came over HTTPS or `Options::secure_cookies` says every request
//! does. A client can only ask for `Secure` (by sending `X-Forwarded-Proto: https`), never
//! take it away, so the forwarding headers are believed without a trusted proxy: a cookie
//! made stricter than needed only hurts the one who asked.

use axum::http::HeaderMap;

use crate::auth::SESSION_COOKIE;

/// Whether the request reached the site over HTTPS: `always` (a server behind a TLS front),
/// or `X-Forwarded-Proto: https` (any of its values), or `Forwarded: ...;proto=https`
/// (RFC 7239, any element).
pub fn served_over_https(headers: &HeaderMap, always: bool) -> bool {
    let elements = |name: &'static str| {
        headers
            .get_all(name)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
    };
    let is_https = |proto: &str| proto.trim().trim_matches('"').eq_ignore_ascii_case("https");
    always
        || elements("x-forwarded-proto").any(is_https)
        || elements("forwarded").filter_map(forwarded_proto).any(is_https)
}

/// The `proto` parameter of one `Forwarded` element (`for=...;proto=https;by=...`).
fn forwarded_proto(element: &str) -> Option<&str> {
    element.split(';').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        key.trim().eq_ignore_ascii_case("proto").then_some(value)
    })
}

/// The cookie a login sets.
pub fn session_cookie(session_id: &str, secure: bool) -> String {
    with_secure(
        format!("{SESSION_COOKIE}={session_id}; HttpOnly; SameSite=Lax; Path=/"),
        secure,
    )
}

fn with_secure(mut cookie: String, secure: bool) -> String {
    if secure {
        cookie.push_str("; Secure");
    }
    cookie
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn https_is_what_the_forwarding_headers_or_the_setting_say() {
        for https in [
            headers(&[("x-forwarded-proto", "https")]),
            headers(&[("x-forwarded-proto", "HTTPS")]),
            headers(&[("x-forwarded-proto", "https, http")]),
            headers(&[("forwarded", "for=192.0.2.60;proto=https;by=203.0.113.43")]),
            headers(&[("forwarded", "for=192.0.2.43, for=198.51.100.17;Proto=\"https\"")]),
        ] {
            assert!(served_over_https(&https, false), "{https:?}");
        }
        for plain in [
            headers(&[]),
            headers(&[("x-forwarded-proto", "http")]),
            headers(&[("x-forwarded-proto", "httpsx")]),
            headers(&[("forwarded", "for=192.0.2.60;proto=http")]),
            headers(&[("forwarded", "for=https")]),
        ] {
            assert!(!served_over_https(&plain, false), "{plain:?}");
            assert!(served_over_https(&plain, true), "the setting: {plain:?}");
        }
    }

    #[test]
    fn always_http_only_and_lax_and_secure_when_asked() {
        assert_eq!(
            session_cookie("abc", false),
            "sessionid=abc; HttpOnly; SameSite=Lax; Path=/"
        );
        assert_eq!(
            session_cookie("abc", true),
            "sessionid=abc; HttpOnly; SameSite=Lax; Path=/; Secure"
        );
    }
}
