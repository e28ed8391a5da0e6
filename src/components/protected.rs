//! `<Protected>`: a page that needs a signed-in user, under the app header. Signed out, it
//! goes to `/signin?next=PATH` without storing any reason (a visit is not a logout).

use yew::prelude::*;
use yew_router::prelude::*;
use yew_router::query::Raw;

use super::error_message::error_message;
use super::header::app_header;
use super::loading::loading;
use super::server_status::server_status;
use crate::auth::{use_auth, AuthStatus};
use crate::hooks::{no_cleanup, use_effect_keyed};
use crate::navigation::current_page;
use crate::pages::sign_in_query::next_query;
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
    // Both inputs in one key (the shared effect hook takes a `u64`).
    let key = u64::from(signed_out) << 32 | u64::from(sessions_ended);
    use_effect_keyed(
        key,
        Box::new(move || {
            // After a logout the client has already replaced the page with /signin.
            if signed_out && !crate::logout::path::is_sign_in(&current_page()) {
                if let Some(navigator) = navigator {
                    let _ = navigator.replace_with_query(&Route::SignIn, Raw(next_query(&current_page())));
                }
            }
            no_cleanup()
        }),
    );
    let retry = {
        let auth = auth.clone();
        Callback::from(move |_: MouseEvent| auth.retry())
    };
    let page = match &auth.state().status {
        AuthStatus::SignedIn(_) => props.children.clone(),
        // Leaving: no header, nothing to sign out of.
        AuthStatus::SignedOut => return html! { <main class="page">{ loading() }</main> },
        AuthStatus::Unreachable(why) => html! {
            <main class="page">{ error_message(why.clone().into(), Some(retry.clone())) }</main>
        },
        AuthStatus::Checking => html! { <main class="page">{ loading() }</main> },
    };
    html! {
        <>
            { app_header(&auth) }
            { server_status(auth.state().server_unreachable, retry) }
            { page }
        </>
    }
}
