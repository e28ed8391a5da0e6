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
use crate::pages::sign_in_query::next_query;
use crate::routes::Route;
use crate::session::navigation::current_page;

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
    use_effect_with((signed_out, sessions_ended), move |_| {
        // After a logout the client has already replaced the page with /signin.
        if signed_out && !crate::logout::path::is_sign_in(&current_page()) {
            if let Some(navigator) = navigator {
                let _ = navigator.replace_with_query(&Route::SignIn, Raw(next_query(&current_page())));
            }
        }
    });
    let retry = {
        let auth = auth.clone();
        Callback::from(move |_: MouseEvent| auth.retry())
    };
    let page = match &auth.state().status {
        // Under the dialog to sign in again, the page stays as it was (CONTRACT 11.3).
        AuthStatus::SignedIn(_) | AuthStatus::SignInAgain(..) => props.children.clone(),
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
