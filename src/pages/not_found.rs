//! Any address the app does not know.

use yew::prelude::*;

use crate::components::nav_link::NavLink;
use crate::hooks::use_title::set_title;
use crate::routes::Route;

/// A plain function, not a component (~1.2 KB of lifecycle code): its only hook was the
/// title, which is set here while the route is drawn.
pub fn not_found_page() -> Html {
    set_title("Page not found");
    html! {
        <main class="page">
            <h1>{ "Page not found" }</h1>
            <p>{ "There is no page at this address. It may have moved, or the link may be mistyped." }</p>
            <p><NavLink to={Route::Dashboard}>{ "Go to the dashboard" }</NavLink></p>
        </main>
    }
}
