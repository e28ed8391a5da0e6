//! When a session ends on time rather than on a 401 (CONTRACT 11.1, 11.2): PURE decisions,
//! in milliseconds, that the session room's timers and listeners act on.
//!
//! - `server_clock`: the server's time minus the browser's, from a `Date` header
//!   (`http_date` reads its format).
//! - `token_times`: when a JWT was issued and ends (its payload's `iat` and `exp`).
//! - `early_renewal`: whether an access token is renewed before a request goes out.
//! - `renew_loop`: when refreshing has become a loop (3 calls within 30 s).
//! - `wake`: whether the tab slept, and the `slept_s` a logout then carries.
//! - `countdown`: before the warning, the warning, the end (idle and lifetime alike).
//! - `lifetime`: whether a refresh can still move the session's end.

pub(crate) mod countdown;
pub(crate) mod early_renewal;
pub(crate) mod http_date;
pub(crate) mod lifetime;
pub(crate) mod renew_loop;
pub(crate) mod server_clock;
pub(crate) mod token_times;
pub(crate) mod wake;

/// Milliseconds since the Unix epoch (the browser's `Date.now()`, or the server's time).
pub type EpochMs = i64;
