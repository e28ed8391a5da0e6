//! The content titles, or a word saying there are none.

use std::rc::Rc;

use yew::prelude::*;

use crate::api::models::ContentItem;

#[derive(Properties, PartialEq)]
pub struct ContentListProps {
    pub items: Rc<Vec<ContentItem>>,
}

/// The component, for whoever mounts it on its own (the component tests); the app calls
/// [`content_list`]: a plain function costs no component machinery in the wasm (about 1.2 KB each).
#[component]
pub fn ContentList(props: &ContentListProps) -> Html {
    content_list(props)
}

pub fn content_list(props: &ContentListProps) -> Html {
    if props.items.is_empty() {
        return html! { <p class="empty">{ "No content yet." }</p> };
    }
    html! {
        <ul class="content-list">
            { for props.items.iter().map(|item| html! { <li>{ item.title.clone() }</li> }) }
        </ul>
    }
}
