//! Keeps secrets out of a stored reason (CONTRACT section 5). A context may hold facts about
//! credentials (`hasToken: true`) but never a token, password, cookie or secret itself.
//!
//! In this order, each step linear in what it reads, so that a hostile body costs what a
//! small one does:
//! - bound (`bound.rs`), before any matching: a string is read up to its first
//!   [`READ_WINDOW_CHARS`] characters, a context up to [`bound::READ_BUDGET_BYTES`] of its smallest
//!   entries;
//! - the tokens the client holds (here, in [`Scrubber`]): every occurrence is replaced (std's
//!   substring search, linear);
//! - text (`text.rs`, with `shapes.rs`): in one pass over every string (the message, the page,
//!   keys and values at any depth) secrets are replaced in place and the rest of the sentence
//!   is kept: JWTs and well-known key formats (`sk_live_`, `ghp_`, `AKIA`), the credential after
//!   `Bearer`/`Token`/`Basic`, the value after a secret name and `=` or `:` (queries, cookies
//!   wherever they stand, headers, JSON), the user part of a URL (`https://user:pass@host`);
//! - keys (`keys.rs`): a string, array or object under a secret-sounding key (any case, any
//!   separator, plurals, `HTTP_` prefixes) is replaced whole; booleans, numbers and null stay,
//!   they are facts. A key whose last word describes rather than holds (`token_type`,
//!   `refresh_status`, `refresh_error`, `session_expired`) is not secret; its text is still
//!   scrubbed;
//! - cap (`cap.rs`): every string at [`MAX_STRING_CHARS`] characters (and
//!   [`cap::MAX_STRING_JSON_BYTES`]), the context within what the rest of the reason leaves of
//!   [`MAX_REASON_BYTES`], entries dropped (largest first) and `"_truncated": true` added.
//!
//! Scrubbing twice changes nothing more.

mod bound;
pub(crate) mod cap;
#[cfg(test)]
mod cases;
mod keys;
mod shapes;
mod text;

use serde_json::{Map, Value};

use bound::read_window;
pub use bound::{bound_context, READ_WINDOW_CHARS};
#[cfg(test)]
pub use cap::TRUNCATED_KEY;
use cap::{cap_context, cap_string};
pub use cap::{MAX_REASON_BYTES, MAX_STRING_CHARS};
pub use keys::is_secret_key;
use text::redact_patterns;

pub const REDACTED: &str = "[redacted]";
/// Held tokens shorter than this are ignored: replacing every occurrence of a short string
/// would shred ordinary text, and real access/refresh tokens are far longer.
pub const MIN_HELD_TOKEN_CHARS: usize = 16;
/// A read window that ends with a held token's first this many bytes or more loses them.
const MIN_CUT_TOKEN_BYTES: usize = 8;

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

    /// A free text as stored: read up to the window, every secret replaced in place, capped.
    pub fn text(&self, text: &str) -> String {
        let (window, cut) = read_window(text);
        let mut out = window.to_owned();
        for token in &self.held {
            if out.contains(token) {
                out = out.replace(token, REDACTED);
            }
            if cut {
                redact_cut_token(&mut out, token);
            }
        }
        let out = cap_string(redact_patterns(&out, cut), cut);
        // A replacement could in theory join pieces into a held token again.
        if self.held.iter().any(|token| out.contains(token)) {
            return REDACTED.to_owned();
        }
        out
    }

    /// The context as stored: bounded, without secrets, its strings capped and the whole
    /// within `budget` bytes of compact JSON.
    pub fn context(&self, context: Map<String, Value>, budget: usize) -> Map<String, Value> {
        cap_context(self.map(bound_context(context)), budget)
    }

    fn map(&self, context: Map<String, Value>) -> Map<String, Value> {
        let mut out = Map::new();
        for (key, value) in context {
            let scrubbed_key = self.text(&key);
            let secret = is_secret_key(read_window(&key).0) || is_secret_key(&scrubbed_key);
            out.insert(scrubbed_key, if secret { redact(value) } else { self.value(value) });
        }
        out
    }

    fn value(&self, value: Value) -> Value {
        match value {
            Value::String(text) => Value::String(self.text(&text)),
            Value::Array(items) => Value::Array(items.into_iter().map(|item| self.value(item)).collect()),
            Value::Object(map) => Value::Object(self.map(map)),
            other => other,
        }
    }
}

/// A text cut by the read window inside a held token: the token's beginning at the end goes.
fn redact_cut_token(out: &mut String, token: &str) {
    let longest = token.len().saturating_sub(1).min(out.len());
    let beginning = (MIN_CUT_TOKEN_BYTES..=longest)
        .rev()
        .find(|&len| token.is_char_boundary(len) && out.as_bytes().ends_with(&token.as_bytes()[..len]));
    if let Some(len) = beginning {
        out.truncate(out.len() - len);
        out.push_str(REDACTED);
    }
}

/// A free text as stored, every secret (and every held token) replaced in place.
pub fn scrub_text(text: &str, held_tokens: &[&str]) -> String {
    Scrubber::new(held_tokens).text(text)
}

/// The context without secrets, within [`MAX_REASON_BYTES`]; no held tokens known (the
/// tests' entry).
#[cfg(test)]
pub fn scrub_context(context: Map<String, Value>) -> Map<String, Value> {
    Scrubber::default().context(context, MAX_REASON_BYTES)
}

/// The context without secrets and without any of `held_tokens`, within [`MAX_REASON_BYTES`]
/// (the tests' entry).
#[cfg(test)]
pub fn scrub_context_with(context: Map<String, Value>, held_tokens: &[&str]) -> Map<String, Value> {
    Scrubber::new(held_tokens).context(context, MAX_REASON_BYTES)
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
    fn the_message_and_the_context_are_scrubbed_alike() {
        let held = "a-held-access-token-value";
        let context = json!({"detail": format!("got {held}"), "status": 401})
            .as_object()
            .cloned()
            .unwrap_or_default();
        let scrubber = Scrubber::new(&[held]);
        assert_eq!(
            scrubber.text(&format!("Refused {held} and {JWT}")),
            "Refused [redacted] and [redacted]"
        );
        assert_eq!(
            Value::Object(scrubber.context(context, MAX_REASON_BYTES)),
            json!({"detail": "got [redacted]", "status": 401})
        );
    }

    #[test]
    fn a_held_token_cut_by_the_read_window_loses_its_beginning_too() {
        let held = "opaque-refresh-0123456789abcdef";
        // JWTs shrink to the marker, so the window's end shows under the cap.
        let mut text = String::new();
        while text.len() + JWT.len() < READ_WINDOW_CHARS - 10 {
            text.push_str(JWT);
            text.push(' ');
        }
        text.push_str(&" ".repeat(READ_WINDOW_CHARS - 10 - text.len()));
        text.push_str(held);
        let out = scrub_text(&text, &[held]);
        assert!(out.chars().count() < MAX_STRING_CHARS, "the window's end is kept");
        assert!(out.ends_with(" [redacted]…"), "{}", &out[out.len() - 40..]);
        assert!(!out.contains("opaque-re"));
    }
}
