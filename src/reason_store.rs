//! The reason store: the logout reason under localStorage key `logout_reason`, saved
//! before the redirect and taken once by the sign-in page. A copy is also kept in memory,
//! so that with storage blocked or full the sign-in page of this tab still explains; and
//! a reason another tab announced is kept here for this tab's sign-in page.

use std::cell::{Cell, RefCell};

use crate::local_storage::{self, StorageError};
use crate::logout::LogoutReason;

pub const LOGOUT_REASON_KEY: &str = "logout_reason";

thread_local! {
    /// This tab's last reason, until the sign-in page takes it.
    static IN_MEMORY: RefCell<Option<LogoutReason>> = const { RefCell::new(None) };
    /// A reason another tab announced, until the sign-in page takes it.
    static FROM_ANOTHER_TAB: RefCell<Option<LogoutReason>> = const { RefCell::new(None) };
    /// This tab's session was ended by another tab: the stored reason is that tab's to
    /// take, not this one's.
    static ENDED_ELSEWHERE: Cell<bool> = const { Cell::new(false) };
}

/// The words that start the message of a reason shown in a tab that did not raise it.
pub const ANOTHER_TAB_PREFIX: &str = "Signed out in another tab: ";

/// Another tab ended the session (its reason may follow on the broadcast channel).
pub fn note_ended_elsewhere() {
    ENDED_ELSEWHERE.with(|flag| flag.set(true));
}

/// A reason another tab announced: shown here with its message prefixed, the code,
/// source and context as they were.
pub fn receive_from_another_tab(mut reason: LogoutReason) {
    note_ended_elsewhere();
    if !reason.message.starts_with(ANOTHER_TAB_PREFIX) {
        reason.message = format!("{ANOTHER_TAB_PREFIX}{}", reason.message);
    }
    FROM_ANOTHER_TAB.with(|kept| *kept.borrow_mut() = Some(reason));
}

/// A new session in this tab: what ended the last one no longer decides anything.
pub fn forget_ended_elsewhere() {
    ENDED_ELSEWHERE.with(|flag| flag.set(false));
}

/// Stores the reason as JSON, replacing any older one. Storage can be full; the logout
/// goes on regardless (the copy in memory stands in), so the error is only handed back
/// for the console.
pub fn save_reason(reason: &LogoutReason) -> Result<(), StorageError> {
    forget_ended_elsewhere();
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
    if let Some(told) = FROM_ANOTHER_TAB.with(|kept| kept.borrow_mut().take()) {
        return Some(told);
    }
    if ENDED_ELSEWHERE.with(Cell::get) {
        return None;
    }
    let stored = peek_reason();
    let _ = local_storage::remove(LOGOUT_REASON_KEY);
    let in_memory = IN_MEMORY.with(|kept| kept.borrow_mut().take());
    stored.or(in_memory)
}

/// Reads the stored reason without removing it.
pub fn peek_reason() -> Option<LogoutReason> {
    LogoutReason::from_json(&local_storage::get(LOGOUT_REASON_KEY)?)
}
