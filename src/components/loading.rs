//! The loading state of anything fetched.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LoadingProps {
    #[prop_or(AttrValue::Static("Loading…"))]
    pub label: AttrValue,
}

#[component]
pub fn Loading(props: &LoadingProps) -> Html {
    html! { <p class="loading" role="status" aria-busy="true">{ props.label.clone() }</p> }
}
