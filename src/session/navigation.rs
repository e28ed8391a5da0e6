//! Where the user is: the current app page and the last one that was not the sign-in
//! page, so that a reason raised on `/signin` records the page before it.

use super::state::SessionState;
use crate::logout::path::is_sign_in;

/// The page in the address bar: pathname and query.
pub fn current_page() -> String {
    let Some(location) = web_sys::window().map(|window| window.location()) else {
        return "/".into();
    };
    let pathname = location.pathname().unwrap_or_else(|_| "/".into());
    let search = location.search().unwrap_or_default();
    format!("{pathname}{search}")
}

/// Called on every route change.
pub fn remember_current_page(session: &SessionState) {
    let page = current_page();
    if !is_sign_in(&page) {
        session.set_last_app_page(page);
    }
}
