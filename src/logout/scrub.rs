//! Keeps secrets out of a stored reason. A context may hold facts about credentials
//! (`hasToken: true`) but never a token, password, cookie or secret itself.
//!
//! Three layers, each on its own enough for the common case:
//! - keys: a string, array or object under a secret-sounding key (any case, any separator,
//!   plurals, `HTTP_` prefixes) is replaced whole; booleans, numbers and null stay, they are
//!   facts. A key whose last word describes rather than holds (`token_type`, `refresh_status`,
//!   `refresh_error`, `session_expired`) is not secret; its text is still scrubbed.
//! - text: inside every string (and the reason's message) secrets are replaced in place,
//!   the rest of the sentence is kept: JWTs, `Bearer …`/`Token …`/`Basic …` credentials,
//!   `name=value` / `name: value` pairs whose name is secret (cookies, query strings, headers).
//! - the tokens the client actually holds: any occurrence anywhere is replaced.
//!
//! Then a cap: strings at [`MAX_STRING_CHARS`], the whole context at [`MAX_CONTEXT_BYTES`]
//! of compact JSON, entries dropped (largest first) and `"_truncated": true` added.

use serde_json::{Map, Value};

pub const REDACTED: &str = "[redacted]";
/// The stored context as compact JSON never exceeds this many bytes.
pub const MAX_CONTEXT_BYTES: usize = 8192;
/// Longer strings (and messages) are cut to this many characters, the last one an ellipsis.
pub const MAX_STRING_CHARS: usize = 1000;
/// Added (as `true`) to a context that lost entries to the size cap.
pub const TRUNCATED_KEY: &str = "_truncated";
/// Held tokens shorter than this are ignored: replacing every occurrence of a short string
/// would shred ordinary text, and real access/refresh tokens are far longer.
pub const MIN_HELD_TOKEN_CHARS: usize = 16;
const ELLIPSIS: char = '…';

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
        out = redact_jwts(&out);
        out = redact_after_schemes(&out);
        out = redact_secret_pairs(&out);
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

/// The context without secrets, within the size cap; no held tokens known.
pub fn scrub_context(context: Map<String, Value>) -> Map<String, Value> {
    Scrubber::default().context(context)
}

/// The context without secrets and without any of `held_tokens`, within the size cap.
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

// ---------------------------------------------------------------------------------------
// Keys

/// Words that name a secret wherever they stand in a key (compared singular and plural).
const SECRET_WORDS: [&str; 19] = [
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
    "auth",
    "authorization",
    "bearer",
    "jwt",
    "csrf",
    "xsrf",
    "signature",
    "otp",
];
/// Run-together words ending like this are secret too (`csrfmiddlewaretoken`, `APIKEY`).
const SECRET_ENDINGS: [&str; 12] = [
    "token",
    "password",
    "passwd",
    "secret",
    "cookie",
    "credential",
    "sessionid",
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
fn same_word(word: &str, base: &str) -> bool {
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

// ---------------------------------------------------------------------------------------
// Text

fn is_base64url(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_'
}

/// Replaces every JWT (`eyJ…` then at least two more dot-separated base64url parts).
fn redact_jwts(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut index = 0;
    while let Some(found) = text.get(index..).and_then(|rest| rest.find("eyJ")) {
        let start = index + found;
        match jwt_end(bytes, start) {
            Some(end) => {
                out.push_str(&text[copied..start]);
                out.push_str(REDACTED);
                copied = end;
                index = end;
            }
            None => index = start + 3,
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// The end of a JWT starting at `start`, if one does.
fn jwt_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut end = start;
    let mut dots = 0;
    loop {
        while end < bytes.len() && is_base64url(bytes[end]) {
            end += 1;
        }
        if end < bytes.len() && bytes[end] == b'.' {
            dots += 1;
            end += 1;
        } else {
            break;
        }
    }
    if dots < 2 {
        return None;
    }
    // A full stop after a signed token ends the sentence, not the token.
    if dots > 2 && bytes[end - 1] == b'.' {
        end -= 1;
    }
    Some(end)
}

/// Words after which a credential follows in an `Authorization` header.
const SCHEMES: [&str; 5] = ["bearer", "basic", "token", "jwt", "digest"];

/// `Bearer x`, `Token 9944b0…`, `Basic dXNl…`: the word after the scheme is replaced when
/// it looks like a credential (so "Token is blacklisted" stays readable).
fn redact_after_schemes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous_scheme: Option<&str> = None;
    let mut rest = text;
    while !rest.is_empty() {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (word, after) = rest.split_at(word_end);
        let core = word.trim_end_matches([',', ';', '"', '\'', ')', ']', '}']);
        let redacted = match previous_scheme {
            Some(scheme) if !core.is_empty() && !word.starts_with(REDACTED) && looks_like_credential(scheme, core) => {
                out.push_str(REDACTED);
                out.push_str(&word[core.len()..]);
                true
            }
            _ => false,
        };
        if !redacted {
            out.push_str(word);
        }
        previous_scheme = if redacted {
            None
        } else {
            let bare = word.trim_start_matches(['"', '\'', '(']).trim_end_matches(':');
            SCHEMES.iter().copied().find(|scheme| bare.eq_ignore_ascii_case(scheme))
        };
        let space_end = after.find(|c: char| !c.is_whitespace()).unwrap_or(after.len());
        out.push_str(&after[..space_end]);
        rest = &after[space_end..];
    }
    out
}

fn looks_like_credential(scheme: &str, word: &str) -> bool {
    // "Token" is also an ordinary English word: only a credential-shaped word follows it.
    if scheme == "token" {
        return credential_shaped(word, 10);
    }
    let english = word.len() < 20
        && word.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && word.bytes().skip(1).all(|b| b.is_ascii_lowercase());
    !english
}

/// At least `min_len` bytes with a digit, a symbol of token alphabets or an inner capital:
/// `9944b0…`, `dXNlcjpwYXNz`, `abc_123`, but not `blacklisted` or `Please`.
fn credential_shaped(word: &str, min_len: usize) -> bool {
    let has_digit = word.bytes().any(|b| b.is_ascii_digit());
    let has_symbol = word
        .bytes()
        .any(|b| matches!(b, b'+' | b'/' | b'=' | b'_' | b'-' | b'.' | b'~'));
    let inner_upper =
        word.bytes().skip(1).any(|b| b.is_ascii_uppercase()) && word.bytes().any(|b| b.is_ascii_lowercase());
    word.len() >= min_len && (has_digit || has_symbol || inner_upper)
}

/// `sessionid=abc; csrftoken=def`, `?access_token=…`, `"password": "…"`, `Authorization:
/// Bearer …`: the value after a secret name is replaced.
fn redact_secret_pairs(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut index = 0;
    while index < bytes.len() {
        let separator = bytes[index];
        if separator != b'=' && separator != b':' {
            index += 1;
            continue;
        }
        let Some(name) = secret_name_before(bytes, index) else {
            index += 1;
            continue;
        };
        // The value: after optional spaces and one quote, up to a space, quote or delimiter.
        let mut start = index + 1;
        while start < bytes.len() && bytes[start] == b' ' {
            start += 1;
        }
        if start < bytes.len() && (bytes[start] == b'"' || bytes[start] == b'\'') {
            start += 1;
        }
        let mut end = value_end(bytes, start);
        // `Authorization: Bearer x`: the scheme stays, its credential goes.
        if let Some(scheme_end) = SCHEMES
            .iter()
            .find(|scheme| {
                text.get(start..end)
                    .is_some_and(|value| value.eq_ignore_ascii_case(scheme))
            })
            .map(|_| end)
        {
            let mut next = scheme_end;
            while next < bytes.len() && bytes[next] == b' ' {
                next += 1;
            }
            start = next;
            end = value_end(bytes, start);
        }
        // After `name:` in a sentence ("Invalid session: please sign in") only a word that
        // looks like a credential goes; `name=value`, quoted names (JSON), header names and
        // password-like names always lose their value.
        let value = text.get(start..end).unwrap_or_default();
        let certain = separator == b'=' || name.quoted || name.always || credential_shaped(value, 6);
        if end > start && certain {
            out.push_str(&text[copied..start]);
            out.push_str(REDACTED);
            copied = end;
        }
        index = end.max(index + 1);
    }
    out.push_str(&text[copied..]);
    out
}

fn value_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    while end < bytes.len()
        && !bytes[end].is_ascii_whitespace()
        && !matches!(bytes[end], b'"' | b'\'' | b';' | b',' | b'&' | b'}')
    {
        end += 1;
    }
    end
}

/// A secret name found before a `=` or `:`.
struct SecretName {
    /// Written in quotes, as in JSON.
    quoted: bool,
    /// A header that holds nothing but a credential, or a password-like name.
    always: bool,
}

/// Header names and names whose value is always a secret, even after a colon in prose.
const ALWAYS_SECRET_NAMES: [&str; 10] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "secret",
    "client_secret",
];

/// The secret name just before a `=` or `:` at `at`, if there is one (quotes allowed).
fn secret_name_before(bytes: &[u8], at: usize) -> Option<SecretName> {
    let mut end = at;
    let quoted = end > 0 && (bytes[end - 1] == b'"' || bytes[end - 1] == b'\'');
    if quoted {
        end -= 1;
    }
    let mut start = end;
    while start > 0
        && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_' || bytes[start - 1] == b'-')
    {
        start -= 1;
    }
    // `https://…` and friends: a scheme is not a name.
    let name = std::str::from_utf8(&bytes[start..end])
        .ok()
        .filter(|name| !name.is_empty() && is_secret_key(name))?;
    let always = ALWAYS_SECRET_NAMES
        .iter()
        .any(|always| same_word(&name.to_ascii_lowercase(), always));
    Some(SecretName { quoted, always })
}

// ---------------------------------------------------------------------------------------
// Caps

/// At most [`MAX_STRING_CHARS`] characters, the last an ellipsis when cut.
fn cap_string(text: String) -> String {
    match text.char_indices().nth(MAX_STRING_CHARS - 1) {
        Some((cut, _)) if text[cut..].chars().nth(1).is_some() => {
            let mut out = text[..cut].to_owned();
            out.push(ELLIPSIS);
            out
        }
        _ => text,
    }
}

fn json_len(value: &Value) -> usize {
    serde_json::to_vec(value).map(|bytes| bytes.len()).unwrap_or(usize::MAX)
}

/// Keeps the context within [`MAX_CONTEXT_BYTES`]: when it is larger, entries are kept
/// smallest first (ties by key) while they fit, the rest dropped, and `_truncated: true`
/// added. The budget leaves room for the braces, the commas and the marker, and the result
/// is measured once more, so the cap holds whatever the entries.
fn cap_context(context: Map<String, Value>) -> Map<String, Value> {
    let mut context = Value::Object(context);
    if json_len(&context) <= MAX_CONTEXT_BYTES {
        return into_map(context);
    }
    let mut rest = into_map(std::mem::take(&mut context));
    rest.remove(TRUNCATED_KEY);
    // `"key":value,` per entry; `{`, `}` and `"_truncated":true` around them.
    let marker = TRUNCATED_KEY.len() + 2 + 1 + 4;
    let mut budget = MAX_CONTEXT_BYTES.saturating_sub(2 + marker);
    let mut sizes: Vec<(usize, String)> = rest
        .iter()
        .map(|(key, value)| {
            let key_len = json_len(&Value::String(key.clone()));
            (key_len.saturating_add(json_len(value)).saturating_add(2), key.clone())
        })
        .collect();
    sizes.sort_unstable();
    let mut kept = Map::new();
    // Smallest first: once one does not fit, no larger one does.
    for (size, key) in sizes {
        if size > budget {
            break;
        }
        budget -= size;
        if let Some(value) = rest.remove(&key) {
            kept.insert(key, value);
        }
    }
    kept.insert(TRUNCATED_KEY.to_owned(), Value::Bool(true));
    let kept = Value::Object(kept);
    if json_len(&kept) <= MAX_CONTEXT_BYTES {
        return into_map(kept);
    }
    let mut only_marker = Map::new();
    only_marker.insert(TRUNCATED_KEY.to_owned(), Value::Bool(true));
    only_marker
}

fn into_map(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjo3ODl9.c2lnbmF0dXJl";

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
    fn ordinary_text_with_dots_is_kept() {
        let out = scrub(json!({"error": "Token is invalid. Try again. Later", "version": "1.2.3"}));
        assert_eq!(
            out,
            json!({"error": "Token is invalid. Try again. Later", "version": "1.2.3"})
        );
    }

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
    fn drf_tokens_are_replaced_and_the_word_token_is_kept() {
        assert_eq!(
            scrub_text("Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b", &[]),
            "Token [redacted]"
        );
        assert_eq!(
            scrub_text("sent Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b, refused", &[]),
            "sent Token [redacted], refused"
        );
        for readable in [
            "Token is blacklisted",
            "Token is invalid or expired",
            "Given token not valid for any token type",
        ] {
            assert_eq!(scrub_text(readable, &[]), readable);
        }
    }

    #[test]
    fn cookie_headers_lose_their_values() {
        assert_eq!(
            scrub_text("sessionid=abc; csrftoken=def", &[]),
            "sessionid=[redacted]; csrftoken=[redacted]"
        );
        assert_eq!(
            scrub_text("Cookie: sessionid=abc; theme=dark", &[]),
            "Cookie: [redacted]; theme=dark",
            "the cookie header's value goes, other pairs stay"
        );
        assert_eq!(
            scrub_text("/api/?access_token=abc123&page=2", &[]),
            "/api/?access_token=[redacted]&page=2"
        );
        assert_eq!(
            scrub_text(r#"{"password": "hunter2", "email": "a@b.c"}"#, &[]),
            r#"{"password": "[redacted]", "email": "a@b.c"}"#
        );
    }

    #[test]
    fn a_colon_in_a_sentence_keeps_ordinary_words() {
        assert_eq!(
            scrub_text("Invalid session: please sign in again", &[]),
            "Invalid session: please sign in again"
        );
        assert_eq!(scrub_text("session: abc123XYZ", &[]), "session: [redacted]");
        assert_eq!(scrub_text("password: hunter", &[]), "password: [redacted]");
        assert_eq!(scrub_text("session=abc", &[]), "session=[redacted]");
    }

    #[test]
    fn a_jwt_inside_a_sentence_is_replaced_in_place() {
        assert_eq!(
            scrub_text(&format!("bad token {JWT} here"), &[]),
            "bad token [redacted] here"
        );
        assert_eq!(scrub_text(&format!("ends with {JWT}."), &[]), "ends with [redacted].");
        assert_eq!(
            scrub_text("unsigned eyJhbGciOiJub25lIn0.eyJzdWIiOjF9. ok", &[]),
            "unsigned [redacted] ok"
        );
    }

    #[test]
    fn authorization_headers_keep_the_scheme_and_lose_the_credential() {
        assert_eq!(
            scrub_text(&format!("Authorization: Bearer {JWT}"), &[]),
            "Authorization: Bearer [redacted]"
        );
        assert_eq!(
            scrub_text("Authorization: Bearer abc", &[]),
            "Authorization: Bearer [redacted]"
        );
        assert_eq!(
            scrub_text("Authorization: Basic dXNlcjpwYXNz", &[]),
            "Authorization: Basic [redacted]"
        );
        assert_eq!(
            scrub_text("header was Bearer opaqueTokenValue", &[]),
            "header was Bearer [redacted]"
        );
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

    #[test]
    fn long_strings_are_capped_with_an_ellipsis() {
        let out = scrub(json!({"detail": "é".repeat(5000)}));
        let detail = out["detail"].as_str().unwrap_or_default();
        assert_eq!(detail.chars().count(), MAX_STRING_CHARS);
        assert!(detail.ends_with('…'));
        let exact = "x".repeat(MAX_STRING_CHARS);
        assert_eq!(scrub(json!({ "detail": exact.clone() }))["detail"], json!(exact));
    }

    #[test]
    fn a_large_context_is_cut_and_marked() {
        let mut big = Map::new();
        for index in 0..40 {
            big.insert(format!("entry{index:02}"), json!("y".repeat(900)));
        }
        big.insert("status".into(), json!(401));
        big.insert("endpoint".into(), json!("/api/v1/auth/me/"));
        let out = scrub_context(big);
        let size = serde_json::to_vec(&out).map(|b| b.len()).unwrap_or(usize::MAX);
        assert!(size <= MAX_CONTEXT_BYTES, "{size}");
        assert_eq!(out.get(TRUNCATED_KEY), Some(&json!(true)));
        assert_eq!(out.get("status"), Some(&json!(401)), "small facts survive the cut");
        assert_eq!(out.get("endpoint"), Some(&json!("/api/v1/auth/me/")));
        assert!(out.len() > 5, "as many entries as fit are kept");
        let small = scrub(json!({"status": 401}));
        assert_eq!(small.get(TRUNCATED_KEY), None);
    }
}

// proptest is a native dev-dependency: the wasm32 build of these tests has none.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Every key and string anywhere in a value.
    fn strings(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::String(text) => out.push(text.clone()),
            Value::Array(items) => items.iter().for_each(|item| strings(item, out)),
            Value::Object(map) => {
                for (key, item) in map {
                    out.push(key.clone());
                    strings(item, out);
                }
            }
            _ => {}
        }
    }

    /// An independent check: `eyJ`, base64url, `.`, base64url, `.`.
    fn has_jwt_shape(text: &str) -> bool {
        let bytes = text.as_bytes();
        (0..bytes.len()).any(|start| {
            if !bytes[start..].starts_with(b"eyJ") {
                return false;
            }
            let mut i = start + 3;
            for _ in 0..2 {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-' || bytes[i] == b'_') {
                    i += 1;
                }
                if i >= bytes.len() || bytes[i] != b'.' {
                    return false;
                }
                i += 1;
            }
            true
        })
    }

    fn jwt() -> impl Strategy<Value = String> {
        ("[A-Za-z0-9_-]{0,12}", "[A-Za-z0-9_-]{0,12}", "[A-Za-z0-9_-]{0,12}")
            .prop_map(|(a, b, c)| format!("eyJ{a}.{b}.{c}"))
    }

    fn held_token() -> impl Strategy<Value = String> {
        "[A-Za-z0-9_.-]{16,40}"
    }

    /// Text mixing ordinary characters, held tokens and JWTs.
    fn text(held: Vec<String>) -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            4 => ".{0,12}",
            1 => proptest::sample::select(held),
            1 => jwt(),
            1 => Just(" Bearer ".to_owned()),
            1 => Just("token=".to_owned()),
        ];
        proptest::collection::vec(piece, 0..6).prop_map(|pieces| pieces.concat())
    }

    fn value(held: Vec<String>) -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i32>().prop_map(Value::from),
            text(held.clone()).prop_map(Value::String),
            "[a-z]{1,3}".prop_map(|s| Value::String(s.repeat(400))),
        ];
        leaf.prop_recursive(3, 40, 6, move |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::vec((text(held.clone()), inner), 0..6)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    fn context() -> impl Strategy<Value = (Vec<String>, Map<String, Value>)> {
        proptest::collection::vec(held_token(), 1..3).prop_flat_map(|held| {
            let entries = proptest::collection::vec((text(held.clone()), value(held.clone())), 0..30);
            (Just(held), entries.prop_map(|entries| entries.into_iter().collect()))
        })
    }

    proptest! {
        #[test]
        fn no_held_token_and_no_jwt_survives_and_the_cap_holds((held, context) in context(), message in ".{0,40}") {
            let held_refs: Vec<&str> = held.iter().map(String::as_str).collect();
            let message = format!("{message} {}", held[0]);
            let (message, out) = scrub_reason(message, context, &held_refs);
            let size = serde_json::to_vec(&out).map(|b| b.len()).unwrap_or(usize::MAX);
            prop_assert!(size <= MAX_CONTEXT_BYTES, "size {}", size);
            let mut all = vec![message];
            strings(&Value::Object(out), &mut all);
            for text in &all {
                for token in &held {
                    prop_assert!(!text.contains(token.as_str()), "{:?} survived in {:?}", token, text);
                }
                prop_assert!(!has_jwt_shape(text), "a JWT survived in {:?}", text);
                prop_assert!(text.chars().count() <= MAX_STRING_CHARS);
            }
        }

        #[test]
        fn scrubbing_twice_changes_nothing_more((held, context) in context()) {
            let held_refs: Vec<&str> = held.iter().map(String::as_str).collect();
            let once = scrub_context_with(context, &held_refs);
            let twice = scrub_context_with(once.clone(), &held_refs);
            prop_assert_eq!(once, twice);
        }

        #[test]
        fn any_text_is_scrubbed_without_panicking(text in "\\PC{0,200}", held in held_token()) {
            let out = scrub_text(&format!("{text}{held}{text}"), &[&held]);
            prop_assert!(!out.contains(&held));
        }
    }
}
