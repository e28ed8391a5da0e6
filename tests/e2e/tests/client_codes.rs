//! Scenario 2: the logouts the client decides itself (refresh failures, a missing refresh
//! token, credentials lost on the way, the user's own sign-out, a user without an account
//! or a plan), each with its message, source and console line.

use std::time::{Duration, Instant};

use e2e::session_ended::{self, Expected};
use e2e::{user, wait, Scenario, DEMO, NO_ACCOUNT, NO_PLAN, PASSWORD};

/// Margin past an access token's lifetime before it is surely expired.
const EXPIRY_MARGIN: Duration = Duration::from_millis(400);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_refresh_failed() {
    let scenario = Scenario::start("token_refresh_failed").await;
    scenario.backend().set_access_ttl(1).await;
    user::sign_in_to_content(&scenario, DEMO).await;
    scenario
        .backend()
        .control(serde_json::json!({ "action": "revoke_refresh_tokens" }))
        .await;
    // Every access token held now was issued before the revocation, with one second to live.
    wait::until_instant(Instant::now() + Duration::from_secs(1) + EXPIRY_MARGIN).await;

    let browser = scenario.browser();
    browser.reload().await;
    let details = session_ended::check(
        browser,
        &Expected {
            code: "TOKEN_REFRESH_FAILED",
            message: "Token refresh failed - session expired",
            source: "token_refresh_failure",
            page: Some("/dashboard/content"),
            console_line: "🚨 LOGOUT TRIGGERED - Token Refresh Failed:",
        },
    )
    .await;
    assert!(
        details.context.to_string().contains("401"),
        "the context should keep the refresh's 401: {}",
        details.context
    );
    session_ended::check_gone_after_reload(browser).await;
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_refresh_token() {
    let scenario = Scenario::start("no_refresh_token").await;
    // Two seconds rather than one: the dashboard must load before the token expires.
    let ttl = Duration::from_secs(2);
    scenario.backend().set_access_ttl(ttl.as_secs()).await;
    scenario.backend().switch("login_without_refresh", true).await;
    user::sign_in_to_dashboard(&scenario, DEMO).await;
    let browser = scenario.browser();
    browser.wait_for_text("Acme").await;
    // The token was issued before the dashboard showed its data.
    wait::until_instant(Instant::now() + ttl + EXPIRY_MARGIN).await;

    browser.follow("Content").await;
    session_ended::check(
        browser,
        &Expected {
            code: "NO_REFRESH_TOKEN",
            message: "No refresh token available",
            source: "missing_refresh_token",
            page: Some("/dashboard/content"),
            console_line: "🚨 LOGOUT TRIGGERED - No Refresh Token:",
        },
    )
    .await;
    assert_eq!(scenario.backend().refresh_calls().await, 0, "nothing to refresh with");
    session_ended::check_gone_after_reload(browser).await;
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auth_credentials_missing() {
    let scenario = Scenario::start("auth_credentials_missing").await;
    user::sign_in_to_content(&scenario, DEMO).await;
    scenario.backend().switch("strip_authorization", true).await;
    let refreshes_before = scenario.backend().refresh_calls().await;

    let browser = scenario.browser();
    browser.reload().await;
    let details = session_ended::check(
        browser,
        &Expected {
            code: "AUTH_CREDENTIALS_MISSING",
            message: "Authentication credentials were not provided",
            source: "api_403_auth_error",
            page: Some("/dashboard/content"),
            console_line: "🚨 LOGOUT TRIGGERED - Authentication Credentials Missing:",
        },
    )
    .await;
    assert_eq!(details.context["hasToken"], true, "context: {}", details.context);
    assert_eq!(
        scenario.backend().refresh_calls().await,
        refreshes_before,
        "a stripped header is not a stale token: no refresh"
    );
    session_ended::check_gone_after_reload(browser).await;
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn manual_logout() {
    let scenario = Scenario::start("manual_logout").await;
    user::sign_in_to_content(&scenario, DEMO).await;

    let browser = scenario.browser();
    // A phone's CPU, or a debug build: the report leaves well after the revocation has
    // answered, as it did in `make dev`.
    browser.slow_cpu(20).await;
    browser.press("Sign out").await;
    let details = session_ended::check(
        browser,
        &Expected {
            code: "MANUAL_LOGOUT",
            message: "User manually logged out",
            source: "manual_user_action",
            page: Some("/dashboard/content"),
            console_line: "🚪 LOGOUT - User Action:",
        },
    )
    .await;
    browser.slow_cpu(1).await;
    assert!(
        details.context.to_string().contains(DEMO),
        "the context names the user: {}",
        details.context
    );
    assert!(
        !browser.console().has("🚨 LOGOUT TRIGGERED").await,
        "a manual sign-out is not an automatic logout"
    );
    // Revoked first, reported right after: the report still counts as the user's.
    let events = user::reported_events(&scenario, "?code=MANUAL_LOGOUT").await;
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(
        events[0]["attributed"], true,
        "the report of a sign-out carries the user's session cookie: {events:?}"
    );
    session_ended::check_gone_after_reload(browser).await;
    scenario.finish().await;
}

/// A user the backend lets in (its account checks are off) whom the client must not keep.
async fn client_refuses_user(name: &str, email: &str, code: &str, message: &str, what: &str) {
    let scenario = Scenario::start(name).await;
    scenario.backend().switch("skip_account_checks", true).await;
    let browser = scenario.browser();
    scenario.open("/signin").await;
    user::sign_in(browser, email, PASSWORD).await;
    session_ended::check(
        browser,
        &Expected {
            code,
            message,
            source: "refresh_user_validation",
            page: None,
            console_line: &format!("🚨 LOGOUT TRIGGERED - {what}:"),
        },
    )
    .await;
    session_ended::check_gone_after_reload(browser).await;
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn account_required() {
    client_refuses_user(
        "account_required",
        NO_ACCOUNT,
        "ACCOUNT_REQUIRED",
        "Account not configured",
        "Account Required",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plan_required() {
    client_refuses_user(
        "plan_required",
        NO_PLAN,
        "PLAN_REQUIRED",
        "Plan not configured",
        "Plan Required",
    )
    .await;
}
