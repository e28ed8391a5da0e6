//! Whether a context's key (or the name before a `=` or `:` in text) names a secret:
//! `HTTP_COOKIE`, `sessionKey`, `X-Api-Key`, `passwords`, the session cookies `PHPSESSID`,
//! `JSESSIONID`, `connect.sid`…, but not `token_type` or `refresh_status`, which describe one.

/// Words that name a secret wherever they stand in a key (compared singular and plural).
const SECRET_WORDS: [&str; 20] = [
    "token",
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "passcode",
    "secret",
    "cookie",
    "credential",
    "session",
    "sessionid",
    // Express's `connect.sid`, and `sid` alone.
    "sid",
    "auth",
    "authorization",
    "bearer",
    "jwt",
    "csrf",
    "xsrf",
    "signature",
    "otp",
];
/// Run-together words ending like this are secret too (`csrfmiddlewaretoken`, `APIKEY`,
/// `JSESSIONID`, `PHPSESSID`).
const SECRET_ENDINGS: [&str; 13] = [
    "token",
    "password",
    "passwd",
    "secret",
    "cookie",
    "credential",
    "sessionid",
    "sessid",
    "sessionkey",
    "apikey",
    "privatekey",
    "accesskey",
    "secretkey",
];
/// `key` is secret after one of these (`api_key`, `private_key`, `x-api-key`).
const KEY_QUALIFIERS: [&str; 10] = [
    "api",
    "private",
    "access",
    "secret",
    "session",
    "signing",
    "auth",
    "client",
    "encryption",
    "master",
];
/// Alone, these name the token itself (`{"access": "…", "refresh": "…"}`), but in
/// `refresh_status` or `access_level` they describe.
const ALONE_SECRET_WORDS: [&str; 3] = ["access", "refresh", "key"];
/// A key ending in one of these describes a credential instead of holding it.
const DESCRIBING_LAST_WORDS: [&str; 22] = [
    "status", "error", "type", "kind", "scheme", "method", "expired", "expires", "expiry", "exp", "at", "age", "ttl",
    "lifetime", "valid", "invalid", "present", "missing", "required", "length", "count", "detail",
];

/// Whether a key names a secret: `HTTP_COOKIE`, `sessionKey`, `X-Api-Key`, `passwords`…
pub fn is_secret_key(key: &str) -> bool {
    let words = key_words(key);
    let Some(last) = words.last() else { return false };
    if words
        .iter()
        .all(|word| ALONE_SECRET_WORDS.iter().any(|alone| same_word(word, alone)))
    {
        return true;
    }
    let secret_word = |word: &String| {
        SECRET_WORDS.iter().any(|secret| same_word(word, secret))
            || SECRET_ENDINGS
                .iter()
                .any(|ending| word.ends_with(ending) || word.strip_suffix('s').is_some_and(|w| w.ends_with(ending)))
    };
    let qualified_key = words
        .windows(2)
        .any(|pair| same_word(&pair[1], "key") && KEY_QUALIFIERS.iter().any(|qualifier| pair[0].ends_with(qualifier)));
    let describes = DESCRIBING_LAST_WORDS
        .iter()
        .any(|describing| same_word(last, describing))
        && !secret_word(last);
    (words.iter().any(secret_word) || qualified_key) && !describes
}

/// `word` is `base` or its plural.
pub(super) fn same_word(word: &str, base: &str) -> bool {
    word == base || word.strip_suffix('s') == Some(base)
}

/// Lowercase words of a key: split at anything not a letter or digit, at camelCase humps
/// (`accessToken`, `HTTPCookie`) and between letters and digits.
fn key_words(key: &str) -> Vec<String> {
    let chars: Vec<char> = key.chars().collect();
    let mut words = Vec::new();
    let mut word = String::new();
    for (index, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            continue;
        }
        if let Some(&previous) = index.checked_sub(1).and_then(|i| chars.get(i)) {
            let next = chars.get(index + 1).copied().unwrap_or(' ');
            let hump = c.is_ascii_uppercase()
                && (previous.is_ascii_lowercase() || (previous.is_ascii_uppercase() && next.is_ascii_lowercase()));
            let digit_edge = previous.is_ascii_alphanumeric() && (c.is_ascii_digit() != previous.is_ascii_digit());
            if (hump || digit_edge) && !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
        }
        word.push(c.to_ascii_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::super::tests::scrub;
    use super::super::REDACTED;
    use super::*;
    use serde_json::json;

    #[test]
    fn every_secret_sounding_key_is_caught_in_any_spelling() {
        for key in [
            "HTTP_COOKIE",
            "cookie",
            "cookies",
            "Cookie",
            "Set-Cookie",
            "session",
            "session_key",
            "sessionKey",
            "SESSION-ID",
            "sessionid",
            "auth",
            "Auth",
            "credential",
            "credentials",
            "token",
            "tokens",
            "secret",
            "secrets",
            "password",
            "passwords",
            "Password",
            "new password",
            "private_key",
            "privateKey",
            "PRIVATEKEY",
            "access_key",
            "accessKey",
            "api_key",
            "x-api-key",
            "HTTP_X_API_KEY",
            "apiKeys",
            "access",
            "refresh",
            "refreshToken",
            "refresh-token",
            "ACCESS_TOKEN",
            "id_token",
            "HTTP_AUTHORIZATION",
            "authorization",
            "proxy-authorization",
            "X-CSRFToken",
            "csrfmiddlewaretoken",
            "jwt",
            "client_secret",
            "pwd",
            "key",
            "otp",
            "PHPSESSID",
            "JSESSIONID",
            "connect.sid",
            "sid",
        ] {
            assert!(is_secret_key(key), "{key} is secret");
            let out = scrub(json!({ key: "s3cr3t-value" }));
            assert_eq!(out, json!({ key: REDACTED }), "{key}");
        }
    }

    #[test]
    fn keys_that_describe_are_not_secret() {
        for key in [
            "token_type",
            "tokenType",
            "error",
            "endpoint",
            "status",
            "refresh_status",
            "refresh_error",
            "refresh_detail",
            "session_expired",
            "token_expires_at",
            "user_id",
            "stored_account_id",
            "current_account_id",
            "path",
            "message",
            "access_level",
            "keyboard",
            "author",
            "request_id",
            "repeat",
            "consider",
            "side",
        ] {
            assert!(!is_secret_key(key), "{key} is not secret");
        }
        let out =
            scrub(json!({"token_type": "Bearer", "refresh_error": "Token is blacklisted", "refresh_status": 401}));
        assert_eq!(
            out,
            json!({"token_type": "Bearer", "refresh_error": "Token is blacklisted", "refresh_status": 401})
        );
    }
}
