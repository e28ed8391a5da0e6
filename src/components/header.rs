//! The header of every protected page: the app's name, the pages, who is signed in and
//! `Sign out`. It stays while a page shows an error, so the way out is always there.

use yew::prelude::*;

use super::nav_link::NavLink;
use crate::auth::Auth;
use crate::routes::Route;

/// A plain function of `<Protected>`'s auth, not a component of its own: it would cost the
/// wasm a component's machinery for no state.
pub fn app_header(auth: &Auth) -> Html {
    let user = auth.user();
    let is_staff = user.is_some_and(|user| user.is_staff);
    let email = user.map(|user| user.email.clone());
    let sign_out = {
        let auth = auth.clone();
        Callback::from(move |_: MouseEvent| auth.logout())
    };
    html! {
        <header class="app-header">
            <div class="app-header-inner">
                <span class="app-name">{ "logout-tracker" }</span>
                <nav aria-label="Main">
                    <ul class="nav-links">
                        <li><NavLink to={Route::Dashboard}>{ "Dashboard" }</NavLink></li>
                        <li><NavLink to={Route::Content}>{ "Content" }</NavLink></li>
                        if is_staff {
                            <li><NavLink to={Route::LogoutEvents}>{ "Logout events" }</NavLink></li>
                        }
                    </ul>
                </nav>
                <div class="session">
                    if let Some(email) = email {
                        <span class="user-email">{ email }</span>
                    }
                    <button type="button" class="secondary" onclick={sign_out}>{ "Sign out" }</button>
                </div>
            </div>
        </header>
    }
}
