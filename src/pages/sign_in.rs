//! `/signin`: the form and, when a reason is stored, the Session Ended box.

use serde::Deserialize;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::history::{BrowserHistory, History};
use yew_router::prelude::*;

use crate::auth::use_auth;
use crate::logout::path::after_sign_in;
use crate::logout::{LogoutReason, LogoutSource};
use crate::{console, storage};

#[derive(Deserialize, Default)]
struct SignInQuery {
    next: Option<String>,
}

#[component]
pub fn SignInPage() -> Html {
    let auth = use_auth();
    let location = use_location();
    let reason = use_state(|| None::<LogoutReason>);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let email = use_node_ref();
    let password = use_node_ref();

    // Read once on mount, and again whenever a session ends while this page is shown.
    {
        let reason = reason.clone();
        use_effect_with(auth.state().sessions_ended, move |_| {
            if let Some(found) = storage::take_reason() {
                console::log_reason_details(&found);
                reason.set(Some(found));
            }
        });
    }

    let next = location
        .and_then(|location| location.query::<SignInQuery>().ok())
        .unwrap_or_default()
        .next;

    let onsubmit = {
        let (auth, reason, error, busy) = (auth.clone(), reason.clone(), error.clone(), busy.clone());
        let (email, password) = (email.clone(), password.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let value = |node: &NodeRef| node.cast::<HtmlInputElement>().map(|input| input.value()).unwrap_or_default();
            let (email, password) = (value(&email), value(&password));
            // After an automatic logout the user goes back to the page in the reason.
            let reason_page = (*reason)
                .as_ref()
                .filter(|reason| reason.source != LogoutSource::ManualUserAction)
                .map(|reason| reason.path.clone());
            let destination = after_sign_in(next.as_deref(), reason_page.as_deref());
            let (auth, error, busy) = (auth.clone(), error.clone(), busy.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match auth.login(&email, &password).await {
                    Ok(_) => BrowserHistory::new().push(destination),
                    Err(failure) => {
                        error.set(Some(failure.to_string()));
                        busy.set(false);
                    }
                }
            });
        })
    };

    html! {
        <main class="page sign-in">
            <h1>{ "Sign in" }</h1>
            if let Some(reason) = &*reason {
                <p>{ reason.message.clone() }</p>
            }
            <form {onsubmit} novalidate=true>
                if let Some(message) = &*error {
                    <p class="form-error" role="status">{ message.clone() }</p>
                }
                <label for="email">{ "Email" }</label>
                <input id="email" name="email" type="email" autocomplete="username" required=true ref={email} />
                <label for="password">{ "Password" }</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required=true ref={password} />
                <button type="submit" disabled={*busy}>{ "Sign in" }</button>
            </form>
        </main>
    }
}
