//! The renew-loop breaker (CONTRACT 11.1): a backend that keeps handing out tokens that are
//! already ended, or rejects them at once, gets at most 3 refresh calls within 30 s from a
//! tab; the next one is not sent, and the session ends TOKEN_REFRESH_FAILED with
//! `renew_loop: true`. Counted on the tab's monotonic clock, which a changed wall clock
//! does not move. Pure.

/// Refresh calls allowed within [`WINDOW_MS`].
pub const MAX_CALLS: usize = 3;
pub const WINDOW_MS: f64 = 30_000.0;

/// When this tab's last refresh calls were sent (`performance.now()`, milliseconds).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RenewLoop {
    sent_at: Vec<f64>,
}

impl RenewLoop {
    /// A refresh is about to be sent at `now`: `true` (and counted) when it may go, `false`
    /// when it would be the fourth within 30 s.
    pub fn may_send(&mut self, now: f64) -> bool {
        self.sent_at.retain(|sent| now - sent < WINDOW_MS);
        if self.sent_at.len() >= MAX_CALLS {
            return false;
        }
        self.sent_at.push(now);
        true
    }
}

// proptest and base64 are native dev-dependencies: the wasm32 build of these tests has none.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_fourth_call_within_30_seconds_is_refused_and_a_later_one_goes() {
        let mut calls = RenewLoop::default();
        assert!(calls.may_send(0.0));
        assert!(calls.may_send(1_000.0));
        assert!(calls.may_send(2_000.0));
        assert!(!calls.may_send(29_999.0));
        assert!(calls.may_send(30_000.0), "the first has left the window");
    }

    #[test]
    fn a_refresh_every_few_minutes_is_never_a_loop() {
        let mut calls = RenewLoop::default();
        assert!((0..1000).all(|n| calls.may_send(f64::from(n) * 270_000.0)));
    }

    proptest! {
        /// Whatever the times, no 30 s window ever holds more than 3 calls that were let go.
        #[test]
        fn no_window_holds_more_than_three(mut times in proptest::collection::vec(0.0f64..200_000.0, 0..60)) {
            times.sort_by(f64::total_cmp);
            let mut calls = RenewLoop::default();
            let sent: Vec<f64> = times.into_iter().filter(|now| calls.may_send(*now)).collect();
            for (i, first) in sent.iter().enumerate() {
                let within = sent[i..].iter().filter(|t| **t - first < WINDOW_MS).count();
                prop_assert!(within <= MAX_CALLS);
            }
        }
    }
}
