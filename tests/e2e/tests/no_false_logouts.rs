//! Scenario 3: what must never log anyone out. A stale token that refresh renews, server
//! errors, a backend that is away for a while, a page the user may not see, a wrong
//! password.

use std::time::{Duration, Instant};

use e2e::{screen, user, wait, Scenario, A_CONTENT_TITLE, DEMO, PASSWORD};

/// Still signed in: not sent to `/signin`, the header still names the user, and no reason
/// was stored.
async fn assert_still_signed_in(scenario: &Scenario, page: &str) {
    let browser = scenario.browser();
    screen::wait_signed_in_as(browser, DEMO).await;
    assert_eq!(browser.page().await, page, "the user was moved off the page");
    assert_eq!(browser.stored_logout_reason().await, None, "a logout reason was stored");
    assert!(
        !browser.console().has("LOGOUT TRIGGERED").await,
        "the console reports a logout"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stale_access_token_is_refreshed_once() {
    let scenario = Scenario::start("stale_access_token_is_refreshed_once").await;
    let backend = scenario.backend();
    backend.set_access_ttl(1).await;
    user::sign_in_to_dashboard(&scenario, DEMO).await;
    let browser = scenario.browser();
    browser.wait_for_text("Acme").await;
    // Tokens renewed from now on last; the one held expires within the second.
    backend.set_access_ttl(300).await;
    wait::until_instant(Instant::now() + Duration::from_millis(1400)).await;
    let refreshes_before = backend.refresh_calls().await;

    // The dashboard asks for the user and the content at once, both with the stale token.
    browser.reload().await;
    browser.wait_for_page("/dashboard").await;
    browser.wait_for_text("Acme").await;
    browser.wait_for_text("Pro").await;
    assert_still_signed_in(&scenario, "/dashboard").await;
    assert_eq!(
        backend.refresh_calls().await - refreshes_before,
        1,
        "the concurrent requests should share one refresh; stats: {}",
        backend.stats().await
    );
    scenario.finish().await;
}

/// The next API requests fail with `status`: an error state, no logout; once the fault
/// clears, `Try again` shows the data.
async fn server_error_keeps_user(name: &str, status: u16, html: bool) {
    let scenario = Scenario::start(name).await;
    user::sign_in_to_content(&scenario, DEMO).await;
    let (backend, browser) = (scenario.backend(), scenario.browser());
    backend.fail_with(status, html, 1000).await;

    browser.follow("Dashboard").await;
    browser.wait_for_page("/dashboard").await;
    screen::wait_error_state(browser).await;
    assert_still_signed_in(&scenario, "/dashboard").await;
    scenario.snapshot("error").await;

    backend.fail_with(status, html, 0).await;
    screen::try_again(browser).await;
    browser.wait_for_text("Acme").await;
    assert_still_signed_in(&scenario, "/dashboard").await;
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_500_keep_the_user() {
    server_error_keeps_user("server_errors_500_keep_the_user", 500, false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_502_keeps_the_user() {
    server_error_keeps_user("html_502_keeps_the_user", 502, true).await;
}

/// The backend's port closes for a few seconds (connections refused) and opens again with
/// the backend's state intact: an error state meanwhile, the data once it is back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backend_away_then_back_keeps_the_user() {
    let mut scenario = Scenario::start_behind_relay("backend_away_then_back_keeps_the_user").await;
    user::sign_in_to_content(&scenario, DEMO).await;
    scenario.relay_mut().stop().await;

    let browser = scenario.browser();
    browser.follow("Dashboard").await;
    browser.wait_for_page("/dashboard").await;
    screen::wait_error_state(browser).await;
    assert_still_signed_in(&scenario, "/dashboard").await;
    // Trying again while it is still away is one more network error, still no logout.
    screen::try_again(browser).await;
    screen::wait_error_state(browser).await;
    assert_still_signed_in(&scenario, "/dashboard").await;
    scenario.snapshot("error").await;

    scenario.relay_mut().resume().await;
    let browser = scenario.browser();
    screen::try_again(browser).await;
    browser.wait_for_text("Acme").await;
    browser.follow("Content").await;
    browser.wait_for_text(A_CONTENT_TITLE).await;
    assert_still_signed_in(&scenario, "/dashboard/content").await;
    scenario.finish().await;
}

/// The reference backend itself stops and starts again. While it is down: an error state,
/// still signed in. A restart recreates its database and signing key, so it no longer
/// knows the session: the only logout allowed is TOKEN_REFRESH_FAILED once it answers
/// again, never one caused by the outage; signing in again shows the data.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backend_restart_only_ends_a_forgotten_session() {
    let mut scenario = Scenario::start("backend_restart_only_ends_a_forgotten_session").await;
    user::sign_in_to_content(&scenario, DEMO).await;
    scenario.backend_mut().stop().await;

    let browser = scenario.browser();
    browser.follow("Dashboard").await;
    browser.wait_for_page("/dashboard").await;
    screen::wait_error_state(browser).await;
    assert_still_signed_in(&scenario, "/dashboard").await;
    screen::try_again(browser).await;
    screen::wait_error_state(browser).await;
    assert_still_signed_in(&scenario, "/dashboard").await;
    scenario.snapshot("error").await;

    scenario.backend_mut().start_again().await;
    let browser = scenario.browser();
    screen::try_again(browser).await;
    e2e::session_ended::check(
        browser,
        &e2e::session_ended::Expected {
            code: "TOKEN_REFRESH_FAILED",
            message: "Token refresh failed - session expired",
            source: "token_refresh_failure",
            page: Some("/dashboard"),
            console_line: "🚨 LOGOUT TRIGGERED - Token Refresh Failed:",
        },
    )
    .await;
    user::sign_in(browser, DEMO, PASSWORD).await;
    browser.wait_for_page("/dashboard").await;
    browser.wait_for_text("Acme").await;
    screen::wait_signed_in_as(browser, DEMO).await;
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn non_staff_on_logout_events_stays_signed_in() {
    let scenario = Scenario::start("non_staff_on_logout_events_stays_signed_in").await;
    user::sign_in_to_dashboard(&scenario, DEMO).await;
    let browser = scenario.browser();
    scenario.open("/dashboard/logout-events").await;
    browser
        .wait_for_text("You don't have permission to view this page")
        .await;
    assert_still_signed_in(&scenario, "/dashboard/logout-events").await;
    // And the rest of the app still works.
    browser.follow("Content").await;
    browser.wait_for_text(A_CONTENT_TITLE).await;
    assert_still_signed_in(&scenario, "/dashboard/content").await;
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_password_is_a_form_error() {
    let scenario = Scenario::start("wrong_password_is_a_form_error").await;
    let browser = scenario.browser();
    scenario.open("/signin").await;
    screen::wait_sign_in_form(browser).await;
    user::sign_in(browser, DEMO, "not-the-password").await;
    browser
        .wait_for_text("No active account found with the given credentials")
        .await;
    assert_eq!(browser.page().await, "/signin");
    assert!(
        !screen::shows_session_ended(browser).await,
        "a wrong password is no logout"
    );
    assert_eq!(browser.stored_logout_reason().await, None);
    assert_eq!(
        scenario.backend().refresh_calls().await,
        0,
        "a failed sign-in never refreshes"
    );
    // The form is still there to try again, and the right password works.
    user::sign_in(browser, DEMO, PASSWORD).await;
    browser.wait_for_page("/dashboard").await;
    screen::wait_signed_in_as(browser, DEMO).await;
    scenario.finish().await;
}
