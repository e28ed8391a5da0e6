//! At most one mail per user and code in a window, so that a logout that keeps happening
//! (every request of a lapsed plan is refused) does not flood an inbox. Pure: the time is
//! passed in.

use std::collections::HashMap;
use std::time::{Duration, Instant};

pub struct MailThrottle {
    window: Duration,
    /// When the last mail for (user id, code) was let through; entries older than the
    /// window are dropped as new ones come, so memory follows the mails of one window.
    last_sent: HashMap<(i64, String), Instant>,
}

impl MailThrottle {
    pub fn new(window: Duration) -> MailThrottle {
        MailThrottle {
            window,
            last_sent: HashMap::new(),
        }
    }

    /// Whether a mail to `user_id` about `code` may go at `now`; if so, it counts from now.
    pub fn admit(&mut self, user_id: i64, code: &str, now: Instant) -> bool {
        let window = self.window;
        self.last_sent
            .retain(|_, sent| now.saturating_duration_since(*sent) < window);
        let key = (user_id, code.to_string());
        if self.last_sent.contains_key(&key) {
            return false;
        }
        self.last_sent.insert(key, now);
        true
    }

    /// Forgets every mail sent (the control API's `reset_all`).
    pub fn clear(&mut self) {
        self.last_sent.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_mail_per_user_and_code_in_a_window() {
        let start = Instant::now();
        let mut throttle = MailThrottle::new(Duration::from_secs(3600));
        assert!(throttle.admit(101, "PLAN_INACTIVE", start));
        assert!(!throttle.admit(101, "PLAN_INACTIVE", start + Duration::from_secs(1)));
        assert!(throttle.admit(101, "ACCOUNT_SUSPENDED", start), "another code");
        assert!(throttle.admit(102, "PLAN_INACTIVE", start), "another user");
        let later = start + Duration::from_secs(3599);
        assert!(!throttle.admit(101, "PLAN_INACTIVE", later), "still in the window");
        let after = start + Duration::from_secs(3600);
        assert!(throttle.admit(101, "PLAN_INACTIVE", after), "the window is over");
        assert!(!throttle.admit(101, "PLAN_INACTIVE", after), "and a new one starts");
    }

    #[test]
    fn old_entries_are_dropped_and_clear_forgets_all() {
        let start = Instant::now();
        let mut throttle = MailThrottle::new(Duration::from_secs(10));
        for user in 0..100 {
            throttle.admit(user, "PLAN_INACTIVE", start);
        }
        throttle.admit(1000, "PLAN_INACTIVE", start + Duration::from_secs(11));
        assert_eq!(throttle.last_sent.len(), 1, "only this window's mails are remembered");
        throttle.clear();
        assert!(throttle.admit(1000, "PLAN_INACTIVE", start + Duration::from_secs(12)));
    }
}
