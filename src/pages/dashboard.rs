//! Placeholder until the page is written.

use yew::prelude::*;

#[component]
pub fn DashboardPage() -> Html {
    html! { <main class="page"><h1>{ "DashboardPage" }</h1></main> }
}
