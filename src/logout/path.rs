//! Two rules about in-app paths. The page recorded in a reason is never `/signin`
//! (CONTRACT section 5), and the page the sign-in form sends the user back to stays inside
//! the app (CONTRACT section 7): a return path that could leave the origin is refused.

pub const SIGN_IN_PATH: &str = "/signin";
pub const HOME_PATH: &str = "/dashboard";

/// The page to record for a logout raised while on `current` (pathname and query).
/// On the sign-in page the last app page before it counts, or `/` when there was none.
pub fn page_for_reason(current: &str, last_app_page: Option<&str>) -> String {
    if is_sign_in(current) || current.is_empty() {
        match last_app_page {
            Some(page) if !is_sign_in(page) && page.starts_with('/') => page.to_owned(),
            _ => "/".to_owned(),
        }
    } else {
        current.to_owned()
    }
}

/// Whether a pathname-and-query names the sign-in page.
pub fn is_sign_in(path: &str) -> bool {
    let pathname = path.split(['?', '#']).next().unwrap_or_default();
    pathname.trim_end_matches('/') == SIGN_IN_PATH
}

/// `candidate` when it is a path inside the app, else `None`. Refused: anything not
/// starting with a single `/` (`//host`, schemes, relative paths), backslashes (browsers
/// read `/\host` as `//host`), control characters and white space (browsers drop tabs
/// and newlines, turning `/\t/host` into `//host`), and the sign-in page itself.
pub fn safe_return_path(candidate: &str) -> Option<&str> {
    (is_in_app_path(candidate) && !is_sign_in(candidate)).then_some(candidate)
}

/// A path inside the app: a single leading `/`, no backslash, no control character or
/// white space (see [`safe_return_path`]).
fn is_in_app_path(candidate: &str) -> bool {
    candidate.starts_with('/') && !candidate.starts_with("//") && !has_unsafe_char(candidate)
}

fn has_unsafe_char(text: &str) -> bool {
    text.chars().any(|c| c == '\\' || c.is_control() || c.is_whitespace())
}

/// A configured link (`support_url`, `billing_url`) that is safe to put in an `href`, else
/// `None` (then no link is shown). Accepted: an in-app path under the rules of
/// [`safe_return_path`] (`/signin` included: it stays inside the app), or an absolute
/// `http://` / `https://` URL with a host and no user info (`https://support.example.com@evil`
/// reads like a trusted host), without white space, control characters or backslashes.
/// Refused: `//host`, `/\host`, other schemes (`javascript:`, `data:`), relative paths.
pub fn safe_link(url: &str) -> Option<&str> {
    if is_in_app_path(url) {
        return Some(url);
    }
    if has_unsafe_char(url) {
        return None;
    }
    let scheme_end = url.find("://")?;
    let scheme = &url[..scheme_end];
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let rest = &url[scheme_end + 3..];
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host = match authority.rfind(':') {
        // A port: digits after the last colon (an IPv6 host ends with `]`).
        Some(colon) if !authority.ends_with(']') => {
            let port = &authority[colon + 1..];
            if !port.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            &authority[..colon]
        }
        _ => authority,
    };
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'[' | b']' | b':'))
        && host.bytes().any(|b| b.is_ascii_alphanumeric());
    host_ok.then_some(url)
}

/// Where to go after signing in: an explicit `next` wins over the reason's page, and
/// whatever is refused falls back to `/dashboard`.
pub fn after_sign_in(next: Option<&str>, reason_page: Option<&str>) -> String {
    let chosen = match next {
        Some(next) => safe_return_path(next),
        None => reason_page.and_then(safe_return_path),
    };
    chosen.unwrap_or(HOME_PATH).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recorded_page_is_never_the_sign_in_page() {
        assert_eq!(
            page_for_reason("/dashboard/content?page=2", None),
            "/dashboard/content?page=2"
        );
        assert_eq!(page_for_reason("/signin", Some("/dashboard")), "/dashboard");
        assert_eq!(page_for_reason("/signin?next=/x", Some("/signin")), "/");
        assert_eq!(page_for_reason("/signin/", None), "/");
        assert_eq!(page_for_reason("", None), "/");
    }

    #[test]
    fn hostile_return_paths_fall_back_to_the_dashboard() {
        for hostile in [
            "//example.com",
            "//example.com/dashboard",
            "/\\example.com",
            "\\\\example.com",
            "https://example.com",
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "example.com",
            "/\t/example.com",
            "/\n/example.com",
            " //example.com",
            "/ /example.com",
            "",
            "/signin",
            "/signin?next=/signin",
        ] {
            assert_eq!(after_sign_in(Some(hostile), None), "/dashboard", "{hostile:?}");
            assert_eq!(after_sign_in(None, Some(hostile)), "/dashboard", "{hostile:?}");
        }
    }

    #[test]
    fn in_app_paths_are_followed_and_next_wins() {
        assert_eq!(
            after_sign_in(None, Some("/dashboard/content?page=2")),
            "/dashboard/content?page=2"
        );
        assert_eq!(
            after_sign_in(Some("/dashboard/logout-events"), Some("/dashboard/content")),
            "/dashboard/logout-events"
        );
        assert_eq!(after_sign_in(None, None), "/dashboard");
        assert_eq!(after_sign_in(Some("/%2F%2Fexample.com"), None), "/%2F%2Fexample.com");
    }

    #[test]
    fn safe_links_are_in_app_paths_or_http_urls_with_a_host() {
        for good in [
            "/support",
            "/dashboard?tab=billing#plan",
            "/signin",
            "https://support.example.com",
            "https://support.example.com/help?topic=logout#top",
            "http://localhost:8080/billing",
            "HTTPS://Example.COM/",
            "https://[::1]:8443/x",
        ] {
            assert_eq!(safe_link(good), Some(good), "{good:?}");
        }
    }

    #[test]
    fn unsafe_links_are_refused() {
        for bad in [
            "/\\evil.com",
            "/\t/evil.com",
            "/\n/evil.com",
            "//evil.com",
            "\\\\evil.com",
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "support",
            "support/page",
            "./support",
            "../support",
            "",
            " https://example.com",
            "https://",
            "https:///path",
            "https://exa mple.com",
            "https://example.com/a b",
            "https://example.com\\@evil.com",
            "https://support.example.com@evil.com",
            "https://example.com:80x/",
            "ftp://example.com",
            "https:evil.com",
            "https://example.com/\u{7f}",
        ] {
            assert_eq!(safe_link(bad), None, "{bad:?}");
        }
    }
}
