//! When the tab wakes (CONTRACT 11.1): it becomes visible again, is shown from the
//! back-forward cache, or a heartbeat fires more than 10 s late, as after a laptop's sleep.
//! The session is checked first (the API client renews an access token that ended meanwhile,
//! and notes how long the tab was away); a tab made visible again then re-reads the user, so
//! that someone coming back after a while gets their account and plan checked anew. (The
//! browser coming back online is `use_connectivity_events`'.)

use std::cell::Cell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::auth::Auth;
use crate::session::timekeeper::browser_now_ms as now_ms;
use crate::session::timing::wake;

/// How often the heartbeat beats; one that comes more than 10 s late means a sleep.
const HEARTBEAT_MS: u32 = 5_000;

/// What the listeners share: the store, and when the tab was last seen running (hidden, or
/// the heartbeat before a late one).
#[derive(Clone)]
struct Watch {
    auth: Auth,
    left_at: Rc<Cell<Option<i64>>>,
}

impl Watch {
    fn woke(&self) {
        let slept_s = self.left_at.take().and_then(|left| wake::slept_s(left, now_ms()));
        self.auth.client().check_after_wake(slept_s);
    }

    /// `visibilitychange` and `pageshow`, through one closure type (each type of closure
    /// handed to the browser is code of its own in the wasm).
    fn on_event(&self, event: &web_sys::Event) {
        if event.type_() == "pageshow" {
            return self.woke();
        }
        let visible = web_sys::window()
            .and_then(|window| window.document())
            .is_some_and(|document| document.visibility_state() == web_sys::VisibilityState::Visible);
        if visible {
            self.woke();
            self.auth.refresh_user_in_background();
        } else {
            self.left_at.set(Some(now_ms()));
        }
    }

    fn on_beat(&self, expected: i64) {
        if wake::timer_was_late(expected, now_ms()) && self.left_at.get().is_none() {
            self.left_at.set(Some(expected - i64::from(HEARTBEAT_MS)));
            self.woke();
        }
    }
}

#[hook]
pub fn use_wake_check(auth: &Auth) {
    let watch = Watch {
        auth: auth.clone(),
        left_at: Rc::default(),
    };
    use_effect_with((), move |_| {
        let window = web_sys::window();
        let document = window.as_ref().and_then(web_sys::Window::document);
        let listen = |target: Option<&web_sys::EventTarget>, kind: &'static str| {
            let watch = watch.clone();
            target.map(|target| EventListener::new(target, kind, move |event| watch.on_event(event)))
        };
        let listeners = [
            listen(document.as_ref().map(AsRef::as_ref), "visibilitychange"),
            listen(window.as_ref().map(AsRef::as_ref), "pageshow"),
        ];
        let last_beat = Cell::new(now_ms());
        let heartbeat = Interval::new(HEARTBEAT_MS, move || {
            let expected = last_beat.replace(now_ms()) + i64::from(HEARTBEAT_MS);
            watch.on_beat(expected);
        });
        move || drop((listeners, heartbeat))
    });
}
