//! Sliding-window rate limits per key (a client address, an email and address pair), as
//! DRF's `SimpleRateThrottle` keeps them: a list of recent event times per key, and a wait
//! computed from the oldest one that still counts.
//!
//! The check and the count are one step under one lock ([`Throttle::acquire`]), so that
//! concurrent requests cannot all pass the check before any of them is counted. A request
//! whose outcome decides whether it counts (a login: only failures do) takes the event back
//! with [`Throttle::release`] once it knows.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Mutex, MutexGuard};
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

/// One event to count against `key` under `limit`. A key is always charged with the same
/// limit (the callers prefix keys by kind).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charge {
    pub key: String,
    pub limit: RateLimit,
}

/// The events one [`Throttle::acquire`] counted, to take back with [`Throttle::release`].
#[derive(Debug)]
#[must_use = "dropping a slot keeps its events counted; say so with `Throttle::keep`"]
pub struct Slot {
    keys: Vec<String>,
    at: Instant,
}

/// Keys kept at most; beyond it the least recently active key is forgotten, so that a
/// client inventing keys cannot grow memory without bound.
const MAX_KEYS: usize = 10_000;

struct Counter {
    window: Duration,
    times: VecDeque<Instant>,
}

#[derive(Default)]
pub struct Throttle {
    counters: Mutex<HashMap<String, Counter>>,
}

impl Throttle {
    pub fn new() -> Throttle {
        Throttle::default()
    }

    /// Atomically: when every charge's key is under its limit at `now`, counts one event for
    /// each and returns the slot; otherwise counts nothing and returns the longest wait until
    /// all of them would allow one more.
    pub fn acquire(&self, charges: &[Charge], now: Instant) -> Result<Slot, Duration> {
        let mut counters = self.lock();
        let wait = charges
            .iter()
            .filter_map(|charge| {
                let counter = counters.get_mut(&charge.key)?;
                forget_expired(&mut counter.times, charge.limit.window, now);
                wait_for_room(&counter.times, charge.limit, now)
            })
            .max();
        if let Some(wait) = wait {
            return Err(wait);
        }
        for charge in charges {
            if !counters.contains_key(&charge.key) && counters.len() >= MAX_KEYS {
                make_room(&mut counters, now);
            }
            let counter = counters.entry(charge.key.clone()).or_insert_with(|| Counter {
                window: charge.limit.window,
                times: VecDeque::new(),
            });
            counter.times.push_back(now);
        }
        Ok(Slot {
            keys: charges.iter().map(|charge| charge.key.clone()).collect(),
            at: now,
        })
    }

    /// Takes back the events `slot` counted (a key forgotten meanwhile has nothing to take).
    pub fn release(&self, slot: Slot) {
        let mut counters = self.lock();
        for key in &slot.keys {
            if let Some(counter) = counters.get_mut(key) {
                if let Some(index) = counter.times.iter().rposition(|&at| at == slot.at) {
                    counter.times.remove(index);
                }
            }
        }
    }

    /// Leaves the events of `slot` counted.
    pub fn keep(&self, slot: Slot) {
        drop(slot);
    }

    /// Forgets every key (the control API's `reset_throttles`).
    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, Counter>> {
        self.counters.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The throttle's rule: `None` while `times` (the events still in the window) leave room for
/// one more under `limit`; otherwise how long until they do.
pub fn wait_for_room(times: &VecDeque<Instant>, limit: RateLimit, now: Instant) -> Option<Duration> {
    let max = limit.max as usize;
    if times.len() < max {
        return None;
    }
    // One more is allowed once all but max - 1 of the counted events have expired.
    let wait = match times.get(times.len() - max) {
        Some(&oldest) => (oldest + limit.window).saturating_duration_since(now),
        None => limit.window,
    };
    Some(wait)
}

fn forget_expired(times: &mut VecDeque<Instant>, window: Duration, now: Instant) {
    while times
        .front()
        .is_some_and(|&at| now.saturating_duration_since(at) >= window)
    {
        times.pop_front();
    }
}

fn make_room(counters: &mut HashMap<String, Counter>, now: Instant) {
    counters.retain(|_, counter| {
        forget_expired(&mut counter.times, counter.window, now);
        !counter.times.is_empty()
    });
    if counters.len() >= MAX_KEYS {
        let idlest = counters
            .iter()
            .min_by_key(|(_, counter)| counter.times.back().copied())
            .map(|(key, _)| key.clone());
        if let Some(key) = idlest {
            counters.remove(&key);
        }
    }
}

/// The client address as a throttle key: an IPv4 address as it is, an IPv6 address by its
/// /64 network (one subscriber's usual allocation, which a client can hop within at will);
/// an IPv4-mapped IPv6 address as the IPv4 address.
pub fn source_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
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

    fn charge(key: &str, limit: RateLimit) -> Charge {
        Charge { key: key.into(), limit }
    }

    fn one(throttle: &Throttle, key: &str, limit: RateLimit, now: Instant) -> Result<(), Duration> {
        throttle
            .acquire(&[charge(key, limit)], now)
            .map(|slot| throttle.keep(slot))
    }

    #[test]
    fn blocks_after_max_events_until_the_oldest_expires() {
        let throttle = Throttle::new();
        let limit = RateLimit::per_minute(3);
        let t0 = Instant::now();
        for i in 0..3 {
            assert_eq!(one(&throttle, "a", limit, t0 + i * SECOND), Ok(()));
        }
        assert_eq!(one(&throttle, "a", limit, t0 + 10 * SECOND), Err(50 * SECOND));
        assert_eq!(one(&throttle, "b", limit, t0 + 10 * SECOND), Ok(()), "per key");
        assert_eq!(
            one(&throttle, "a", limit, t0 + 60 * SECOND),
            Ok(()),
            "the first expired"
        );
        assert_eq!(one(&throttle, "a", limit, t0 + 60 * SECOND), Err(SECOND));
        throttle.clear();
        assert_eq!(one(&throttle, "a", limit, t0 + 60 * SECOND), Ok(()));
    }

    #[test]
    fn refused_checks_are_not_counted() {
        let throttle = Throttle::new();
        let limit = RateLimit {
            max: 2,
            window: 10 * SECOND,
        };
        let t0 = Instant::now();
        assert!(one(&throttle, "ip", limit, t0).is_ok());
        assert!(one(&throttle, "ip", limit, t0 + SECOND).is_ok());
        for i in 2..9 {
            assert_eq!(one(&throttle, "ip", limit, t0 + i * SECOND), Err((10 - i) * SECOND));
        }
        assert!(one(&throttle, "ip", limit, t0 + 10 * SECOND).is_ok());
    }

    #[test]
    fn several_charges_count_all_or_nothing_and_wait_for_the_slowest() {
        let throttle = Throttle::new();
        let strict = RateLimit::per_minute(1);
        let loose = RateLimit::per_minute(3);
        let t0 = Instant::now();
        let both = [charge("pair", strict), charge("ip", loose)];
        assert!(throttle.acquire(&both, t0).map(|s| throttle.keep(s)).is_ok());
        assert_eq!(throttle.acquire(&both, t0 + SECOND).unwrap_err(), 59 * SECOND);
        // The refused acquire counted nothing against the looser key either.
        for i in 2..4 {
            assert_eq!(one(&throttle, "ip", loose, t0 + i * SECOND), Ok(()));
        }
        assert_eq!(one(&throttle, "ip", loose, t0 + 4 * SECOND), Err(56 * SECOND));
    }

    #[test]
    fn a_released_slot_counts_nothing() {
        let throttle = Throttle::new();
        let limit = RateLimit::per_minute(1);
        let t0 = Instant::now();
        for i in 0..5 {
            let slot = throttle.acquire(&[charge("a", limit)], t0 + i * SECOND).unwrap();
            throttle.release(slot);
        }
        assert_eq!(one(&throttle, "a", limit, t0 + 5 * SECOND), Ok(()));
        assert!(one(&throttle, "a", limit, t0 + 6 * SECOND).is_err());
    }

    #[test]
    fn concurrent_acquires_never_pass_more_than_the_limit() {
        // The check and the count are one step: of many threads acquiring at once, exactly
        // `max` get a slot, however their checks and counts interleave.
        for _ in 0..20 {
            let throttle = Throttle::new();
            let limit = RateLimit::per_minute(5);
            let now = Instant::now();
            let start = std::sync::Barrier::new(16);
            let passed = std::sync::atomic::AtomicU32::new(0);
            std::thread::scope(|scope| {
                for _ in 0..16 {
                    scope.spawn(|| {
                        start.wait();
                        if one(&throttle, "k", limit, now).is_ok() {
                            passed.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        }
                    });
                }
            });
            assert_eq!(passed.into_inner(), 5);
        }
    }

    #[test]
    fn keys_are_bounded() {
        let throttle = Throttle::new();
        let limit = RateLimit::per_minute(1);
        let t0 = Instant::now();
        for i in 0..MAX_KEYS + 5 {
            let _ = one(&throttle, &i.to_string(), limit, t0 + Duration::from_millis(i as u64));
        }
        assert_eq!(throttle.lock().len(), MAX_KEYS);
        assert!(one(&throttle, &(MAX_KEYS + 4).to_string(), limit, t0 + SECOND * 20).is_err());
    }

    #[test]
    fn ipv6_sources_are_grouped_by_their_64_network() {
        let ip = |text: &str| text.parse::<IpAddr>().unwrap();
        assert_eq!(source_key(ip("192.168.1.1")), "192.168.1.1");
        assert_eq!(source_key(ip("::ffff:10.0.0.7")), "10.0.0.7");
        assert_eq!(source_key(ip("2001:db8:1:2:aaaa::1")), "2001:db8:1:2::/64");
        assert_eq!(
            source_key(ip("2001:db8:1:2:ffff:ffff:ffff:ffff")),
            source_key(ip("2001:db8:1:2::7"))
        );
        assert_ne!(source_key(ip("2001:db8:1:3::1")), source_key(ip("2001:db8:1:2::1")));
        assert_eq!(source_key(ip("::1")), "0:0:0:0::/64");
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
