//! Access and refresh tokens: HS256 JWTs shaped like simplejwt's (`token_type`, `exp`, `iat`,
//! `jti`, `user_id`), signed with a secret generated at start.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::random::random_hex;

/// simplejwt's default refresh lifetime.
pub const REFRESH_TTL: Duration = Duration::from_secs(24 * 60 * 60);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Access,
    Refresh,
}

impl TokenKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Access => "access",
            TokenKind::Refresh => "refresh",
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub token_type: String,
    /// Seconds since the epoch with millisecond precision (RFC 7519 allows a non-integer
    /// NumericDate): a 1-second lifetime then really lasts one second.
    pub exp: f64,
    pub iat: f64,
    pub jti: String,
    pub user_id: i64,
}

/// Why a token was refused; the messages are simplejwt's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    Invalid,
    Expired,
    WrongType,
}

impl TokenError {
    pub fn message(self) -> &'static str {
        match self {
            TokenError::Invalid => "Token is invalid",
            TokenError::Expired => "Token is expired",
            TokenError::WrongType => "Token has wrong type",
        }
    }
}

pub struct Tokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl Tokens {
    /// Fails only for an empty secret.
    pub fn new(secret: &[u8]) -> Result<Tokens, String> {
        let mut validation = Validation::new(Algorithm::HS256);
        // Expiry is checked below with millisecond precision instead of whole seconds.
        validation.validate_exp = false;
        validation.leeway = 0;
        validation.required_spec_claims.clear();
        Ok(Tokens {
            encoding: EncodingKey::from_secret(secret).map_err(|e| e.to_string())?,
            decoding: DecodingKey::from_secret(secret).map_err(|e| e.to_string())?,
            validation,
        })
    }

    /// A signed token and its id.
    pub fn issue(&self, kind: TokenKind, user_id: i64, ttl: Duration) -> Result<(String, String), String> {
        let jti = random_hex(16).map_err(|e| e.to_string())?;
        let ttl_ms = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX);
        let now = now_millis();
        let token = self.sign(kind, user_id, &jti, now, now.saturating_add(ttl_ms))?;
        Ok((token, jti))
    }

    /// A signed token with the given id, issued at `iat_ms` and expiring at `exp_ms`
    /// (milliseconds since the epoch).
    pub fn sign(&self, kind: TokenKind, user_id: i64, jti: &str, iat_ms: i64, exp_ms: i64) -> Result<String, String> {
        let claims = Claims {
            token_type: kind.as_str().to_string(),
            exp: exp_ms as f64 / 1000.0,
            iat: iat_ms as f64 / 1000.0,
            jti: jti.to_string(),
            user_id,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).map_err(|e| e.to_string())
    }

    /// Checks signature, expiry and type, in simplejwt's order.
    pub fn verify(&self, token: &str, kind: TokenKind) -> Result<Claims, TokenError> {
        let claims = decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|_| TokenError::Invalid)?
            .claims;
        if !claims.exp.is_finite() || now_secs() >= claims.exp {
            return Err(TokenError::Expired);
        }
        if claims.token_type != kind.as_str() {
            return Err(TokenError::WrongType);
        }
        Ok(claims)
    }
}

/// Milliseconds since the epoch, the unit the refresh-token records keep.
pub fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

fn now_secs() -> f64 {
    now_millis() as f64 / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issues_and_verifies() {
        let tokens = Tokens::new(b"0123456789abcdef0123456789abcdef").unwrap();
        let (access, _) = tokens.issue(TokenKind::Access, 7, Duration::from_secs(60)).unwrap();
        assert_eq!(tokens.verify(&access, TokenKind::Access).unwrap().user_id, 7);
        assert_eq!(
            tokens.verify(&access, TokenKind::Refresh).unwrap_err(),
            TokenError::WrongType
        );
        assert_eq!(
            tokens.verify("not.a.token", TokenKind::Access).unwrap_err(),
            TokenError::Invalid
        );
        let other = Tokens::new(b"another secret, another server!!").unwrap();
        assert_eq!(
            other.verify(&access, TokenKind::Access).unwrap_err(),
            TokenError::Invalid
        );
        let (stale, _) = tokens.issue(TokenKind::Access, 7, Duration::ZERO).unwrap();
        assert_eq!(
            tokens.verify(&stale, TokenKind::Access).unwrap_err(),
            TokenError::Expired
        );
    }
}
