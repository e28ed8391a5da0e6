//! Remembers the last page that was not `/signin`, at every route change, so that a reason
//! raised on the sign-in page records the page before it.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::auth::Auth;
use crate::session::navigation::remember_current_page;

#[hook]
pub fn use_remember_app_page(auth: &Auth) {
    let location = use_location();
    let page = location.map(|location| format!("{}{}", location.path(), location.query_str()));
    let auth = auth.clone();
    use_effect_with(page, move |_| remember_current_page(auth.session()));
}
