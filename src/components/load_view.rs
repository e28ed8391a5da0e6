//! A page's data as the page shows it: loading, the failure (with `Try again` where it may
//! help), or what `ready` draws. A plain function: it has no state of its own.

use yew::prelude::*;

use super::load_failure::LoadFailure;
use super::loading::loading;
use crate::hooks::Load;

pub fn load_view<T>(load: &Load<T>, retry: &Callback<MouseEvent>, ready: impl FnOnce(&T) -> Html) -> Html {
    match load {
        Load::Loading => loading(),
        Load::Failed(error) => html! { <LoadFailure error={error.clone()} on_retry={retry.clone()} /> },
        Load::Ready(value) => ready(value),
    }
}
