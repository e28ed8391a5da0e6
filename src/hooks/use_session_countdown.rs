//! The session's countdowns (CONTRACT 11.2). Every second while signed in: where the idle end
//! (the last activity in any tab + `idle_timeout_s`) and the lifetime end (the refresh
//! token's `exp`, once a refresh could not move it) stand; the warning when one is within
//! `warning_s`, and the end when it comes. The decisions are `session::timing::countdown`'s;
//! this hook is the timer, the activity listeners and the state the dialogs show.

use std::cell::Cell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::auth::Auth;
use crate::logout::drafts;
use crate::session::activity;
use crate::session::timekeeper::browser_now_ms as now_ms;
use crate::session::timing::countdown::{phase, Phase};
use crate::session::SessionEnd;

/// The warning a dialog shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Countdown {
    /// `Are you still there?`: the idle end comes in this many seconds.
    Idle { seconds_left: i64 },
    /// `Your session is ending`: at this time (the browser's clock, milliseconds).
    Lifetime { ends_at: i64 },
}

/// What the dialogs need: the warning, if any, and what their buttons do.
pub struct SessionCountdown {
    pub shown: Option<Countdown>,
    /// `Stay signed in` (or Escape): the idle time starts again, in every tab.
    pub stay: Callback<()>,
    /// `OK` on the lifetime warning: nothing can extend it; this tab stops showing it.
    pub dismiss: Callback<()>,
}

/// What the timer and the listeners share.
#[derive(Clone)]
struct Clock {
    auth: Auth,
    shown: UseStateHandle<Option<Countdown>>,
    /// The warning is up: activity no longer counts, only `Stay signed in` does.
    warning: Rc<Cell<bool>>,
    /// The lifetime end whose warning was dismissed.
    dismissed: Rc<Cell<Option<i64>>>,
    /// When this tab started counting, the last activity when storage knows none.
    started: i64,
}

impl Clock {
    fn tick(&self) {
        let client = self.auth.client();
        let config = client.config();
        let now = now_ms();
        let warning_ms = i64::from(config.warning_s) * 1000;
        let next = if !client.has_session() || client.session_ended() {
            None
        } else {
            self.idle(now, warning_ms).or_else(|| self.lifetime(now, warning_ms))
        };
        self.warning.set(matches!(next, Some(Countdown::Idle { .. })));
        if *self.shown != next {
            self.shown.set(next);
        }
    }

    fn idle(&self, now: i64, warning_ms: i64) -> Option<Countdown> {
        let timeout_s = self.auth.client().config().idle_timeout_s?;
        let last = activity::last_activity(now).unwrap_or(self.started);
        match phase(last + i64::from(timeout_s) * 1000, now, warning_ms) {
            Phase::Quiet { .. } => None,
            Phase::Warning { seconds_left } => Some(Countdown::Idle { seconds_left }),
            Phase::Over => {
                let draft = drafts::idle_timeout(timeout_s, &iso(last));
                self.auth.client().end_session(SessionEnd::Logout(draft));
                None
            }
        }
    }

    fn lifetime(&self, now: i64, warning_ms: i64) -> Option<Countdown> {
        let time = self.auth.client().time();
        let (end, server_now) = (time.fixed_end()?, time.server_now(now)?);
        match phase(end, server_now, warning_ms) {
            Phase::Quiet { .. } => None,
            Phase::Warning { .. } if self.dismissed.get() == Some(end) => None,
            Phase::Warning { .. } => Some(Countdown::Lifetime {
                ends_at: now + (end - server_now),
            }),
            Phase::Over => {
                let draft = drafts::session_lifetime_ended(&iso(end));
                self.auth.client().end_session(SessionEnd::Logout(draft));
                None
            }
        }
    }

    /// A press, a key, a scroll or a touch in this tab, while it is visible.
    fn activity(&self) {
        let visible = web_sys::window()
            .and_then(|window| window.document())
            .is_some_and(|document| document.visibility_state() == web_sys::VisibilityState::Visible);
        if visible && !self.warning.get() && self.auth.client().has_session() {
            activity::note_activity(now_ms(), false);
        }
    }
}

#[hook]
pub fn use_session_countdown(auth: &Auth) -> SessionCountdown {
    let shown = use_state(|| None);
    let clock = Clock {
        auth: auth.clone(),
        shown: shown.clone(),
        warning: use_memo((), |_| Rc::new(Cell::new(false))).as_ref().clone(),
        dismissed: use_memo((), |_| Rc::new(Cell::new(None))).as_ref().clone(),
        started: *use_memo((), |_| now_ms()),
    };
    let counting = auth.user().is_some();
    {
        let clock = clock.clone();
        use_effect_with(counting, move |counting| {
            let running = counting.then(|| {
                let window = web_sys::window();
                // Capture: a scroll inside any element counts; passive: never blocks it.
                let options = EventListenerOptions::run_in_capture_phase();
                let listeners: Vec<EventListener> = ["pointerdown", "keydown", "scroll", "touchstart"]
                    .into_iter()
                    .filter_map(|kind| {
                        let clock = clock.clone();
                        let target = window.as_ref()?;
                        Some(EventListener::new_with_options(target, kind, options, move |_| {
                            clock.activity()
                        }))
                    })
                    .collect();
                let timer = Interval::new(1_000, move || clock.tick());
                (listeners, timer)
            });
            move || drop(running)
        });
    }
    let stay = {
        let clock = clock.clone();
        Callback::from(move |()| {
            activity::note_activity(now_ms(), true);
            clock.warning.set(false);
            clock.shown.set(None);
        })
    };
    let dismiss = Callback::from(move |()| {
        if let Some(end) = clock.auth.client().time().fixed_end() {
            clock.dismissed.set(Some(end));
        }
        clock.shown.set(None);
    });
    SessionCountdown {
        shown: *shown,
        stay,
        dismiss,
    }
}

/// ISO 8601 UTC with milliseconds, like the reason's `timestamp`.
fn iso(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(crate::logout::reason::format_timestamp)
        .unwrap_or_default()
}
