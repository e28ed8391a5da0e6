//! The global switches of the control API; all off (and the start-up token lifetime) by default.

use serde::Serialize;

use crate::standard_shapes::AuthErrors;

/// `fail_with`: the next `remaining` API requests answer `status` (an HTML page when
/// `html`), or, when `truncated`, their own answer with the body cut in half.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct FailWith {
    /// `None` when `truncated`: each answer keeps its own status.
    pub status: Option<u16>,
    pub html: bool,
    pub truncated: bool,
    pub remaining: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Switches {
    /// Lifetime in seconds of access tokens issued from now on.
    pub access_ttl: u64,
    /// Act as a proxy that drops the Authorization header of API requests.
    pub strip_authorization: bool,
    /// Login answers without a refresh token.
    pub login_without_refresh: bool,
    /// Turn off ACCOUNT_MISSING..PLAN_INACTIVE so the client's own checks are reached.
    pub skip_account_checks: bool,
    /// Access tokens are issued already ended (`exp` five minutes ago), as a backend with a
    /// broken clock would: a client that renews by `exp` must not loop (CONTRACT 11.1).
    pub issue_ended_tokens: bool,
    /// The refresh endpoint answers a new refresh token with each access token (on by
    /// default); off, it answers only the access token, and the session ends when the first
    /// refresh token does (CONTRACT 11.2's lifetime warning).
    pub rotate_refresh_tokens: bool,
    /// The absolute lifetime of sessions signed in from now on, in seconds; 0: the server's
    /// own (`--session-lifetime`).
    pub session_lifetime_s: u64,
    /// How 401 and 403 answers are shaped: the seed's, RFC 6750's or RFC 9457's.
    pub auth_errors: AuthErrors,
    /// The content list answers 403 `insufficient_scope` (RFC 6750).
    pub insufficient_scope: bool,
    pub fail_with: Option<FailWith>,
    /// The refresh endpoint answers this many milliseconds late (after doing its work).
    pub refresh_delay_ms: u64,
    /// Every API answer is held back this many milliseconds after its work is done (a slow
    /// server or network); 0: off.
    pub answer_delay_ms: u64,
    /// The served app's `/config.json` is answered this many milliseconds late (the app must
    /// not wait for it to show the sign-in page); 0: off.
    pub config_delay_ms: u64,
    /// The middleware's logout bodies carry this many bytes of hostile text (secrets, then
    /// token-like filler) in `logout_message` and in `logout_context`; 0: off.
    pub hostile_logout_bytes: u64,
}

impl Switches {
    pub fn new(access_ttl: u64) -> Switches {
        Switches {
            access_ttl,
            strip_authorization: false,
            login_without_refresh: false,
            skip_account_checks: false,
            issue_ended_tokens: false,
            rotate_refresh_tokens: true,
            session_lifetime_s: 0,
            auth_errors: AuthErrors::Seed,
            insufficient_scope: false,
            fail_with: None,
            refresh_delay_ms: 0,
            answer_delay_ms: 0,
            config_delay_ms: 0,
            hostile_logout_bytes: 0,
        }
    }
}
