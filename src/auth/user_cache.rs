//! The signed-in user, kept beside the tokens (key `auth_user`) so that a reload shows
//! the app at once while `me` is re-read in the background.

use gloo_storage::{LocalStorage, Storage};

use crate::api::models::User;

pub const USER_KEY: &str = "auth_user";

pub fn load() -> Option<User> {
    LocalStorage::get(USER_KEY).ok()
}

pub fn save(user: &User) {
    // A full storage only costs the instant start of the next page load.
    let _ = LocalStorage::set(USER_KEY, user);
}

pub fn clear() {
    LocalStorage::delete(USER_KEY);
}
