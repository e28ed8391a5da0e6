//! The signed-in user, kept beside the tokens (key `auth_user`) so that a reload shows
//! the app at once while `me` is re-read in the background.

use gloo_storage::{LocalStorage, Storage};

use crate::api::models::User;
use crate::json_fields::FromJson;

pub const USER_KEY: &str = "auth_user";

/// The kept user; a missing, corrupted or foreign value counts as none.
pub fn load() -> Option<User> {
    let text = LocalStorage::raw().get_item(USER_KEY).ok()??;
    User::from_json(&serde_json::from_slice(text.as_bytes()).ok()?)
}

pub fn save(user: &User) {
    // A full storage only costs the instant start of the next page load.
    let _ = LocalStorage::set(USER_KEY, user);
}

pub fn clear() {
    LocalStorage::delete(USER_KEY);
}
