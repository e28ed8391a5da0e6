//! `/dashboard/content`: the content titles.

use std::rc::Rc;

use yew::prelude::*;

use super::load::{use_load, Load};
use super::title::use_title;
use crate::auth::use_auth;
use crate::components::content_list::ContentList;
use crate::components::load_failure::LoadFailure;
use crate::components::loading::loading;

#[component]
pub fn ContentPage() -> Html {
    use_title("Content");
    let client = use_auth().client().clone();
    let (items, retry) = use_load((), move |_| async move { client.content().await.map(Rc::new) });
    let body = match &*items {
        Load::Loading => loading(),
        Load::Failed(error) => html! { <LoadFailure error={error.clone()} on_retry={retry} /> },
        Load::Ready(items) => html! { <ContentList items={items.clone()} /> },
    };
    html! {
        <main class="page">
            <h1>{ "Content" }</h1>
            { body }
        </main>
    }
}
