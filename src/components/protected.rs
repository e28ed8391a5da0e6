//! `<Protected>`: a page that needs a signed-in user. Signed out, it goes to
//! `/signin?next=PATH` without storing any reason (a visit is not a logout).

use yew::prelude::*;
use yew_router::prelude::*;

use crate::auth::{use_auth, AuthStatus};
use crate::navigation::current_page;
use crate::routes::Route;

#[derive(Properties, PartialEq)]
pub struct ProtectedProps {
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Protected(props: &ProtectedProps) -> Html {
    let auth = use_auth();
    let navigator = use_navigator();
    let signed_out = matches!(auth.state().status, AuthStatus::SignedOut);
    let sessions_ended = auth.state().sessions_ended;
    use_effect_with((signed_out, sessions_ended), move |(signed_out, _)| {
        // After a logout the client has already replaced the page with /signin.
        if *signed_out && !crate::logout::path::is_sign_in(&current_page()) {
            if let Some(navigator) = navigator {
                let _ = navigator.replace_with_query(&Route::SignIn, &[("next", current_page())]);
            }
        }
    });
    match &auth.state().status {
        AuthStatus::SignedIn(_) => html! { <>{ props.children.clone() }</> },
        AuthStatus::Unreachable(why) => html! {
            <main class="page"><p role="alert" class="error">{ why.clone() }</p></main>
        },
        AuthStatus::Checking | AuthStatus::SignedOut => html! {
            <main class="page"><p class="loading" aria-busy="true">{ "Loading…" }</p></main>
        },
    }
}
