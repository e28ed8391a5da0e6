//! What the run counts beyond Goose's request metrics: false logouts above all (must stay
//! 0), and how the refresh model resolved each storm. Counted over the whole run, ramp-up
//! included (Goose's request figures restart once every user is running).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

#[derive(Default)]
pub struct Tally {
    /// A 401 carrying `logout_reason` for a user whose session is valid.
    pub middleware_logouts: AtomicU64,
    /// A refresh refused (401, 400, 403) that the client could not excuse: no other tab of
    /// the user renewed within its grace.
    pub refused_refreshes: AtomicU64,
    /// The request retried after a successful refresh was refused again.
    pub retries_rejected: AtomicU64,
    /// Storms of refreshes, and those whose tabs were not serialised (no Web Locks).
    pub storms: AtomicU64,
    pub unserialised_storms: AtomicU64,
    /// Refresh calls that reached the network, and tabs that adopted another tab's tokens
    /// without calling (they waited on the lock).
    pub refresh_calls: AtomicU64,
    pub adopted_after_lock: AtomicU64,
    /// Refusals excused because another tab's renewal landed within the grace (no lock).
    pub refusals_excused: AtomicU64,
    /// A request whose access token had expired (401, no `logout_reason`), renewed and retried.
    pub stale_access_renewed: AtomicU64,
    /// Sign-ins (the first of each user, after a sign-out, after a false logout).
    pub sign_ins: AtomicU64,
    /// Logout-event posts answered 201, and 429.
    pub events_posted: AtomicU64,
    pub events_throttled: AtomicU64,
    /// The first few false logouts, described, for the report.
    examples: Mutex<Vec<String>>,
}

const EXAMPLES_KEPT: usize = 5;

impl Tally {
    pub fn add(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub fn get(counter: &AtomicU64) -> u64 {
        counter.load(Ordering::Relaxed)
    }

    pub fn false_logouts(&self) -> u64 {
        Tally::get(&self.middleware_logouts) + Tally::get(&self.refused_refreshes) + Tally::get(&self.retries_rejected)
    }

    /// Counts a false logout of `kind` and keeps its description if it is among the first.
    pub fn false_logout(&self, counter: &AtomicU64, description: String) {
        Tally::add(counter);
        let mut examples = self.examples.lock().unwrap_or_else(|p| p.into_inner());
        if examples.len() < EXAMPLES_KEPT {
            examples.push(description);
        }
    }

    pub fn examples(&self) -> Vec<String> {
        self.examples.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

/// The one tally of the run.
pub static TALLY: std::sync::LazyLock<Tally> = std::sync::LazyLock::new(Tally::default);
