//! What is kept (CONTRACT section 5): a string at [`MAX_STRING_CHARS`] characters, the whole
//! stored reason at [`MAX_REASON_BYTES`] of JSON, the context taking what the rest leaves.

use serde_json::{Map, Value};

use super::shapes::is_run_byte;
use super::REDACTED;

/// The stored reason (compact JSON) never exceeds this many bytes.
pub const MAX_REASON_BYTES: usize = 16 * 1024;
/// Longer strings (and messages, pages, codes, keys) are cut to this many characters, the
/// last one an ellipsis.
pub const MAX_STRING_CHARS: usize = 2000;
/// A string also takes at most this many bytes of JSON, quotes included (fewer characters
/// when they are not ASCII or need escaping), so that the code, the message and the page
/// always leave the context room within [`MAX_REASON_BYTES`].
pub const MAX_STRING_JSON_BYTES: usize = 4096;
/// Added (as `true`) to a context that lost entries to a size limit.
pub const TRUNCATED_KEY: &str = "_truncated";
const ELLIPSIS: char = '…';
/// A word of token characters shorter than this is never split by a cut (the cut goes before
/// it), so that a cut leaves no half scheme (`Authorization: Bea…`) to be read differently.
const WHOLE_WORD_BYTES: usize = 24;

/// What a character takes in JSON text, as serde_json writes it.
fn json_width(c: char) -> usize {
    match c {
        '"' | '\\' | '\u{8}' | '\u{c}' | '\n' | '\r' | '\t' => 2,
        c if u32::from(c) < 0x20 => 6,
        c => c.len_utf8(),
    }
}

/// At most [`MAX_STRING_CHARS`] characters and [`MAX_STRING_JSON_BYTES`] of JSON, the last
/// an ellipsis when cut, or when `cut` says the read window already dropped the rest. A cut
/// never splits a `[redacted]` nor a short word.
pub(super) fn cap_string(text: String, cut: bool) -> String {
    // `keep`: the longest prefix that leaves room for the ellipsis.
    let (mut chars, mut bytes, mut keep) = (0, 2, 0);
    let mut fits = true;
    for (index, c) in text.char_indices() {
        chars += 1;
        bytes += json_width(c);
        if chars > MAX_STRING_CHARS || bytes > MAX_STRING_JSON_BYTES {
            fits = false;
            break;
        }
        if chars < MAX_STRING_CHARS && bytes + ELLIPSIS.len_utf8() <= MAX_STRING_JSON_BYTES {
            keep = index + c.len_utf8();
        }
    }
    if fits && !cut {
        return text;
    }
    let mut out = text;
    out.truncate(whole_cut(out.as_bytes(), keep));
    out.push(ELLIPSIS);
    out
}

/// `at`, moved back to the start of a `[redacted]` or of a short word it would split.
fn whole_cut(bytes: &[u8], mut at: usize) -> usize {
    if at >= bytes.len() {
        return at;
    }
    let marker = REDACTED.as_bytes();
    if let Some(back) = (1..marker.len()).find(|&back| at >= back && bytes[at - back..].starts_with(marker)) {
        at -= back;
    }
    if at > 0 && is_run_byte(bytes[at - 1]) && is_run_byte(bytes[at]) {
        let start = (at.saturating_sub(WHOLE_WORD_BYTES)..at)
            .rev()
            .find(|&index| !is_run_byte(bytes[index]))
            .map(|index| index + 1);
        if let Some(start) = start {
            at = start;
        }
    }
    at
}

pub(super) fn json_len(value: &Value) -> usize {
    serde_json::to_vec(value).map(|bytes| bytes.len()).unwrap_or(usize::MAX)
}

/// The entries kept smallest first (ties by key) while their sizes fit in `budget`, and
/// whether any was dropped. Smallest first: the facts a logout is read by (`status`,
/// `endpoint`) outlast a runaway entry. Found without sorting (a std sort costs kilobytes of
/// wasm): the size at which entries stop fitting, by bisection, then every entry smaller and
/// as many of that size as still fit, in key order.
pub(crate) fn keep_smallest(
    map: Map<String, Value>,
    budget: usize,
    size: fn(&str, &Value) -> usize,
) -> (Map<String, Value>, bool) {
    let sizes: Vec<usize> = map.iter().map(|(key, value)| size(key, value)).collect();
    let up_to = |level: usize| {
        sizes
            .iter()
            .filter(|&&size| size <= level)
            .fold(0usize, |sum, &size| sum.saturating_add(size))
    };
    // The least size whose entries, with all smaller ones, exceed the budget (one past it
    // when every entry that fits alone fits together).
    let (mut low, mut high) = (0, budget.saturating_add(1));
    while low < high {
        let middle = low + (high - low) / 2;
        if up_to(middle) > budget {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    let mut left = budget - up_to(low.saturating_sub(1));
    let mut kept = Map::new();
    for ((key, value), size) in map.into_iter().zip(&sizes) {
        let fits = *size < low || (*size == low && *size <= left);
        if *size == low && fits {
            left -= size;
        }
        if fits {
            kept.insert(key, value);
        }
    }
    let dropped = kept.len() < sizes.len();
    (kept, dropped)
}

/// `"key":value,` in compact JSON.
fn entry_json_len(key: &str, value: &Value) -> usize {
    // The key's quotes and escapes, counted as serde_json writes them.
    let key_len = key.chars().map(json_width).sum::<usize>() + 2;
    key_len.saturating_add(json_len(value)).saturating_add(2)
}

/// Keeps the context within `budget` bytes of compact JSON: when it is larger, entries are
/// kept smallest first while they fit, the rest dropped, and `_truncated: true` added. The
/// budget leaves room for the braces, the commas and the marker, and the result is measured
/// once more, so the cap holds whatever the entries.
pub(super) fn cap_context(context: Map<String, Value>, budget: usize) -> Map<String, Value> {
    let mut context = Value::Object(context);
    if json_len(&context) <= budget {
        return into_map(context);
    }
    let mut rest = into_map(std::mem::take(&mut context));
    rest.remove(TRUNCATED_KEY);
    // `{`, `}` and `"_truncated":true` around the entries.
    let marker = TRUNCATED_KEY.len() + 2 + 1 + 4;
    let (mut kept, _) = keep_smallest(rest, budget.saturating_sub(2 + marker), entry_json_len);
    kept.insert(TRUNCATED_KEY.to_owned(), Value::Bool(true));
    let kept = Value::Object(kept);
    if json_len(&kept) <= budget {
        return into_map(kept);
    }
    let mut only_marker = Map::new();
    if marker + 2 <= budget {
        only_marker.insert(TRUNCATED_KEY.to_owned(), Value::Bool(true));
    }
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
    fn strings_that_take_many_bytes_of_json_are_capped_by_them() {
        for (text, width) in [("語", 3), ("😀", 4), ("\u{1}", 6)] {
            let out = cap_string(text.repeat(MAX_STRING_CHARS), false);
            let json = serde_json::to_string(&out).unwrap_or_default();
            assert!(json.len() <= MAX_STRING_JSON_BYTES, "{} bytes", json.len());
            assert!(
                json.len() > MAX_STRING_JSON_BYTES - width - 3,
                "as much as fits is kept"
            );
            assert!(out.ends_with('…'));
        }
    }

    #[test]
    fn a_cut_never_splits_a_marker_or_a_short_word() {
        let pad = |n: usize| "x ".repeat(n / 2);
        // The limit falls inside `[redacted]`, then inside `Bearer`.
        let text = format!("{}password=[redacted] tail", pad(MAX_STRING_CHARS - 13));
        assert!(cap_string(text, false).ends_with("password=…"));
        let text = format!("{}Authorization: Bearer [redacted]", pad(MAX_STRING_CHARS - 18));
        assert!(cap_string(text, false).ends_with("Authorization: …"));
        // A long word is cut where the limit falls.
        let word = "y".repeat(3 * MAX_STRING_CHARS);
        assert_eq!(cap_string(word, false).chars().count(), MAX_STRING_CHARS);
    }

    #[test]
    fn a_text_cut_by_the_read_window_ends_with_an_ellipsis() {
        assert_eq!(cap_string("short".into(), true), "short…");
        assert_eq!(cap_string("short".into(), false), "short");
    }

    #[test]
    fn a_large_context_is_cut_and_marked() {
        let mut big = Map::new();
        for index in 0..40 {
            big.insert(format!("entry{index:02}"), json!("y".repeat(1900)));
        }
        big.insert("status".into(), json!(401));
        big.insert("endpoint".into(), json!("/api/v1/auth/me/"));
        let out = scrub_context(big);
        let size = serde_json::to_vec(&out).map(|b| b.len()).unwrap_or(usize::MAX);
        assert!(size <= MAX_REASON_BYTES, "{size}");
        assert_eq!(out.get(TRUNCATED_KEY), Some(&json!(true)));
        assert_eq!(out.get("status"), Some(&json!(401)), "small facts survive the cut");
        assert_eq!(out.get("endpoint"), Some(&json!("/api/v1/auth/me/")));
        assert!(out.len() > 5, "as many entries as fit are kept");
        let small = scrub(json!({"status": 401}));
        assert_eq!(small.get(TRUNCATED_KEY), None);
    }

    #[test]
    fn a_tiny_budget_keeps_the_marker_or_nothing() {
        let context = json!({"a": "b".repeat(100)}).as_object().cloned().unwrap_or_default();
        assert_eq!(
            Value::Object(cap_context(context.clone(), 30)),
            json!({TRUNCATED_KEY: true})
        );
        assert_eq!(cap_context(context, 10), Map::new());
    }
}
