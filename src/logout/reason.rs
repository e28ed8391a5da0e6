//! The stored logout reason (CONTRACT section 5): exactly six keys, written before the
//! redirect and read once by the sign-in page.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use serde_json::{Map, Value};

use super::code::{LogoutCode, LogoutSource};
use super::path::page_for_reason;
use super::scrub::{Scrubber, MAX_REASON_BYTES};
use crate::json_fields::{object, required, string};

/// What a logout decision knows before the browser adds the page and the clock.
#[derive(Clone, Debug, PartialEq)]
pub struct LogoutDraft {
    pub code: LogoutCode,
    pub message: String,
    pub source: LogoutSource,
    pub context: Map<String, Value>,
}

impl LogoutDraft {
    /// A draft with the contract's message and source for `code`.
    pub fn new(code: LogoutCode, context: Map<String, Value>) -> Self {
        let message = code.message().unwrap_or(code.as_str()).to_owned();
        let source = code.source();
        Self {
            code,
            message,
            source,
            context,
        }
    }
}

/// The reason as stored under `logout_reason` and shown on the sign-in page.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LogoutReason {
    pub code: LogoutCode,
    pub message: String,
    pub path: String,
    pub context: Map<String, Value>,
    pub timestamp: String,
    pub source: LogoutSource,
}

impl LogoutReason {
    /// Completes a draft: the page follows the never-`/signin` rule; the code the backend
    /// sent, the message, the page and the context lose anything secret (the tokens held now
    /// included) and are bounded (CONTRACT section 5: each string at most 2,000 characters, the
    /// stored JSON at most 16 KB, the context taking what the rest leaves); the time is UTC
    /// with milliseconds.
    pub fn from_draft(
        draft: LogoutDraft,
        current_page: &str,
        last_app_page: Option<&str>,
        now: DateTime<Utc>,
        held_tokens: &[&str],
    ) -> Self {
        let scrubber = Scrubber::new(held_tokens);
        let code = match draft.code {
            LogoutCode::Other(code) => LogoutCode::Other(scrubber.text(&code)),
            known => known,
        };
        let mut reason = Self {
            code,
            message: scrubber.text(&draft.message),
            // The page's query may carry a token too (a link from an e-mail, say).
            path: scrubber.text(&page_for_reason(current_page, last_app_page)),
            context: Map::new(),
            timestamp: format_timestamp(now),
            source: draft.source,
        };
        // What the rest leaves: the empty context's `{}` is counted in it.
        let budget = (MAX_REASON_BYTES + 2).saturating_sub(reason.to_json().len());
        reason.context = scrubber.context(draft.context, budget);
        reason
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored reason; anything that is not one (corrupted, foreign, wrongly typed)
    /// is `None`. All six keys are required; others are ignored.
    pub fn from_json(text: &str) -> Option<Self> {
        // from_slice, as everywhere: a second reader type (StrRead) would duplicate the parser.
        let value: Value = serde_json::from_slice(text.as_bytes()).ok()?;
        let fields = value.as_object()?;
        Some(Self {
            code: LogoutCode::from(required(fields, "code", string)?),
            message: required(fields, "message", string)?,
            path: required(fields, "path", string)?,
            context: required(fields, "context", object)?,
            timestamp: required(fields, "timestamp", string)?,
            source: LogoutSource::from(required(fields, "source", string)?),
        })
    }

    /// The whole reason as indented JSON, keys in the stored order: what `Copy details` puts
    /// on the clipboard, as support reads it when pasted. The same text as the browser's
    /// `JSON.stringify(…, null, 2)` for what the app writes; numbers the browser would rewrite
    /// (`1.0`, integers past 2^53) and integer-like keys it would move first are kept as
    /// stored, as the technical details panel shows them.
    pub fn to_json_pretty(&self) -> String {
        crate::json_text::pretty_fields(&[
            ("code", &Value::from(self.code.as_str())),
            ("message", &Value::from(self.message.as_str())),
            ("path", &Value::from(self.path.as_str())),
            ("context", &Value::Object(self.context.clone())),
            ("timestamp", &Value::from(self.timestamp.as_str())),
            ("source", &Value::from(self.source.as_str())),
        ])
    }

    /// The context as indented JSON, for the technical details panel and the console.
    pub fn context_pretty(&self) -> String {
        crate::json_text::pretty_object(&self.context)
    }

    /// Whether the page is worth showing (it never is when it is the sign-in page).
    pub fn shows_page(&self) -> bool {
        !self.path.is_empty() && !super::path::is_sign_in(&self.path)
    }
}

/// `2025-12-15T10:30:45.123Z`
pub fn format_timestamp(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 12, 15, 10, 30, 45)
            .single()
            .expect("valid date")
            + chrono::Duration::milliseconds(123)
    }

    fn context(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn stores_exactly_the_contract_keys_and_timestamp_form() {
        let draft = LogoutDraft::new(
            LogoutCode::SessionAccountMismatch,
            context(json!({"stored_account_id": 123, "current_account_id": 456, "user_id": 789})),
        );
        let reason = LogoutReason::from_draft(draft, "/dashboard/content", None, at(), &[]);
        let stored: Value = serde_json::from_str(&reason.to_json()).expect("valid JSON");
        assert_eq!(
            stored,
            json!({
                "code": "SESSION_ACCOUNT_MISMATCH",
                "message": "Session contamination: account ID mismatch",
                "path": "/dashboard/content",
                "context": {"stored_account_id": 123, "current_account_id": 456, "user_id": 789},
                "timestamp": "2025-12-15T10:30:45.123Z",
                "source": "backend_middleware",
            })
        );
    }

    #[test]
    fn copied_text_is_the_stored_json_indented() {
        let draft = LogoutDraft::new(
            LogoutCode::SessionAccountMismatch,
            context(
                json!({"stored_account_id": 123, "user_id": 789, "hasToken": true, "note": "a \"b\"\n✓", "tags": [], "nested": {"list": [1, null]}}),
            ),
        );
        let reason = LogoutReason::from_draft(draft, "/dashboard/content", None, at(), &[]);
        let pretty = reason.to_json_pretty();
        assert_eq!(pretty, serde_json::to_string_pretty(&reason).unwrap_or_default());
        // The text the browser's `JSON.stringify(JSON.parse(to_json()), null, 2)` wrote before.
        assert_eq!(
            pretty,
            r#"{
  "code": "SESSION_ACCOUNT_MISMATCH",
  "message": "Session contamination: account ID mismatch",
  "path": "/dashboard/content",
  "context": {
    "hasToken": true,
    "nested": {
      "list": [
        1,
        null
      ]
    },
    "note": "a \"b\"\n✓",
    "stored_account_id": 123,
    "tags": [],
    "user_id": 789
  },
  "timestamp": "2025-12-15T10:30:45.123Z",
  "source": "backend_middleware"
}"#
        );
    }

    #[test]
    fn round_trips_through_serde() {
        let draft = LogoutDraft::new(LogoutCode::Other("NEW_CODE".into()), Map::new());
        let reason = LogoutReason::from_draft(draft, "/dashboard?tab=2", None, at(), &[]);
        assert_eq!(reason.message, "NEW_CODE");
        assert_eq!(LogoutReason::from_json(&reason.to_json()), Some(reason));
    }

    #[test]
    fn the_page_is_never_signin_and_the_context_never_holds_a_token() {
        let draft = LogoutDraft::new(
            LogoutCode::ManualLogout,
            context(json!({"email": "a@b.c", "access": "eyJ.x.y", "hasToken": true})),
        );
        let reason = LogoutReason::from_draft(draft, "/signin", Some("/dashboard"), at(), &[]);
        assert_eq!(reason.path, "/dashboard");
        assert_eq!(reason.context["access"], "[redacted]");
        assert_eq!(reason.context["hasToken"], true);
        assert!(reason.shows_page());
    }

    #[test]
    fn a_held_token_never_reaches_the_message_or_the_context() {
        let token = "opaque-session-token-0123456789";
        let mut draft = LogoutDraft::new(
            LogoutCode::Other("ODD".into()),
            context(json!({"note": format!("token {token} refused"), "nested": [token]})),
        );
        draft.message = format!("Refused {token}");
        let reason = LogoutReason::from_draft(draft, "/dashboard", None, at(), &[token]);
        assert!(!reason.to_json().contains(token), "{}", reason.to_json());
        assert!(reason.message.starts_with("Refused "));
    }

    #[test]
    fn a_secret_in_the_pages_query_is_not_recorded() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjo3ODl9.c2lnbmF0dXJl";
        let draft = LogoutDraft::new(LogoutCode::TokenRefreshFailed, Map::new());
        let page = format!("/dashboard?tab=2&token={jwt}");
        let reason = LogoutReason::from_draft(draft, &page, None, at(), &[]);
        assert!(!reason.path.contains(jwt), "{}", reason.path);
        assert!(reason.path.starts_with("/dashboard?tab=2&"), "{}", reason.path);
    }

    #[test]
    fn the_stored_reason_stays_within_16_kb_whatever_the_backend_sent() {
        let wide = "語".repeat(5000);
        let mut entries = Map::new();
        for index in 0..100 {
            entries.insert(format!("k{index:03}"), json!(wide.clone()));
        }
        entries.insert("status".into(), json!(401));
        let mut draft = LogoutDraft::new(LogoutCode::Other(wide.clone()), entries);
        draft.message = "\u{1}".repeat(5000);
        let page = format!("/dashboard?q={wide}");
        let reason = LogoutReason::from_draft(draft, &page, None, at(), &[]);
        let stored = reason.to_json();
        assert!(stored.len() <= MAX_REASON_BYTES, "{} bytes", stored.len());
        assert!(reason.path.starts_with("/dashboard?q=語"));
        assert!(reason.message.ends_with('…'));
        assert_eq!(reason.context["status"], 401, "the context keeps what fits");
        assert_eq!(reason.context[crate::logout::scrub::TRUNCATED_KEY], true);
    }

    #[test]
    fn a_code_from_the_backend_is_scrubbed_and_a_known_one_kept() {
        let draft = LogoutDraft::new(LogoutCode::Other("RESET token=abc123".into()), Map::new());
        let reason = LogoutReason::from_draft(draft, "/", None, at(), &[]);
        assert_eq!(reason.code, LogoutCode::Other("RESET token=[redacted]".into()));
        let draft = LogoutDraft::new(LogoutCode::from("PLAN_INACTIVE"), Map::new());
        let reason = LogoutReason::from_draft(draft, "/", None, at(), &[]);
        assert_eq!(reason.code.as_str(), "PLAN_INACTIVE");
    }

    #[test]
    fn corrupted_or_foreign_json_is_not_a_reason() {
        for text in [
            "",
            "not json",
            "{\"code\": \"X\"}",
            "[]",
            "null",
            r#"{"code": 1, "message": "m", "path": "/", "context": {}, "timestamp": "t", "source": "s"}"#,
            r#"{"code": "X", "message": "m", "path": "/", "context": [], "timestamp": "t", "source": "s"}"#,
            r#"{"code": "X", "message": "m", "path": "/", "context": null, "timestamp": "t", "source": "s"}"#,
            r#"{"code": "X", "message": "m", "path": "/", "context": {}, "timestamp": 1.5, "source": "s"}"#,
            r#"{"code": "X", "message": "m", "path": "/", "context": {}, "timestamp": "t", "source": null}"#,
            r#"{"code": "X", "message": "m", "path": "/", "context": {}, "timestamp": "t"}"#,
            r#"{"code": "X", "message": null, "path": "/", "context": {}, "timestamp": "t", "source": "s"}"#,
            r#"{"code": "X", "message": "m", "path": 2, "context": {}, "timestamp": "t", "source": "s"}"#,
            r#"{"code": "X", "message": "m", "path": "/", "context": {}, "timestamp": "t", "source": "s"} trailing"#,
            r#"["X", "m", "/", {}, "t", "s"]"#,
        ] {
            assert_eq!(LogoutReason::from_json(text), None, "{text}");
        }
    }

    #[test]
    fn a_reason_written_by_the_original_typescript_client_is_read() {
        let text = r#"{"code":"TOKEN_REFRESH_FAILED","message":"Token refresh failed - session expired","path":"/dashboard","context":{"endpoint":"/api/v1/content/"},"timestamp":"2025-12-15T10:30:45.123Z","source":"token_refresh_failure"}"#;
        let reason = LogoutReason::from_json(text).expect("a reason");
        assert_eq!(reason.code, LogoutCode::TokenRefreshFailed);
        assert_eq!(reason.source, LogoutSource::TokenRefreshFailure);
    }

    #[test]
    fn unknown_codes_sources_and_extra_keys_are_kept_or_ignored() {
        let text = r#"{"code":"NEW","message":"m","path":"/x","context":{"a":1},"timestamp":"t","source":"elsewhere","extra":true}"#;
        let reason = LogoutReason::from_json(text).expect("a reason");
        assert_eq!(reason.code, LogoutCode::Other("NEW".into()));
        assert_eq!(reason.source, LogoutSource::Other("elsewhere".into()));
        assert_eq!(reason.context["a"], 1);
    }
}
