//! Salted SHA-256 password hashes: a test stand-in, not a production password hash.

use sha2::{Digest, Sha256};

use crate::random::to_hex;

pub fn hash(salt: &str, password: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(salt.as_bytes());
    hasher.update([0u8]);
    hasher.update(password.as_bytes());
    to_hex(&hasher.finalize())
}

/// Compares without an early exit, so timing does not reveal how much matched.
pub fn verify(salt: &str, password: &str, expected_hash: &str) -> bool {
    let actual = hash(salt, password);
    actual.len() == expected_hash.len()
        && actual
            .bytes()
            .zip(expected_hash.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    #[test]
    fn verifies_only_the_right_password() {
        let stored = super::hash("salt", "demo-password");
        assert!(super::verify("salt", "demo-password", &stored));
        assert!(!super::verify("salt", "demo-passwore", &stored));
        assert!(!super::verify("other", "demo-password", &stored));
    }
}
