//! The fields of an error body that matter to the logout decision, read tolerantly: the
//! body may be the middleware's JSON (seed, "Response Format"), a DRF or simplejwt error,
//! an HTML page from a proxy, empty, or not even UTF-8. Wrongly typed fields count as absent.
//!
//! Read, not yet scrubbed: what the body holds is only bounded here (CONTRACT section 5), so
//! that deciding costs the same for a 1 MB body as for a small one. The scrubber runs on it
//! later, once the tokens are gone (`LogoutReason::from_draft`), or when a failure's message
//! is to be shown (`classify::failure_for`).

use serde_json::{Map, Value};

use super::scrub::{bound_context, READ_WINDOW_CHARS};

/// Strings taken from a backend body are cut to this many characters, marked with an
/// ellipsis: as much as the scrubber reads, so that it still sees the cut.
pub const MAX_TEXT_CHARS: usize = READ_WINDOW_CHARS;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct BackendBody {
    /// The middleware's code (`logout_reason`), present only when it is a string.
    pub logout_reason: Option<String>,
    pub logout_message: Option<String>,
    /// The middleware's user-friendly message, or a login failure's message.
    pub error: Option<String>,
    /// DRF / simplejwt `detail`.
    pub detail: Option<String>,
    /// simplejwt `code`, such as `token_not_valid` or `user_inactive`.
    pub code: Option<String>,
    pub logout_path: Option<String>,
    pub logout_context: Option<Map<String, Value>>,
    /// RFC 9457 problem details' `type`, `title` and `instance` (`detail` is above).
    pub problem_type: Option<String>,
    pub title: Option<String>,
    pub instance: Option<String>,
}

impl BackendBody {
    /// Reads whatever bytes came back; anything that is not a JSON object gives an empty body.
    pub fn parse(bytes: &[u8]) -> Self {
        let Ok(Value::Object(mut object)) = serde_json::from_slice::<Value>(bytes) else {
            return Self::default();
        };
        let logout_context = match object.remove("logout_context") {
            Some(Value::Object(context)) => Some(bound_context(context)),
            _ => None,
        };
        let text = |key: &str| object.get(key).and_then(Value::as_str).map(truncate);
        Self {
            logout_reason: text("logout_reason").filter(|code| !code.trim().is_empty()),
            logout_message: text("logout_message"),
            error: text("error"),
            detail: text("detail"),
            code: text("code"),
            logout_path: text("logout_path"),
            logout_context,
            problem_type: text("type"),
            title: text("title"),
            instance: text("instance"),
        }
    }

    /// The problem details an `application/problem+json` body gave (CONTRACT 11.5), for the
    /// context of a logout that follows: `type`, `title`, `detail` and `instance`, those
    /// present; `None` when none is.
    pub fn problem(&self) -> Option<Map<String, Value>> {
        let mut problem = Map::new();
        for (key, value) in [
            ("type", &self.problem_type),
            ("title", &self.title),
            ("detail", &self.detail),
            ("instance", &self.instance),
        ] {
            if let Some(value) = value {
                problem.insert(key.to_owned(), Value::String(value.clone()));
            }
        }
        (!problem.is_empty()).then_some(problem)
    }

    pub fn has_code(&self, wanted: &[&str]) -> bool {
        self.code.as_deref().is_some_and(|code| wanted.contains(&code))
    }
}

/// Cuts a string to [`MAX_TEXT_CHARS`] characters, marking the cut.
pub fn truncate(text: &str) -> String {
    match text.char_indices().nth(MAX_TEXT_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::scrub::TRUNCATED_KEY;
    use super::*;

    #[test]
    fn reads_the_middleware_body_of_the_seed() {
        let body = BackendBody::parse(
            br#"{"success": false, "error": "User-friendly message",
                 "logout_reason": "SESSION_ACCOUNT_MISMATCH",
                 "logout_message": "Detailed explanation",
                 "logout_path": "/previous/page/path",
                 "logout_context": {"stored_account_id": 123, "current_account_id": 456, "user_id": 789}}"#,
        );
        assert_eq!(body.logout_reason.as_deref(), Some("SESSION_ACCOUNT_MISMATCH"));
        assert_eq!(body.logout_message.as_deref(), Some("Detailed explanation"));
        assert_eq!(body.error.as_deref(), Some("User-friendly message"));
        assert_eq!(body.logout_path.as_deref(), Some("/previous/page/path"));
        assert_eq!(body.logout_context.unwrap()["user_id"], 789);
    }

    #[test]
    fn problem_details_are_read_and_given_back_as_present() {
        let body = BackendBody::parse(
            br#"{"type": "https://example.com/probs/expired", "title": "Token expired", "status": 401,
                 "detail": "The access token expired at 10:00", "instance": "/api/v1/content/"}"#,
        );
        assert_eq!(
            body.problem().map(Value::Object),
            Some(
                serde_json::json!({"type": "https://example.com/probs/expired", "title": "Token expired",
                                    "detail": "The access token expired at 10:00", "instance": "/api/v1/content/"})
            )
        );
        assert_eq!(BackendBody::parse(br#"{"title": 5}"#).problem(), None);
    }

    #[test]
    fn wrongly_typed_fields_count_as_absent() {
        let body = BackendBody::parse(
            br#"{"logout_reason": 42, "logout_message": ["x"], "detail": {"a": 1}, "logout_context": "ctx"}"#,
        );
        assert_eq!(body, BackendBody::default());
    }

    #[test]
    fn non_json_bodies_are_empty() {
        for bytes in [
            &b""[..],
            b"<!DOCTYPE html><html><body>502 Bad Gateway</body></html>",
            b"\xff\xfe\x00garbage",
            b"[1,2,3]",
            b"\"just a string\"",
            b"{\"detail\": ",
        ] {
            assert_eq!(BackendBody::parse(bytes), BackendBody::default());
        }
    }

    #[test]
    fn long_messages_are_cut() {
        let long = "x".repeat(10_000);
        let body = BackendBody::parse(format!(r#"{{"error": "{long}"}}"#).as_bytes());
        assert_eq!(body.error.unwrap().chars().count(), MAX_TEXT_CHARS + 1);
    }

    #[test]
    fn a_huge_context_is_cut_as_it_is_read() {
        let entries: Vec<String> = (0..50_000).map(|i| format!(r#""k{i:05}": "value {i}""#)).collect();
        let body = BackendBody::parse(format!(r#"{{"logout_context": {{{}}}}}"#, entries.join(",")).as_bytes());
        let context = body.logout_context.unwrap_or_default();
        assert!(context.len() < 50_000);
        assert_eq!(context.get(TRUNCATED_KEY), Some(&Value::Bool(true)));
    }

    #[test]
    fn an_empty_logout_reason_is_not_a_reason() {
        assert_eq!(BackendBody::parse(br#"{"logout_reason": "  "}"#).logout_reason, None);
    }
}
