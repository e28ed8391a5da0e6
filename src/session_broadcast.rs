//! Every tab told (CONTRACT section 10): the tab whose session ended sends the reason on a
//! `BroadcastChannel`; the other tabs of the origin show it, prefixed, without logging 🚨
//! or reporting it again. One channel object per tab does both, so a tab never hears its
//! own message.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

use crate::logout::LogoutReason;

const CHANNEL: &str = "logout-tracker-session";

thread_local! {
    static THIS_TAB: RefCell<Option<BroadcastChannel>> = const { RefCell::new(None) };
}

fn with_channel<T>(use_it: impl FnOnce(&BroadcastChannel) -> T) -> Option<T> {
    THIS_TAB.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.is_none() {
            *slot = BroadcastChannel::new(CHANNEL).ok();
        }
        slot.as_ref().map(use_it)
    })
}

/// Tells the other tabs why this tab's session ended.
pub fn announce(reason: &LogoutReason) {
    with_channel(|channel| channel.post_message(&reason.to_json().into()));
}

/// Calls `on_reason` with each reason another tab announces, while the listener lives.
pub fn listen(on_reason: impl Fn(LogoutReason) + 'static) -> Option<gloo_events::EventListener> {
    with_channel(|channel| {
        gloo_events::EventListener::new(channel, "message", move |event| {
            let text = event
                .dyn_ref::<MessageEvent>()
                .and_then(|message| message.data().as_string());
            if let Some(reason) = text.as_deref().and_then(LogoutReason::from_json) {
                on_reason(reason);
            }
        })
    })
}
