//! The tabs of one browser share one session. When another tab's logout removes the
//! shared tokens (`storage` event), this tab follows with no reason of its own; when that
//! tab announces its reason (`BroadcastChannel`), this tab shows it.

use yew::prelude::*;

use super::use_effect_keyed;

use crate::api::ApiClient;
use crate::logout::LogoutReason;
use crate::session_broadcast;

/// Follows other tabs' logouts while `signed_in`; hears their reasons always.
#[hook]
pub fn use_follow_other_tabs(client: ApiClient, signed_in: bool, on_reason: Callback<LogoutReason>) {
    // Read by the listener, which outlives the render that set it up.
    let signed_in_now = use_mut_ref(|| false);
    *signed_in_now.borrow_mut() = signed_in;
    use_effect_keyed(
        0,
        Box::new(move || {
            let tokens_removed = web_sys::window().map(|window| {
                gloo_events::EventListener::new(&window, "storage", move |_| {
                    if *signed_in_now.borrow() {
                        client.follow_session_end_elsewhere();
                    }
                })
            });
            let announced = session_broadcast::listen(move |reason| on_reason.emit(reason));
            Box::new(move || drop((tokens_removed, announced)))
        }),
    );
}
