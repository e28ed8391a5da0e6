//! The warnings before a session ends on time (CONTRACT 11.2), over whatever page is open:
//! `Are you still there?` before the idle end, with `Stay signed in` and `Sign out`; `Your
//! session is ending` before the lifetime end, with only `OK` (nothing can extend it).
//! A plain function of the countdown `<AuthProvider>` keeps (a component of its own would
//! cost about 1 KB gzipped of yew's machinery for no state of its own).

use yew::prelude::*;

use crate::auth::Auth;
use crate::components::timeout_dialog::TimeoutDialog;
use crate::hooks::use_session_countdown::{Countdown, SessionCountdown};

pub fn session_timeouts(auth: &Auth, countdown: SessionCountdown) -> Html {
    match countdown.shown {
        Some(Countdown::Idle { seconds_left }) => {
            let unit = if seconds_left == 1 { "second" } else { "seconds" };
            let message = format!("You have been inactive for a while. For your security, you will be signed out in {seconds_left} {unit}.");
            let auth = auth.clone();
            let sign_out = Callback::from(move |()| auth.logout());
            html! {
                <TimeoutDialog heading="Are you still there?" message={message} primary="Stay signed in"
                    on_primary={countdown.stay} secondary={Some(AttrValue::from("Sign out"))} on_secondary={sign_out} />
            }
        }
        Some(Countdown::Lifetime { ends_at }) => {
            let message = format!(
                "Your session reaches its maximum length at {}. Save your work; you will then need to sign in again.",
                local_time(ends_at)
            );
            html! {
                <TimeoutDialog heading="Your session is ending" message={message} primary="OK"
                    on_primary={countdown.dismiss} />
            }
        }
        None => Html::default(),
    }
}

/// The time of day in the user's own words (their locale and time zone), e.g. `14:05:09`.
fn local_time(ms: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    String::from(date.to_locale_time_string("default"))
}
