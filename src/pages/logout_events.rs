//! Placeholder until the page is written.

use yew::prelude::*;

#[component]
pub fn LogoutEventsPage() -> Html {
    html! { <main class="page"><h1>{ "LogoutEventsPage" }</h1></main> }
}
