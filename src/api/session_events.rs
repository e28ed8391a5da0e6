//! What the client tells the app about the session and the server: that a session ended
//! (and how), guarded so that the first end wins; whether the server could be reached.
//! A generation counter tells an answer to a request of a session that is over.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::client::ApiClient;
use super::error::ApiError;
use crate::logout::LogoutDraft;

/// How a session ended, as the client reports it.
#[derive(Clone, Debug, PartialEq)]
pub enum SessionEnd {
    /// A response (or a check of the user) ended it, for this reason.
    Logout(LogoutDraft),
    /// The user pressed Sign out.
    SignOut { email: String },
    /// Another tab ended it; that tab's reason stands, this one adds none.
    Elsewhere,
}

/// Told once per ended session (a sign-out always); handed the client, so that it needs
/// no reference of its own (which would keep the client alive forever).
type SessionEndHandler = Rc<dyn Fn(&ApiClient, SessionEnd)>;
/// Told `true` when the server answered (anything but a 5xx), `false` when it did not.
type ReachabilityHandler = Rc<dyn Fn(bool)>;

/// The session guard and the listeners, one set per client.
#[derive(Default)]
pub struct SessionEvents {
    /// Set by the first end of a session; later failures neither replace its reason nor
    /// redirect again.
    ended: Cell<bool>,
    /// Counts sign-ins and ends of sessions: an answer that comes back under another
    /// generation than the one it was asked in belongs to a session that is over.
    generation: Cell<u32>,
    on_end: RefCell<Option<SessionEndHandler>>,
    /// Told after each request whether the server could be reached (any answer but a 5xx).
    on_reachability: RefCell<Option<ReachabilityHandler>>,
}

impl ApiClient {
    /// Who handles the end of a session (the auth store: reason, tokens, redirect).
    pub fn on_session_end(&self, handler: impl Fn(&ApiClient, SessionEnd) + 'static) {
        *self.events().on_end.borrow_mut() = Some(Rc::new(handler));
    }

    /// Who shows that the server cannot be reached (the protected pages' status line).
    pub fn on_reachability(&self, handler: impl Fn(bool) + 'static) {
        *self.events().on_reachability.borrow_mut() = Some(Rc::new(handler));
    }

    pub(super) fn report_reachability(&self, outcome: &Result<(u16, Vec<u8>), ApiError>) {
        let reachable = match outcome {
            Ok((status, _)) => !(500..600).contains(status),
            Err(ApiError::Network(_) | ApiError::Timeout) => false,
            Err(_) => return,
        };
        let handler = self.events().on_reachability.borrow().clone();
        if let Some(handler) = handler {
            handler(reachable);
        }
    }

    /// Ends the session. The first automatic end wins; a sign-out always goes through.
    pub fn end_session(&self, end: SessionEnd) {
        let already_ended = self.events().ended.replace(true);
        if already_ended && !matches!(end, SessionEnd::SignOut { .. }) {
            return;
        }
        self.next_generation();
        let handler = self.events().on_end.borrow().clone();
        if let Some(handler) = handler {
            handler(self, end);
        }
    }

    pub fn session_ended(&self) -> bool {
        self.events().ended.get()
    }

    pub(super) fn generation(&self) -> u32 {
        self.events().generation.get()
    }

    pub(super) fn next_generation(&self) {
        self.events()
            .generation
            .set(self.events().generation.get().wrapping_add(1));
    }

    /// Another tab may have signed out (the shared tokens changed): this tab follows, with
    /// no reason of its own.
    pub fn follow_session_end_elsewhere(&self) {
        if self.tokens_vanished() {
            self.end_session(SessionEnd::Elsewhere);
        }
    }

    /// This tab held tokens, and storage holds none now: another tab signed out.
    pub(super) fn tokens_vanished(&self) -> bool {
        // Memory first: reading storage brings memory up to date.
        self.tokens().held_when_last_read() && self.tokens().is_empty()
    }

    /// A sign-in succeeded: a new session, a new generation.
    pub(super) fn session_started(&self) {
        self.events().ended.set(false);
        self.next_generation();
    }
}
