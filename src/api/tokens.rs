//! The access and refresh tokens, kept in memory and in localStorage (keys
//! `access_token`, `refresh_token`) so that a reload keeps the session. Opaque strings.

use std::cell::RefCell;

use gloo_storage::{LocalStorage, Storage};

pub const ACCESS_TOKEN_KEY: &str = "access_token";
pub const REFRESH_TOKEN_KEY: &str = "refresh_token";

#[derive(Debug, Default)]
pub struct TokenStore {
    access: RefCell<Option<String>>,
    refresh: RefCell<Option<String>>,
}

impl TokenStore {
    /// Reads what an earlier page load kept; unreadable values count as absent.
    pub fn restore() -> Self {
        let read = |key| LocalStorage::raw().get_item(key).ok().flatten().filter(|t: &String| !t.is_empty());
        Self { access: RefCell::new(read(ACCESS_TOKEN_KEY)), refresh: RefCell::new(read(REFRESH_TOKEN_KEY)) }
    }

    pub fn access(&self) -> Option<String> {
        self.access.borrow().clone()
    }

    pub fn refresh(&self) -> Option<String> {
        self.refresh.borrow().clone()
    }

    pub fn is_empty(&self) -> bool {
        self.access.borrow().is_none() && self.refresh.borrow().is_none()
    }

    /// A new access token; a new refresh token replaces the old one (rotation), while
    /// `None` keeps the refresh token held.
    pub fn renew(&self, access: String, refresh: Option<String>) {
        persist(ACCESS_TOKEN_KEY, Some(&access));
        *self.access.borrow_mut() = Some(access);
        if let Some(refresh) = refresh {
            persist(REFRESH_TOKEN_KEY, Some(&refresh));
            *self.refresh.borrow_mut() = Some(refresh);
        }
    }

    /// A fresh sign-in: exactly these tokens, no leftover refresh token.
    pub fn replace(&self, access: String, refresh: Option<String>) {
        self.clear();
        self.renew(access, refresh);
    }

    pub fn clear(&self) {
        *self.access.borrow_mut() = None;
        *self.refresh.borrow_mut() = None;
        persist(ACCESS_TOKEN_KEY, None);
        persist(REFRESH_TOKEN_KEY, None);
    }
}

fn persist(key: &str, value: Option<&str>) {
    let storage = LocalStorage::raw();
    // Storage may be full or blocked: the session still works for this page load.
    let _ = match value {
        Some(value) => storage.set_item(key, value),
        None => storage.remove_item(key),
    };
}
