//! Scenario: reasons in the standard shapes other backends use (CONTRACT 11.5), against the
//! reference backend answering that way: RFC 6750's `WWW-Authenticate: Bearer error=…`,
//! RFC 9457's `application/problem+json` (with a `logout_reason` and without), and
//! `insufficient_scope`, which is a permission error and never a logout.

use std::time::{Duration, Instant};

use e2e::session_ended::{self, Expected};
use e2e::{screen, user, wait, Scenario, DEMO};
use serde_json::json;

/// Margin past an access token's lifetime before it is surely expired.
const EXPIRY_MARGIN: Duration = Duration::from_millis(400);

/// Signs in with one-second tokens, switches the backend to `shape`, revokes the sign-in and
/// reloads once the token has ended: the first request meets the refusal in that shape.
async fn refused_after_reload(scenario: &Scenario, shape: &str) -> session_ended::Details {
    let backend = scenario.backend();
    backend.set_access_ttl(1).await;
    user::sign_in_to_content(scenario, DEMO).await;
    backend.control(json!({"action": "auth_errors", "shape": shape})).await;
    backend.control(json!({"action": "revoke_refresh_tokens"})).await;
    wait::until_instant(Instant::now() + Duration::from_secs(1) + EXPIRY_MARGIN).await;
    let browser = scenario.browser();
    browser.reload().await;
    session_ended::check(browser, &session_ended::REFRESH_FAILED).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_rfc_6750_refusal_is_a_stale_token_and_its_words_are_kept() {
    let scenario = Scenario::start("rfc6750_invalid_token").await;
    let details = refused_after_reload(&scenario, "rfc6750").await;
    let said = &details.context["www_authenticate"];
    assert_eq!(said["error"], "invalid_token", "{}", details.context);
    assert!(said["error_description"].is_string(), "{}", details.context);
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rfc_9457_problem_details_without_a_reason_are_kept_in_the_context() {
    let scenario = Scenario::start("rfc9457_problem").await;
    let details = refused_after_reload(&scenario, "rfc9457").await;
    let problem = &details.context["problem"];
    assert_eq!(problem["title"], "Authentication failed", "{}", details.context);
    // The instance is the request that met the refusal.
    assert_eq!(problem["instance"], details.context["endpoint"], "{}", details.context);
    assert!(problem["type"]
        .as_str()
        .is_some_and(|kind| kind.starts_with("https://")));
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_rfc_9457_logout_reads_its_reason_and_message_from_the_problem() {
    let scenario = Scenario::start("rfc9457_logout").await;
    user::sign_in_to_content(&scenario, DEMO).await;
    let backend = scenario.backend();
    backend
        .control(json!({"action": "auth_errors", "shape": "rfc9457"}))
        .await;
    backend.act_on(DEMO, "suspend_account").await;
    let browser = scenario.browser();
    browser.reload().await;
    let details = session_ended::check(
        browser,
        &Expected::middleware("ACCOUNT_SUSPENDED", "Account is suspended"),
    )
    .await;
    assert_eq!(details.context["status"], 401, "{}", details.context);
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn insufficient_scope_is_a_permission_error_and_the_user_stays_signed_in() {
    let scenario = Scenario::start("insufficient_scope").await;
    user::sign_in_to_dashboard(&scenario, DEMO).await;
    scenario.backend().switch("insufficient_scope", true).await;
    let browser = scenario.browser();
    browser.follow("Content").await;
    browser
        .wait_for_text("You don't have permission to view this page")
        .await;
    screen::wait_signed_in_as(browser, DEMO).await;
    assert_eq!(browser.page().await, "/dashboard/content", "still on the page");
    assert_eq!(browser.stored_logout_reason().await, None, "no logout");
    scenario.finish().await;
}
