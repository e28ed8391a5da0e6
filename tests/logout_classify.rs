//! CONTRACT section 4, row by row, against the pure classifier.
#![cfg(not(target_arch = "wasm32"))]

use logout_tracker::testing::{
    classify, classify_refresh, Decision, Exchange, Failure, LogoutCode, LogoutSource, RefreshOutcome, RequestKind,
    StaleAccess,
};
use serde_json::{json, Value};

const ME: &str = "/api/v1/auth/me/";

/// A 401/403 for an ordinary request sent with a token, a refresh token held.
fn exchange(status: u16, body: &[u8]) -> Exchange<'_> {
    Exchange {
        kind: RequestKind::Other,
        endpoint: ME,
        status,
        body,
        sent_with_token: true,
        token_replaced: false,
        retried: false,
        has_refresh_token: true,
        www_authenticate: None,
        problem_json: false,
    }
}

fn logout(decision: Decision) -> (String, String, LogoutSource, Value) {
    match decision {
        Decision::Logout(draft) => (
            draft.code.as_str().to_owned(),
            draft.message,
            draft.source,
            Value::Object(draft.context),
        ),
        other => panic!("expected a logout, got {other:?}"),
    }
}

const MIDDLEWARE_BODY: &[u8] = br#"{"success": false, "error": "Your session is no longer valid.",
  "logout_reason": "SESSION_ACCOUNT_MISMATCH",
  "logout_message": "Session contamination: account ID mismatch",
  "logout_path": "/dashboard/content",
  "logout_context": {"stored_account_id": 123, "current_account_id": 456, "user_id": 789}}"#;

#[test]
fn middleware_reason_on_401_or_403_logs_out_without_refresh() {
    for status in [401, 403] {
        let (code, message, source, context) = logout(classify(&exchange(status, MIDDLEWARE_BODY)));
        assert_eq!(code, "SESSION_ACCOUNT_MISMATCH");
        assert_eq!(message, "Session contamination: account ID mismatch");
        assert_eq!(source, LogoutSource::BackendMiddleware);
        assert_eq!(
            context,
            json!({
                "stored_account_id": 123, "current_account_id": 456, "user_id": 789,
                "endpoint": ME, "status": status, "backend_path": "/dashboard/content",
            })
        );
    }
}

#[test]
fn every_middleware_code_is_taken_with_its_source() {
    for code in [
        "SESSION_ACCOUNT_MISMATCH",
        "SESSION_USER_MISMATCH",
        "ACCOUNT_MISSING",
        "ACCOUNT_SUSPENDED",
        "ACCOUNT_CANCELLED",
        "PLAN_MISSING",
        "PLAN_INACTIVE",
        "USER_INACTIVE",
    ] {
        let body = json!({"logout_reason": code, "logout_message": LogoutCode::from(code).message()});
        let body = body.to_string();
        let (got, message, source, _) = logout(classify(&exchange(401, body.as_bytes())));
        assert_eq!(got, code);
        assert_eq!(Some(message.as_str()), LogoutCode::from(code).message());
        assert_eq!(source, LogoutSource::BackendMiddleware);
    }
}

#[test]
fn middleware_message_falls_back_to_error_then_the_known_message() {
    let (_, message, ..) = logout(classify(&exchange(
        401,
        br#"{"logout_reason": "PLAN_INACTIVE", "error": "Plan off"}"#,
    )));
    assert_eq!(message, "Plan off");
    let (_, message, ..) = logout(classify(&exchange(401, br#"{"logout_reason": "PLAN_INACTIVE"}"#)));
    assert_eq!(message, "Subscription plan is inactive");
}

#[test]
fn unknown_middleware_codes_are_kept_with_their_message() {
    let body = br#"{"logout_reason": "ACCOUNT_FROZEN", "logout_message": "Frozen by an admin"}"#;
    let (code, message, source, _) = logout(classify(&exchange(401, body)));
    assert_eq!(
        (code.as_str(), message.as_str()),
        ("ACCOUNT_FROZEN", "Frozen by an admin")
    );
    assert_eq!(source, LogoutSource::BackendMiddleware);
}

#[test]
fn a_retried_request_with_a_middleware_reason_still_takes_that_reason() {
    let mut retried = exchange(401, MIDDLEWARE_BODY);
    retried.retried = true;
    assert_eq!(logout(classify(&retried)).0, "SESSION_ACCOUNT_MISMATCH");
}

#[test]
fn logout_reason_of_the_wrong_type_is_ignored() {
    let body = br#"{"logout_reason": {"code": "X"}, "detail": "Given token not valid for any token type", "code": "token_not_valid"}"#;
    assert!(matches!(classify(&exchange(401, body)), Decision::RefreshThenRetry(_)));
    let body = br#"{"logout_reason": 7, "detail": "You do not have permission to perform this action."}"#;
    assert!(matches!(
        classify(&exchange(403, body)),
        Decision::Fail(Failure::PermissionDenied { .. })
    ));
}

const NO_CREDENTIALS: &[u8] = br#"{"detail": "Authentication credentials were not provided."}"#;

#[test]
fn missing_credentials_with_a_token_sent_logs_out_for_401_and_403() {
    for status in [401, 403] {
        let (code, message, source, context) = logout(classify(&exchange(status, NO_CREDENTIALS)));
        assert_eq!(code, "AUTH_CREDENTIALS_MISSING");
        assert_eq!(message, "Authentication credentials were not provided");
        assert_eq!(source, LogoutSource::Api403AuthError);
        assert_eq!(
            context,
            json!({
                "error": "Authentication credentials were not provided.",
                "endpoint": ME, "status": status, "hasToken": true,
            })
        );
    }
}

#[test]
fn missing_credentials_matches_in_any_case() {
    let body = br#"{"detail": "AUTHENTICATION CREDENTIALS WERE NOT PROVIDED."}"#;
    assert_eq!(logout(classify(&exchange(403, body))).0, "AUTH_CREDENTIALS_MISSING");
}

#[test]
fn missing_credentials_without_a_token() {
    let mut no_token = exchange(403, NO_CREDENTIALS);
    no_token.sent_with_token = false;
    let (code, _, _, context) = logout(classify(&no_token));
    assert_eq!(code, "AUTH_CREDENTIALS_MISSING");
    assert_eq!(context["hasToken"], false);
    // A 401 without a token is the stale-token row: refresh when one is held.
    no_token.status = 401;
    assert!(matches!(classify(&no_token), Decision::RefreshThenRetry(_)));
    no_token.has_refresh_token = false;
    assert_eq!(logout(classify(&no_token)).0, "NO_REFRESH_TOKEN");
}

#[test]
fn inactive_user_logs_out_without_refresh() {
    let body = br#"{"detail": "User is inactive", "code": "user_inactive"}"#;
    let (code, message, source, context) = logout(classify(&exchange(401, body)));
    assert_eq!(
        (code.as_str(), message.as_str()),
        ("USER_INACTIVE", "User account is inactive")
    );
    assert_eq!(source, LogoutSource::BackendMiddleware);
    assert_eq!(
        context,
        json!({"error": "User is inactive", "endpoint": ME, "status": 401})
    );
}

const STALE: &[u8] = br#"{"detail": "Given token not valid for any token type", "code": "token_not_valid",
  "messages": [{"token_class": "AccessToken", "token_type": "access", "message": "Token is expired"}]}"#;

#[test]
fn a_retried_request_rejected_again_is_never_refreshed_twice() {
    for (status, body) in [
        (401, STALE),
        (401, &b""[..]),
        (403, br#"{"code": "authentication_failed"}"#),
    ] {
        let mut retried = exchange(status, body);
        retried.retried = true;
        let (code, message, source, context) = logout(classify(&retried));
        assert_eq!(code, "TOKEN_REFRESH_FAILED");
        assert_eq!(message, "Token refresh failed - session expired");
        assert_eq!(source, LogoutSource::TokenRefreshFailure);
        assert_eq!(context["retry_rejected"], true);
        assert_eq!(context["endpoint"], ME);
        // Even with the token replaced meanwhile: one retry only.
        retried.token_replaced = true;
        assert!(matches!(classify(&retried), Decision::Logout(_)));
    }
}

#[test]
fn a_401_for_a_token_already_replaced_is_retried_without_a_new_refresh() {
    let mut late = exchange(401, STALE);
    late.token_replaced = true;
    assert_eq!(classify(&late), Decision::RetryWithCurrentToken);
}

#[test]
fn a_stale_token_is_refreshed_whatever_the_401_body() {
    let html = b"<!DOCTYPE html><html><body><h1>401 Unauthorized</h1></body></html>";
    let bodies: [&[u8]; 5] = [STALE, b"", html, b"\xff\xfe\xfd not utf-8", br#"{"detail": 12}"#];
    for body in bodies {
        match classify(&exchange(401, body)) {
            Decision::RefreshThenRetry(stale) => {
                assert_eq!(stale.endpoint, ME);
                assert_eq!(stale.status, 401);
            }
            other => panic!("expected a refresh for {body:?}, got {other:?}"),
        }
    }
    let Decision::RefreshThenRetry(stale) = classify(&exchange(401, STALE)) else {
        panic!("refresh")
    };
    assert_eq!(
        stale.detail.as_deref(),
        Some("Given token not valid for any token type")
    );
    assert_eq!(stale.code.as_deref(), Some("token_not_valid"));
}

#[test]
fn a_403_with_a_stale_token_code_is_refreshed() {
    for code in ["token_not_valid", "authentication_failed"] {
        let body = json!({"detail": "Token invalid", "code": code}).to_string();
        assert!(matches!(
            classify(&exchange(403, body.as_bytes())),
            Decision::RefreshThenRetry(_)
        ));
    }
}

#[test]
fn a_stale_token_without_a_refresh_token_logs_out() {
    let mut without = exchange(401, STALE);
    without.has_refresh_token = false;
    let (code, message, source, context) = logout(classify(&without));
    assert_eq!(
        (code.as_str(), message.as_str()),
        ("NO_REFRESH_TOKEN", "No refresh token available")
    );
    assert_eq!(source, LogoutSource::MissingRefreshToken);
    assert_eq!(context["endpoint"], ME);
    assert_eq!(context["hasToken"], true);
}

#[test]
fn a_failed_refresh_logs_out_keeping_the_original_failure() {
    let stale = StaleAccess {
        endpoint: "/api/v1/content/".into(),
        status: 401,
        detail: Some("Given token not valid for any token type".into()),
        code: Some("token_not_valid".into()),
        sent_with_token: true,
        renewed_early: false,
        described: Default::default(),
    };
    for status in [400, 401, 403] {
        let body = br#"{"detail": "Token is blacklisted", "code": "token_not_valid"}"#;
        let RefreshOutcome::Expired(draft) = classify_refresh(status, body, &stale) else {
            panic!("expected the refresh to fail for {status}");
        };
        assert_eq!(draft.code, LogoutCode::TokenRefreshFailed);
        assert_eq!(draft.source, LogoutSource::TokenRefreshFailure);
        assert_eq!(
            Value::Object(draft.context),
            json!({
                "endpoint": "/api/v1/content/", "status": 401,
                "error": "Given token not valid for any token type", "error_code": "token_not_valid",
                "refresh_status": status, "refresh_error": "Token is blacklisted",
            })
        );
    }
}

#[test]
fn a_refresh_that_fails_for_network_like_reasons_is_not_a_failed_refresh() {
    let stale = StaleAccess {
        endpoint: ME.into(),
        status: 401,
        detail: None,
        code: None,
        sent_with_token: true,
        renewed_early: false,
        described: Default::default(),
    };
    assert_eq!(classify_refresh(200, b"{}", &stale), RefreshOutcome::Renewed);
    for status in [500, 502, 503, 504, 404, 429, 0] {
        let outcome = classify_refresh(status, b"<html>Bad Gateway</html>", &stale);
        assert!(
            matches!(outcome, RefreshOutcome::Unavailable(_)),
            "{status}: {outcome:?}"
        );
    }
}

#[test]
fn any_other_403_is_a_permission_error_not_a_logout() {
    let detail = br#"{"detail": "You do not have permission to perform this action."}"#;
    assert_eq!(
        classify(&exchange(403, detail)),
        Decision::Fail(Failure::PermissionDenied {
            detail: Some("You do not have permission to perform this action.".into())
        })
    );
    let firewall = b"<html><body>Request blocked by the web application firewall</body></html>";
    assert_eq!(
        classify(&exchange(403, firewall)),
        Decision::Fail(Failure::PermissionDenied { detail: None })
    );
}

#[test]
fn a_failure_shown_to_the_user_is_scrubbed() {
    let body =
        br#"{"error": "Invalid credentials for https://admin:hunter2@db.internal/x", "detail": "password=hunter2"}"#;
    let mut login = exchange(401, body);
    login.kind = RequestKind::Login;
    assert_eq!(
        classify(&login),
        Decision::Fail(Failure::Unauthorized {
            message: Some("Invalid credentials for https://[redacted]@db.internal/x".into())
        })
    );
    let body = br#"{"detail": "Forbidden: Bearer abc.def-123"}"#;
    assert_eq!(
        classify(&exchange(403, body)),
        Decision::Fail(Failure::PermissionDenied {
            detail: Some("Forbidden: Bearer [redacted]".into())
        })
    );
}

#[test]
fn other_statuses_never_log_out() {
    let html = b"<!DOCTYPE html><html><body>502 Bad Gateway</body></html>";
    let cases: [(u16, &[u8], Failure); 7] = [
        (500, b"{\"detail\": \"boom\"}", Failure::Server { status: 500 }),
        (502, html, Failure::Server { status: 502 }),
        (503, b"", Failure::Server { status: 503 }),
        (404, b"{\"detail\": \"Not found.\"}", Failure::NotFound),
        (
            400,
            b"{\"error\": \"Bad filter\"}",
            Failure::BadRequest {
                message: Some("Bad filter".into()),
            },
        ),
        (429, b"", Failure::Throttled { message: None }),
        (418, b"", Failure::Unexpected { status: 418 }),
    ];
    for (status, body, failure) in cases {
        assert_eq!(classify(&exchange(status, body)), Decision::Fail(failure));
    }
}

#[test]
fn two_hundreds_are_accepted_whatever_the_body() {
    for status in [200, 201, 204] {
        assert_eq!(classify(&exchange(status, b"not json")), Decision::Accept);
    }
}

#[test]
fn login_and_refresh_are_never_intercepted() {
    let bodies: [&[u8]; 4] = [
        MIDDLEWARE_BODY,
        NO_CREDENTIALS,
        STALE,
        br#"{"detail": "User is inactive", "code": "user_inactive"}"#,
    ];
    for kind in [RequestKind::Login, RequestKind::Refresh] {
        for body in bodies {
            for status in [401, 403] {
                let mut ex = exchange(status, body);
                ex.kind = kind;
                assert!(matches!(classify(&ex), Decision::Fail(_)), "{kind:?} {status}");
            }
        }
    }
}

#[test]
fn a_throttled_sign_in_gets_the_backends_words_and_is_no_logout() {
    let throttled = br#"{"detail": "Request was throttled. Expected available in 42 seconds."}"#;
    let mut login = exchange(429, throttled);
    login.kind = RequestKind::Login;
    let expected = Failure::Throttled {
        message: Some("Request was throttled. Expected available in 42 seconds.".into()),
    };
    assert_eq!(classify(&login), Decision::Fail(expected));
    let error = logout_tracker::testing::ApiError::from(Failure::Throttled {
        message: Some("Wait 42 s.".into()),
    });
    assert_eq!(error.to_string(), "Wait 42 s.");
}

#[test]
fn a_failed_sign_in_gets_the_backend_message_word_for_word() {
    let mut login = exchange(
        401,
        br#"{"detail": "No active account found with the given credentials"}"#,
    );
    login.kind = RequestKind::Login;
    assert_eq!(
        classify(&login),
        Decision::Fail(Failure::Unauthorized {
            message: Some("No active account found with the given credentials".into())
        })
    );
    let mut login = exchange(
        400,
        br#"{"success": false, "error": "Email and password are required.", "detail": "x"}"#,
    );
    login.kind = RequestKind::Login;
    assert_eq!(
        classify(&login),
        Decision::Fail(Failure::BadRequest {
            message: Some("Email and password are required.".into())
        })
    );
}

#[test]
fn a_body_of_several_megabytes_is_handled() {
    let mut big = br#"{"logout_reason": "PLAN_INACTIVE", "logout_message": ""#.to_vec();
    big.extend(std::iter::repeat_n(b'x', 4 * 1024 * 1024));
    big.extend(br#"", "padding": [1,2,3]}"#);
    let (code, message, ..) = logout(classify(&exchange(401, &big)));
    assert_eq!(code, "PLAN_INACTIVE");
    let cap = logout_tracker::testing::MAX_TEXT_CHARS;
    assert!(message.chars().count() <= cap + 1, "the message is cut");

    let mut html = b"<html>".to_vec();
    html.extend(std::iter::repeat_n(b'<', 5 * 1024 * 1024));
    assert!(matches!(classify(&exchange(401, &html)), Decision::RefreshThenRetry(_)));
    assert!(matches!(
        classify(&exchange(502, &html)),
        Decision::Fail(Failure::Server { status: 502 })
    ));
}

#[test]
fn a_hostile_message_is_kept_as_text() {
    let body = br#"{"logout_reason": "PLAN_INACTIVE", "logout_message": "<img src=x onerror=alert(1)>"}"#;
    assert_eq!(logout(classify(&exchange(401, body))).1, "<img src=x onerror=alert(1)>");
}

#[test]
fn no_token_ever_reaches_a_context_built_from_a_body() {
    use logout_tracker::testing::LogoutReason;
    let body = br#"{"logout_reason": "X", "logout_context": {"access": "eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.c2ln", "refresh_token": "r", "user_id": 1}}"#;
    let Decision::Logout(draft) = classify(&exchange(401, body)) else {
        panic!("logout")
    };
    let reason = LogoutReason::from_draft(draft, "/dashboard", None, chrono::Utc::now(), &[]);
    let stored = reason.to_json();
    assert!(!stored.contains("eyJhbGci") && !stored.contains("\"r\""), "{stored}");
    assert_eq!(reason.context["user_id"], 1);
}

// ---- CONTRACT 11.5: reasons in standard shapes ---------------------------------------

#[test]
fn an_rfc_6750_invalid_token_is_stale_and_its_words_are_kept() {
    let header = r#"Bearer realm="api", error="invalid_token", error_description="The access token expired""#;
    let refused = Exchange {
        www_authenticate: Some(header),
        ..exchange(401, b"")
    };
    let Decision::RefreshThenRetry(stale) = classify(&refused) else {
        panic!("a stale token");
    };
    assert_eq!(
        Value::Object(stale.described.clone()),
        json!({"www_authenticate": {"error": "invalid_token", "error_description": "The access token expired"}})
    );
    // A refresh that then fails keeps them in the reason's context.
    let Decision::RefreshThenRetry(stale) = classify(&refused) else {
        unreachable!()
    };
    let RefreshOutcome::Expired(draft) = classify_refresh(401, b"", &stale) else {
        panic!("expired");
    };
    assert_eq!(draft.context["www_authenticate"]["error"], "invalid_token");
    // A 403 that says invalid_token is stale too.
    let forbidden = Exchange {
        www_authenticate: Some(r#"Bearer error="invalid_token""#),
        ..exchange(403, b"")
    };
    assert!(matches!(classify(&forbidden), Decision::RefreshThenRetry(_)));
}

#[test]
fn insufficient_scope_is_a_permission_error_never_a_logout() {
    for body in [
        &b""[..],
        br#"{"detail": "Authentication credentials were not provided."}"#,
        br#"{"logout_reason": "PLAN_INACTIVE"}"#,
        br#"{"code": "token_not_valid"}"#,
    ] {
        let refused = Exchange {
            www_authenticate: Some(r#"Bearer error="insufficient_scope", scope="content:write""#),
            ..exchange(403, body)
        };
        assert!(
            matches!(classify(&refused), Decision::Fail(Failure::PermissionDenied { .. })),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
}

#[test]
fn an_rfc_9457_logout_reads_detail_then_title_as_its_message() {
    let problem = br#"{"type": "https://x/logout", "title": "Signed out", "status": 401,
                       "detail": "Your plan has lapsed", "instance": "/api/v1/content/",
                       "logout_reason": "PLAN_INACTIVE"}"#;
    let refused = Exchange {
        problem_json: true,
        ..exchange(401, problem)
    };
    let Decision::Logout(draft) = classify(&refused) else {
        panic!("a logout");
    };
    assert_eq!(draft.code, LogoutCode::PlanInactive);
    assert_eq!(draft.message, "Your plan has lapsed");
    let titled = br#"{"title": "Signed out by policy", "logout_reason": "SOMETHING_NEW"}"#;
    let Decision::Logout(draft) = classify(&Exchange {
        problem_json: true,
        ..exchange(401, titled)
    }) else {
        panic!("a logout");
    };
    assert_eq!(draft.message, "Signed out by policy");
}

#[test]
fn rfc_9457_details_without_a_reason_join_the_context_of_what_follows() {
    let problem = br#"{"type": "https://x/expired", "title": "Token expired", "detail": "At 10:00",
                       "instance": "/api/v1/auth/me/", "extra": "not kept"}"#;
    let refused = Exchange {
        problem_json: true,
        has_refresh_token: false,
        ..exchange(401, problem)
    };
    let Decision::Logout(draft) = classify(&refused) else {
        panic!("no refresh token: a logout");
    };
    assert_eq!(draft.code, LogoutCode::NoRefreshToken);
    assert_eq!(
        draft.context["problem"],
        json!({"type": "https://x/expired", "title": "Token expired", "detail": "At 10:00", "instance": "/api/v1/auth/me/"})
    );
    // Not problem+json: the same members are an ordinary body's, and nothing is added.
    let Decision::Logout(plain) = classify(&Exchange {
        problem_json: false,
        ..refused
    }) else {
        panic!("a logout");
    };
    assert!(!plain.context.contains_key("problem"));
}

#[test]
fn a_hostile_header_or_problem_is_bounded() {
    let huge = format!(
        r#"Bearer error="invalid_token", error_description="{}""#,
        "\u{7}x".repeat(500_000)
    );
    let refused = Exchange {
        www_authenticate: Some(&huge),
        ..exchange(401, b"")
    };
    // Too long to read whole: the header says nothing, and the 401 is still a stale token.
    let Decision::RefreshThenRetry(stale) = classify(&refused) else {
        panic!("stale");
    };
    assert!(stale.described.is_empty());
    let nested = format!(
        r#"{{"title": "{}", "logout_reason": {{"a": [1, 2]}}}}"#,
        "t".repeat(1_000_000)
    );
    let Decision::RefreshThenRetry(stale) = classify(&Exchange {
        problem_json: true,
        ..exchange(401, nested.as_bytes())
    }) else {
        panic!("a logout_reason that is not a string is none");
    };
    let title = stale.described["problem"]["title"].as_str().unwrap_or_default();
    // Bounded as read (the scrubber's read window); the reason then keeps 2,000 at most.
    assert!(
        title.chars().count() <= 8_001,
        "bounded: {} characters",
        title.chars().count()
    );
}
