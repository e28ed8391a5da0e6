//! The refresh under way, if any: the requests waiting for its outcome (one refresh in flight,
//! shared by every request that needs it, as supabase auth-js does). Channels rather than
//! `futures`' `Shared`, whose waker bookkeeping cost the wasm more than this.

use std::cell::RefCell;

use futures::channel::oneshot;

use super::error::ApiError;

type Outcome = Result<(), ApiError>;

#[derive(Default)]
pub struct RefreshInFlight {
    waiters: RefCell<Option<Vec<oneshot::Sender<Outcome>>>>,
}

impl RefreshInFlight {
    /// Joins the refresh under way; `true` when there was none, and the caller must start it.
    pub fn join(&self) -> (bool, oneshot::Receiver<Outcome>) {
        let (done, outcome) = oneshot::channel();
        let mut waiters = self.waiters.borrow_mut();
        let first = waiters.is_none();
        waiters.get_or_insert_with(Vec::new).push(done);
        (first, outcome)
    }

    /// Whether a refresh is under way.
    pub fn is_running(&self) -> bool {
        self.waiters.borrow().is_some()
    }

    /// The refresh is over: every waiter gets its outcome, and the next one starts afresh.
    pub fn finish(&self, outcome: &Outcome) {
        let waiters = self.waiters.borrow_mut().take();
        for waiter in waiters.into_iter().flatten() {
            let _ = waiter.send(outcome.clone());
        }
    }
}
