//! Every tab told (CONTRACT section 10): the tab whose session ended sends the reason on a
//! `BroadcastChannel`; the other tabs of the origin show it, prefixed, without logging 🚨
//! or reporting it again.

use wasm_bindgen::JsCast;
use web_sys::MessageEvent;

use super::state::SessionState;
use crate::logout::LogoutReason;

/// Tells the other tabs why this tab's session ended.
pub fn announce(session: &SessionState, reason: &LogoutReason) {
    if let Some(channel) = session.channel() {
        let _ = channel.post_message(&reason.to_json().into());
    }
}

/// Calls `on_reason` with each reason another tab announces, while the listener lives.
pub fn listen(
    session: &SessionState,
    on_reason: impl Fn(LogoutReason) + 'static,
) -> Option<gloo_events::EventListener> {
    let channel = session.channel()?;
    Some(gloo_events::EventListener::new(channel, "message", move |event| {
        let text = event
            .dyn_ref::<MessageEvent>()
            .and_then(|message| message.data().as_string());
        if let Some(reason) = text.as_deref().and_then(LogoutReason::from_json) {
            on_reason(reason);
        }
    }))
}
