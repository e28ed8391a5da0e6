//! Judging a storm of refreshes as the client does (`src/api/refresh.rs`): which refusals
//! the client excuses because another tab's renewal landed in time, and which would have
//! logged the user out. Pure, so that the rule is tested apart from any server.

use std::time::Duration;

/// How long the client waits, after a refused refresh, for another tab's rotation to land
/// in storage (`OTHER_TAB_GRACE_MS` in `src/api/refresh.rs`).
pub const OTHER_TAB_GRACE: Duration = Duration::from_millis(500);

/// What one tab's part of a storm came to, with when it was over (since the storm began).
#[derive(Debug, Clone, PartialEq)]
pub enum TabOutcome {
    /// Its access token had already been replaced by another tab: adopted, no call.
    Adopted,
    /// It called refresh and got new tokens at `at`.
    Renewed { at: Duration },
    /// Its refresh was refused (401, 400 or 403) at `at`.
    Refused { at: Duration, status: u16, body: String },
    /// Network error, timeout, 5xx or another status: not a failed refresh, tokens kept.
    Unavailable { status: Option<u16>, error: String },
}

/// What the client makes of one tab's part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judgment {
    /// Renewed, or adopted another tab's tokens: the session goes on.
    Fine,
    /// Refused, but another tab's renewal landed before the refusal or within the grace:
    /// the client adopts it (the backend's correct refusal of a spent token).
    Excused,
    /// Refused with no renewal in time: the client ends the session (TOKEN_REFRESH_FAILED).
    Logout,
    /// Network error, timeout, 5xx, another status: an error the user sees, tokens kept.
    Unavailable,
}

/// A refused tab looks at storage right away and again `OTHER_TAB_GRACE` later: its refusal
/// is excused when some tab of the storm stored its renewal by then.
pub fn judge(outcomes: &[TabOutcome]) -> Vec<Judgment> {
    let renewals: Vec<Duration> = outcomes
        .iter()
        .filter_map(|outcome| match outcome {
            TabOutcome::Renewed { at } => Some(*at),
            _ => None,
        })
        .collect();
    outcomes
        .iter()
        .map(|outcome| match outcome {
            TabOutcome::Adopted | TabOutcome::Renewed { .. } => Judgment::Fine,
            TabOutcome::Refused { at, .. } => {
                if renewals.iter().any(|renewed| *renewed <= *at + OTHER_TAB_GRACE) {
                    Judgment::Excused
                } else {
                    Judgment::Logout
                }
            }
            TabOutcome::Unavailable { .. } => Judgment::Unavailable,
        })
        .collect()
}

/// Whether a refresh answer's status means the session cannot be renewed (CONTRACT 4).
pub fn is_refusal(status: u16) -> bool {
    matches!(status, 400 | 401 | 403)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    fn refused(at: u64) -> TabOutcome {
        TabOutcome::Refused {
            at: ms(at),
            status: 401,
            body: "blacklisted".into(),
        }
    }

    #[test]
    fn a_refusal_is_excused_when_the_winner_lands_within_the_grace() {
        use Judgment::*;
        let judged = judge(&[TabOutcome::Renewed { at: ms(40) }, refused(10), refused(60)]);
        assert_eq!(judged, vec![Fine, Excused, Excused]);
        // The winner's answer 500 ms after the refusal still counts; later does not.
        assert_eq!(
            judge(&[TabOutcome::Renewed { at: ms(510) }, refused(10)]),
            vec![Fine, Excused]
        );
        assert_eq!(
            judge(&[TabOutcome::Renewed { at: ms(511) }, refused(10)]),
            vec![Fine, Logout]
        );
    }

    #[test]
    fn a_refusal_without_any_renewal_is_a_logout() {
        assert_eq!(
            judge(&[refused(5), refused(6)]),
            vec![Judgment::Logout, Judgment::Logout]
        );
    }

    #[test]
    fn errors_and_adoptions_are_neither() {
        let judged = judge(&[
            TabOutcome::Adopted,
            TabOutcome::Unavailable {
                status: Some(502),
                error: "502".into(),
            },
            TabOutcome::Renewed { at: ms(1) },
        ]);
        assert_eq!(judged, vec![Judgment::Fine, Judgment::Unavailable, Judgment::Fine]);
    }

    #[test]
    fn refusals_are_400_401_403_only() {
        for status in [400, 401, 403] {
            assert!(is_refusal(status));
        }
        for status in [200, 404, 429, 500, 502, 503] {
            assert!(!is_refusal(status));
        }
    }
}
