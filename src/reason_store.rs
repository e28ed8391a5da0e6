//! The reason store: the logout reason under localStorage key `logout_reason`, saved
//! before the redirect and taken once by the sign-in page. A copy is also kept in memory,
//! so that with storage blocked or full the sign-in page of this tab still explains.

use std::cell::RefCell;

use crate::local_storage::{self, StorageError};
use crate::logout::LogoutReason;

pub const LOGOUT_REASON_KEY: &str = "logout_reason";

thread_local! {
    /// This tab's last reason, until the sign-in page takes it.
    static IN_MEMORY: RefCell<Option<LogoutReason>> = const { RefCell::new(None) };
}

/// Stores the reason as JSON, replacing any older one. Storage can be full; the logout
/// goes on regardless (the copy in memory stands in), so the error is only handed back
/// for the console.
pub fn save_reason(reason: &LogoutReason) -> Result<(), StorageError> {
    let saved = local_storage::set(LOGOUT_REASON_KEY, &reason.to_json());
    // Only when storage failed: a stored reason is the one truth, which other code may
    // legitimately remove.
    let fallback = saved.is_err().then(|| reason.clone());
    IN_MEMORY.with(|kept| *kept.borrow_mut() = fallback);
    saved
}

/// Returns the stored reason and removes it, so that it is shown once. Anything under the
/// key that is not a reason (corrupted, foreign JSON) is removed too. Without a stored
/// reason, the copy in memory (storage blocked or full) is taken.
pub fn take_reason() -> Option<LogoutReason> {
    let stored = peek_reason();
    let _ = local_storage::remove(LOGOUT_REASON_KEY);
    let in_memory = IN_MEMORY.with(|kept| kept.borrow_mut().take());
    stored.or(in_memory)
}

/// Reads the stored reason without removing it.
pub fn peek_reason() -> Option<LogoutReason> {
    LogoutReason::from_json(&local_storage::get(LOGOUT_REASON_KEY)?)
}
