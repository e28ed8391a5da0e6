//! The browser's own word on the network: `offline` and `online` events.

use yew::prelude::*;

use super::use_effect_keyed;

#[hook]
pub fn use_connectivity_events(on_offline: Callback<()>, on_online: Callback<()>) {
    use_effect_keyed(
        0,
        Box::new(move || {
            let listeners = web_sys::window().map(|window| {
                let offline = gloo_events::EventListener::new(&window, "offline", move |_| on_offline.emit(()));
                let online = gloo_events::EventListener::new(&window, "online", move |_| on_online.emit(()));
                (offline, online)
            });
            Box::new(move || drop(listeners))
        }),
    );
}
