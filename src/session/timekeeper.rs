//! What this tab knows of time for its session (CONTRACT 11.1): the server's clock offset,
//! the renew-loop count, the access token already renewed early, how long the tab slept
//! before it woke, and the session's fixed end once a refresh cannot move it. Owned by the
//! API client, which reads the `Date` headers and sends the refreshes; the decisions are
//! the pure ones of `timing`. The browser's two clocks are read here, and only here.

use std::cell::{Cell, RefCell};

use super::timing::early_renewal;
use super::timing::renew_loop::RenewLoop;
use super::timing::server_clock::ClockOffset;
use super::timing::token_times::TokenTimes;
use super::timing::EpochMs;

/// The browser's wall clock, milliseconds since the epoch (what a user's clock change moves).
pub fn browser_now_ms() -> EpochMs {
    js_sys::Date::now() as EpochMs
}

/// The tab's monotonic clock (`performance.now()`), which a changed wall clock leaves alone.
pub fn monotonic_ms() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now())
}

#[derive(Default)]
pub struct Timekeeper {
    /// `None` until a `Date` header was read: until then nothing is judged by expiry (a
    /// browser clock hours off would otherwise renew a good token at once).
    offset: Cell<Option<ClockOffset>>,
    renew_loop: RefCell<RenewLoop>,
    /// The access token renewed early once: never a second time (CONTRACT 11.1).
    renewed_early: RefCell<Option<String>>,
    /// The tab woke after this many seconds away; a logout before the next good answer says so.
    slept_s: Cell<Option<i64>>,
    /// The session ends then, whatever is refreshed (the lifetime warning counts down to it).
    fixed_end: Cell<Option<EpochMs>>,
}

impl Timekeeper {
    /// The server's time minus the browser's, in milliseconds, once known.
    pub fn clock_offset_ms(&self) -> Option<i64> {
        self.offset.get().map(|offset| offset.0)
    }

    /// A response's `Date` header, for a request sent and answered at these browser times.
    pub fn learn_offset(&self, date: &str, sent_at: EpochMs, received_at: EpochMs) {
        if let Some(offset) = ClockOffset::from_date_header(date, sent_at, received_at) {
            self.offset.set(Some(offset));
        }
    }

    /// Whether `access` is renewed before it is sent, at the browser's time `browser_now`:
    /// it is close to its end in the server's time, and was not renewed early before.
    pub fn renew_early(&self, access: &str, browser_now: EpochMs) -> bool {
        let Some(server_now) = self.server_now(browser_now) else {
            return false;
        };
        let due = early_renewal::renew_before_sending(TokenTimes::of(access), server_now);
        due && self.renewed_early.borrow().as_deref() != Some(access)
    }

    /// `access` is being renewed early: not again.
    pub fn note_renewed_early(&self, access: &str) {
        *self.renewed_early.borrow_mut() = Some(access.to_owned());
    }

    /// Whether a woken tab renews `access`: it has ended in the server's time, and was not
    /// renewed already.
    pub fn renew_on_wake(&self, access: &str, browser_now: EpochMs) -> bool {
        let ended = self
            .server_now(browser_now)
            .is_some_and(|server_now| early_renewal::has_ended(TokenTimes::of(access), server_now));
        ended && self.renewed_early.borrow().as_deref() != Some(access)
    }

    /// A refresh is about to be sent at the monotonic time `now`: `false` when it would make
    /// a renew loop.
    pub fn may_refresh(&self, now: f64) -> bool {
        self.renew_loop.borrow_mut().may_send(now)
    }

    pub fn woke_after(&self, slept_s: Option<i64>) {
        if slept_s.is_some() {
            self.slept_s.set(slept_s);
        }
    }

    /// An answer came back in time: the tab is awake for good.
    pub fn answered(&self) {
        self.slept_s.set(None);
    }

    pub fn slept_s(&self) -> Option<i64> {
        self.slept_s.get()
    }

    pub fn fixed_end(&self) -> Option<EpochMs> {
        self.fixed_end.get()
    }

    pub fn set_fixed_end(&self, end: Option<EpochMs>) {
        self.fixed_end.set(end);
    }

    /// A new session: nothing of the last one's timing applies (the clock offset stays: it
    /// is the server's, not the session's).
    pub fn reset(&self) {
        *self.renew_loop.borrow_mut() = RenewLoop::default();
        *self.renewed_early.borrow_mut() = None;
        self.slept_s.set(None);
        self.fixed_end.set(None);
    }

    /// The server's time when the browser's reads `browser_now`, once the offset is known.
    pub fn server_now(&self, browser_now: EpochMs) -> Option<EpochMs> {
        self.offset.get().map(|offset| offset.server_time(browser_now))
    }
}
