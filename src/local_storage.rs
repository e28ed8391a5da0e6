//! `window.localStorage`, as strings, never panicking: it can be missing or blocked
//! (sandboxed frames, some privacy settings), full, or hold anything. gloo-storage was
//! used first; it panics when storage is unavailable, which would stop the whole app.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum StorageError {
    #[error("localStorage is not available in this browser window")]
    Unavailable,
    #[error("localStorage refused the write (it may be full)")]
    Refused,
}

fn storage() -> Result<web_sys::Storage, StorageError> {
    web_sys::window()
        .and_then(|window| window.local_storage().ok().flatten())
        .ok_or(StorageError::Unavailable)
}

/// The value under `key`; unavailable storage reads as empty.
pub fn get(key: &str) -> Option<String> {
    storage().ok()?.get_item(key).ok().flatten()
}

pub fn set(key: &str, value: &str) -> Result<(), StorageError> {
    storage()?.set_item(key, value).map_err(|_| StorageError::Refused)
}

pub fn remove(key: &str) -> Result<(), StorageError> {
    storage()?.remove_item(key).map_err(|_| StorageError::Refused)
}

/// Whether storage can be used at all (it may still refuse a write when full).
pub fn is_available() -> bool {
    storage().is_ok()
}
