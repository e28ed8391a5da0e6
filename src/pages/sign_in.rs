//! `/signin`: the form and, when a reason is stored, the Session Ended box above it.

use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::history::{BrowserHistory, History};
use yew_router::prelude::*;

use super::sign_in_query::next_param;
use crate::auth::{use_auth, AuthStatus};
use crate::components::session_ended::SessionEnded;
use crate::console;
use crate::hooks::use_title;
use crate::logout::path::after_sign_in;
use crate::logout::{LogoutReason, LogoutSource};
use crate::routes::Route;

#[component]
pub fn SignInPage() -> Html {
    use_title("Sign in");
    let auth = use_auth();
    let location = use_location();
    let navigator = use_navigator();
    // Taken while rendering the first time, not in an effect after it: the box is then in
    // the page's first paint, a whole render sooner on a first visit (~40 ms on a slow phone).
    let reason = use_state(|| auth.session().take_reason());
    // Where an automatic logout left the user; kept after the box is cleared, so that a
    // second attempt (after a wrong password) still returns there.
    let reason_page = use_mut_ref(|| {
        let own_page = auth.session().last_app_page();
        (*reason)
            .as_ref()
            .and_then(|reason| page_to_return_to(reason, own_page))
    });
    let mounted = use_mut_ref(|| false);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let email = use_node_ref();
    let password = use_node_ref();

    let next = location.and_then(|location| next_param(location.query_str()));

    // On mount, the details of the reason the first render took go to the console (after
    // the box is on screen); whenever a session ends while this page is shown, it reads again.
    {
        let (reason, reason_page, auth) = (reason.clone(), reason_page.clone(), auth.clone());
        use_effect_with(auth.state().sessions_ended, move |_| {
            if !mounted.replace(true) {
                if let Some(shown) = &*reason {
                    console::log_reason_details(shown);
                }
            } else if let Some(found) = auth.session().take_reason() {
                console::log_reason_details(&found);
                *reason_page.borrow_mut() = page_to_return_to(&found, auth.session().last_app_page());
                reason.set(Some(found));
            }
        });
    }

    // Signed in, but not by this form: a visit while signed in (to the dashboard), or the
    // same user signing in again in another tab (back to the page in this tab's reason).
    // The status alone can be a render late: a session that has just ended elsewhere may
    // still read as signed in when this page mounts, and leaving for the reason's page
    // then would lose the box (the route guard sends the tab back here without it).
    {
        let signed_in = matches!(auth.state().status, AuthStatus::SignedIn(_)) && !auth.client().session_ended();
        let busy = *busy;
        let (next, reason_page) = (next.clone(), reason_page.clone());
        use_effect_with(signed_in, move |_| {
            if signed_in && !busy {
                match reason_page.borrow().as_deref() {
                    Some(page) => BrowserHistory::new().replace(after_sign_in(next.as_deref(), Some(page))),
                    None => {
                        if let Some(navigator) = navigator {
                            navigator.replace(&Route::Dashboard);
                        }
                    }
                }
            }
        });
    }

    let onsubmit = {
        let (auth, reason, error, busy) = (auth.clone(), reason.clone(), error.clone(), busy.clone());
        let (email, password, reason_page) = (email.clone(), password.clone(), reason_page.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let value = |node: &NodeRef| {
                node.cast::<HtmlInputElement>()
                    .map(|input| input.value())
                    .unwrap_or_default()
            };
            let (email, password) = (value(&email), value(&password));
            // After an automatic logout the user goes back to the page in the reason.
            let destination = after_sign_in(next.as_deref(), reason_page.borrow().as_deref());
            // A new attempt: the old explanation and the old error no longer apply.
            reason.set(None);
            error.set(None);
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
                <SessionEnded
                    reason={reason.clone()}
                    billing_url={auth.client().config().billing_url.clone().map(AttrValue::from)}
                    support_url={auth.client().config().support_url.clone().map(AttrValue::from)}
                />
            }
            <form class="sign-in-form" {onsubmit} novalidate=true aria-busy={if *busy { "true" } else { "false" }}>
                if let Some(message) = &*error {
                    <p class="form-error" role="status">{ message.clone() }</p>
                }
                <div class="field">
                    <label for="email">{ "Email" }</label>
                    <input id="email" name="email" type="email" autocomplete="username" required=true ref={email} />
                </div>
                <div class="field">
                    <label for="password">{ "Password" }</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required=true ref={password} />
                </div>
                <button type="submit" disabled={*busy}>{ "Sign in" }</button>
            </form>
        </main>
    }
}

/// The page to go back to after signing in again: the page this tab was on when an
/// automatic logout happened (its own, also when another tab's reason is shown: CONTRACT
/// 11.4), else the reason's. A manual sign-out has no page worth returning to.
fn page_to_return_to(reason: &LogoutReason, own_page: Option<String>) -> Option<String> {
    (reason.source != LogoutSource::ManualUserAction).then(|| own_page.unwrap_or_else(|| reason.path.clone()))
}
