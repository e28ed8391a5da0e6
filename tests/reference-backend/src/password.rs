//! Password hashes: argon2id in the PHC string format (`$argon2id$v=19$m=...,t=...,p=...$salt$hash`),
//! which Django's `Argon2PasswordHasher` also stores.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::random::random_bytes;

/// How expensive new hashes are. Verification always uses the parameters stored in the hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cost {
    /// The argon2 crate's defaults (OWASP: 19 MiB, 2 passes).
    Standard,
    /// Dev mode only, where the demo password is public anyway: 1 MiB, 1 pass, so that the
    /// (unoptimized) test builds hash and verify in milliseconds. Still argon2id.
    Fast,
}

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("no random salt: {0}")]
    Random(#[from] getrandom::Error),
    #[error("argon2: {0}")]
    Hash(#[from] argon2::password_hash::Error),
    #[error("argon2 parameters: {0}")]
    Params(#[from] argon2::Error),
}

/// A new salted argon2id hash of `password`.
pub fn hash(password: &str, cost: Cost) -> Result<String, PasswordError> {
    let salt = SaltString::encode_b64(&random_bytes(16)?)?;
    let params = match cost {
        Cost::Standard => Params::default(),
        Cost::Fast => Params::new(1024, 1, 1, None)?,
    };
    let hasher = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    Ok(hasher.hash_password(password.as_bytes(), &salt)?.to_string())
}

/// [`verify`] on tokio's blocking pool: argon2 takes milliseconds of CPU (19 MiB and two
/// passes at the standard cost), which must not stall the async worker threads that serve
/// every other request meanwhile.
pub async fn verify_off_runtime(password: String, stored: String) -> Result<bool, tokio::task::JoinError> {
    tokio::task::spawn_blocking(move || verify(&password, &stored)).await
}

/// Whether `password` matches `stored`. Anything but a well-formed argon2id hash is a
/// mismatch; the comparison is constant-time (password-hash's `Output`).
pub fn verify(password: &str, stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    if parsed.algorithm != Algorithm::Argon2id.ident() {
        return false;
    }
    Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argon2id_hashes_verify_only_the_right_password() {
        let stored = hash("demo-password", Cost::Fast).unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=1024,t=1,p=1$"), "{stored}");
        assert!(verify("demo-password", &stored));
        assert!(!verify("demo-passwore", &stored));
        assert_ne!(
            stored,
            hash("demo-password", Cost::Fast).unwrap(),
            "a new salt each time"
        );
        // The standard cost is slow in unoptimized builds: one hash, one check.
        let standard = hash("demo-password", Cost::Standard).unwrap();
        assert!(standard.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{standard}");
        assert!(verify("demo-password", &standard));
    }

    #[tokio::test(flavor = "current_thread")]
    async fn verifying_leaves_the_runtime_thread_free() {
        let stored = hash("demo-password", Cost::Standard).unwrap();
        let ticks = std::cell::Cell::new(0u32);
        let ticker = async {
            loop {
                tokio::time::sleep(std::time::Duration::from_millis(1)).await;
                ticks.set(ticks.get() + 1);
            }
        };
        // One runtime thread: the ticker only runs while the check is off it.
        let matched = tokio::select! {
            biased;
            matched = verify_off_runtime("demo-password".into(), stored) => matched.unwrap(),
            _ = ticker => unreachable!("the ticker never ends"),
        };
        assert!(matched);
        assert!(ticks.get() >= 3, "the runtime was blocked: {} ticks", ticks.get());
    }

    #[test]
    fn anything_else_never_verifies() {
        let argon2i = Argon2::new(Algorithm::Argon2i, Version::V0x13, Params::default())
            .hash_password(b"pw", &SaltString::encode_b64(b"0123456789abcdef").unwrap())
            .unwrap()
            .to_string();
        assert!(!verify("pw", &argon2i), "argon2i is not accepted");
        for stored in [
            "",
            "pw",
            "$argon2id$",
            "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
        ] {
            assert!(!verify("pw", stored), "{stored}");
        }
    }
}
