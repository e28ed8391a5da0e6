//! Any text through the path rules: where the user is sent after signing in is always
//! `/dashboard` or a path with a single leading `/` and no backslash, control character or
//! white space; a safe link is such a path or an http(s) URL; the recorded page is never
//! the sign-in page.
#![no_main]

use libfuzzer_sys::fuzz_target;
use logout_tracker::testing::{after_sign_in, is_sign_in, page_for_reason, safe_link, safe_return_path};

fn is_clean_in_app_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.chars().any(|c| c == '\\' || c.is_control() || c.is_whitespace())
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (a, b) = text.split_once('\u{0}').unwrap_or((text, "/dashboard"));
    for (next, page) in [(Some(a), Some(b)), (None, Some(a)), (Some(b), None), (None, None)] {
        let target = after_sign_in(next, page);
        assert!(
            target == "/dashboard" || is_clean_in_app_path(&target),
            "after_sign_in gave {target:?}"
        );
        assert!(!is_sign_in(&target), "after_sign_in gave the sign-in page");
    }
    if let Some(path) = safe_return_path(a) {
        assert!(is_clean_in_app_path(path) && !is_sign_in(path));
    }
    if let Some(link) = safe_link(a) {
        let lower = link.to_ascii_lowercase();
        let absolute = lower.starts_with("http://") || lower.starts_with("https://");
        assert!(is_clean_in_app_path(link) || absolute, "safe_link gave {link:?}");
        assert!(!link.chars().any(|c| c == '\\' || c.is_control() || c.is_whitespace()));
        if absolute {
            let rest = &link[link.find("://").unwrap_or(0) + 3..];
            assert!(
                !rest.is_empty() && !rest.starts_with('/'),
                "an absolute link without a host"
            );
        }
    }
    let recorded = page_for_reason(a, Some(b));
    assert!(!is_sign_in(&recorded), "the recorded page is the sign-in page");
});
