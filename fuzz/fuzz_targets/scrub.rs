//! Any JSON text as a context, with a held token: after scrubbing, no string (key or
//! value, at any depth) holds the held token or a JWT, strings are capped, and the whole
//! stays within 8 KB. The held token is the first line when it is long enough (so that the
//! fuzzer can place it), else a fixed one; it is also planted into the text once.
#![no_main]

use libfuzzer_sys::fuzz_target;
use logout_tracker::testing::{scrub_reason, MAX_CONTEXT_BYTES, MAX_STRING_CHARS, MIN_HELD_TOKEN_CHARS};
use serde_json::{Map, Value};

const FIXED_HELD: &str = "held.access.token.0123456789";

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

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (first, rest) = text.split_once('\n').unwrap_or(("", text));
    let held = if first.chars().count() >= MIN_HELD_TOKEN_CHARS {
        first
    } else {
        FIXED_HELD
    };
    let context = match serde_json::from_str::<Value>(rest) {
        Ok(Value::Object(map)) => map,
        Ok(other) => {
            let mut map = Map::new();
            map.insert("value".into(), other);
            map
        }
        Err(_) => {
            let mut map = Map::new();
            map.insert("detail".into(), Value::String(rest.to_owned()));
            map
        }
    };
    let mut message = rest.to_owned();
    message.push(' ');
    message.push_str(held);
    let (message, context) = scrub_reason(message, context, &[held]);
    let size = serde_json::to_vec(&context)
        .map(|bytes| bytes.len())
        .unwrap_or(usize::MAX);
    assert!(size <= MAX_CONTEXT_BYTES, "context of {size} bytes");
    let mut all = vec![message];
    strings(&Value::Object(context), &mut all);
    for text in &all {
        assert!(!text.contains(held), "the held token survived");
        assert!(!has_jwt_shape(text), "a JWT survived");
        assert!(text.chars().count() <= MAX_STRING_CHARS, "a string over the cap");
    }
});
