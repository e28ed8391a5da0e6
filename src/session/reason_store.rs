//! The reason store: the logout reason under localStorage key `logout_reason`, saved
//! before the page is left and taken once by the sign-in page. With storage blocked or full,
//! this tab's sign-in page still explains from the copy in memory; a reason another tab
//! announced is kept for this tab's sign-in page.

use super::state::SessionState;
use crate::local_storage::{self, StorageError};
use crate::logout::LogoutReason;

pub const LOGOUT_REASON_KEY: &str = "logout_reason";

/// The words that start the message of a reason shown in a tab that did not raise it.
pub const ANOTHER_TAB_PREFIX: &str = "Signed out in another tab: ";

impl SessionState {
    /// A reason another tab announced: shown here with its message prefixed, the code,
    /// source and context as they were.
    pub fn receive_from_another_tab(&self, mut reason: LogoutReason) {
        self.note_ended_elsewhere();
        if !reason.message.starts_with(ANOTHER_TAB_PREFIX) {
            reason.message = format!("{ANOTHER_TAB_PREFIX}{}", reason.message);
        }
        *self.reason_from_another_tab.borrow_mut() = Some(reason);
    }

    /// Stores the reason as JSON, replacing any older one. Storage can be full; the logout
    /// goes on regardless (the copy in memory stands in), so the error is only handed back
    /// for the console.
    pub fn save_reason(&self, reason: &LogoutReason) -> Result<(), StorageError> {
        self.forget_ended_elsewhere();
        let saved = local_storage::set(LOGOUT_REASON_KEY, &reason.to_json());
        // Only when storage failed: a stored reason is the one truth, which other code may
        // legitimately remove.
        let fallback = saved.is_err().then(|| reason.clone());
        *self.reason_in_memory.borrow_mut() = fallback;
        saved
    }

    /// Keeps the reason in memory only (storage cannot be used at all).
    pub fn keep_reason_in_memory(&self, reason: &LogoutReason) {
        self.forget_ended_elsewhere();
        *self.reason_in_memory.borrow_mut() = Some(reason.clone());
    }

    /// Returns the stored reason and removes it, so that it is shown once. Anything under the
    /// key that is not a reason (corrupted, foreign JSON) is removed too. Without a stored
    /// reason, the copy in memory (storage blocked or full) is taken.
    pub fn take_reason(&self) -> Option<LogoutReason> {
        if let Some(told) = self.reason_from_another_tab.borrow_mut().take() {
            return Some(told);
        }
        if self.ended_elsewhere() {
            return None;
        }
        let stored = peek_reason();
        let _ = local_storage::remove(LOGOUT_REASON_KEY);
        let in_memory = self.reason_in_memory.borrow_mut().take();
        stored.or(in_memory)
    }
}

/// Reads the stored reason without removing it.
pub fn peek_reason() -> Option<LogoutReason> {
    LogoutReason::from_json(&local_storage::get(LOGOUT_REASON_KEY)?)
}
