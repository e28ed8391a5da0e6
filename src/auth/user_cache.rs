//! The signed-in user, kept beside the tokens (key `auth_user`) so that a reload shows
//! the app at once while `me` is re-read in the background.

use crate::api::models::User;
use crate::json_fields::FromJson;
use crate::local_storage;

pub const USER_KEY: &str = "auth_user";

/// The kept user; a missing, corrupted or foreign value counts as none.
pub fn load() -> Option<User> {
    let text = local_storage::get(USER_KEY)?;
    User::from_json(&serde_json::from_slice(text.as_bytes()).ok()?)
}

pub fn save(user: &User) {
    // A full storage only costs the instant start of the next page load.
    if let Ok(text) = serde_json::to_string(user) {
        let _ = local_storage::set(USER_KEY, &text);
    }
}

pub fn clear() {
    let _ = local_storage::remove(USER_KEY);
}
