//! When a token was issued and when it ends, where the token is a JWT: its payload's `iat`
//! and `exp` (base64url JSON, read without checking the signature: the server still
//! decides, this only tells the client when to expect it). Anything else is opaque: `None`,
//! and nothing that needs an expiry applies to it. Pure.

use serde_json::Value;

use super::EpochMs;

/// A token longer than this is not read (a JWT is a few hundred bytes).
const MAX_TOKEN_BYTES: usize = 16 * 1024;
/// The last second a token could plausibly end: the year 2200.
const LAST_PLAUSIBLE_S: f64 = 7_258_118_400.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenTimes {
    /// `iat`, when present, plausible and before `exp`.
    pub issued_at: Option<EpochMs>,
    pub expires_at: EpochMs,
}

impl TokenTimes {
    /// The token's times, in the server's clock; `None` for an opaque token, a payload that
    /// is not JSON, or a missing, negative or absurd `exp`.
    pub fn of(token: &str) -> Option<Self> {
        if token.len() > MAX_TOKEN_BYTES {
            return None;
        }
        let mut parts = token.split('.');
        let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let claims: Value = serde_json::from_slice(&base64url_decode(payload)?).ok()?;
        let expires_at = seconds_to_ms(claims.get("exp")?)?;
        let issued_at = claims
            .get("iat")
            .and_then(seconds_to_ms)
            .filter(|issued| *issued < expires_at);
        Some(Self { issued_at, expires_at })
    }

    /// The whole life the token was given (`exp - iat`), when it says when it was issued.
    pub fn lifetime_ms(self) -> Option<i64> {
        self.issued_at.map(|issued| self.expires_at.saturating_sub(issued))
    }
}

/// A NumericDate (seconds, maybe fractional) as milliseconds; `None` outside 1 s..2200.
fn seconds_to_ms(value: &Value) -> Option<EpochMs> {
    let seconds = value.as_f64()?;
    (1.0..=LAST_PLAUSIBLE_S)
        .contains(&seconds)
        .then_some((seconds * 1000.0) as EpochMs)
}

/// base64url without padding (RFC 7515's JWT parts), written out: the `base64` crate would
/// add its general engine to the wasm for this one call. Held to that crate's decoding by
/// a test. `None` for any character outside the alphabet or a length no encoding has.
fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    if text.len() % 4 == 1 {
        return None;
    }
    let mut bytes = Vec::with_capacity(text.len() * 3 / 4);
    let (mut bits, mut held) = (0u32, 0u32);
    for c in text.bytes() {
        let sextet = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(sextet);
        held += 6;
        if held >= 8 {
            held -= 8;
            bytes.push((bits >> held) as u8);
            bits &= (1 << held) - 1;
        }
    }
    Some(bytes)
}

// proptest and base64 are native dev-dependencies: the wasm32 build of these tests has none.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use proptest::prelude::*;
    use serde_json::json;

    fn jwt(claims: &Value) -> String {
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
        format!("{header}.{}.c2lnbmF0dXJl", URL_SAFE_NO_PAD.encode(claims.to_string()))
    }

    #[test]
    fn a_jwt_says_when_it_was_issued_and_ends() {
        let times = TokenTimes::of(&jwt(&json!({"iat": 1_700_000_000, "exp": 1_700_000_300})));
        assert_eq!(
            times,
            Some(TokenTimes {
                issued_at: Some(1_700_000_000_000),
                expires_at: 1_700_000_300_000
            })
        );
        assert_eq!(times.and_then(TokenTimes::lifetime_ms), Some(300_000));
        let fractional = TokenTimes::of(&jwt(&json!({"exp": 1_700_000_300.5}))).expect("times");
        assert_eq!((fractional.issued_at, fractional.expires_at), (None, 1_700_000_300_500));
    }

    #[test]
    fn an_opaque_or_odd_token_has_no_times() {
        let odd_claims = [
            json!({}),
            json!({"exp": "1700000000"}),
            json!({"exp": -5}),
            json!({"exp": 0}),
            json!({"exp": 1e300}),
            json!({"exp": null}),
            json!([1, 2]),
        ];
        for claims in odd_claims {
            assert_eq!(TokenTimes::of(&jwt(&claims)), None, "{claims}");
        }
        for token in [
            "",
            "opaque-refresh-token",
            "a.b",
            "a.b.c.d",
            "eyJ.bm90IGpzb24.x",
            "x.!!!.y",
            "x.A.y",
        ] {
            assert_eq!(TokenTimes::of(token), None, "{token:?}");
        }
        let huge = format!("x.{}.y", "A".repeat(MAX_TOKEN_BYTES));
        assert_eq!(TokenTimes::of(&huge), None);
    }

    #[test]
    fn an_iat_after_exp_or_absurd_is_left_out() {
        let later = TokenTimes::of(&jwt(&json!({"iat": 1_700_000_400, "exp": 1_700_000_300})));
        assert_eq!(later.map(|t| t.issued_at), Some(None));
        let absurd = TokenTimes::of(&jwt(&json!({"iat": -1, "exp": 1_700_000_300})));
        assert_eq!(absurd.map(|t| t.issued_at), Some(None));
    }

    proptest! {
        /// The hand-written decoder reads exactly what the `base64` crate writes.
        #[test]
        fn decoding_matches_the_base64_crate(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let encoded = URL_SAFE_NO_PAD.encode(&bytes);
            prop_assert_eq!(base64url_decode(&encoded), Some(bytes));
        }

        /// And refuses what the crate refuses (padding aside, which JWTs never carry).
        #[test]
        fn any_text_decodes_as_the_crate_does_or_not_at_all(text in "[A-Za-z0-9_\\-+/]{0,40}") {
            let ours = base64url_decode(&text);
            let theirs = base64::engine::GeneralPurpose::new(
                &base64::alphabet::URL_SAFE,
                base64::engine::GeneralPurposeConfig::new()
                    .with_encode_padding(false)
                    .with_decode_allow_trailing_bits(true)
                    .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
            )
            .decode(&text)
            .ok();
            prop_assert_eq!(ours, theirs);
        }

        #[test]
        fn any_token_text_is_safe(token in ".{0,300}") {
            let _ = TokenTimes::of(&token);
        }
    }
}
