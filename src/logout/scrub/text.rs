//! Secrets inside free text, replaced in place so that the rest of the sentence stays
//! readable: JWTs, the credential after an `Authorization` scheme (`Bearer …`, `Token …`,
//! `Basic …`), and the value of a `name=value` / `name: value` pair whose name is secret.

use super::keys::{is_secret_key, same_word};
use super::REDACTED;

/// `text` with every JWT, scheme credential and secret pair's value replaced, in that order.
pub(super) fn redact_patterns(text: &str) -> String {
    let out = redact_jwts(text);
    let out = redact_after_schemes(&out);
    redact_secret_pairs(&out)
}

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

#[cfg(test)]
mod tests {
    use super::super::scrub_text;
    use super::super::tests::{scrub, JWT};
    use serde_json::json;

    #[test]
    fn ordinary_text_with_dots_is_kept() {
        let out = scrub(json!({"error": "Token is invalid. Try again. Later", "version": "1.2.3"}));
        assert_eq!(
            out,
            json!({"error": "Token is invalid. Try again. Later", "version": "1.2.3"})
        );
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
}
