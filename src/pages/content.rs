//! Placeholder until the page is written.

use yew::prelude::*;

#[component]
pub fn ContentPage() -> Html {
    html! { <main class="page"><h1>{ "ContentPage" }</h1></main> }
}
