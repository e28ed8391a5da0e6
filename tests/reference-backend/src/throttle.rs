//! Sliding-window rate limits per key (a client address, an email), as DRF's
//! `SimpleRateThrottle` keeps them: a list of recent request times per key, and a wait
//! computed from the oldest one that still counts.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// At most `max` events within any `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub max: u32,
    pub window: Duration,
}

impl RateLimit {
    pub const fn per_minute(max: u32) -> RateLimit {
        RateLimit {
            max,
            window: Duration::from_secs(60),
        }
    }
}

/// Keys kept at most; beyond it the least recently active key is forgotten, so that a
/// client inventing keys cannot grow memory without bound.
const MAX_KEYS: usize = 10_000;

pub struct Throttle {
    limit: RateLimit,
    keys: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl Throttle {
    pub fn new(limit: RateLimit) -> Throttle {
        Throttle {
            limit,
            keys: Mutex::new(HashMap::new()),
        }
    }

    /// `Some(wait)` when `key` has used up its limit at `now`: the time until one more
    /// event would be allowed.
    pub fn blocked(&self, key: &str, now: Instant) -> Option<Duration> {
        let mut keys = self.lock();
        let times = keys.get_mut(key)?;
        forget_expired(times, self.limit.window, now);
        self.wait(times, now)
    }

    /// Records one event for `key` at `now`.
    pub fn record(&self, key: &str, now: Instant) {
        let mut keys = self.lock();
        if !keys.contains_key(key) && keys.len() >= MAX_KEYS {
            make_room(&mut keys, self.limit.window, now);
        }
        let times = keys.entry(key.to_string()).or_default();
        forget_expired(times, self.limit.window, now);
        times.push_back(now);
    }

    /// DRF's throttle check: allowed requests are recorded, refused ones are not.
    pub fn check_and_record(&self, key: &str, now: Instant) -> Result<(), Duration> {
        if let Some(wait) = self.blocked(key, now) {
            return Err(wait);
        }
        self.record(key, now);
        Ok(())
    }

    /// Forgets every key (the control API's `reset_throttles`).
    pub fn clear(&self) {
        self.lock().clear();
    }

    fn wait(&self, times: &VecDeque<Instant>, now: Instant) -> Option<Duration> {
        let max = self.limit.max as usize;
        if times.len() < max {
            return None;
        }
        // One more is allowed once all but max - 1 of the counted events have expired.
        let wait = match times.get(times.len() - max) {
            Some(&oldest) => (oldest + self.limit.window).saturating_duration_since(now),
            None => self.limit.window,
        };
        Some(wait)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, VecDeque<Instant>>> {
        self.keys.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn forget_expired(times: &mut VecDeque<Instant>, window: Duration, now: Instant) {
    while times
        .front()
        .is_some_and(|&at| now.saturating_duration_since(at) >= window)
    {
        times.pop_front();
    }
}

fn make_room(keys: &mut HashMap<String, VecDeque<Instant>>, window: Duration, now: Instant) {
    keys.retain(|_, times| {
        forget_expired(times, window, now);
        !times.is_empty()
    });
    if keys.len() >= MAX_KEYS {
        let idlest = keys
            .iter()
            .min_by_key(|(_, times)| times.back().copied())
            .map(|(key, _)| key.clone());
        if let Some(key) = idlest {
            keys.remove(&key);
        }
    }
}

/// Whole seconds for `Retry-After` and the message: rounded up, as DRF's `math.ceil`.
pub fn wait_seconds(wait: Duration) -> u64 {
    let whole = wait.as_secs();
    if wait.subsec_nanos() > 0 || whole == 0 {
        whole + 1
    } else {
        whole
    }
}

/// DRF's `Throttled` detail, singular or plural as its translation strings are.
pub fn throttled_detail(seconds: u64) -> String {
    let unit = if seconds == 1 { "second" } else { "seconds" };
    format!("Request was throttled. Expected available in {seconds} {unit}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: Duration = Duration::from_secs(1);

    #[test]
    fn blocks_after_max_events_until_the_oldest_expires() {
        let throttle = Throttle::new(RateLimit::per_minute(3));
        let t0 = Instant::now();
        for i in 0..3 {
            assert_eq!(throttle.blocked("a", t0 + i * SECOND), None);
            throttle.record("a", t0 + i * SECOND);
        }
        assert_eq!(throttle.blocked("a", t0 + 10 * SECOND), Some(50 * SECOND));
        assert_eq!(throttle.blocked("b", t0 + 10 * SECOND), None, "per key");
        assert_eq!(throttle.blocked("a", t0 + 60 * SECOND), None, "the first expired");
        throttle.record("a", t0 + 60 * SECOND);
        assert_eq!(throttle.blocked("a", t0 + 60 * SECOND), Some(SECOND));
        throttle.clear();
        assert_eq!(throttle.blocked("a", t0 + 60 * SECOND), None);
    }

    #[test]
    fn refused_checks_are_not_recorded() {
        let throttle = Throttle::new(RateLimit {
            max: 2,
            window: 10 * SECOND,
        });
        let t0 = Instant::now();
        assert!(throttle.check_and_record("ip", t0).is_ok());
        assert!(throttle.check_and_record("ip", t0 + SECOND).is_ok());
        for i in 2..9 {
            assert_eq!(throttle.check_and_record("ip", t0 + i * SECOND), Err((10 - i) * SECOND));
        }
        assert!(throttle.check_and_record("ip", t0 + 10 * SECOND).is_ok());
    }

    #[test]
    fn keys_are_bounded() {
        let throttle = Throttle::new(RateLimit::per_minute(1));
        let t0 = Instant::now();
        for i in 0..MAX_KEYS + 5 {
            throttle.record(&i.to_string(), t0 + Duration::from_millis(i as u64));
        }
        assert_eq!(throttle.lock().len(), MAX_KEYS);
        assert!(throttle
            .blocked(&(MAX_KEYS + 4).to_string(), t0 + SECOND * 20)
            .is_some());
    }

    #[test]
    fn detail_and_seconds_as_drf_words_them() {
        assert_eq!(wait_seconds(Duration::from_millis(100)), 1);
        assert_eq!(wait_seconds(SECOND), 1);
        assert_eq!(wait_seconds(Duration::from_millis(59_001)), 60);
        assert_eq!(wait_seconds(Duration::ZERO), 1);
        assert_eq!(
            throttled_detail(1),
            "Request was throttled. Expected available in 1 second."
        );
        assert_eq!(
            throttled_detail(42),
            "Request was throttled. Expected available in 42 seconds."
        );
    }
}
