//! The rule for failed logins: which counters a login attempt is charged to.
//!
//! An email is counted together with the client address it is tried from, so that failing on
//! purpose for someone else's email throttles only the one failing (no lockout an attacker
//! can inflict on a victim elsewhere); a looser limit per address bounds one address trying
//! many emails. Limiting an email across every address would let anyone lock its owner out,
//! so a guesser spread over many addresses is left to what sits in front of a real backend.

use std::net::IpAddr;

use crate::throttle::{source_key, Charge, RateLimit};

/// The limits on failed logins (`Options::login_failures`, `Options::login_failures_per_source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginLimits {
    /// One email from one address.
    pub per_email_and_source: RateLimit,
    /// Any emails from one address.
    pub per_source: RateLimit,
}

/// Characters of the email kept in a key: the longest valid address (RFC 5321's path
/// limit), so that a megabyte-long "email" cannot make a megabyte-long key.
const MAX_EMAIL_CHARS: usize = 254;

/// The counters one login attempt from `source` for `email` is charged to; the attempt is
/// refused (429) while either is full.
pub fn login_charges(email: &str, source: IpAddr, limits: &LoginLimits) -> [Charge; 2] {
    let source = source_key(source);
    let email: String = email.trim().to_lowercase().chars().take(MAX_EMAIL_CHARS).collect();
    [
        Charge {
            key: format!("login|{source}|{email}"),
            limit: limits.per_email_and_source,
        },
        Charge {
            key: format!("login-source|{source}"),
            limit: limits.per_source,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: LoginLimits = LoginLimits {
        per_email_and_source: RateLimit::per_minute(5),
        per_source: RateLimit::per_minute(20),
    };

    fn keys(email: &str, ip: &str) -> [String; 2] {
        login_charges(email, ip.parse().unwrap(), &LIMITS).map(|charge| charge.key)
    }

    #[test]
    fn an_email_is_counted_per_address() {
        let [pair, source] = keys(" Demo@Example.com ", "10.0.0.1");
        assert_eq!(pair, "login|10.0.0.1|demo@example.com");
        assert_eq!(source, "login-source|10.0.0.1");
        let [elsewhere, _] = keys("demo@example.com", "10.0.0.2");
        assert_ne!(pair, elsewhere, "failures elsewhere never throttle the owner here");
        let [other_email, same_source] = keys("other@example.com", "10.0.0.1");
        assert_ne!(pair, other_email);
        assert_eq!(source, same_source, "one address trying many emails is bounded");
    }

    #[test]
    fn the_limits_go_with_their_counters() {
        let [pair, source] = login_charges("a@b.c", "10.0.0.1".parse().unwrap(), &LIMITS);
        assert_eq!(pair.limit, LIMITS.per_email_and_source);
        assert_eq!(source.limit, LIMITS.per_source);
    }

    #[test]
    fn keys_stay_short() {
        let [pair, _] = keys(&"x".repeat(100_000), "2001:db8::1");
        assert_eq!(pair, format!("login|2001:db8:0:0::/64|{}", "x".repeat(254)));
    }
}
