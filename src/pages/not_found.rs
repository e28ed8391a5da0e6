//! Any address the app does not know.

use yew::prelude::*;

use crate::components::nav_link::NavLink;
use crate::hooks::use_title;
use crate::routes::Route;

#[component]
pub fn NotFoundPage() -> Html {
    use_title("Page not found");
    html! {
        <main class="page">
            <h1>{ "Page not found" }</h1>
            <p>{ "There is no page at this address. It may have moved, or the link may be mistyped." }</p>
            <p><NavLink to={Route::Dashboard}>{ "Go to the dashboard" }</NavLink></p>
        </main>
    }
}
