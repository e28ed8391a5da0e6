//! Secrets inside free text, found in one pass from left to right and replaced in place, so
//! that the rest of the sentence stays readable:
//! - shapes (`shapes.rs`): JWTs and well-known key formats, inside any run of token characters;
//! - the credential after an `Authorization` scheme (`Bearer …`, `Token …`, `Basic …`);
//! - the value after a secret name (`keys.rs`) and a `=` or `:`: query parameters, cookies
//!   wherever they stand in a cookie string, headers, JSON;
//! - the credentials of a URL (`https://user:pass@host`).
//!
//! Linear in the text: it is read as runs of token characters and single other bytes, and the
//! few looks ahead (a value, the word after a scheme, a URL's user part) are either consumed by
//! the redaction they find or bounded, so that no byte is read more than a few times.

use super::keys::{is_secret_key, same_word};
use super::shapes::{is_run_byte, secret_ranges};
use super::REDACTED;

/// `text` with every secret replaced by `[redacted]`. `cut`: the text is a read window's
/// first part, so what reaches its end is unfinished and is judged a secret when it could
/// be one (a JWT's or a key's start, a URL's user part, the word after a scheme or a name).
pub(super) fn redact_patterns(text: &str, cut: bool) -> String {
    Scan {
        text,
        bytes: text.as_bytes(),
        out: String::with_capacity(text.len()),
        copied: 0,
        cut,
    }
    .run()
}

/// Words after which a credential follows in an `Authorization` header.
const SCHEMES: [&str; 5] = ["bearer", "basic", "token", "jwt", "digest"];

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

/// After `name:` in prose, this much of the value is judged (a credential shows itself early).
const JUDGED_BYTES: usize = 64;

struct Scan<'a> {
    text: &'a str,
    bytes: &'a [u8],
    out: String,
    /// Where the text not yet copied to `out` starts.
    copied: usize,
    /// The text was cut by the read window.
    cut: bool,
}

impl Scan<'_> {
    fn run(mut self) -> String {
        let bytes = self.bytes;
        let mut at = 0;
        // The name a `=` or `:` may follow: the last run's part after its last dot
        // (`connect.sid`), as a range.
        let mut name = (0, 0);
        while at < bytes.len() {
            if is_run_byte(bytes[at]) {
                let start = at;
                let end = (at..bytes.len())
                    .find(|&i| !is_run_byte(bytes[i]))
                    .unwrap_or(bytes.len());
                let open = self.open_end(end);
                secret_ranges(&bytes[start..end], open, |from, to| {
                    self.redact(start + from, start + to)
                });
                let last_dot = bytes[start..end].iter().rposition(|&byte| byte == b'.');
                name = (last_dot.map_or(start, |dot| start + dot + 1), end);
                at = self.scheme_credential(start, end).unwrap_or(end);
                continue;
            }
            let separator = matches!(bytes[at], b'=' | b':');
            // The name ends at the separator, or one quote before it (JSON).
            let named = name.1 > name.0 && (name.1 == at || (name.1 + 1 == at && is_quote(bytes[name.1])));
            let next = if bytes[at..].starts_with(b"://") {
                self.url_credentials(at + 3)
            } else {
                None
            };
            let next = match next {
                None if separator && named => self.secret_value(name, at),
                next => next,
            };
            at = next.unwrap_or(at + 1);
        }
        self.out.push_str(&self.text[self.copied..]);
        self.out
    }

    /// Copies the text up to `start`, then the marker in place of `start..end`.
    fn redact(&mut self, start: usize, end: usize) {
        self.out.push_str(&self.text[self.copied..start]);
        self.out.push_str(REDACTED);
        self.copied = end;
    }

    /// `end` is where a cut text stops: what reaches it is unfinished.
    fn open_end(&self, end: usize) -> bool {
        self.cut && end == self.bytes.len()
    }

    /// `Bearer x`, `Token 9944b0…`, `Basic dXNl…`: after the scheme word `start..end` (a whole
    /// run, maybe with a colon), the next word is replaced when it looks like a credential (so
    /// "Token is blacklisted" stays readable). Where the scan goes on.
    fn scheme_credential(&mut self, start: usize, end: usize) -> Option<usize> {
        let bytes = self.bytes;
        let scheme = SCHEMES
            .iter()
            .find(|scheme| bytes[start..end].eq_ignore_ascii_case(scheme.as_bytes()))?;
        let mut at = end;
        while at < bytes.len() && bytes[at] == b':' {
            at += 1;
        }
        if !bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            return None;
        }
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        // The word ends where a value does (`Bearer x; Path=/`, `Bearer x&secret=y`).
        let word_end = self.value_end(at, usize::MAX);
        let whole = &self.text[at..word_end];
        let word = whole.trim_end_matches([')', ']']);
        // A word that holds a `[redacted]` was judged before: read again, it must stay as it is
        // (`Token sid=[redacted]`, too short a credential once, is long enough now).
        if word.is_empty() || whole.contains(REDACTED) {
            return None;
        }
        if !(looks_like_credential(scheme, word) || self.open_end(word_end)) {
            return None;
        }
        self.redact(at, at + word.len());
        Some(at + word.len())
    }

    /// `https://user:pass@host`: the user part goes whole (a user name alone may be a token,
    /// as in `https://ghp_…@github.com`). `from` follows the `://`.
    fn url_credentials(&mut self, from: usize) -> Option<usize> {
        let bytes = self.bytes;
        let end = (from..bytes.len())
            .find(|&i| {
                matches!(bytes[i], b'/' | b'?' | b'#' | b'@' | b'"' | b'\'' | b'<' | b'>' | b'\\')
                    || bytes[i].is_ascii_whitespace()
            })
            .unwrap_or(bytes.len());
        let user_part = bytes.get(end) == Some(&b'@') || self.open_end(end);
        if end == from || !user_part {
            return None;
        }
        self.redact(from, end);
        Some(end)
    }

    /// `sessionid=abc; csrftoken=def`, `?access_token=…`, `"password": "…"`, `Authorization:
    /// Bearer …`: the value after the secret name `name` and the separator at `separator`.
    fn secret_value(&mut self, (name_start, name_end): (usize, usize), separator: usize) -> Option<usize> {
        let bytes = self.bytes;
        let name = &self.text[name_start..name_end];
        if !is_secret_key(name) {
            return None;
        }
        let lower = name.to_ascii_lowercase();
        // The value: after optional spaces and one quote.
        let mut start = separator + 1;
        while bytes.get(start) == Some(&b' ') {
            start += 1;
        }
        if bytes.get(start).copied().is_some_and(is_quote) {
            start += 1;
        }
        // `Authorization: Bearer x`: the scheme stays, its credential goes.
        let first = self.value_end(start, 8);
        if SCHEMES
            .iter()
            .any(|scheme| bytes[start..first].eq_ignore_ascii_case(scheme.as_bytes()))
        {
            start = first;
            while bytes.get(start) == Some(&b' ') {
                start += 1;
            }
        }
        // After `name:` in a sentence ("Invalid session: please sign in") only a word that
        // looks like a credential goes; `name=value`, quoted names (JSON), header names and
        // password-like names always lose their value.
        let certain = bytes[separator] == b'='
            || name_end < separator
            || ALWAYS_SECRET_NAMES.iter().any(|always| same_word(&lower, always));
        if !certain {
            let judged = self.value_end(start, JUDGED_BYTES);
            if !(credential_shaped(&bytes[start..judged], 6) || self.open_end(judged)) {
                return None;
            }
        }
        let end = self.value_end(start, usize::MAX);
        if end == start {
            return None;
        }
        self.redact(start, end);
        Some(end)
    }

    /// Where a value starting at `start` ends (a space, a quote, a delimiter of cookies and
    /// queries, or the cap's ellipsis), looking at most `limit` bytes ahead.
    fn value_end(&self, start: usize, limit: usize) -> usize {
        let bytes = self.bytes;
        let stop = start.saturating_add(limit).min(bytes.len());
        (start..stop)
            .find(|&i| {
                bytes[i].is_ascii_whitespace()
                    || matches!(bytes[i], b'"' | b'\'' | b';' | b',' | b'&' | b'}')
                    || bytes[i..].starts_with(ELLIPSIS_BYTES)
            })
            .unwrap_or(stop)
    }
}

/// The cap's ellipsis in UTF-8: a cut text's last character ends any value.
const ELLIPSIS_BYTES: &[u8] = "…".as_bytes();

fn is_quote(byte: u8) -> bool {
    byte == b'"' || byte == b'\''
}

fn looks_like_credential(scheme: &str, word: &str) -> bool {
    // "Token" is also an ordinary English word: only a credential-shaped word follows it.
    if scheme == "token" {
        return credential_shaped(word.as_bytes(), 10);
    }
    let english = word.len() < 20
        && word.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && word.bytes().skip(1).all(|b| b.is_ascii_lowercase());
    !english
}

/// At least `min_len` bytes with a digit, a symbol of token alphabets or an inner capital:
/// `9944b0…`, `dXNlcjpwYXNz`, `abc_123`, but not `blacklisted` or `Please`.
fn credential_shaped(word: &[u8], min_len: usize) -> bool {
    let has_digit = word.iter().any(u8::is_ascii_digit);
    let has_symbol = word
        .iter()
        .any(|b| matches!(b, b'+' | b'/' | b'=' | b'_' | b'-' | b'.' | b'~'));
    let inner_upper = word.iter().skip(1).any(u8::is_ascii_uppercase) && word.iter().any(u8::is_ascii_lowercase);
    word.len() >= min_len && (has_digit || has_symbol || inner_upper)
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
    fn what_a_scheme_is_followed_by_is_judged_once() {
        for (input, expected) in [
            ("Token sid=ab", "Token sid=[redacted]"),
            ("Bearer x1&secret=y", "Bearer [redacted]&secret=[redacted]"),
        ] {
            let once = scrub_text(input, &[]);
            assert_eq!(once, expected);
            assert_eq!(scrub_text(&once, &[]), once, "{input}");
        }
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
