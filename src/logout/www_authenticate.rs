//! RFC 6750's `WWW-Authenticate: Bearer error="…", error_description="…"` (CONTRACT 11.5):
//! why a bearer token was refused, in the standard's words. Read by hand, bounded (only the
//! first 2,000 characters of the header are looked at) and never trusted for more than a
//! decision between a few known errors; the texts are scrubbed with the reason. Pure.

use super::scrub::READ_WINDOW_CHARS;

/// The `Bearer` challenge's error, when the header has one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BearerError {
    pub error: String,
    pub error_description: Option<String>,
}

impl BearerError {
    /// The `Bearer` challenge of a `WWW-Authenticate` value and its `error`; `None` without
    /// one (another scheme, no `error`, or a value that does not parse).
    pub fn parse(header: &str) -> Option<Self> {
        let header = match header.char_indices().nth(READ_WINDOW_CHARS) {
            Some((cut, _)) => &header[..cut],
            None => header,
        };
        let params = bearer_params(header)?;
        let find = |name: &str| {
            params
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(name))
                .map(|(_, value)| value.clone())
        };
        Some(Self {
            error: find("error")?,
            error_description: find("error_description"),
        })
    }

    /// `invalid_token`: the token expired, was revoked or is malformed (a stale token).
    pub fn is_invalid_token(&self) -> bool {
        self.error == "invalid_token"
    }

    /// `insufficient_scope`: the token is good, it may just not do this (a permission error).
    pub fn is_insufficient_scope(&self) -> bool {
        self.error == "insufficient_scope"
    }
}

/// The auth-params after `Bearer` (case-insensitive), up to the next challenge's scheme.
fn bearer_params(header: &str) -> Option<Vec<(String, String)>> {
    let start = find_scheme(header, "bearer")?;
    let mut rest = header[start + "bearer".len()..].trim_start();
    let mut params = Vec::new();
    while let Some((key, after)) = rest.split_once('=') {
        let key = key.trim();
        // A token followed by a space is the next challenge's scheme: Bearer's params end.
        if key.is_empty() || key.contains(|c: char| c.is_whitespace() || c == '"') {
            break;
        }
        let after = after.trim_start();
        let (value, remainder) = if let Some(quoted) = after.strip_prefix('"') {
            read_quoted(quoted)?
        } else {
            let end = after.find(',').unwrap_or(after.len());
            (after[..end].trim().to_owned(), &after[end..])
        };
        params.push((key.to_owned(), value));
        rest = remainder.trim_start();
        match rest.strip_prefix(',') {
            Some(next) => rest = next.trim_start(),
            None => break,
        }
    }
    Some(params)
}

/// Where the challenge `scheme` starts: at the header's start or after a comma, followed by
/// a space or the end.
fn find_scheme(header: &str, scheme: &str) -> Option<usize> {
    let lower = header.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find(scheme) {
        let at = from + found;
        let before = lower[..at].trim_end();
        let after = &lower[at + scheme.len()..];
        if (before.is_empty() || before.ends_with(',')) && (after.is_empty() || after.starts_with(' ')) {
            return Some(at);
        }
        from = at + scheme.len();
    }
    None
}

/// A quoted-string's text (its `\` escapes undone) and what follows its closing quote.
fn read_quoted(text: &str) -> Option<(String, &str)> {
    let mut value = String::new();
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => return Some((value, &text[at + 1..])),
            '\\' => value.push(chars.next()?.1),
            c => value.push(c),
        }
    }
    None
}

// proptest is a native dev-dependency: the wasm32 build of these tests has none.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn error(header: &str) -> Option<(String, Option<String>)> {
        BearerError::parse(header).map(|e| (e.error, e.error_description))
    }

    #[test]
    fn the_rfc_examples_read() {
        assert_eq!(
            error(r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#),
            Some(("invalid_token".into(), Some("The access token expired".into())))
        );
        assert_eq!(
            error(r#"Bearer error="insufficient_scope", scope="content:write""#),
            Some(("insufficient_scope".into(), None))
        );
        assert!(BearerError::parse(r#"Bearer error="invalid_token""#).is_some_and(|e| e.is_invalid_token()));
        assert!(BearerError::parse(r#"bearer ERROR=insufficient_scope"#).is_some_and(|e| e.is_insufficient_scope()));
    }

    #[test]
    fn another_challenge_before_or_after_is_skipped() {
        assert_eq!(
            error(r#"Basic realm="x", Bearer error="invalid_token""#),
            Some(("invalid_token".into(), None))
        );
        assert_eq!(
            error(r#"Bearer error="invalid_token", Basic realm="a, b""#),
            Some(("invalid_token".into(), None))
        );
        assert_eq!(error(r#"Basic realm="Bearer error=invalid_token""#), None);
    }

    #[test]
    fn no_bearer_error_is_none() {
        for header in [
            "",
            "Bearer",
            r#"Bearer realm="api""#,
            r#"Basic realm="x""#,
            r#"Bearer error="unterminated"#,
            "Bearerish error=x",
        ] {
            assert_eq!(error(header), None, "{header:?}");
        }
    }

    #[test]
    fn escapes_and_control_characters_are_read_as_text() {
        assert_eq!(
            error(r#"Bearer error="invalid_token", error_description="a \"quoted\" \\ word""#),
            Some(("invalid_token".into(), Some(r#"a "quoted" \ word"#.into())))
        );
    }

    #[test]
    fn a_huge_header_is_read_only_so_far() {
        let huge = format!(
            r#"Bearer error="invalid_token", error_description="{}""#,
            "x".repeat(1_000_000)
        );
        // The description is cut off by the window, so its quote never closes.
        assert_eq!(error(&huge), None);
        let late = format!("{}, Bearer error=\"invalid_token\"", "Basic a=b".repeat(1_000));
        assert_eq!(error(&late), None, "past the window");
    }

    proptest! {
        #[test]
        fn any_header_is_safe(header in ".{0,300}") {
            let _ = BearerError::parse(&header);
        }
    }
}
