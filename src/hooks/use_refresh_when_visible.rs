//! Calls back whenever the tab becomes visible again (`visibilitychange`): a user coming
//! back after a while gets their account and plan checked anew.

use yew::prelude::*;

use super::use_effect_keyed;

#[hook]
pub fn use_refresh_when_visible(on_visible: Callback<()>) {
    use_effect_keyed(
        0,
        Box::new(move || {
            let listener = document().map(|target| {
                gloo_events::EventListener::new(&target, "visibilitychange", move |_| {
                    let visible = document().is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
                    if visible {
                        on_visible.emit(());
                    }
                })
            });
            Box::new(move || drop(listener))
        }),
    );
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|window| window.document())
}
