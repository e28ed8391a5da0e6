//! Backend text as a misbehaving backend writes it: secrets in free text, then token-like
//! filler to any length. The control API's `hostile_logouts` puts it into the middleware's
//! logout bodies, so that the client's bounds and scrubbing are tried against a real server
//! (CONTRACT section 5).

/// Each kind of secret the contract lists, inside free text, as a real backend leaks them.
pub const SECRETS: &str = "Upstream said: password=hunter2-secret; see https://admin:s3cr3t-pass@db.internal/x \
for the details; Cookie: theme=dark; PHPSESSID=php-session-value; connect.sid=s%3Aconnect-session-value; \
stripe sk_live_51HostileStripeKey0123456789 github ghp_HostileGithubToken0123456789abcdefABCD \
aws AKIAHOSTILEAWSKEY123 bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJob3N0aWxlIn0.c2lnbmF0dXJlLWhvc3RpbGU ";

/// What no output of the client may hold when it was given [`SECRETS`].
pub const SECRET_VALUES: &[&str] = &[
    "hunter2-secret",
    "s3cr3t-pass",
    "php-session-value",
    "connect-session-value",
    "sk_live_51HostileStripeKey0123456789",
    "ghp_HostileGithubToken0123456789abcdefABCD",
    "AKIAHOSTILEAWSKEY123",
    "c2lnbmF0dXJlLWhvc3RpbGU",
];

/// [`SECRETS`] followed by `eyJ` repeated: `bytes` long in all (at least the secrets).
pub fn hostile_text(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes.max(SECRETS.len()));
    text.push_str(SECRETS);
    while text.len() + 3 <= bytes {
        text.push_str("eyJ");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_holds_every_secret_and_has_the_asked_length() {
        let text = hostile_text(10_000);
        assert!(text.len() <= 10_000 && text.len() > 9_990);
        for secret in SECRET_VALUES {
            assert!(text.contains(secret), "{secret}");
        }
        assert_eq!(hostile_text(0), SECRETS);
    }
}
