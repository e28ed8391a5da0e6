//! The size caps: a string at [`MAX_STRING_CHARS`] characters, the whole context at
//! [`MAX_CONTEXT_BYTES`] of compact JSON.

use serde_json::{Map, Value};

/// The stored context as compact JSON never exceeds this many bytes.
pub const MAX_CONTEXT_BYTES: usize = 8192;
/// Longer strings (and messages) are cut to this many characters, the last one an ellipsis.
pub const MAX_STRING_CHARS: usize = 1000;
/// Added (as `true`) to a context that lost entries to the size cap.
pub const TRUNCATED_KEY: &str = "_truncated";
const ELLIPSIS: char = '…';

/// At most [`MAX_STRING_CHARS`] characters, the last an ellipsis when cut.
pub(super) fn cap_string(text: String) -> String {
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
pub(super) fn cap_context(context: Map<String, Value>) -> Map<String, Value> {
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
    use super::super::scrub_context;
    use super::super::tests::scrub;
    use super::*;
    use serde_json::json;

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
