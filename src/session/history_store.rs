//! The logout history in localStorage (`logout_history`, CONTRACT section 10) and the
//! time of the current session's sign-in beside it, so that a logout that keeps happening
//! right after signing in is noticed. The rules are in `logout::history` (pure).

use crate::local_storage;
use crate::logout::history::{keeps_happening, HistoryEntry, LogoutHistory, HISTORY_KEY, REPEAT_KEY};
use crate::logout::reason::format_timestamp;
use crate::logout::LogoutReason;

/// When the current session signed in (ISO 8601 UTC), shared by the tabs like the tokens.
pub const SIGNED_IN_AT_KEY: &str = "logout_signed_in_at";

/// A sign-in succeeded: its time starts the two minutes of the rule.
pub fn note_sign_in(now: chrono::DateTime<chrono::Utc>) {
    let _ = local_storage::set(SIGNED_IN_AT_KEY, &format_timestamp(now));
}

/// Remembers an automatic logout and, when it keeps happening, adds `"repeat": N` to
/// the reason's context (read by the Session Ended box and reported to the backend).
pub fn record(reason: &mut LogoutReason) {
    let mut history = LogoutHistory::from_json(&local_storage::get(HISTORY_KEY).unwrap_or_default());
    let signed_in_at = local_storage::get(SIGNED_IN_AT_KEY);
    let entry = HistoryEntry::new(
        reason.code.as_str(),
        &reason.timestamp,
        &reason.path,
        signed_in_at.as_deref(),
    );
    let repeat = history.record(entry);
    let _ = local_storage::set(HISTORY_KEY, &history.to_json());
    let _ = local_storage::remove(SIGNED_IN_AT_KEY);
    if keeps_happening(repeat) {
        reason.context.insert(REPEAT_KEY.into(), repeat.into());
    }
}

/// The user signed out by hand: whatever was happening, the count starts again.
pub fn reset() {
    let _ = local_storage::remove(HISTORY_KEY);
    let _ = local_storage::remove(SIGNED_IN_AT_KEY);
}
