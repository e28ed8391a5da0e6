//! What goes and what stays, row by row (CONTRACT section 5): each row is an input and the
//! text stored for it. The contract lists what must go; everything else stays readable,
//! e-mail addresses included (the reason of a manual logout holds the user's e-mail by
//! contract, and support reads it).

use serde_json::{json, Value};

use super::tests::{scrub, JWT};
use super::{scrub_text, REDACTED};

/// Secrets, replaced by `[redacted]` in place.
const REDACTED_ROWS: &[(&str, &str)] = &[
    // Bearer and JWT-shaped tokens.
    ("Authorization: Bearer abc.def-123", "Authorization: Bearer [redacted]"),
    ("Authorization: Basic dXNlcjpwYXNz", "Authorization: Basic [redacted]"),
    ("header was Bearer opaqueTokenValue", "header was Bearer [redacted]"),
    ("Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b", "Token [redacted]"),
    (
        "unsigned eyJhbGciOiJub25lIn0.eyJzdWIiOjF9. ok",
        "unsigned [redacted] ok",
    ),
    (
        "ends with eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjo3ODl9.c2lnbmF0dXJl.",
        "ends with [redacted].",
    ),
    // Values of keys and query parameters named like password, token, secret, api_key, session.
    ("login failed: password=hunter2", "login failed: password=[redacted]"),
    ("password: hunter2", "password: [redacted]"),
    (
        r#"{"password": "hunter2", "email": "a@b.c"}"#,
        r#"{"password": "[redacted]", "email": "a@b.c"}"#,
    ),
    (
        r#"{"access_token":"abc","token_type":"Bearer"}"#,
        r#"{"access_token":"[redacted]","token_type":"Bearer"}"#,
    ),
    (
        "/api/?access_token=abc123&page=2",
        "/api/?access_token=[redacted]&page=2",
    ),
    ("/maps?api_key=AIzaSyD-1234&lang=en", "/maps?api_key=[redacted]&lang=en"),
    ("/x?secret=s3cr3t", "/x?secret=[redacted]"),
    ("/x?session=abc", "/x?session=[redacted]"),
    ("session: abc123XYZ", "session: [redacted]"),
    ("X-CSRFToken: abcdef123456", "X-CSRFToken: [redacted]"),
    // Credentials in URLs: the whole user part (a user name alone may be a token).
    (
        "db https://admin:hunter2@db.internal/x is down",
        "db https://[redacted]@db.internal/x is down",
    ),
    (
        "postgres://app:pw@10.0.0.5:5432/app",
        "postgres://[redacted]@10.0.0.5:5432/app",
    ),
    (
        "clone https://ghp_16C7e42F292c6912E7710c838347Ae178B4a@github.com/o/r",
        "clone https://[redacted]@github.com/o/r",
    ),
    // Session cookies, wherever they stand in a cookie string.
    (
        "sessionid=abc; csrftoken=def",
        "sessionid=[redacted]; csrftoken=[redacted]",
    ),
    ("Cookie: sessionid=abc; theme=dark", "Cookie: [redacted]; theme=dark"),
    (
        "theme=dark; PHPSESSID=9f8e7d6c5b4a; connect.sid=s%3Axyz.abc",
        "theme=dark; PHPSESSID=[redacted]; connect.sid=[redacted]",
    ),
    (
        "lang=en; JSESSIONID=ABC123; sid=xyz",
        "lang=en; JSESSIONID=[redacted]; sid=[redacted]",
    ),
    // Well-known key formats.
    ("key sk_live_4eC39HqLyjWDarjtT1zdp7dc leaked", "key [redacted] leaked"),
    ("(rk_test_51Habcdefghij)", "([redacted])"),
    ("token ghp_16C7e42F292c6912E7710c838347Ae178B4a", "token [redacted]"),
    ("pat github_pat_11ABCDEFG0123456789_abcdefghij", "pat [redacted]"),
    ("aws AKIAIOSFODNN7EXAMPLE in use", "aws [redacted] in use"),
    ("temporary ASIAY34FZKBOKMUTVV7A", "temporary [redacted]"),
];

/// What must stay readable, as it came.
const KEPT_ROWS: &[&str] = &[
    "PLAN_INACTIVE",
    "Subscription plan is inactive",
    "Session contamination: account ID mismatch",
    "Token is blacklisted",
    "Token is invalid or expired",
    "Given token not valid for any token type",
    "Authentication credentials were not provided.",
    "Invalid session: please sign in again",
    "Request was throttled. Expected available in 59 seconds.",
    "user 789, account 456, plan 12",
    "123e4567-e89b-12d3-a456-426614174000",
    "request 0123456789abcdef0123456789abcdef",
    "/dashboard/content?sort=new",
    "/api/v1/auth/me/",
    "/dashboard?tab=2&page=3",
    "https://example.com/billing?plan=pro",
    "a@b.c",
    "demo@example.com signed out",
    "mailto:support@example.com",
    "token_type=access; refresh_status=401",
    "version 1.2.3",
    "session_expired: true",
    "eyJhbGciOiJIUzI1NiJ9 is a header alone",
    "sk_live_ or ghp_ or AKIA alone name a format",
    "risk_live_abcdefghijkl",
    "sidebar=open; consider=yes",
];

#[test]
fn every_listed_secret_is_replaced_in_place() {
    for (input, expected) in REDACTED_ROWS {
        assert_eq!(scrub_text(input, &[]), *expected, "{input}");
    }
}

#[test]
fn everything_else_stays_readable() {
    for input in KEPT_ROWS {
        assert_eq!(scrub_text(input, &[]), *input);
    }
}

#[test]
fn the_rows_hold_as_context_strings_at_any_depth_and_as_keys() {
    for (input, expected) in REDACTED_ROWS {
        let out = scrub(json!({"detail": input, "nested": {"list": [input]}}));
        assert_eq!(
            out,
            json!({"detail": expected, "nested": {"list": [expected]}}),
            "{input}"
        );
        let out = scrub(json!({ *input: 1 }));
        assert_eq!(out, json!({ *expected: 1 }), "{input}");
    }
    for input in KEPT_ROWS {
        let value = json!({"detail": input, "nested": [input]});
        assert_eq!(scrub(value.clone()), value);
    }
}

#[test]
fn issue_21_secrets_in_free_text_never_reach_the_stored_reason() {
    let message = format!(
        "Plan inactive. password=hunter2 https://admin:hunter2@db.internal/x \
         Cookie: csrftoken=x; PHPSESSID=9f8e7d; connect.sid=s%3Axyz sk_live_4eC39HqLyjWDarjtT1zdp7dc \
         ghp_16C7e42F292c6912E7710c838347Ae178B4a AKIAIOSFODNN7EXAMPLE {JWT}"
    );
    let context = json!({"detail": message, "nested": {"note": message}});
    let Value::Object(out) = scrub(context) else {
        unreachable!()
    };
    let stored = serde_json::to_string(&out).unwrap_or_default() + &scrub_text(&message, &[]);
    for secret in [
        "hunter2",
        "9f8e7d",
        "s%3Axyz",
        "4eC39HqLyjWDarjtT1zdp7dc",
        "16C7e42F292c6912E7710c838347Ae178B4a",
        "AKIAIOSFODNN7EXAMPLE",
        JWT,
    ] {
        assert!(!stored.contains(secret), "{secret} in {stored}");
    }
    assert!(stored.contains(REDACTED) && stored.contains("Plan inactive. password="));
}
