//! What the browser tests share: localStorage as JavaScript reads and writes it, the
//! address of the reference backend (`scripts/with-backend.sh` compiles it in through
//! REFERENCE_BACKEND_URL), and the backend's own paths and demo users, taken from its
//! source so that there is one copy of each.
#![allow(dead_code)]

use wasm_bindgen::prelude::*;

#[path = "../reference-backend/src/demo_logins.rs"]
pub mod demo;
#[path = "../reference-backend/src/paths.rs"]
pub mod paths;

pub const BACKEND: &str = match option_env!("REFERENCE_BACKEND_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:8000",
};

#[wasm_bindgen(inline_js = "
export function read_item(key) { return window.localStorage.getItem(key); }
export function write_item(key, value) { window.localStorage.setItem(key, value); }
export function remove_item(key) { window.localStorage.removeItem(key); }
export function clear_storage() { window.localStorage.clear(); }
export function go_to(path) { window.history.replaceState(null, '', path); }")]
extern "C" {
    /// `localStorage.getItem(key)`.
    pub fn read_item(key: &str) -> Option<String>;
    pub fn write_item(key: &str, value: &str);
    pub fn remove_item(key: &str);
    pub fn clear_storage();
    /// Puts the test page's address bar on `path`, as if the user were there.
    pub fn go_to(path: &str);
}
