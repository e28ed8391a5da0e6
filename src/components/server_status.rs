//! The line that says the server can't be reached (CONTRACT section 10), so that a failing
//! page is not mistaken for a logout: the user is still signed in, and `Retry` tries again.
//! The live region is always in the page, so that screen readers announce the change.

use yew::prelude::*;

pub fn server_status(unreachable: bool, on_retry: Callback<MouseEvent>) -> Html {
    html! {
        <div class="server-status" role="status">
            if unreachable {
                <p>
                    { "Can't reach the server right now. You are still signed in; nothing was lost." }
                    { " " }
                    <button type="button" class="secondary" onclick={on_retry}>{ "Retry" }</button>
                </p>
            }
        </div>
    }
}
