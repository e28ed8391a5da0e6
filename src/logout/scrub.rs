//! Keeps secrets out of a stored reason. A context may hold facts about credentials
//! (`hasToken: true`) but never a token, password or secret itself: string values under
//! secret-sounding keys, and anything that looks like a JWT or a bearer header, are replaced.

use serde_json::{Map, Value};

pub const REDACTED: &str = "[redacted]";

/// Returns the context with every secret value replaced by [`REDACTED`].
pub fn scrub_context(mut context: Map<String, Value>) -> Map<String, Value> {
    // In place rather than `collect()`: collecting into a map sorts, and each sort costs
    // kilobytes of wasm.
    for (key, value) in context.iter_mut() {
        let taken = std::mem::take(value);
        *value = if is_secret_key(key) { redact(taken) } else { scrub_value(taken) };
    }
    context
}

fn scrub_value(value: Value) -> Value {
    match value {
        Value::String(text) if looks_like_secret(&text) => Value::String(REDACTED.into()),
        Value::Array(items) => Value::Array(items.into_iter().map(scrub_value).collect()),
        Value::Object(map) => Value::Object(scrub_context(map)),
        other => other,
    }
}

/// Under a secret key, facts (booleans, numbers, null) stay; everything else goes.
fn redact(value: Value) -> Value {
    match value {
        Value::Bool(_) | Value::Number(_) | Value::Null => value,
        _ => Value::String(REDACTED.into()),
    }
}

fn is_secret_key(key: &str) -> bool {
    let key: String = key
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    const EXACT: [&str; 8] =
        ["access", "refresh", "authorization", "cookie", "setcookie", "jwt", "sessionid", "bearer"];
    const ENDINGS: [&str; 6] = ["token", "password", "passwd", "secret", "apikey", "credentials"];
    EXACT.contains(&key.as_str()) || ENDINGS.iter().any(|ending| key.ends_with(ending))
}

fn looks_like_secret(text: &str) -> bool {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("bearer ") || lower.starts_with("basic ") {
        return true;
    }
    // A JWT: three base64url parts, the first a JSON header ("eyJ" is base64 of `{"`).
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() == 3
        && text.starts_with("eyJ")
        && parts.iter().all(|part| {
            !part.is_empty()
                && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'=')
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn scrub(value: Value) -> Value {
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
        assert_eq!(out, json!({
            "access": REDACTED, "refresh_token": REDACTED, "password": REDACTED,
            "Authorization": REDACTED, "client_secret": REDACTED, "hasToken": true,
            "accessToken": null, "endpoint": "/api/v1/auth/me/", "status": 401,
            "refresh_status": 401, "refresh_detail": "Token is blacklisted",
        }));
    }

    #[test]
    fn jwts_and_bearer_headers_are_caught_under_any_key_and_at_any_depth() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjo3ODl9.c2lnbmF0dXJl";
        let out = scrub(json!({"note": jwt, "nested": {"list": ["fine", format!("bearer {jwt}")]}}));
        assert_eq!(out, json!({"note": REDACTED, "nested": {"list": ["fine", REDACTED]}}));
    }

    #[test]
    fn nested_secret_objects_go_whole() {
        let out = scrub(json!({"tokens": {"access": "a"}, "credentials": ["x"]}));
        assert_eq!(out, json!({"tokens": {"access": REDACTED}, "credentials": REDACTED}));
    }

    #[test]
    fn ordinary_text_with_dots_is_kept() {
        let out = scrub(json!({"error": "Token is invalid. Try again. Later", "version": "1.2.3"}));
        assert_eq!(out, json!({"error": "Token is invalid. Try again. Later", "version": "1.2.3"}));
    }
}
