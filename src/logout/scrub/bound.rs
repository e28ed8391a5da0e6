//! What the scrubber reads at most, before any matching, so that a hostile body costs what a
//! small one does: a string's first [`READ_WINDOW_CHARS`] characters, a context's smallest
//! entries within [`READ_BUDGET_BYTES`].
//!
//! The window is wider than what is kept ([`MAX_STRING_CHARS`]) so that a secret that starts
//! before the cap is read whole, and so that what redaction shortens is refilled from text
//! that was read. What a cut window leaves unfinished at its end is judged as a secret (see
//! `text.rs`).

use serde_json::{Map, Value};

use super::cap::{keep_smallest, MAX_REASON_BYTES, MAX_STRING_CHARS, TRUNCATED_KEY};

/// A string is read up to this many characters.
pub const READ_WINDOW_CHARS: usize = 4 * MAX_STRING_CHARS;
/// A context is read up to about this many bytes of JSON (strings counted up to the window).
pub const READ_BUDGET_BYTES: usize = 4 * MAX_REASON_BYTES;

/// The first [`READ_WINDOW_CHARS`] characters of `text`, and whether it was cut.
pub(super) fn read_window(text: &str) -> (&str, bool) {
    if text.len() <= READ_WINDOW_CHARS {
        return (text, false);
    }
    match text.char_indices().nth(READ_WINDOW_CHARS) {
        Some((cut, _)) => (&text[..cut], true),
        None => (text, false),
    }
}

/// The context as far as it is read: when its entries add up to more than
/// [`READ_BUDGET_BYTES`], the smallest are kept while they fit and `_truncated: true` is
/// added. Sizes are counted without writing anything, and a large value stops being counted
/// once it exceeds the budget.
pub fn bound_context(context: Map<String, Value>) -> Map<String, Value> {
    let mut total = 0;
    for (key, value) in &context {
        total += entry_size(key, value);
        if total > READ_BUDGET_BYTES {
            break;
        }
    }
    if total <= READ_BUDGET_BYTES {
        return context;
    }
    let (mut kept, _) = keep_smallest(context, READ_BUDGET_BYTES, entry_size);
    kept.insert(TRUNCATED_KEY.to_owned(), Value::Bool(true));
    kept
}

fn entry_size(key: &str, value: &Value) -> usize {
    string_size(key) + 2 + value_size(value, READ_BUDGET_BYTES)
}

fn string_size(text: &str) -> usize {
    text.len().min(READ_WINDOW_CHARS) + 2
}

/// About what `value` takes as JSON, strings counted up to the window; more than `limit`
/// once it exceeds `limit` (counting stops there).
fn value_size(value: &Value, limit: usize) -> usize {
    match value {
        Value::Null | Value::Bool(_) => 5,
        // Rough: a number is read whole whatever its digits.
        Value::Number(_) => 8,
        Value::String(text) => string_size(text),
        Value::Array(items) => {
            let mut size = 2;
            for item in items {
                size += value_size(item, limit - size.min(limit)) + 1;
                if size > limit {
                    break;
                }
            }
            size
        }
        Value::Object(map) => {
            let mut size = 2;
            for (key, item) in map {
                size += string_size(key) + 2 + value_size(item, limit - size.min(limit));
                if size > limit {
                    break;
                }
            }
            size
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_string_is_read_up_to_the_window() {
        assert_eq!(read_window("short"), ("short", false));
        let long = "é".repeat(READ_WINDOW_CHARS + 5);
        let (window, cut) = read_window(&long);
        assert!(cut);
        assert_eq!(window.chars().count(), READ_WINDOW_CHARS);
        let exact = "é".repeat(READ_WINDOW_CHARS);
        assert_eq!(read_window(&exact), (exact.as_str(), false));
    }

    #[test]
    fn a_huge_context_is_read_smallest_entries_first() {
        let mut context = Map::new();
        for index in 0..100_000 {
            context.insert(format!("k{index:06}"), json!("v".repeat(20)));
        }
        context.insert("status".into(), json!(401));
        context.insert("zzz".into(), json!(vec!["x"; 100_000]));
        let bounded = bound_context(context);
        assert_eq!(bounded.get(TRUNCATED_KEY), Some(&json!(true)));
        assert_eq!(bounded.get("status"), Some(&json!(401)));
        assert!(!bounded.contains_key("zzz"));
        let read: usize = bounded.iter().map(|(key, value)| entry_size(key, value)).sum();
        assert!(read <= READ_BUDGET_BYTES + entry_size(TRUNCATED_KEY, &json!(true)));
        assert!(bounded.len() > 1000, "as many as fit are read");
    }

    #[test]
    fn a_context_within_the_budget_is_read_whole() {
        let context = json!({"a": "x".repeat(50_000), "b": 1})
            .as_object()
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            bound_context(context.clone()),
            context,
            "a long string counts up to the window"
        );
    }
}
