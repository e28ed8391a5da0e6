//! The tabs of one browser share one session. When another tab's logout removes the
//! shared tokens (`storage` event), this tab follows with no reason of its own; when that
//! tab announces its reason (`BroadcastChannel`), this tab shows it. When another tab signs
//! the same user in again (`storage` event again), this signed-out tab comes back too.

use yew::prelude::*;

use crate::auth::Auth;
use crate::session::broadcast;

/// Follows other tabs' logouts while signed in; hears their reasons always.
#[hook]
pub fn use_follow_other_tabs(auth: &Auth) {
    // Read by the listener, which outlives the render that set it up.
    let signed_in_now = use_mut_ref(|| false);
    *signed_in_now.borrow_mut() = auth.user().is_some();
    let auth = auth.clone();
    use_effect_with((), move |_| {
        let client = auth.client().clone();
        let signed_out = auth.clone();
        let tokens_removed = web_sys::window().map(|window| {
            gloo_events::EventListener::new(&window, "storage", move |_| {
                // Signed in: another tab may have signed out. Signed out, or under the dialog to
                // sign in again: another tab may have signed the same user in.
                if *signed_in_now.borrow() {
                    client.follow_session_end_elsewhere();
                }
                signed_out.follow_sign_in_elsewhere();
            })
        });
        let announced = broadcast::listen(auth.session(), {
            let auth = auth.clone();
            move |reason| auth.follow_reason_from_another_tab(reason)
        });
        move || drop((tokens_removed, announced))
    });
}
