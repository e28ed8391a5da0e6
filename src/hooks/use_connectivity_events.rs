//! The browser's own word on the network: `offline` shows the server-unreachable line,
//! `online` checks the session as after a sleep (CONTRACT 11.1), then asks for the user and
//! the page's data again.

use yew::prelude::*;

use crate::auth::Auth;

#[hook]
pub fn use_connectivity_events(auth: &Auth) {
    let auth = auth.clone();
    use_effect_with((), move |_| {
        let listeners = web_sys::window().map(|window| {
            let told = auth.clone();
            let offline = gloo_events::EventListener::new(&window, "offline", move |_| told.server_unreachable());
            let online = gloo_events::EventListener::new(&window, "online", move |_| {
                auth.client().check_after_wake(None);
                auth.retry();
            });
            (offline, online)
        });
        move || drop(listeners)
    });
}
