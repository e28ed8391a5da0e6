//! The reason store: the logout reason under localStorage key `logout_reason`, saved
//! before the redirect and taken once by the sign-in page.

use crate::local_storage::{self, StorageError};

use crate::logout::LogoutReason;

pub const LOGOUT_REASON_KEY: &str = "logout_reason";

/// Stores the reason as JSON, replacing any older one. Storage can be full; the logout
/// goes on regardless, so the error is only handed back for the console.
pub fn save_reason(reason: &LogoutReason) -> Result<(), StorageError> {
    local_storage::set(LOGOUT_REASON_KEY, &reason.to_json())
}

/// Returns the stored reason and removes it, so that it is shown once. Anything under the
/// key that is not a reason (corrupted, foreign JSON) is removed too and gives `None`.
pub fn take_reason() -> Option<LogoutReason> {
    let reason = peek_reason();
    let _ = local_storage::remove(LOGOUT_REASON_KEY);
    reason
}

/// Reads the stored reason without removing it.
pub fn peek_reason() -> Option<LogoutReason> {
    LogoutReason::from_json(&local_storage::get(LOGOUT_REASON_KEY)?)
}
