//! The refresh-token rule: single use with rotation, reuse detection over a sign-in's whole
//! family of tokens (OAuth 2.0 Security BCP, RFC 9700 section 4.14.2), and the absolute
//! session lifetime.
//!
//! Every login starts a family; each refresh spends the presented token and issues its
//! successor in the same family. A spent (rotated-out) token presented again means two
//! parties hold the family (a stolen token, or a replay), so the whole family is revoked and
//! every token of that sign-in answers as blacklisted from then on.
//!
//! One exception keeps a valid session alive when a rotation's answer never reached its
//! client: the token that was rotated out last, presented again within `grace` of its
//! rotation while its successor has not been used yet, is answered as its rotation was
//! answered: with that same successor (no second live token is minted) and a new access
//! token. That covers the answer lost on the way (the client timed out, or the body came
//! truncated: CONTRACT section 4 has it keep its old tokens and try again later) and two tabs
//! refreshing with one stored token at once (Web Locks serialise them, but a tab steals the
//! lock after 10 s and browsers without Web Locks do not serialise at all): both end up
//! holding the one successor. Once the successor has been used, or past the grace, the old
//! token coming back is a reuse as above.

use std::time::Duration;

/// What the database knows about a presented refresh token this server issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PresentedToken {
    /// Its family was revoked (a logout, a detected reuse, the control API).
    pub family_revoked: bool,
    /// When a refresh rotated it out (milliseconds since the epoch), if one did.
    pub rotated_at_ms: Option<i64>,
    /// The token that replaced it has not been used (rotated out) itself: it is still its
    /// family's one live refresh token.
    pub successor_is_current: bool,
    /// Its user exists and is active.
    pub user_active: bool,
}

/// What a refresh with that token does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Spend it and issue its successor.
    Rotate,
    /// It was rotated out moments ago and its successor is unused: answer with that same
    /// successor again (and a new access token), and change nothing.
    ReissueSuccessor,
    /// Answer as blacklisted and change nothing: its family was revoked already.
    Refuse,
    /// Answer as blacklisted and revoke its whole family: a rotated-out token came back.
    RevokeFamily,
    /// simplejwt's `no_active_account`; the token is not spent.
    InactiveUser,
}

/// The rule, in simplejwt's order: the blacklist before the user.
pub fn verdict(token: &PresentedToken, now_ms: i64, grace: Duration) -> Verdict {
    if token.family_revoked {
        return Verdict::Refuse;
    }
    if let Some(rotated_at_ms) = token.rotated_at_ms {
        if !(token.successor_is_current && within(rotated_at_ms, now_ms, grace)) {
            return Verdict::RevokeFamily;
        }
        // A re-issue issues tokens, so it checks the user as a rotation does.
        return if token.user_active {
            Verdict::ReissueSuccessor
        } else {
            Verdict::InactiveUser
        };
    }
    if !token.user_active {
        return Verdict::InactiveUser;
    }
    Verdict::Rotate
}

fn within(then_ms: i64, now_ms: i64, span: Duration) -> bool {
    let span_ms = i64::try_from(span.as_millis()).unwrap_or(i64::MAX);
    now_ms.saturating_sub(then_ms) < span_ms
}

/// When a refresh token issued at `now_ms` expires: the usual lifetime, but never after its
/// family's absolute end, so that the token itself says when the session ends (the client
/// warns before it) and a refresh past the end is refused as an expired token.
pub fn refresh_expiry_ms(now_ms: i64, family_ends_ms: i64, ttl: Duration) -> i64 {
    let ttl_ms = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX);
    now_ms.saturating_add(ttl_ms).min(family_ends_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GRACE: Duration = Duration::from_secs(30);
    const LIVE: PresentedToken = PresentedToken {
        family_revoked: false,
        rotated_at_ms: None,
        successor_is_current: false,
        user_active: true,
    };

    fn rotated(at_ms: i64, successor_is_current: bool) -> PresentedToken {
        PresentedToken {
            rotated_at_ms: Some(at_ms),
            successor_is_current,
            ..LIVE
        }
    }

    #[test]
    fn a_live_token_rotates() {
        assert_eq!(verdict(&LIVE, 1_000, GRACE), Verdict::Rotate);
    }

    #[test]
    fn a_rotated_out_token_used_again_revokes_the_family() {
        // Long after its rotation.
        assert_eq!(verdict(&rotated(0, true), 30_000, GRACE), Verdict::RevokeFamily);
        // Soon, but the family has moved on since: not the tab race.
        assert_eq!(verdict(&rotated(0, false), 10, GRACE), Verdict::RevokeFamily);
        // Without a grace every reuse is one.
        assert_eq!(verdict(&rotated(0, true), 0, Duration::ZERO), Verdict::RevokeFamily);
    }

    #[test]
    fn the_last_rotated_token_within_the_grace_gets_its_unused_successor_again() {
        assert_eq!(verdict(&rotated(0, true), 0, GRACE), Verdict::ReissueSuccessor);
        assert_eq!(verdict(&rotated(0, true), 29_999, GRACE), Verdict::ReissueSuccessor);
        // The grace is counted from the rotation: the 30th second is already outside.
        assert_eq!(verdict(&rotated(0, true), 30_000, GRACE), Verdict::RevokeFamily);
        // A clock that went back is still within.
        assert_eq!(verdict(&rotated(5_000, true), 0, GRACE), Verdict::ReissueSuccessor);
    }

    #[test]
    fn once_the_successor_is_used_the_grace_no_longer_applies() {
        assert_eq!(verdict(&rotated(0, false), 0, GRACE), Verdict::RevokeFamily);
        assert_eq!(verdict(&rotated(0, false), 29_999, GRACE), Verdict::RevokeFamily);
    }

    #[test]
    fn a_re_issue_for_an_inactive_user_is_refused_without_revoking() {
        let inactive = PresentedToken {
            user_active: false,
            ..rotated(0, true)
        };
        assert_eq!(verdict(&inactive, 10, GRACE), Verdict::InactiveUser);
        // Past the grace it is a reuse all the same.
        assert_eq!(verdict(&inactive, 30_000, GRACE), Verdict::RevokeFamily);
    }

    #[test]
    fn a_revoked_family_refuses_everything_and_before_the_user_check() {
        let revoked = PresentedToken {
            family_revoked: true,
            user_active: false,
            ..LIVE
        };
        assert_eq!(verdict(&revoked, 0, GRACE), Verdict::Refuse);
        // A revoked family (a sign-out, say) gives nothing back, not even within the grace.
        let rotated_then_revoked = PresentedToken {
            family_revoked: true,
            ..rotated(0, true)
        };
        assert_eq!(verdict(&rotated_then_revoked, 10, GRACE), Verdict::Refuse);
        let inactive = PresentedToken {
            user_active: false,
            ..LIVE
        };
        assert_eq!(verdict(&inactive, 0, GRACE), Verdict::InactiveUser);
        let reused_by_inactive = PresentedToken {
            user_active: false,
            ..rotated(0, false)
        };
        assert_eq!(verdict(&reused_by_inactive, 0, GRACE), Verdict::RevokeFamily);
    }

    #[test]
    fn refresh_tokens_never_outlive_their_family() {
        let day = Duration::from_secs(86_400);
        assert_eq!(refresh_expiry_ms(0, i64::MAX, day), 86_400_000);
        assert_eq!(refresh_expiry_ms(1_000, 5_000, day), 5_000);
        assert_eq!(refresh_expiry_ms(i64::MAX - 1, i64::MAX, day), i64::MAX);
    }
}
