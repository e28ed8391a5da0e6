//! Any query string: `next` reads without panicking, and where it sends the user after
//! signing in stays inside the app.
#![no_main]

use libfuzzer_sys::fuzz_target;
use logout_tracker::testing::after_sign_in;
use logout_tracker::testing::next_param;

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else { return };
    if let Some(next) = next_param(query) {
        let target = after_sign_in(Some(&next), None);
        assert!(
            target == "/dashboard"
                || (target.starts_with('/')
                    && !target.starts_with("//")
                    && !target.chars().any(|c| c == '\\' || c.is_control() || c.is_whitespace())),
            "next={next:?} sent the user to {target:?}"
        );
    }
});
