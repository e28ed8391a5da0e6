//! The loading state of anything fetched. A plain function, not a component: it has no
//! state, and each component costs about a kilobyte of wasm in lifecycle code.

use yew::prelude::*;

pub fn loading() -> Html {
    html! { <p class="loading" role="status" aria-busy="true">{ "Loading…" }</p> }
}
