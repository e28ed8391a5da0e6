//! Where a session stands against an end it can see coming (CONTRACT 11.2): quiet until
//! `warning_s` before the end, then the warning with the seconds left, then over. The idle
//! end (last activity + `idle_timeout_s`) and the lifetime end (the refresh token's `exp`)
//! read the same way. Pure.

use super::EpochMs;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Nothing to show; the warning is due in this many milliseconds.
    Quiet { warn_in_ms: i64 },
    /// The warning shows; the end comes in this many whole seconds (rounded up).
    Warning { seconds_left: i64 },
    /// The end has come.
    Over,
}

/// The phase at `now` of an end at `ends_at`, warned about `warning_ms` before.
pub fn phase(ends_at: EpochMs, now: EpochMs, warning_ms: i64) -> Phase {
    let left = ends_at.saturating_sub(now);
    if left <= 0 {
        Phase::Over
    } else if left <= warning_ms {
        Phase::Warning {
            seconds_left: left.saturating_add(999) / 1000,
        }
    } else {
        Phase::Quiet {
            warn_in_ms: left - warning_ms,
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn quiet_then_warning_then_over() {
        assert_eq!(phase(100_000, 0, 60_000), Phase::Quiet { warn_in_ms: 40_000 });
        assert_eq!(phase(100_000, 40_000, 60_000), Phase::Warning { seconds_left: 60 });
        assert_eq!(phase(100_000, 40_001, 60_000), Phase::Warning { seconds_left: 60 });
        assert_eq!(phase(100_000, 99_001, 60_000), Phase::Warning { seconds_left: 1 });
        assert_eq!(phase(100_000, 100_000, 60_000), Phase::Over);
        assert_eq!(phase(100_000, i64::MAX, 60_000), Phase::Over);
    }

    proptest! {
        /// The warning always shows before the end, for as long as asked (never longer),
        /// and the seconds it shows never say more than is left, rounded up.
        #[test]
        fn the_warning_covers_the_last_warning_ms(
            ends_at in -1_000_000i64..1_000_000,
            now in -2_000_000i64..2_000_000,
            warning_ms in 20_000i64..600_000,
        ) {
            match phase(ends_at, now, warning_ms) {
                Phase::Quiet { warn_in_ms } => prop_assert!(warn_in_ms > 0 && ends_at - now > warning_ms),
                Phase::Warning { seconds_left } => {
                    let left = ends_at - now;
                    prop_assert!(left > 0 && left <= warning_ms);
                    prop_assert!(seconds_left * 1000 >= left && (seconds_left - 1) * 1000 < left);
                }
                Phase::Over => prop_assert!(now >= ends_at),
            }
        }
    }
}
