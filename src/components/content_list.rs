//! The content titles, or a word saying there are none.

use std::rc::Rc;

use yew::prelude::*;

use crate::api::models::ContentItem;

#[derive(Properties, PartialEq)]
pub struct ContentListProps {
    pub items: Rc<Vec<ContentItem>>,
}

#[component]
pub fn ContentList(props: &ContentListProps) -> Html {
    if props.items.is_empty() {
        return html! { <p class="empty">{ "No content yet." }</p> };
    }
    html! {
        <ul class="content-list">
            { for props.items.iter().map(|item| html! { <li>{ item.title.clone() }</li> }) }
        </ul>
    }
}
