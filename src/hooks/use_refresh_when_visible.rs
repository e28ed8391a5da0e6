//! Whenever the tab becomes visible again (`visibilitychange`), a user coming back after a
//! while gets their account and plan checked anew.

use yew::prelude::*;

use crate::auth::Auth;

#[hook]
pub fn use_refresh_when_visible(auth: &Auth) {
    let auth = auth.clone();
    use_effect_with((), move |_| {
        let listener = document().map(|target| {
            gloo_events::EventListener::new(&target, "visibilitychange", move |_| {
                let visible = document().is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
                if visible {
                    auth.refresh_user_in_background();
                }
            })
        });
        move || drop(listener)
    });
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|window| window.document())
}
