//! Scenario 1: each of the backend middleware's eight codes ends the session on the next
//! request, and the sign-in page explains it.

use e2e::session_ended::{self, Expected};
use e2e::{user, Scenario, DEMO};

/// Signed in on `/dashboard/content`; `action` is applied to the user; the user reloads
/// the page (the next request) and must land on `/signin` with the explanation.
async fn middleware_ends_session(action: &str, code: &str, message: &str) {
    let scenario = Scenario::start(&format!("middleware_{}", code.to_lowercase())).await;
    user::sign_in_to_content(&scenario, DEMO).await;
    scenario.backend().act_on(DEMO, action).await;

    let browser = scenario.browser();
    browser.reload().await;
    session_ended::check(browser, &Expected::middleware(code, message)).await;
    scenario.snapshot("box").await;
    session_ended::check_gone_after_reload(browser).await;
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_account_mismatch() {
    middleware_ends_session(
        "session_account_mismatch",
        "SESSION_ACCOUNT_MISMATCH",
        "Session contamination: account ID mismatch",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_user_mismatch() {
    middleware_ends_session(
        "session_user_mismatch",
        "SESSION_USER_MISMATCH",
        "Session contamination: user ID mismatch",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn account_missing() {
    middleware_ends_session(
        "delete_account",
        "ACCOUNT_MISSING",
        "Account not configured for this user",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn account_suspended() {
    middleware_ends_session("suspend_account", "ACCOUNT_SUSPENDED", "Account is suspended").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn account_cancelled() {
    middleware_ends_session("cancel_account", "ACCOUNT_CANCELLED", "Account is cancelled").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plan_missing() {
    middleware_ends_session("delete_plan", "PLAN_MISSING", "No subscription plan assigned").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plan_inactive() {
    middleware_ends_session("deactivate_plan", "PLAN_INACTIVE", "Subscription plan is inactive").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_inactive() {
    middleware_ends_session("deactivate_user", "USER_INACTIVE", "User account is inactive").await;
}
