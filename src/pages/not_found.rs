//! Any address the app does not know.

use yew::prelude::*;
use yew_router::prelude::*;

use super::title::use_title;
use crate::routes::Route;

#[component]
pub fn NotFoundPage() -> Html {
    use_title("Page not found");
    html! {
        <main class="page">
            <h1>{ "Page not found" }</h1>
            <p>{ "There is no page at this address. It may have moved, or the link may be mistyped." }</p>
            <p><Link<Route> to={Route::Dashboard}>{ "Go to the dashboard" }</Link<Route>></p>
        </main>
    }
}
