//! Which session is current. Every request is sent under the generation current then; an
//! answer that comes back under another one belongs to a session that is over (signed out,
//! ended by another tab, or replaced by a new sign-in) and decides nothing. Pure.

/// A session's number in this tab: a new one at each sign-in and at each end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Generation(u32);

/// The current generation, and whether its session has ended (the first end wins).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SessionGuard {
    current: Generation,
    ended: bool,
}

impl SessionGuard {
    pub fn current(&self) -> Generation {
        self.current
    }

    pub fn is_current(&self, sent_in: Generation) -> bool {
        self.current == sent_in
    }

    pub fn has_ended(&self) -> bool {
        self.ended
    }

    /// A sign-in succeeded: a new session, a new generation.
    pub fn start(&mut self) {
        self.ended = false;
        self.advance();
    }

    /// Whether an end goes through: the first automatic end wins, later ones are dropped
    /// (their reason must not replace the first, nor redirect again); a sign-out always
    /// goes through. An end that goes through starts a new generation.
    pub fn end(&mut self, always: bool) -> bool {
        if self.ended && !always {
            return false;
        }
        self.ended = true;
        self.advance();
        true
    }

    /// Tokens were dropped without an end to show (a sign-in that failed halfway).
    pub fn discard(&mut self) {
        self.advance();
    }

    fn advance(&mut self) {
        self.current = Generation(self.current.0.wrapping_add(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_end_wins_and_a_sign_out_always_goes_through() {
        let mut guard = SessionGuard::default();
        guard.start();
        assert!(guard.end(false));
        assert!(!guard.end(false), "a second automatic end is dropped");
        assert!(guard.end(true), "a sign-out goes through");
        guard.start();
        assert!(!guard.has_ended());
        assert!(guard.end(false), "a new session can end again");
    }

    #[test]
    fn an_answer_of_an_ended_or_replaced_session_is_not_current() {
        let mut guard = SessionGuard::default();
        guard.start();
        let sent_in = guard.current();
        assert!(guard.is_current(sent_in));
        guard.end(false);
        assert!(!guard.is_current(sent_in), "ended");
        let mut guard = SessionGuard::default();
        let sent_in = guard.current();
        guard.start();
        assert!(!guard.is_current(sent_in), "a new sign-in");
        let sent_in = guard.current();
        guard.discard();
        assert!(!guard.is_current(sent_in), "a sign-in dropped halfway");
    }

    #[test]
    fn a_dropped_end_keeps_the_generation() {
        let mut guard = SessionGuard::default();
        guard.end(false);
        let after_first = guard.current();
        guard.end(false);
        assert_eq!(guard.current(), after_first);
    }
}
