//! Keeps secrets out of a stored reason. A context may hold facts about credentials
//! (`hasToken: true`) but never a token, password, cookie or secret itself.
//!
//! Three layers, each on its own enough for the common case:
//! - keys (`keys.rs`): a string, array or object under a secret-sounding key (any case, any
//!   separator, plurals, `HTTP_` prefixes) is replaced whole; booleans, numbers and null stay,
//!   they are facts. A key whose last word describes rather than holds (`token_type`,
//!   `refresh_status`, `refresh_error`, `session_expired`) is not secret; its text is still
//!   scrubbed.
//! - text (`text.rs`): inside every string (and the reason's message) secrets are replaced in
//!   place, the rest of the sentence is kept: JWTs, `Bearer …`/`Token …`/`Basic …`
//!   credentials, `name=value` / `name: value` pairs whose name is secret (cookies, query
//!   strings, headers).
//! - the tokens the client actually holds (here, in [`Scrubber`]): any occurrence anywhere is
//!   replaced.
//!
//! Then a cap (`cap.rs`): strings at [`MAX_STRING_CHARS`], the whole context at
//! [`MAX_CONTEXT_BYTES`] of compact JSON, entries dropped (largest first) and
//! `"_truncated": true` added.

mod cap;
mod keys;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties;
mod text;

use serde_json::{Map, Value};

use cap::{cap_context, cap_string};
pub use cap::{MAX_CONTEXT_BYTES, MAX_STRING_CHARS};
pub use keys::is_secret_key;
use text::redact_patterns;

pub const REDACTED: &str = "[redacted]";
/// Held tokens shorter than this are ignored: replacing every occurrence of a short string
/// would shred ordinary text, and real access/refresh tokens are far longer.
pub const MIN_HELD_TOKEN_CHARS: usize = 16;

/// Scrubs with the tokens the client holds right now (access, refresh) in mind.
#[derive(Clone, Debug, Default)]
pub struct Scrubber<'a> {
    held: Vec<&'a str>,
}

impl<'a> Scrubber<'a> {
    pub fn new(held_tokens: &[&'a str]) -> Self {
        let held = held_tokens
            .iter()
            .copied()
            .filter(|token| token.chars().count() >= MIN_HELD_TOKEN_CHARS)
            .collect();
        Self { held }
    }

    /// A free text with every secret replaced in place (not capped).
    pub fn text(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for token in &self.held {
            if out.contains(token) {
                out = out.replace(token, REDACTED);
            }
        }
        out = redact_patterns(&out);
        // A replacement could in theory join pieces into a held token again.
        if self.held.iter().any(|token| out.contains(token)) {
            return REDACTED.to_owned();
        }
        out
    }

    /// The context without secrets, strings capped and the whole within the size cap.
    pub fn context(&self, context: Map<String, Value>) -> Map<String, Value> {
        cap_context(self.map(context))
    }

    fn map(&self, context: Map<String, Value>) -> Map<String, Value> {
        let mut out = Map::new();
        for (key, value) in context {
            let scrubbed_key = cap_string(self.text(&key));
            let secret = is_secret_key(&key) || is_secret_key(&scrubbed_key);
            out.insert(scrubbed_key, if secret { redact(value) } else { self.value(value) });
        }
        out
    }

    fn value(&self, value: Value) -> Value {
        match value {
            Value::String(text) => Value::String(cap_string(self.text(&text))),
            Value::Array(items) => Value::Array(items.into_iter().map(|item| self.value(item)).collect()),
            Value::Object(map) => Value::Object(self.map(map)),
            other => other,
        }
    }
}

/// The integrator's one entry point: the reason's message and context, scrubbed and capped.
pub fn scrub_reason(
    message: String,
    context: Map<String, Value>,
    held_tokens: &[&str],
) -> (String, Map<String, Value>) {
    let scrubber = Scrubber::new(held_tokens);
    (cap_string(scrubber.text(&message)), scrubber.context(context))
}

/// A free text with every secret (and every held token) replaced in place.
pub fn scrub_text(text: &str, held_tokens: &[&str]) -> String {
    Scrubber::new(held_tokens).text(text)
}

/// The context without secrets, within the size cap; no held tokens known (the tests' entry).
#[cfg(test)]
pub fn scrub_context(context: Map<String, Value>) -> Map<String, Value> {
    Scrubber::default().context(context)
}

/// The context without secrets and without any of `held_tokens`, within the size cap (the
/// tests' entry).
#[cfg(test)]
pub fn scrub_context_with(context: Map<String, Value>, held_tokens: &[&str]) -> Map<String, Value> {
    Scrubber::new(held_tokens).context(context)
}

/// Under a secret key, facts (booleans, numbers, null) stay; everything else goes whole.
fn redact(value: Value) -> Value {
    match value {
        Value::Bool(_) | Value::Number(_) | Value::Null => value,
        _ => Value::String(REDACTED.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    pub(super) const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjo3ODl9.c2lnbmF0dXJl";

    /// The context scrubbed, no held tokens known (the other parts' tests use it too).
    pub(super) fn scrub(value: Value) -> Value {
        match value {
            Value::Object(map) => Value::Object(scrub_context(map)),
            _ => unreachable!("tests pass objects"),
        }
    }

    #[test]
    fn secret_values_are_replaced_and_facts_kept() {
        let out = scrub(json!({
            "access": "abc", "refresh_token": "def", "password": "hunter2",
            "Authorization": "Bearer xyz", "client_secret": "s", "hasToken": true,
            "accessToken": null, "endpoint": "/api/v1/auth/me/", "status": 401,
            "refresh_status": 401, "refresh_detail": "Token is blacklisted",
        }));
        assert_eq!(
            out,
            json!({
                "access": REDACTED, "refresh_token": REDACTED, "password": REDACTED,
                "Authorization": REDACTED, "client_secret": REDACTED, "hasToken": true,
                "accessToken": null, "endpoint": "/api/v1/auth/me/", "status": 401,
                "refresh_status": 401, "refresh_detail": "Token is blacklisted",
            })
        );
    }

    #[test]
    fn jwts_and_bearer_headers_are_caught_under_any_key_and_at_any_depth() {
        let out = scrub(json!({"note": JWT, "nested": {"list": ["fine", format!("bearer {JWT}")]}}));
        assert_eq!(
            out,
            json!({"note": REDACTED, "nested": {"list": ["fine", "bearer [redacted]"]}})
        );
    }

    #[test]
    fn nested_secret_objects_go_whole() {
        let out = scrub(json!({"tokens": {"access": "a"}, "credentials": ["x"]}));
        assert_eq!(out, json!({"tokens": REDACTED, "credentials": REDACTED}));
    }

    #[test]
    fn facts_under_secret_keys_stay() {
        let out = scrub(json!({"hasToken": true, "password": null, "tokens": 2, "session": false}));
        assert_eq!(
            out,
            json!({"hasToken": true, "password": null, "tokens": 2, "session": false})
        );
        let out = scrub(json!({"hasToken": "yes"}));
        assert_eq!(out, json!({"hasToken": REDACTED}));
    }

    #[test]
    fn held_tokens_are_replaced_anywhere() {
        let held = "opaque-refresh-0123456789";
        let out = scrub_context_with(
            json!({"note": format!("sent {held} twice {held}"), "list": [held], held: 1})
                .as_object()
                .cloned()
                .unwrap_or_default(),
            &[held],
        );
        assert_eq!(
            Value::Object(out),
            json!({"note": "sent [redacted] twice [redacted]", "list": [REDACTED], REDACTED: 1})
        );
        assert_eq!(scrub_text("short", &["short"]), "short", "too short to be a real token");
    }

    #[test]
    fn scrub_reason_scrubs_the_message_and_the_context() {
        let held = "a-held-access-token-value";
        let context = json!({"detail": format!("got {held}"), "status": 401})
            .as_object()
            .cloned()
            .unwrap_or_default();
        let (message, context) = scrub_reason(format!("Refused {held} and {JWT}"), context, &[held]);
        assert_eq!(message, "Refused [redacted] and [redacted]");
        assert_eq!(
            Value::Object(context),
            json!({"detail": "got [redacted]", "status": 401})
        );
    }
}
