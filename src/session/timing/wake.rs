//! Whether the tab slept (CONTRACT 11.1): it became visible again, or a timer fired more
//! than 10 s late, as after a laptop's sleep; and how long it was away, which a logout
//! right after carries as `slept_s` when more than a minute. Pure.

use super::EpochMs;

/// A timer this late means the tab (or the machine) was not running.
pub const LATE_TIMER_MS: i64 = 10_000;
/// Shorter absences are not worth a word in the context.
pub const SLEPT_REPORT_S: i64 = 60;

/// Whether a timer asked for `expected_at` that fired at `fired_at` (the browser's clock)
/// shows the tab slept in between.
pub fn timer_was_late(expected_at: EpochMs, fired_at: EpochMs) -> bool {
    fired_at.saturating_sub(expected_at) > LATE_TIMER_MS
}

/// The `slept_s` of a logout after an absence from `left_at` to `back_at` (the browser's
/// clock): whole seconds, only above a minute.
pub fn slept_s(left_at: EpochMs, back_at: EpochMs) -> Option<i64> {
    let seconds = back_at.saturating_sub(left_at) / 1000;
    (seconds > SLEPT_REPORT_S).then_some(seconds)
}

// proptest and base64 are native dev-dependencies: the wasm32 build of these tests has none.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_timer_more_than_ten_seconds_late_is_a_wake() {
        assert!(!timer_was_late(1_000, 1_000));
        assert!(!timer_was_late(1_000, 11_000));
        assert!(timer_was_late(1_000, 11_001));
        assert!(!timer_was_late(1_000, -5_000), "the clock went back: not a sleep");
    }

    #[test]
    fn only_an_absence_above_a_minute_is_reported_in_whole_seconds() {
        assert_eq!(slept_s(0, 60_999), None);
        assert_eq!(slept_s(0, 61_000), Some(61));
        assert_eq!(slept_s(0, 7_200_999), Some(7_200));
        assert_eq!(slept_s(10_000, 0), None);
    }

    proptest! {
        #[test]
        fn any_times_are_safe(a in any::<i64>(), b in any::<i64>()) {
            let _ = timer_was_late(a, b);
            if let Some(seconds) = slept_s(a, b) {
                prop_assert!(seconds > SLEPT_REPORT_S);
            }
        }
    }
}
