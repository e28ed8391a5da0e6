//! The API client and the auth checks in headless Chromium against the reference backend
//! (started by `scripts/with-backend.sh`, its address compiled in through
//! REFERENCE_BACKEND_URL). Faults are caused through the backend's control API, and every
//! outcome is read back from localStorage as JavaScript would read it.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use gloo_net::http::Request;
use gloo_timers::future::sleep;
use logout_tracker::testing::finish_session;
use logout_tracker::testing::reread_user;
use logout_tracker::testing::Config;
use logout_tracker::testing::TokenStore;
use logout_tracker::testing::{ApiClient, ApiError};
use logout_tracker::testing::{LogoutCode, LogoutReason};
use logout_tracker::testing::{SessionEnd, SessionState};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::demo::{DEMO_PASSWORD as PASSWORD, DEMO_USER, NOACCOUNT_USER, NOPLAN_USER, STAFF_USER};
use support::paths::{DEV_SCENARIO, DEV_STATS};
use support::{clear_storage, go_to, read_item as stored_item, BACKEND};

const PAGE: &str = "/dashboard/content?sort=new";

/// The stored reason, parsed from what `localStorage.getItem('logout_reason')` returns.
fn stored_reason() -> Option<Value> {
    stored_item("logout_reason").map(|text| serde_json::from_str(&text).expect("the stored reason is JSON"))
}

async fn control(body: Value) {
    let response = Request::post(&format!("{BACKEND}{DEV_SCENARIO}"))
        .json(&body)
        .expect("a JSON body")
        .send()
        .await
        .expect("the control API answers");
    assert!(response.ok(), "control {body} answered {}", response.status());
}

/// The backend's request counters (`GET /__dev__/stats`).
async fn backend_stats() -> Value {
    Request::get(&format!("{BACKEND}{DEV_STATS}"))
        .send()
        .await
        .expect("stats")
        .json()
        .await
        .expect("stats JSON")
}

async fn refresh_calls() -> u64 {
    backend_stats().await["refresh_calls"].as_u64().expect("refresh_calls")
}

/// A client signed in as `email` on a clean backend, counting the sessions it ends.
struct Session {
    client: ApiClient,
    ended: Rc<RefCell<Vec<LogoutReason>>>,
    /// Every call of the session-end handler, with a reason of this tab's or without.
    handler_calls: Rc<std::cell::Cell<u32>>,
}

async fn fresh() {
    control(json!({"action": "reset_all"})).await;
    clear_storage();
    go_to(PAGE);
}

fn client_for(base: &str) -> Session {
    client_for_config(Config {
        api_base_url: base.into(),
        ..Config::default()
    })
}

fn client_for_config(config: Config) -> Session {
    let client = ApiClient::new(config);
    let ended = Rc::new(RefCell::new(Vec::new()));
    let handler_calls = Rc::new(std::cell::Cell::new(0));
    let (seen, calls) = (ended.clone(), handler_calls.clone());
    // As the app wires it (hooks/use_session.rs), without a page to leave.
    let session = SessionState::default();
    client.on_session_end(move |client, end| {
        calls.set(calls.get() + 1);
        seen.borrow_mut()
            .extend(finish_session(client, &session, end, &|| (), &|_| ()));
    });
    Session {
        client,
        ended,
        handler_calls,
    }
}

async fn signed_in(email: &str) -> Session {
    let session = client_for(BACKEND);
    session.client.login(email, PASSWORD).await.expect("sign-in works");
    session
}

/// The one reason the session ended with, checked against what is stored.
fn the_reason(session: &Session) -> Value {
    let ended = session.ended.borrow();
    assert_eq!(ended.len(), 1, "exactly one logout: {ended:?}");
    let stored = stored_reason().expect("a stored reason");
    assert_eq!(stored, serde_json::to_value(&ended[0]).expect("serialisable"));
    assert_eq!(stored["path"], PAGE);
    assert!(
        stored_item("access_token").is_none() && stored_item("refresh_token").is_none(),
        "tokens cleared"
    );
    stored
}

fn still_signed_in(session: &Session) {
    assert!(
        session.ended.borrow().is_empty(),
        "no logout: {:?}",
        session.ended.borrow()
    );
    assert_eq!(stored_reason(), None);
    assert!(stored_item("access_token").is_some(), "tokens kept");
}

async fn let_access_expire() {
    sleep(Duration::from_millis(2_100)).await;
}

/// Two tabs of one browser signed in to one session (the second reads the same stored
/// tokens), with an access token that has just expired.
async fn two_tabs_with_a_stale_access_token() -> (Session, Session) {
    fresh().await;
    control(json!({"action": "access_ttl", "seconds": 1})).await;
    let first_tab = signed_in(DEMO_USER).await;
    let second_tab = client_for(BACKEND);
    let_access_expire().await;
    (first_tab, second_tab)
}

#[wasm_bindgen_test]
async fn a_stale_access_token_is_refreshed_without_a_logout() {
    fresh().await;
    control(json!({"action": "access_ttl", "seconds": 1})).await;
    let session = signed_in(DEMO_USER).await;
    let first_refresh = stored_item("refresh_token");
    let_access_expire().await;
    let user = session.client.me().await.expect("me succeeds after a refresh");
    assert_eq!(user.email, DEMO_USER);
    still_signed_in(&session);
    assert_ne!(
        stored_item("refresh_token"),
        first_refresh,
        "the rotated refresh token is kept"
    );
}

#[wasm_bindgen_test]
async fn five_concurrent_stale_requests_share_one_refresh() {
    fresh().await;
    control(json!({"action": "access_ttl", "seconds": 1})).await;
    let session = signed_in(DEMO_USER).await;
    let_access_expire().await;
    let before = refresh_calls().await;
    let client = &session.client;
    let (a, b, c, d, e) = futures::join!(
        client.me(),
        client.content(),
        client.me(),
        client.content(),
        client.me()
    );
    assert!(
        a.is_ok() && b.is_ok() && c.is_ok() && d.is_ok() && e.is_ok(),
        "all five succeed"
    );
    assert_eq!(refresh_calls().await - before, 1, "exactly one refresh call");
    still_signed_in(&session);
}

#[wasm_bindgen_test]
async fn a_revoked_refresh_token_is_token_refresh_failed() {
    fresh().await;
    control(json!({"action": "access_ttl", "seconds": 1})).await;
    let session = signed_in(DEMO_USER).await;
    control(json!({"action": "revoke_refresh_tokens"})).await;
    let_access_expire().await;
    assert_eq!(session.client.content().await, Err(ApiError::SessionEnded));
    let reason = the_reason(&session);
    assert_eq!(reason["code"], "TOKEN_REFRESH_FAILED");
    assert_eq!(reason["message"], "Token refresh failed - session expired");
    assert_eq!(reason["source"], "token_refresh_failure");
    assert_eq!(reason["context"]["endpoint"], "/api/v1/content/");
    // The token's `exp` had passed (in the server's time, from `Date`, which the backend's
    // CORS exposes): it was renewed before the request went out (CONTRACT 11.1), so no 401
    // of the request's own is in the context, only the refresh's.
    assert_eq!(reason["context"]["renewed_early"], true);
    assert_eq!(reason["context"].get("status"), None);
    assert_eq!(reason["context"]["refresh_status"], 401);
}

#[wasm_bindgen_test]
async fn no_refresh_token_is_no_refresh_token() {
    fresh().await;
    control(json!({"action": "access_ttl", "seconds": 1})).await;
    control(json!({"action": "login_without_refresh", "enabled": true})).await;
    let session = signed_in(DEMO_USER).await;
    assert!(stored_item("refresh_token").is_none());
    let_access_expire().await;
    assert_eq!(session.client.me().await, Err(ApiError::SessionEnded));
    let reason = the_reason(&session);
    assert_eq!(reason["code"], "NO_REFRESH_TOKEN");
    assert_eq!(reason["source"], "missing_refresh_token");
    assert_eq!(reason["context"]["endpoint"], "/api/v1/auth/me/");
}

#[wasm_bindgen_test]
async fn a_stripped_authorization_header_is_auth_credentials_missing() {
    fresh().await;
    let session = signed_in(DEMO_USER).await;
    control(json!({"action": "strip_authorization", "enabled": true})).await;
    assert_eq!(session.client.me().await, Err(ApiError::SessionEnded));
    let reason = the_reason(&session);
    assert_eq!(reason["code"], "AUTH_CREDENTIALS_MISSING");
    assert_eq!(reason["source"], "api_403_auth_error");
    assert_eq!(reason["context"]["hasToken"], true);
    assert_eq!(reason["context"]["status"], 403);
    assert_eq!(
        reason["context"]["error"],
        "Authentication credentials were not provided."
    );
}

#[wasm_bindgen_test]
async fn a_staff_only_call_by_a_non_staff_user_is_a_permission_error() {
    fresh().await;
    let session = signed_in(DEMO_USER).await;
    let answer = session.client.logout_events("", "", "").await;
    assert!(
        matches!(answer, Err(ApiError::PermissionDenied(Some(ref detail))) if detail.contains("permission")),
        "{answer:?}"
    );
    still_signed_in(&session);
    assert!(session.client.me().await.is_ok(), "still usable");
}

#[wasm_bindgen_test]
async fn each_middleware_code_ends_the_session_with_the_backends_context() {
    let cases = [
        (
            "session_account_mismatch",
            "SESSION_ACCOUNT_MISMATCH",
            "stored_account_id",
        ),
        ("session_user_mismatch", "SESSION_USER_MISMATCH", "user_id"),
        ("deactivate_user", "USER_INACTIVE", "user_id"),
        ("delete_account", "ACCOUNT_MISSING", "user_id"),
        ("suspend_account", "ACCOUNT_SUSPENDED", "account_id"),
        ("cancel_account", "ACCOUNT_CANCELLED", "account_id"),
        ("delete_plan", "PLAN_MISSING", "account_id"),
        ("deactivate_plan", "PLAN_INACTIVE", "plan_id"),
    ];
    for (action, code, id_key) in cases {
        fresh().await;
        let session = signed_in(DEMO_USER).await;
        control(json!({"email": DEMO_USER, "action": action})).await;
        assert_eq!(session.client.content().await, Err(ApiError::SessionEnded), "{action}");
        let reason = the_reason(&session);
        assert_eq!(reason["code"], code, "{action}");
        assert_eq!(reason["source"], "backend_middleware", "{action}");
        assert_eq!(
            Some(reason["message"].as_str().unwrap_or_default()),
            logout_tracker::testing::LogoutCode::from(code).message(),
            "{action}"
        );
        assert!(
            reason["context"][id_key].is_number(),
            "{action}: {} in {}",
            id_key,
            reason["context"]
        );
        assert_eq!(reason["context"]["endpoint"], "/api/v1/content/", "{action}");
        assert_eq!(reason["context"]["status"], 401, "{action}");
        assert!(reason["context"]["backend_path"].is_string(), "{action}");
    }
    control(json!({"action": "reset_all"})).await;
}

#[wasm_bindgen_test]
async fn server_errors_and_a_stopped_backend_never_log_out() {
    fresh().await;
    let session = signed_in(DEMO_USER).await;
    control(json!({"action": "fail_with", "status": 500, "html": false, "count": 1})).await;
    assert_eq!(session.client.me().await, Err(ApiError::Server(500)));
    control(json!({"action": "fail_with", "status": 502, "html": true, "count": 1})).await;
    assert_eq!(session.client.content().await, Err(ApiError::Server(502)));
    still_signed_in(&session);

    assert!(session.client.me().await.is_ok(), "the session recovers");
}

#[wasm_bindgen_test]
async fn a_refresh_that_fails_for_a_non_auth_reason_keeps_the_tokens() {
    fresh().await;
    control(json!({"action": "access_ttl", "seconds": 1})).await;
    let signed = signed_in(DEMO_USER).await;
    drop(signed);
    let_access_expire().await;
    // The same session, but its refresh endpoint answers 404 (a misrouted proxy, say).
    let mut config = Config {
        api_base_url: BACKEND.into(),
        ..Config::default()
    };
    config.endpoints.refresh = "/api/v1/auth/refresh-gone/".into();
    let session = client_for_config(config);
    let answer = session.client.me().await;
    assert_eq!(answer, Err(ApiError::NotFound));
    still_signed_in(&session);
}

#[wasm_bindgen_test]
async fn a_manual_logout_records_the_email_and_the_page() {
    fresh().await;
    let session = signed_in(DEMO_USER).await;
    session.client.end_session(SessionEnd::SignOut {
        email: DEMO_USER.into(),
    });
    let reason = the_reason(&session);
    assert_eq!(reason["code"], "MANUAL_LOGOUT");
    assert_eq!(reason["message"], "User manually logged out");
    assert_eq!(reason["source"], "manual_user_action");
    assert_eq!(reason["context"]["email"], DEMO_USER);
}

#[wasm_bindgen_test]
async fn a_user_without_plan_is_plan_required_and_without_account_account_required() {
    for (email, code, source_id) in [
        (NOPLAN_USER, "PLAN_REQUIRED", "account_id"),
        (NOACCOUNT_USER, "ACCOUNT_REQUIRED", "user_id"),
    ] {
        fresh().await;
        control(json!({"action": "skip_account_checks", "enabled": true})).await;
        let session = signed_in(email).await;
        assert_eq!(reread_user(&session.client).await, Err(ApiError::SessionEnded));
        let reason = the_reason(&session);
        assert_eq!(reason["code"], code);
        assert_eq!(reason["source"], "refresh_user_validation");
        assert!(reason["context"][source_id].is_number(), "{}", reason["context"]);
    }
    control(json!({"action": "reset_all"})).await;
}

#[wasm_bindgen_test]
async fn two_requests_failing_at_once_store_one_reason_the_first() {
    fresh().await;
    let session = signed_in(DEMO_USER).await;
    control(json!({"email": DEMO_USER, "action": "suspend_account"})).await;
    let client = &session.client;
    let (a, b) = futures::join!(client.me(), client.content());
    assert_eq!(
        (a.err(), b.err()),
        (Some(ApiError::SessionEnded), Some(ApiError::SessionEnded))
    );
    // the_reason checks there was one logout and that storage holds that one.
    assert_eq!(the_reason(&session)["code"], "ACCOUNT_SUSPENDED");
    control(json!({"action": "reset_all"})).await;
}

#[wasm_bindgen_test]
async fn restored_tokens_are_used_after_a_reload() {
    fresh().await;
    let first = signed_in(DEMO_USER).await;
    drop(first);
    let reloaded = client_for(BACKEND);
    assert!(reloaded.client.has_session());
    assert_eq!(reloaded.client.me().await.map(|u| u.email), Ok(DEMO_USER.into()));
    let _ = TokenStore::restore();
}

#[wasm_bindgen_test]
async fn two_tabs_refreshing_with_one_single_use_token_both_stay_signed_in() {
    let (first_tab, second_tab) = two_tabs_with_a_stale_access_token().await;
    // Both find the access token stale at once: under the tab lock one refreshes and the
    // other adopts the tokens it brought (without Web Locks, the backend answers the
    // just-rotated token within its grace with the same successor).
    let (a, b) = futures::join!(first_tab.client.content(), second_tab.client.content());
    assert!(a.is_ok() && b.is_ok(), "both tabs get their data: {a:?} {b:?}");
    still_signed_in(&first_tab);
    still_signed_in(&second_tab);
}

#[wasm_bindgen_test]
async fn a_logout_in_another_tab_is_followed_without_a_reason_of_its_own() {
    fresh().await;
    let first_tab = signed_in(DEMO_USER).await;
    let second_tab = client_for(BACKEND);
    assert!(second_tab.client.me().await.is_ok());
    first_tab.client.end_session(SessionEnd::SignOut {
        email: DEMO_USER.into(),
    });
    // The browser tells the second tab through a `storage` event, which calls this.
    second_tab.client.follow_session_end_elsewhere();
    assert!(second_tab.ended.borrow().is_empty(), "no reason of its own");
    assert_eq!(second_tab.handler_calls.get(), 1, "the second tab leaves too");
    let stored = stored_reason().expect("the first tab's reason");
    assert_eq!(stored["code"], "MANUAL_LOGOUT", "the first tab's reason stands");
    // The second tab is done: a late failure there adds nothing.
    assert_eq!(second_tab.client.me().await.map(|_| ()).ok(), None);
    assert_eq!(stored_reason().map(|r| r["code"].clone()), Some(json!("MANUAL_LOGOUT")));
}

#[wasm_bindgen_test]
async fn a_signed_out_tab_ignores_another_tabs_logout() {
    fresh().await;
    let signed_out_tab = client_for(BACKEND);
    let first_tab = signed_in(DEMO_USER).await;
    first_tab.client.end_session(SessionEnd::SignOut {
        email: DEMO_USER.into(),
    });
    signed_out_tab.client.follow_session_end_elsewhere();
    assert_eq!(signed_out_tab.handler_calls.get(), 0, "nothing to leave");
}

#[wasm_bindgen_test]
async fn a_stopped_backend_never_logs_out() {
    fresh().await;
    // A backend that is gone: nothing listens on the discard port.
    let offline = client_for("http://127.0.0.1:9");
    offline
        .client
        .tokens()
        .renew("expired-or-not".into(), Some("refresh".into()));
    assert!(matches!(offline.client.me().await, Err(ApiError::Network(_))));
    assert!(offline.ended.borrow().is_empty());
    assert_eq!(stored_reason(), None);
    assert_eq!(stored_item("refresh_token").as_deref(), Some("refresh"), "tokens kept");
}

#[wasm_bindgen_test]
async fn a_request_right_after_another_tabs_logout_adds_no_reason() {
    fresh().await;
    let first_tab = signed_in(DEMO_USER).await;
    let second_tab = client_for(BACKEND);
    assert!(second_tab.client.me().await.is_ok());
    first_tab.client.end_session(SessionEnd::SignOut {
        email: DEMO_USER.into(),
    });
    // Before the `storage` event reaches the second tab, it sends a request.
    assert_eq!(second_tab.client.content().await, Err(ApiError::SessionEnded));
    assert!(second_tab.ended.borrow().is_empty(), "no reason of its own");
    assert_eq!(second_tab.handler_calls.get(), 1);
    assert_eq!(stored_reason().map(|r| r["code"].clone()), Some(json!("MANUAL_LOGOUT")));
}

// ---- a session's end is final (CONTRACT section 9) ----------------------------------

#[wasm_bindgen(inline_js = "
let original = null;
export function spy_on_refresh() {
  window.__lastRefreshToken = null;
  original = original || window.fetch;
  window.fetch = async (input, init) => {
    const response = await original(input, init);
    const url = typeof input === 'string' ? input : input.url;
    if (url.includes('/auth/refresh/') && response.ok) {
      const body = await response.clone().json().catch(() => ({}));
      window.__lastRefreshToken = body.refresh || null;
    }
    return response;
  };
}
export function last_refresh_token() { return window.__lastRefreshToken; }
export function stop_spying() { if (original) { window.fetch = original; original = null; } }")]
extern "C" {
    fn spy_on_refresh();
    fn last_refresh_token() -> Option<String>;
    fn stop_spying();
}

/// The backend's answer to a refresh with `token`, as another program would ask it.
async fn refresh_status(token: &str) -> u16 {
    Request::post(&format!("{BACKEND}{}", support::paths::REFRESH))
        .json(&json!({"refresh": token}))
        .expect("a JSON body")
        .send()
        .await
        .expect("the backend answers")
        .status()
}

#[wasm_bindgen_test]
async fn signing_out_with_an_expired_access_token_still_revokes_the_refresh_token() {
    fresh().await;
    control(json!({"action": "access_ttl", "seconds": 1})).await;
    let session = signed_in(DEMO_USER).await;
    let refresh = stored_item("refresh_token").expect("a refresh token");
    let_access_expire().await;
    session.client.end_session(SessionEnd::SignOut {
        email: DEMO_USER.into(),
    });
    // The logout call is refused for its expired bearer, then sent again without it.
    sleep(Duration::from_millis(1_000)).await;
    assert_eq!(refresh_status(&refresh).await, 401, "the refresh token was revoked");
}

#[wasm_bindgen_test]
async fn a_refresh_that_answers_after_sign_out_stores_nothing_and_its_token_is_revoked() {
    fresh().await;
    control(json!({"action": "access_ttl", "seconds": 1})).await;
    let session = signed_in(DEMO_USER).await;
    let_access_expire().await;
    control(json!({"action": "refresh_delay", "ms": 1_500})).await;
    spy_on_refresh();
    let outcome = Rc::new(RefCell::new(None));
    {
        let (client, outcome) = (session.client.clone(), outcome.clone());
        wasm_bindgen_futures::spawn_local(async move {
            *outcome.borrow_mut() = Some(client.content().await);
        });
    }
    sleep(Duration::from_millis(400)).await;
    session.client.end_session(SessionEnd::SignOut {
        email: DEMO_USER.into(),
    });
    sleep(Duration::from_millis(2_500)).await;
    stop_spying();
    assert_eq!(*outcome.borrow(), Some(Err(ApiError::SessionEnded)));
    assert_eq!(stored_item("access_token"), None, "the late answer stored nothing");
    assert_eq!(stored_item("refresh_token"), None, "the late answer stored nothing");
    let brought = last_refresh_token().expect("the refresh answered with a new refresh token");
    assert_eq!(
        refresh_status(&brought).await,
        401,
        "the refresh token it brought was revoked"
    );
    assert_eq!(stored_reason().map(|r| r["code"].clone()), Some(json!("MANUAL_LOGOUT")));
}

#[wasm_bindgen_test]
async fn two_tabs_with_a_slow_refresh_share_one_refresh_and_stay_signed_in() {
    let (first_tab, second_tab) = two_tabs_with_a_stale_access_token().await;
    // The renewed access token must outlive the slow answer that brings it.
    control(json!({"action": "access_ttl", "seconds": 60})).await;
    control(json!({"action": "refresh_delay", "ms": 2_000})).await;
    let before = refresh_calls().await;
    let (first, second) = futures::join!(first_tab.client.content(), second_tab.client.content());
    assert!(first.is_ok() && second.is_ok(), "{first:?} {second:?}");
    assert_eq!(refresh_calls().await - before, 1, "one refresh across both tabs");
    still_signed_in(&first_tab);
    assert!(second_tab.ended.borrow().is_empty());
}

#[wasm_bindgen_test]
async fn a_token_no_header_can_carry_counts_as_no_token() {
    fresh().await;
    support::write_item("access_token", "line\nbreak");
    let session = client_for(BACKEND);
    // No exception, no hang: a request without a token, and the contract's row for it
    // (the reference backend answers a request without credentials with DRF's 403).
    assert_eq!(session.client.me().await, Err(ApiError::SessionEnded));
    let ended = session.ended.borrow();
    assert_eq!(ended.len(), 1);
    assert_eq!(ended[0].code.as_str(), "AUTH_CREDENTIALS_MISSING");
    assert_eq!(ended[0].context["hasToken"], false);
}

// ---- a logout that keeps happening (CONTRACT section 10) ------------------------------

#[wasm_bindgen_test]
async fn a_logout_that_keeps_happening_right_after_sign_in_is_counted_and_a_sign_out_resets_it() {
    use logout_tracker::testing::note_sign_in;
    fresh().await;
    let mut repeats = Vec::new();
    for _ in 0..3 {
        control(json!({"email": DEMO_USER, "action": "reset"})).await;
        let session = signed_in(DEMO_USER).await;
        note_sign_in(chrono::Utc::now());
        control(json!({"email": DEMO_USER, "action": "deactivate_plan"})).await;
        assert_eq!(session.client.content().await, Err(ApiError::SessionEnded));
        let reason = the_reason(&session);
        assert_eq!(reason["code"], "PLAN_INACTIVE");
        repeats.push(reason["context"].get("repeat").cloned());
    }
    assert_eq!(
        repeats,
        [None, None, Some(json!(3))],
        "the third quick PLAN_INACTIVE in a row keeps happening"
    );
    let history: Value = serde_json::from_str(&stored_item("logout_history").expect("a history")).expect("JSON");
    assert_eq!(history.as_array().map(Vec::len), Some(3));
    assert_eq!(history[2]["code"], "PLAN_INACTIVE");

    control(json!({"email": DEMO_USER, "action": "reset"})).await;
    let session = signed_in(DEMO_USER).await;
    session.client.end_session(SessionEnd::SignOut {
        email: DEMO_USER.into(),
    });
    assert_eq!(
        stored_item("logout_history"),
        None,
        "a manual sign out starts the count again"
    );
    control(json!({"action": "reset_all"})).await;
}

#[wasm_bindgen_test]
async fn an_automatic_logout_revokes_the_refresh_token_too() {
    fresh().await;
    let session = signed_in(DEMO_USER).await;
    let refresh = stored_item("refresh_token").expect("a refresh token");
    control(json!({"email": DEMO_USER, "action": "deactivate_plan"})).await;
    assert_eq!(session.client.content().await, Err(ApiError::SessionEnded));
    assert_eq!(the_reason(&session)["code"], "PLAN_INACTIVE");
    // Even once the plan is fixed, the ended session cannot be renewed.
    control(json!({"email": DEMO_USER, "action": "reset"})).await;
    sleep(Duration::from_millis(1_000)).await;
    assert_eq!(refresh_status(&refresh).await, 401, "the refresh token was revoked");
}

// ---- an answer of an ended session never acts on the next (CONTRACT section 9) --------

#[wasm_bindgen(inline_js = "
let unheld = null;
export function hold_next_answer(part, ms) {
  unheld = unheld || window.fetch;
  const original = unheld;
  let held = false;
  window.fetch = async (input, init) => {
    const response = await original(input, init);
    const url = typeof input === 'string' ? input : input.url;
    if (!held && url.includes(part)) {
      held = true;
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
    return response;
  };
}
export function stop_holding() { if (unheld) { window.fetch = unheld; unheld = null; } }")]
extern "C" {
    /// The next answer whose URL holds `part` reaches the app `ms` late (the backend
    /// answered at once: a slow network between them).
    fn hold_next_answer(part: &str, ms: u32);
    fn stop_holding();
}

/// After the late answer landed: user B is signed in and nobody else was signed out.
async fn b_is_still_signed_in(session: &Session, first_end: LogoutCode) {
    let ended = session
        .ended
        .borrow()
        .iter()
        .map(|reason| reason.code.clone())
        .collect::<Vec<_>>();
    assert_eq!(ended, vec![first_end], "only A's own end was recorded");
    assert!(stored_item("access_token").is_some(), "B's tokens are kept");
    assert_eq!(
        session.client.me().await.map(|user| user.email),
        Ok(STAFF_USER.into()),
        "B's session works"
    );
}

/// User A's request meets an inactive plan, and its 401 is held 1.5 s on its way; meanwhile
/// A's session ends (`end_a`, after 300 ms) and user B signs in in the same tab. The late
/// answer must decide nothing.
async fn a_late_401_lands_after<F, Fut>(end_a: F, a_ended_with: LogoutCode)
where
    F: FnOnce(ApiClient) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    fresh().await;
    let session = signed_in(DEMO_USER).await;
    control(json!({"email": DEMO_USER, "action": "deactivate_plan"})).await;
    hold_next_answer(support::paths::CONTENT, 1_500);
    let late = session.client.content();
    let a_then_b = async {
        sleep(Duration::from_millis(300)).await;
        end_a(session.client.clone()).await;
        session.client.login(STAFF_USER, PASSWORD).await.expect("B signs in");
    };
    let (late_answer, ()) = futures::join!(late, a_then_b);
    stop_holding();
    assert_eq!(
        late_answer,
        Err(ApiError::SessionEnded),
        "A's 401 PLAN_INACTIVE decides nothing"
    );
    b_is_still_signed_in(&session, a_ended_with).await;
    control(json!({"action": "reset_all"})).await;
}

#[wasm_bindgen_test]
async fn a_late_401_of_a_signed_out_user_never_ends_the_next_users_session() {
    let sign_out = |client: ApiClient| async move {
        client.end_session(SessionEnd::SignOut {
            email: DEMO_USER.into(),
        })
    };
    a_late_401_lands_after(sign_out, LogoutCode::ManualLogout).await;
}

#[wasm_bindgen_test]
async fn a_late_401_after_an_automatic_logout_never_ends_the_next_users_session() {
    // A's other request meets the inactive plan at once: an automatic logout.
    let automatic_logout = |client: ApiClient| async move {
        assert_eq!(client.me().await, Err(ApiError::SessionEnded));
    };
    a_late_401_lands_after(automatic_logout, LogoutCode::PlanInactive).await;
}

// ---- two tabs ending one session: one reason, recorded, shown and reported once --------

/// How many logout reasons the backend's logout events received so far.
async fn reports_received() -> u64 {
    // The reports are `keepalive` and nobody waits on them: give them a moment to land.
    sleep(Duration::from_millis(500)).await;
    backend_stats().await["requests"][support::paths::LOGOUT_EVENTS]
        .as_u64()
        .unwrap_or(0)
}

/// Exactly one reason across both tabs, with `code`, stored for the sign-in page and reported once.
async fn one_reason_for_both(first_tab: &Session, second_tab: &Session, code: &str, reports_before: u64) {
    let recorded = first_tab.ended.borrow().len() + second_tab.ended.borrow().len();
    assert_eq!(recorded, 1, "one reason across both tabs");
    assert_eq!(stored_reason().map(|r| r["code"].clone()), Some(json!(code)));
    assert_eq!(reports_received().await - reports_before, 1, "reported once");
    assert_eq!(stored_item("access_token"), None);
    assert_eq!(stored_item("refresh_token"), None);
}

#[wasm_bindgen_test]
async fn two_tabs_meeting_the_end_at_once_record_it_once() {
    fresh().await;
    let first_tab = signed_in(DEMO_USER).await;
    let second_tab = client_for(BACKEND);
    assert!(second_tab.client.me().await.is_ok());
    let reports_before = reports_received().await;
    control(json!({"email": DEMO_USER, "action": "suspend_account"})).await;
    let (first, second) = futures::join!(first_tab.client.content(), second_tab.client.content());
    assert_eq!(
        (first, second),
        (Err(ApiError::SessionEnded), Err(ApiError::SessionEnded))
    );
    one_reason_for_both(&first_tab, &second_tab, "ACCOUNT_SUSPENDED", reports_before).await;
    control(json!({"action": "reset_all"})).await;
}

#[wasm_bindgen_test]
async fn a_tab_waiting_on_the_refresh_lock_while_the_other_ends_the_session_adds_no_reason() {
    let (first_tab, second_tab) = two_tabs_with_a_stale_access_token().await;
    let reports_before = reports_received().await;
    // The first tab's refresh holds the lock for a second and is refused.
    control(json!({"action": "revoke_refresh_tokens"})).await;
    control(json!({"action": "refresh_delay", "ms": 1_000})).await;
    let second_later = async {
        sleep(Duration::from_millis(200)).await;
        second_tab.client.content().await
    };
    let (first, second) = futures::join!(first_tab.client.content(), second_later);
    assert_eq!(
        (first, second),
        (Err(ApiError::SessionEnded), Err(ApiError::SessionEnded))
    );
    assert!(
        second_tab.ended.borrow().is_empty(),
        "the waiting tab records no NO_REFRESH_TOKEN of its own: {:?}",
        second_tab.ended.borrow()
    );
    one_reason_for_both(&first_tab, &second_tab, "TOKEN_REFRESH_FAILED", reports_before).await;
}

#[wasm_bindgen_test]
async fn a_tab_told_of_the_end_while_its_refresh_is_in_flight_stores_and_reports_nothing() {
    let (first_tab, second_tab) = two_tabs_with_a_stale_access_token().await;
    control(json!({"action": "access_ttl", "seconds": 60})).await;
    control(json!({"action": "refresh_delay", "ms": 1_500})).await;
    let reports_before = reports_received().await;
    spy_on_refresh();
    let other_tab_signs_out = async {
        sleep(Duration::from_millis(400)).await;
        first_tab.client.end_session(SessionEnd::SignOut {
            email: DEMO_USER.into(),
        });
        // What the `storage` event does in a real second tab.
        second_tab.client.follow_session_end_elsewhere();
    };
    let (second, ()) = futures::join!(second_tab.client.content(), other_tab_signs_out);
    stop_spying();
    assert_eq!(second, Err(ApiError::SessionEnded));
    assert!(second_tab.ended.borrow().is_empty(), "no reason of its own");
    one_reason_for_both(&first_tab, &second_tab, "MANUAL_LOGOUT", reports_before).await;
    let brought = last_refresh_token().expect("the late refresh brought a new refresh token");
    assert_eq!(refresh_status(&brought).await, 401, "and it was revoked");
}

/// The app renders before `/config.json` has arrived (CONTRACT 1): its client holds back
/// every request until the file is there, and then uses the file's settings. With the
/// defaults the sign-in would have gone to the test page's own origin and failed.
#[wasm_bindgen_test]
async fn a_client_made_before_config_json_sends_nothing_until_it_arrives() {
    fresh().await;
    let client = ApiClient::before_config();
    let outcome = Rc::new(RefCell::new(None));
    {
        let (client, outcome) = (client.clone(), outcome.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let signed_in = client.login(DEMO_USER, PASSWORD).await.map(|_| ());
            *outcome.borrow_mut() = Some(signed_in);
        });
    }
    let logins = || async {
        backend_stats().await["requests"][support::paths::LOGIN]
            .as_u64()
            .unwrap_or(0)
    };
    sleep(Duration::from_millis(400)).await;
    assert!(outcome.borrow().is_none(), "the sign-in waits for config.json");
    assert_eq!(logins().await, 0, "nothing was sent before config.json arrived");

    client.config_arrived(&Config {
        api_base_url: BACKEND.into(),
        ..Config::default()
    });
    for _ in 0..100 {
        if outcome.borrow().is_some() {
            break;
        }
        sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(*outcome.borrow(), Some(Ok(())), "signed in once config.json arrived");
    assert_eq!(logins().await, 1);
    assert_eq!(client.config().api_base_url, BACKEND);
    assert!(stored_item("access_token").is_some());
}

#[wasm_bindgen(inline_js = "
let unwatched = null;
export function watch_where_fetches_leave() {
  window.__fetchedFrom = [];
  unwatched = unwatched || window.fetch;
  const original = unwatched;
  window.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input.url;
    window.__fetchedFrom.push([new URL(url).pathname, location.pathname + location.search]);
    return original(input, init);
  };
}
export function where_fetches_left() { return JSON.stringify(window.__fetchedFrom || []); }
export function stop_watching() { if (unwatched) { window.fetch = unwatched; unwatched = null; } }")]
extern "C" {
    /// From now on, each `fetch` notes its path and the page it was called on.
    fn watch_where_fetches_leave();
    /// `[[path, page], ...]` as JSON.
    fn where_fetches_left() -> String;
    fn stop_watching();
}

/// The revocation and the report of an end leave from the page being left, before the app
/// moves on to `/signin`: their Referer names it, and the backend logs it as the path of its
/// `[AUTO-LOGOUT]` line (a revocation with a lapsed plan's token meets the middleware).
#[wasm_bindgen_test]
async fn the_beacons_of_an_end_leave_from_the_page_being_left() {
    fresh().await;
    let client = ApiClient::new(Config {
        api_base_url: BACKEND.into(),
        ..Config::default()
    });
    let session = SessionState::default();
    client.on_session_end(move |client, end| {
        finish_session(client, &session, end, &|| go_to("/signin"), &|_| ());
    });
    client.login(DEMO_USER, PASSWORD).await.expect("sign-in works");
    control(json!({"email": DEMO_USER, "action": "deactivate_plan"})).await;

    watch_where_fetches_leave();
    assert_eq!(client.content().await, Err(ApiError::SessionEnded));
    sleep(Duration::from_millis(300)).await;
    stop_watching();
    let left: Vec<(String, String)> = serde_json::from_str(&where_fetches_left()).expect("JSON");
    // The first attempt of each (a revocation refused for its token is sent again without
    // it, after the answer, from wherever the app is by then).
    for beacon in [support::paths::LOGOUT, support::paths::LOGOUT_EVENTS] {
        let first = left
            .iter()
            .find(|(path, _)| path == beacon)
            .map(|(_, page)| page.as_str());
        assert_eq!(first, Some(PAGE), "{beacon}: {left:?}");
    }
}
