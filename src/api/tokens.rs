//! The access and refresh tokens (opaque strings), kept in localStorage under
//! `access_token` and `refresh_token`. localStorage is the source of truth because the
//! tabs of one browser share it: a tab sees at once the tokens another tab's refresh
//! rotated, or that another tab's logout removed. A copy in memory takes over if storage
//! fails (full, or blocked), so that the session still works for this page load.

use std::cell::{Cell, RefCell};

use crate::local_storage;

pub const ACCESS_TOKEN_KEY: &str = "access_token";
pub const REFRESH_TOKEN_KEY: &str = "refresh_token";

#[derive(Debug, Default)]
pub struct TokenStore {
    access: RefCell<Option<String>>,
    refresh: RefCell<Option<String>>,
    /// Set when a write failed: from then on memory is the truth for this page load.
    storage_failed: Cell<bool>,
    /// This tab holds a session: it restored or was given tokens, and has not cleared them
    /// itself since. Reads never change it, so that tokens gone from storage can be told
    /// apart from tokens this tab never had.
    held: Cell<bool>,
}

impl TokenStore {
    /// Reads what an earlier page load (or another tab) kept.
    pub fn restore() -> Self {
        let store = Self::default();
        *store.access.borrow_mut() = read(ACCESS_TOKEN_KEY);
        *store.refresh.borrow_mut() = read(REFRESH_TOKEN_KEY);
        store
            .held
            .set(store.access.borrow().is_some() || store.refresh.borrow().is_some());
        store
    }

    pub fn access(&self) -> Option<String> {
        self.current(ACCESS_TOKEN_KEY, &self.access)
    }

    pub fn refresh(&self) -> Option<String> {
        self.current(REFRESH_TOKEN_KEY, &self.refresh)
    }

    pub fn is_empty(&self) -> bool {
        self.access().is_none() && self.refresh().is_none()
    }

    /// This tab holds a session, and storage holds no token now: another tab ended it (this
    /// tab clears its tokens only after its own end has begun).
    pub fn vanished(&self) -> bool {
        self.held.get() && self.is_empty()
    }

    /// A new access token; a new refresh token replaces the old one (rotation), while
    /// `None` keeps the refresh token held. A token no header could carry is not kept.
    pub fn renew(&self, access: String, refresh: Option<String>) {
        let access = Some(access).filter(|token| fits_a_header(token));
        if access.is_some() {
            self.held.set(true);
        }
        self.keep(ACCESS_TOKEN_KEY, &self.access, access);
        if let Some(refresh) = refresh {
            let refresh = Some(refresh).filter(|token| fits_a_header(token));
            self.keep(REFRESH_TOKEN_KEY, &self.refresh, refresh);
        }
    }

    /// A fresh sign-in: exactly these tokens, no leftover refresh token.
    pub fn replace(&self, access: String, refresh: Option<String>) {
        self.clear();
        self.renew(access, refresh);
    }

    pub fn clear(&self) {
        self.held.set(false);
        self.keep(ACCESS_TOKEN_KEY, &self.access, None);
        self.keep(REFRESH_TOKEN_KEY, &self.refresh, None);
    }

    fn current(&self, key: &str, memory: &RefCell<Option<String>>) -> Option<String> {
        if self.storage_failed.get() {
            return memory.borrow().clone().filter(|token| fits_a_header(token));
        }
        let stored = read(key);
        memory.borrow_mut().clone_from(&stored);
        stored
    }

    fn keep(&self, key: &str, memory: &RefCell<Option<String>>, value: Option<String>) {
        let written = match &value {
            Some(value) => local_storage::set(key, value),
            None => local_storage::remove(key),
        };
        if written.is_err() {
            self.storage_failed.set(true);
        }
        *memory.borrow_mut() = value;
    }
}

fn read(key: &str) -> Option<String> {
    local_storage::get(key).filter(|token| fits_a_header(token))
}

/// Whether a header can carry `token`: visible ASCII only (RFC 6750's token characters
/// and a little more). Anything else (a newline, a NUL, non-Latin-1 text, from corrupted
/// storage or an odd answer) counts as no token, so the contract's rows decide what
/// happens, and fetch never throws on it.
pub fn fits_a_header(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|byte| byte.is_ascii_graphic())
}

#[cfg(test)]
mod tests {
    use super::fits_a_header;

    #[test]
    fn only_visible_ascii_tokens_can_be_sent() {
        assert!(fits_a_header("eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjo3ODl9.c2ln-_=+/~"));
        for bad in ["", "a b", "a\nb", "a\r\nX-Evil: 1", "nul\0", "ünïcode", "tab\t", "✓"] {
            assert!(!fits_a_header(bad), "{bad:?}");
        }
    }
}
