//! `Session Ended` over the page (CONTRACT 11.3, `reauth_in_place`): the reason as the
//! sign-in page shows it (plain words, message, technical details), then `Email` (filled in)
//! and `Password`, `Sign in` and `Sign out`. The page underneath stays as it was. Focus moves
//! to the password when it opens, stays inside while it is open, and goes back where it
//! was when it closes. The password lives only in its field: never filled in, never kept.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::auth::use_auth;
use crate::components::focus_trap::{keep_focus_inside, use_focus_moved_in};
use crate::components::session_ended::SessionEnded;
use crate::logout::LogoutReason;

#[derive(Properties, PartialEq)]
pub struct ReauthDialogProps {
    pub reason: LogoutReason,
    /// The user whose session ended.
    pub email: AttrValue,
}

#[component]
pub fn ReauthDialog(props: &ReauthDialogProps) -> Html {
    let auth = use_auth();
    let dialog = use_node_ref();
    let email = use_node_ref();
    let password = use_node_ref();
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    use_focus_moved_in(&password);
    let onsubmit = {
        let (auth, email, password, error, busy) = (
            auth.clone(),
            email.clone(),
            password.clone(),
            error.clone(),
            busy.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let value = |node: &NodeRef| node.cast::<HtmlInputElement>().map(|input| input.value());
            let (Some(email), Some(password)) = (value(&email), value(&password)) else {
                return;
            };
            let (auth, error, busy) = (auth.clone(), error.clone(), busy.clone());
            busy.set(true);
            error.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(failure) = auth.sign_in_again(&email, &password).await {
                    error.set(Some(failure.to_string()));
                    busy.set(false);
                }
            });
        })
    };
    let sign_out = {
        let auth = auth.clone();
        Callback::from(move |_: MouseEvent| auth.leave_sign_in_again())
    };
    let onkeydown = {
        let dialog = dialog.clone();
        Callback::from(move |event: KeyboardEvent| keep_focus_inside(&dialog, &event))
    };
    let config = auth.client().config();
    html! {
        <div class="modal-backdrop">
            <div class="modal reauth" role="dialog" aria-modal="true" aria-labelledby="session-ended-heading"
                ref={dialog} {onkeydown}>
                <SessionEnded
                    reason={props.reason.clone()}
                    billing_url={config.billing_url.clone().map(AttrValue::from)}
                    support_url={config.support_url.clone().map(AttrValue::from)}
                />
                <form {onsubmit} novalidate=true aria-busy={if *busy { "true" } else { "false" }}>
                    if let Some(message) = &*error {
                        <p class="form-error" role="status">{ message.clone() }</p>
                    }
                    <div class="field">
                        <label for="reauth-email">{ "Email" }</label>
                        <input id="reauth-email" name="email" type="email" autocomplete="username" required=true
                            value={props.email.clone()} ref={email} />
                    </div>
                    <div class="field">
                        <label for="reauth-password">{ "Password" }</label>
                        <input id="reauth-password" name="password" type="password" autocomplete="current-password"
                            required=true ref={password} />
                    </div>
                    <div class="actions">
                        <button type="submit" disabled={*busy}>{ "Sign in" }</button>
                        <button type="button" class="secondary" onclick={sign_out}>{ "Sign out" }</button>
                    </div>
                </form>
            </div>
        </div>
    }
}
