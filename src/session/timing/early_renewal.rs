//! Whether an access token is renewed before a request goes out (CONTRACT 11.1): when its
//! remaining life, in the server's time, is under 30 s, or under a quarter of its whole
//! life when that is shorter. A token without times is never renewed early: the server
//! decides, as before. Pure.

use super::token_times::TokenTimes;
use super::EpochMs;

/// The margin a long-lived token is renewed within.
pub const MARGIN_MS: i64 = 30_000;

/// Whether the access token with these times should be renewed before it is sent, at the
/// server's time `server_now`.
pub fn renew_before_sending(times: Option<TokenTimes>, server_now: EpochMs) -> bool {
    let Some(times) = times else {
        return false;
    };
    let margin = times.lifetime_ms().map_or(MARGIN_MS, |life| MARGIN_MS.min(life / 4));
    times.expires_at.saturating_sub(server_now) < margin
}

/// Whether the token has ended at the server's time `server_now` (a woken tab refreshes
/// only then).
pub fn has_ended(times: Option<TokenTimes>, server_now: EpochMs) -> bool {
    times.is_some_and(|times| times.expires_at <= server_now)
}

// proptest and base64 are native dev-dependencies: the wasm32 build of these tests has none.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const T0: EpochMs = 1_700_000_000_000;

    fn times(issued_at: Option<EpochMs>, expires_at: EpochMs) -> Option<TokenTimes> {
        Some(TokenTimes { issued_at, expires_at })
    }

    #[test]
    fn a_five_minute_token_is_renewed_in_its_last_30_seconds() {
        let token = times(Some(T0), T0 + 300_000);
        assert!(!renew_before_sending(token, T0));
        assert!(!renew_before_sending(token, T0 + 270_000));
        assert!(renew_before_sending(token, T0 + 270_001));
        assert!(renew_before_sending(token, T0 + 400_000), "ended");
    }

    #[test]
    fn a_short_token_is_renewed_in_its_last_quarter() {
        let token = times(Some(T0), T0 + 60_000);
        assert!(!renew_before_sending(token, T0 + 45_000));
        assert!(renew_before_sending(token, T0 + 45_001));
    }

    #[test]
    fn without_times_the_server_decides() {
        assert!(!renew_before_sending(None, T0));
        assert!(!has_ended(None, i64::MAX));
        let no_iat = times(None, T0 + 60_000);
        assert!(renew_before_sending(no_iat, T0 + 30_001));
        assert!(!renew_before_sending(no_iat, T0 + 29_999));
    }

    proptest! {
        /// However the token is shaped, one just issued is never renewed at once (the rule
        /// itself cannot loop), and an ended one always is.
        #[test]
        fn the_rule_never_loops_on_a_healthy_token(
            issued in T0..T0 + 1_000_000,
            life in 1i64..100_000_000,
            now in T0..T0 + 200_000_000,
        ) {
            let token = times(Some(issued), issued + life);
            if now >= issued + life {
                prop_assert!(renew_before_sending(token, now));
                prop_assert!(has_ended(token, now));
            }
            prop_assert!(!renew_before_sending(token, issued), "a token just issued is kept");
        }

        #[test]
        fn extreme_values_are_safe(issued in any::<Option<i64>>(), expires in any::<i64>(), now in any::<i64>()) {
            let _ = renew_before_sending(times(issued, expires), now);
            let _ = has_ended(times(issued, expires), now);
        }
    }
}
