//! `/dashboard/content`: the content titles.

use yew::prelude::*;

use crate::auth::use_auth;
use crate::components::content_list::ContentList;
use crate::components::load_view::load_view;
use crate::hooks::{use_load, use_title};

#[component]
pub fn ContentPage() -> Html {
    use_title("Content");
    let client = use_auth().client().clone();
    let (items, retry) = use_load((), move |_| async move { client.content().await });
    let body = load_view(&items, &retry, |items| html! { <ContentList items={items.clone()} /> });
    html! {
        <main class="page">
            <h1>{ "Content" }</h1>
            { body }
        </main>
    }
}
