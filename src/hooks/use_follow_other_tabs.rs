//! The tabs of one browser share one session (the tokens live in localStorage): when
//! another tab's logout removes them, this tab follows, with no reason of its own.

use yew::prelude::*;

use crate::api::ApiClient;

/// Listens to `storage` events while `signed_in` is true.
#[hook]
pub fn use_follow_other_tabs(client: ApiClient, signed_in: bool) {
    // Read by the listener, which outlives the render that set it up.
    let signed_in_now = use_mut_ref(|| false);
    *signed_in_now.borrow_mut() = signed_in;
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|window| {
            gloo_events::EventListener::new(&window, "storage", move |_| {
                if *signed_in_now.borrow() {
                    client.follow_session_end_elsewhere();
                }
            })
        });
        move || drop(listener)
    });
}
