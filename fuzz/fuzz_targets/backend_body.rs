//! Any bytes as a backend body: parsing never panics and texts stay within their cap.
#![no_main]

use libfuzzer_sys::fuzz_target;
use logout_tracker::testing::{BackendBody, MAX_TEXT_CHARS};

fuzz_target!(|data: &[u8]| {
    let body = BackendBody::parse(data);
    let _ = body.has_code(&["token_not_valid", "authentication_failed"]);
    let texts = [
        &body.logout_reason,
        &body.logout_message,
        &body.error,
        &body.detail,
        &body.code,
        &body.logout_path,
    ];
    for text in texts.into_iter().flatten() {
        // The cap plus room for an ellipsis.
        assert!(text.chars().count() <= MAX_TEXT_CHARS + 1, "a text over the cap");
    }
});
