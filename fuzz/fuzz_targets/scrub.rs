//! Any text as a context, a message, a page and a backend code, with a held token, through
//! `LogoutReason::from_draft`: no string of the stored reason (key or value, at any depth)
//! holds the held token, a JWT, a key of a well-known format or a URL's credentials; every
//! string is within its cap and the whole within 16 KB; scrubbing what was stored once more
//! changes nothing. The held token is the first line when it is long enough (so that the
//! fuzzer can place it), else a fixed one; it is also planted into the text once.
//!
//! A text that starts with `!` is then also sent repeated to 256 KB, as a hostile body would
//! send it: 32 times what the scrubber reads of a string, and enough for a quadratic scan
//! (issue 21's would take about 2 s on 256 KB natively) to show as a crash under `-timeout=` (as
//! `make fuzz` runs it). Only those: 256 KB per input slows the search a hundredfold.
#![no_main]

use libfuzzer_sys::fuzz_target;
use logout_tracker::testing::{
    scrub_text, LogoutCode, LogoutDraft, LogoutReason, MAX_REASON_BYTES, MAX_STRING_CHARS, MIN_HELD_TOKEN_CHARS,
    REDACTED,
};
use serde_json::{Map, Value};

const FIXED_HELD: &str = "held.access.token.0123456789";
const HOSTILE_BYTES: usize = 256 << 10;

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

fn is_base64url(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_'
}

/// `eyJ`, base64url, `.`, base64url, `.`, anywhere.
fn has_jwt_shape(text: &str) -> bool {
    let bytes = text.as_bytes();
    (0..bytes.len()).any(|start| {
        if !bytes[start..].starts_with(b"eyJ") {
            return false;
        }
        let mut i = start + 3;
        for _ in 0..2 {
            while i < bytes.len() && is_base64url(bytes[i]) {
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

/// A word starting with `sk_live_`, `ghp_` or `AKIA` and as long as such keys are.
fn has_key_shape(text: &str) -> bool {
    let bytes = text.as_bytes();
    (0..bytes.len()).any(|start| {
        if start > 0 && bytes[start - 1].is_ascii_alphanumeric() {
            return false;
        }
        let rest = &bytes[start..];
        let tail = |prefix: &[u8], upper: bool| {
            rest.strip_prefix(prefix).map_or(0, |tail| {
                tail.iter()
                    .take_while(|&&b| {
                        if upper {
                            b.is_ascii_uppercase() || b.is_ascii_digit()
                        } else {
                            b.is_ascii_alphanumeric() || b == b'_'
                        }
                    })
                    .count()
            })
        };
        tail(b"sk_live_", false) >= 10 || tail(b"ghp_", false) >= 20 || tail(b"AKIA", true) >= 16
    })
}

/// `://user@` with a user part other than the marker.
fn has_url_credentials(text: &str) -> bool {
    text.match_indices("://").any(|(at, _)| {
        let rest = &text[at + 3..];
        let end = rest
            .find(|c: char| {
                matches!(c, '/' | '?' | '#' | '@' | '"' | '\'' | '<' | '>' | '\\') || c.is_ascii_whitespace()
            })
            .unwrap_or(rest.len());
        rest[end..].starts_with('@') && end > 0 && &rest[..end] != REDACTED
    })
}

/// Stores a reason for this message, context and page, and checks it.
fn check(message: String, context: Map<String, Value>, page: &str, held: &str) {
    let mut draft = LogoutDraft::new(LogoutCode::from(message.as_str()), context);
    draft.message = message;
    let reason = LogoutReason::from_draft(draft, page, None, Default::default(), &[held]);
    let stored = reason.to_json();
    assert!(stored.len() <= MAX_REASON_BYTES, "a reason of {} bytes", stored.len());
    let mut all = vec![
        reason.code.as_str().to_owned(),
        reason.message.clone(),
        reason.path.clone(),
    ];
    strings(&Value::Object(reason.context.clone()), &mut all);
    for text in &all {
        assert!(!text.contains(held), "the held token survived");
        assert!(!has_jwt_shape(text), "a JWT survived");
        assert!(!has_key_shape(text), "a key survived");
        assert!(!has_url_credentials(text), "a URL's credentials survived");
        assert!(text.chars().count() <= MAX_STRING_CHARS, "a string over the cap");
        assert_eq!(&scrub_text(text, &[held]), text, "scrubbing twice changed it");
    }
}

fn context_of(text: &str) -> Map<String, Value> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => map,
        Ok(other) => {
            let mut map = Map::new();
            map.insert("value".into(), other);
            map
        }
        Err(_) => {
            let mut map = Map::new();
            map.insert("detail".into(), Value::String(text.to_owned()));
            map
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (first, rest) = text.split_once('\n').unwrap_or(("", text));
    let held = if first.chars().count() >= MIN_HELD_TOKEN_CHARS {
        first
    } else {
        FIXED_HELD
    };
    let message = format!("{rest} {held}");
    check(message, context_of(rest), &format!("/dashboard?{rest}"), held);
    if let Some(unit) = rest.strip_prefix('!').filter(|unit| !unit.is_empty()) {
        let hostile = unit.repeat(HOSTILE_BYTES / unit.len());
        let mut context = Map::new();
        context.insert("detail".into(), Value::String(hostile.clone()));
        check(hostile.clone(), context, &hostile, held);
    }
});
