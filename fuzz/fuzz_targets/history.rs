//! Any stored `logout_history`: reading never panics, keeps at most ten entries, and the
//! repeat count never exceeds them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use logout_tracker::testing::{LogoutHistory, HISTORY_LEN};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let history = LogoutHistory::from_json(text);
    assert!(history.entries().len() <= HISTORY_LEN);
    assert!(history.repeat_count() as usize <= history.entries().len());
    assert_eq!(
        LogoutHistory::from_json(&history.to_json()),
        history,
        "a round trip changes nothing"
    );
});
