//! The user's last activity in any tab of the origin (CONTRACT 11.2): a pointer press, a key
//! press, a scroll or a touch in a visible tab. Kept in localStorage, so that every tab
//! reads the same moment and activity in one keeps them all. Requests the pages make by
//! themselves never touch it.

use crate::local_storage;

const KEY: &str = "logout_tracker_last_activity";

/// Written at most this often: a scroll fires many events a second.
const WRITE_EVERY_MS: i64 = 1_000;

/// When the user was last active in any tab (the browser's clock), if storage says so. A
/// value that is not a number, or lies in the future, reads as none.
pub fn last_activity(now: i64) -> Option<i64> {
    local_storage::get(KEY)?.parse::<i64>().ok().filter(|at| *at <= now)
}

/// The user was active at `now`. `force`: write even within a second of the last write
/// (`Stay signed in` must reach the other tabs at once).
pub fn note_activity(now: i64, force: bool) {
    let recent = last_activity(now).is_some_and(|at| now - at < WRITE_EVERY_MS);
    if force || !recent {
        // Storage that cannot be written leaves each tab to its own clock: nothing to do.
        let _ = local_storage::set(KEY, &now.to_string());
    }
}
