//! Every code of the seed's middleware, caused through the control API: status, body keys
//! and values, the order of the checks, and the log line's exact form.

mod common;

use chrono::{TimeZone, Utc};
use common::*;
use reference_backend::log_line::format_auto_logout;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const ERROR_KEYS: [&str; 6] = [
    "success",
    "error",
    "logout_reason",
    "logout_message",
    "logout_path",
    "logout_context",
];

/// Asserts the seed's 401 body and returns its `logout_context`.
fn assert_logout(reply: &Reply, code: &str, message: &str, path: &str) -> Value {
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{code}: {}", reply.text);
    let body = reply.json();
    let keys: Vec<&str> = body.as_object().unwrap().keys().map(String::as_str).collect();
    let mut sorted_expected = ERROR_KEYS.to_vec();
    sorted_expected.sort_unstable();
    assert_eq!(keys, sorted_expected, "{}", reply.text);
    assert!(
        reply.text.starts_with(r#"{"success":false,"error":""#),
        "key order: {}",
        reply.text
    );
    assert_eq!(body["success"], json!(false));
    assert!(body["error"].as_str().is_some_and(|e| !e.is_empty()));
    assert_eq!(body["logout_reason"], json!(code));
    assert_eq!(body["logout_message"], json!(message));
    assert_eq!(body["logout_path"], json!(path));
    body["logout_context"].clone()
}

/// A signed-in browser: cookie client plus tokens.
async fn signed_in(s: &TestServer, email: &str) -> (reqwest::Client, Session) {
    let client = cookie_client();
    let session = s.login(&client, email).await;
    (client, session)
}

async fn me_from_page(s: &TestServer, client: &reqwest::Client, access: &str, page: &str) -> Reply {
    let referer = format!("http://127.0.0.1:8080{page}");
    s.request(
        client,
        Method::GET,
        ME,
        Some(access),
        None,
        &[("Referer", referer.as_str())],
    )
    .await
}

#[tokio::test]
async fn session_account_mismatch() {
    let s = TestServer::dev().await;
    let (client, session) = signed_in(&s, DEMO).await;
    s.user_action(DEMO, "session_account_mismatch").await;
    let reply = me_from_page(&s, &client, &session.access, "/dashboard/content?tab=2").await;
    let context = assert_logout(
        &reply,
        "SESSION_ACCOUNT_MISMATCH",
        "Session contamination: account ID mismatch",
        "/dashboard/content?tab=2",
    );
    assert_eq!(
        context,
        json!({"stored_account_id": 999, "current_account_id": 201, "user_id": 101})
    );
    assert!(reply
        .text
        .ends_with(r#""logout_context":{"stored_account_id":999,"current_account_id":201,"user_id":101}}"#));

    // Without a session cookie (cross-origin tests) the session checks are skipped.
    assert_eq!(s.get(&s.client, ME, Some(&session.access)).await.status, StatusCode::OK);
    // Without a Referer, the path is the API path.
    let reply = s.get(&client, CONTENT, Some(&session.access)).await;
    assert_logout(
        &reply,
        "SESSION_ACCOUNT_MISMATCH",
        "Session contamination: account ID mismatch",
        CONTENT,
    );

    s.user_action(DEMO, "reset").await;
    assert_eq!(s.get(&client, ME, Some(&session.access)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn session_user_mismatch() {
    let s = TestServer::dev().await;
    let (client, session) = signed_in(&s, DEMO).await;
    s.user_action(DEMO, "session_user_mismatch").await;
    let reply = me_from_page(&s, &client, &session.access, "/dashboard").await;
    let context = assert_logout(
        &reply,
        "SESSION_USER_MISMATCH",
        "Session contamination: user ID mismatch",
        "/dashboard",
    );
    assert_eq!(
        context,
        json!({"stored_user_id": 999, "current_user_id": 101, "user_id": 101})
    );

    // A cookie session of one user with another user's token is contamination too.
    let other = s.login(&s.client, STAFF).await;
    let s2 = s.get(&client, ME, Some(&other.access)).await;
    assert_logout(
        &s2,
        "SESSION_ACCOUNT_MISMATCH",
        "Session contamination: account ID mismatch",
        ME,
    );
}

#[tokio::test]
async fn user_inactive() {
    let s = TestServer::dev().await;
    let (client, session) = signed_in(&s, DEMO).await;
    s.user_action(DEMO, "deactivate_user").await;
    let reply = me_from_page(&s, &client, &session.access, "/dashboard").await;
    assert_eq!(
        assert_logout(&reply, "USER_INACTIVE", "User account is inactive", "/dashboard"),
        json!({"user_id": 101})
    );
    // An inactive user can neither sign in nor refresh.
    let login = s
        .post(&s.client, LOGIN, None, json!({"email": DEMO, "password": PASSWORD}))
        .await;
    assert_eq!(login.status, StatusCode::UNAUTHORIZED);
    let refresh = s.refresh(&s.client, &session.refresh.unwrap()).await;
    assert_eq!(refresh.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refresh.json()["code"], json!("no_active_account"));
}

#[tokio::test]
async fn account_missing() {
    let s = TestServer::dev().await;
    let (client, session) = signed_in(&s, NOACCOUNT).await;
    let reply = s.get(&client, ME, Some(&session.access)).await;
    let context = assert_logout(&reply, "ACCOUNT_MISSING", "Account not configured for this user", ME);
    assert_eq!(context, json!({"user_id": 103, "account_id": null}));

    // Deleting an account after login is ACCOUNT_MISSING, not a session mismatch.
    let (client, session) = signed_in(&s, DEMO).await;
    s.user_action(DEMO, "delete_account").await;
    let reply = me_from_page(&s, &client, &session.access, "/dashboard").await;
    assert_logout(
        &reply,
        "ACCOUNT_MISSING",
        "Account not configured for this user",
        "/dashboard",
    );
}

#[tokio::test]
async fn account_suspended_and_cancelled() {
    let s = TestServer::dev().await;
    let (client, session) = signed_in(&s, DEMO).await;
    s.user_action(DEMO, "suspend_account").await;
    let reply = s.get(&client, CONTENT, Some(&session.access)).await;
    let context = assert_logout(&reply, "ACCOUNT_SUSPENDED", "Account is suspended", CONTENT);
    assert_eq!(context, json!({"user_id": 101, "account_id": 201}));

    s.user_action(DEMO, "cancel_account").await;
    let reply = s.get(&client, ME, Some(&session.access)).await;
    assert_eq!(
        assert_logout(&reply, "ACCOUNT_CANCELLED", "Account is cancelled", ME),
        context
    );
}

#[tokio::test]
async fn plan_missing_and_inactive() {
    let s = TestServer::dev().await;
    let (client, session) = signed_in(&s, NOPLAN).await;
    let reply = s.get(&client, ME, Some(&session.access)).await;
    let context = assert_logout(&reply, "PLAN_MISSING", "No subscription plan assigned", ME);
    assert_eq!(context, json!({"user_id": 104, "account_id": 203, "plan_id": null}));

    let (client, session) = signed_in(&s, DEMO).await;
    s.user_action(DEMO, "deactivate_plan").await;
    let reply = s.get(&client, ME, Some(&session.access)).await;
    let context = assert_logout(&reply, "PLAN_INACTIVE", "Subscription plan is inactive", ME);
    assert_eq!(context, json!({"user_id": 101, "account_id": 201, "plan_id": 301}));

    s.user_action(DEMO, "delete_plan").await;
    let reply = s.get(&client, ME, Some(&session.access)).await;
    assert_logout(&reply, "PLAN_MISSING", "No subscription plan assigned", ME);
}

#[tokio::test]
async fn checks_run_in_the_seed_order_and_skip_account_checks() {
    let s = TestServer::dev().await;
    let (client, session) = signed_in(&s, DEMO).await;
    for action in [
        "deactivate_plan",
        "suspend_account",
        "deactivate_user",
        "session_user_mismatch",
        "session_account_mismatch",
    ] {
        s.user_action(DEMO, action).await;
    }
    let expected = [
        ("SESSION_ACCOUNT_MISMATCH", None),
        ("SESSION_USER_MISMATCH", Some("session_account_mismatch")),
        ("USER_INACTIVE", Some("session_user_mismatch")),
        ("ACCOUNT_SUSPENDED", Some("deactivate_user")),
        ("PLAN_INACTIVE", Some("suspend_account")),
    ];
    // Undo one cause at a time (by resetting and re-applying the rest): the next code shows.
    let mut remaining = vec![
        "deactivate_plan",
        "suspend_account",
        "deactivate_user",
        "session_user_mismatch",
        "session_account_mismatch",
    ];
    for (code, undo) in expected {
        if let Some(undo) = undo {
            remaining.retain(|a| *a != undo);
            s.user_action(DEMO, "reset").await;
            for action in &remaining {
                s.user_action(DEMO, action).await;
            }
        }
        let reply = s.get(&client, ME, Some(&session.access)).await;
        assert_eq!(reply.json()["logout_reason"], json!(code), "{}", reply.text);
    }

    // skip_account_checks lets the client's own ACCOUNT_REQUIRED / PLAN_REQUIRED be reached.
    s.scenario(json!({"action": "skip_account_checks", "enabled": true}))
        .await;
    let noaccount = s.login(&s.client, NOACCOUNT).await;
    let me = s.get(&s.client, ME, Some(&noaccount.access)).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["data"]["user"]["account"], Value::Null);
    let reply = s.get(&client, ME, Some(&session.access)).await;
    assert_eq!(reply.status, StatusCode::OK, "plan inactive is skipped: {}", reply.text);
    // ...but not the user check.
    s.user_action(NOACCOUNT, "deactivate_user").await;
    let reply = s.get(&s.client, ME, Some(&noaccount.access)).await;
    assert_eq!(reply.json()["logout_reason"], json!("USER_INACTIVE"));
}

#[tokio::test]
async fn logout_events_listing_goes_through_the_middleware() {
    let s = TestServer::dev().await;
    let (client, staff) = signed_in(&s, STAFF).await;
    assert_eq!(s.get(&client, EVENTS, Some(&staff.access)).await.status, StatusCode::OK);
    s.user_action(STAFF, "suspend_account").await;
    let reply = s.get(&client, EVENTS, Some(&staff.access)).await;
    assert_logout(&reply, "ACCOUNT_SUSPENDED", "Account is suspended", EVENTS);
    // Posting an event needs no authentication at all.
    assert_eq!(
        s.post(&s.client, EVENTS, None, json!({"code": "ACCOUNT_SUSPENDED"}))
            .await
            .status,
        StatusCode::CREATED
    );
}

#[test]
fn log_line_has_the_contract_form() {
    let at = Utc.with_ymd_and_hms(2025, 12, 15, 10, 30, 45).unwrap() + chrono::Duration::milliseconds(123);
    let fields = [
        ("Session", "123".to_string()),
        ("Current", "456".to_string()),
        ("User", "789".to_string()),
        ("Path", "/dashboard".to_string()),
        ("IP", "192.168.1.1".to_string()),
    ];
    assert_eq!(
        format_auto_logout(at, "SESSION_ACCOUNT_MISMATCH", "Session contamination: account ID mismatch", &fields),
        "[2025-12-15 10:30:45] [WARNING] [auth.middleware] [AUTO-LOGOUT] SESSION_ACCOUNT_MISMATCH: Session contamination: account ID mismatch. Session=123, Current=456, User=789, Path=/dashboard, IP=192.168.1.1, Timestamp=2025-12-15T10:30:45.123Z"
    );
    let at = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
    assert_eq!(
        format_auto_logout(at, "PLAN_INACTIVE", "Subscription plan is inactive", &[("Account", "201".into()), ("Plan", "301".into()), ("User", "101".into()), ("Path", "/".into()), ("IP", "::1".into())]),
        "[2026-01-02 03:04:05] [WARNING] [auth.middleware] [AUTO-LOGOUT] PLAN_INACTIVE: Subscription plan is inactive. Account=201, Plan=301, User=101, Path=/, IP=::1, Timestamp=2026-01-02T03:04:05.000Z"
    );
}
