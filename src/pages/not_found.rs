//! Placeholder until the page is written.

use yew::prelude::*;

#[component]
pub fn NotFoundPage() -> Html {
    html! { <main class="page"><h1>{ "NotFoundPage" }</h1></main> }
}
