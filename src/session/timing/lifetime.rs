//! Whether the session has a fixed end (CONTRACT 11.2, lifetime): when a refresh cannot
//! move the refresh token's `exp` (it answers no new refresh token, or one that ends no
//! later), that `exp` is when the session ends, and the lifetime warning counts down to it.
//! Pure.

use super::EpochMs;

/// The session's fixed end after a refresh, from the `exp` of the refresh token it spent
/// (`before`) and of the one it answered (`after`: `None` when it answered none, or one
/// whose end cannot be read). `None`: the end still moves (or cannot be known).
pub fn fixed_end(before: Option<EpochMs>, answered_new_token: bool, after: Option<EpochMs>) -> Option<EpochMs> {
    let before = before?;
    match (answered_new_token, after) {
        (false, _) => Some(before),
        (true, Some(after)) if after <= before => Some(after),
        _ => None,
    }
}

// proptest and base64 are native dev-dependencies: the wasm32 build of these tests has none.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn no_new_refresh_token_or_one_ending_no_later_fixes_the_end() {
        assert_eq!(fixed_end(Some(1_000), false, None), Some(1_000), "rotation off");
        assert_eq!(fixed_end(Some(1_000), true, Some(1_000)), Some(1_000), "same end");
        assert_eq!(fixed_end(Some(1_000), true, Some(900)), Some(900), "capped sooner");
    }

    #[test]
    fn a_later_end_or_one_that_cannot_be_read_keeps_it_moving() {
        assert_eq!(fixed_end(Some(1_000), true, Some(1_001)), None, "rotation extends");
        assert_eq!(fixed_end(Some(1_000), true, None), None, "opaque new token");
        assert_eq!(fixed_end(None, false, None), None, "opaque spent token");
    }
}
