//! The requests a session's end made fail, held while the user signs in again over the page
//! (CONTRACT 11.3), and what becomes of them. Each is tied to the generation of the session
//! it was sent in: only a sign-in of the same user after that very session sends them
//! again, each once; anything else drops them, so that nothing held for one user is ever
//! sent for another. Pure: the items are whatever wakes a waiting request.

use super::generation::Generation;

/// How the dialog over the page ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The same user signed in again: carry on where the page was.
    SameUser,
    /// Another user signed in, or the user signed out: nothing of the page is kept.
    Dropped,
}

/// The held requests of one ended session.
#[derive(Debug)]
pub struct HeldRequests<T> {
    /// The session they were sent in; `None` while nothing is held open.
    ended: Option<Generation>,
    held: Vec<T>,
}

impl<T> Default for HeldRequests<T> {
    fn default() -> Self {
        Self {
            ended: None,
            held: Vec::new(),
        }
    }
}

impl<T> HeldRequests<T> {
    /// The session `ended` ended and its page stays: its failed requests may be held.
    pub fn open(&mut self, ended: Generation) {
        self.ended = Some(ended);
    }

    /// Holds a request sent in `sent_in`; handed back when it cannot be held (no dialog is
    /// open for that session), and the caller fails it as before.
    pub fn hold(&mut self, sent_in: Generation, item: T) -> Result<(), T> {
        if self.ended == Some(sent_in) {
            self.held.push(item);
            Ok(())
        } else {
            Err(item)
        }
    }

    /// The dialog closed: every held request, each once, to send again (`SameUser`) or to
    /// drop; nothing stays held.
    pub fn release(&mut self, outcome: Outcome) -> (Outcome, Vec<T>) {
        self.ended = None;
        (outcome, std::mem::take(&mut self.held))
    }
}

// proptest is a native dev-dependency: the wasm32 build of these tests has none.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::session::SessionGuard;
    use proptest::prelude::*;

    fn generations() -> (Generation, Generation) {
        let mut guard = SessionGuard::default();
        let first = guard.current();
        guard.start();
        (first, guard.current())
    }

    #[test]
    fn only_requests_of_the_ended_session_are_held_and_each_comes_back_once() {
        let (ended, other) = generations();
        let mut held = HeldRequests::default();
        assert_eq!(held.hold(ended, "before any dialog"), Err("before any dialog"));
        held.open(ended);
        assert_eq!(held.hold(ended, "GET content"), Ok(()));
        assert_eq!(held.hold(ended, "POST report"), Ok(()));
        assert_eq!(held.hold(other, "another session's"), Err("another session's"));
        assert_eq!(
            held.release(Outcome::SameUser),
            (Outcome::SameUser, vec!["GET content", "POST report"])
        );
        assert_eq!(
            held.release(Outcome::SameUser),
            (Outcome::SameUser, vec![]),
            "never twice"
        );
        assert_eq!(held.hold(ended, "late"), Err("late"), "closed");
    }

    #[test]
    fn another_user_or_a_sign_out_drops_them_all() {
        let (ended, _) = generations();
        let mut held = HeldRequests::default();
        held.open(ended);
        assert_eq!(held.hold(ended, 1), Ok(()));
        assert_eq!(held.release(Outcome::Dropped), (Outcome::Dropped, vec![1]));
        assert_eq!(held.hold(ended, 2), Err(2), "closed");
    }

    proptest! {
        /// Whatever happens, a request is handed back at most once: held and released once,
        /// or refused at once.
        #[test]
        fn every_request_comes_back_at_most_once(steps in proptest::collection::vec(0u8..4, 0..40)) {
            let (ended, other) = generations();
            let mut held = HeldRequests::default();
            let mut handed_back = Vec::new();
            for (n, step) in steps.into_iter().enumerate() {
                match step {
                    0 => held.open(ended),
                    1 => if let Err(n) = held.hold(ended, n) { handed_back.push(n) },
                    2 => if let Err(n) = held.hold(other, n) { handed_back.push(n) },
                    _ => handed_back.extend(held.release(Outcome::SameUser).1),
                }
            }
            handed_back.extend(held.release(Outcome::Dropped).1);
            let mut sorted = handed_back.clone();
            sorted.sort_unstable();
            sorted.dedup();
            prop_assert_eq!(sorted.len(), handed_back.len());
        }
    }
}
