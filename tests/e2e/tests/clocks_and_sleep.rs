//! Scenario: clocks and sleep (CONTRACT 11.1), with time driven the way a user's machine
//! drives it: a browser clock two hours ahead or behind the server's, a laptop's sleep of
//! two hours, a backend that keeps handing out tokens already ended, and a hung tab holding
//! the refresh lock.

use std::time::{Duration, Instant};

use e2e::session_ended;
use e2e::{clock, screen, user, wait, Scenario, A_CONTENT_TITLE, DEMO};

const HOUR_MS: i64 = 3_600_000;
/// Margin past an access token's lifetime before it is surely expired.
const EXPIRY_MARGIN: Duration = Duration::from_millis(400);

/// Goes back and forth between the dashboard and the content for `how_long`, as a user
/// reading would; every page asks the backend.
async fn browse_for(scenario: &Scenario, how_long: Duration) {
    let browser = scenario.browser();
    let until = Instant::now() + how_long;
    while Instant::now() < until {
        browser.follow("Dashboard").await;
        browser.wait_for_text("Acme").await;
        browser.follow("Content").await;
        browser.wait_for_text(A_CONTENT_TITLE).await;
    }
}

/// With a clock `shift_ms` off the server's, twelve seconds of browsing with 8-second
/// tokens: still signed in, and at most one refresh per token lifetime.
async fn a_skewed_clock_changes_nothing(name: &str, shift_ms: i64) {
    let scenario = Scenario::start(name).await;
    let browser = scenario.browser();
    clock::install(browser, shift_ms).await;
    let ttl = Duration::from_secs(8);
    scenario.backend().set_access_ttl(ttl.as_secs()).await;
    user::sign_in_to_content(&scenario, DEMO).await;
    let before = scenario.backend().refresh_calls().await;
    let browsing = Duration::from_secs(12);
    browse_for(&scenario, browsing).await;
    let refreshes = scenario.backend().refresh_calls().await - before;
    assert!(
        refreshes <= 2,
        "{refreshes} refreshes in {browsing:?} of {ttl:?} tokens, with the clock {shift_ms} ms off"
    );
    screen::wait_signed_in_as(browser, DEMO).await;
    assert_eq!(browser.stored_logout_reason().await, None, "no logout");
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_clock_two_hours_ahead_changes_nothing() {
    a_skewed_clock_changes_nothing("clock_two_hours_ahead", 2 * HOUR_MS).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_clock_two_hours_behind_changes_nothing() {
    a_skewed_clock_changes_nothing("clock_two_hours_behind", -2 * HOUR_MS).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_night_asleep_costs_exactly_one_refresh() {
    let scenario = Scenario::start("slept_two_hours").await;
    let browser = scenario.browser();
    clock::install(browser, 0).await;
    scenario.backend().set_access_ttl(60).await;
    user::sign_in_to_content(&scenario, DEMO).await;
    let before = scenario.backend().refresh_calls().await;

    clock::sleep_for(browser, 2 * HOUR_MS).await;
    wait::until("one refresh after waking", || async {
        (scenario.backend().refresh_calls().await - before == 1).then_some(())
    })
    .await;
    browser.follow("Dashboard").await;
    browser.wait_for_text("Acme").await;
    browser.follow("Content").await;
    browser.wait_for_text(A_CONTENT_TITLE).await;
    assert_eq!(
        scenario.backend().refresh_calls().await - before,
        1,
        "exactly one refresh, before any request"
    );
    assert_eq!(browser.stored_logout_reason().await, None, "no logout");
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_that_ended_during_the_night_says_how_long_the_tab_slept() {
    let scenario = Scenario::start("session_ended_asleep").await;
    let browser = scenario.browser();
    clock::install(browser, 0).await;
    scenario.backend().set_access_ttl(60).await;
    user::sign_in_to_content(&scenario, DEMO).await;
    scenario
        .backend()
        .control(serde_json::json!({ "action": "revoke_refresh_tokens" }))
        .await;

    clock::sleep_for(browser, 2 * HOUR_MS).await;
    let details = session_ended::check_with_clock(
        browser,
        &session_ended::REFRESH_FAILED,
        chrono::Duration::milliseconds(2 * HOUR_MS),
    )
    .await;
    let slept_s = details.context["slept_s"].as_i64().unwrap_or_default();
    assert!(
        (7_200..7_260).contains(&slept_s),
        "slept_s should be the two hours away: {}",
        details.context
    );
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backend_handing_out_ended_tokens_meets_the_renew_loop_breaker() {
    let scenario = Scenario::start("renew_loop").await;
    let ttl = Duration::from_secs(2);
    scenario.backend().set_access_ttl(ttl.as_secs()).await;
    user::sign_in_to_dashboard(&scenario, DEMO).await;
    let browser = scenario.browser();
    browser.wait_for_text("Acme").await;
    scenario.backend().switch("issue_ended_tokens", true).await;
    wait::until_instant(Instant::now() + ttl + EXPIRY_MARGIN).await;
    let before = scenario.backend().refresh_calls().await;

    browser.follow("Content").await;
    let details = session_ended::check(browser, &session_ended::REFRESH_FAILED).await;
    assert_eq!(details.context["renew_loop"], true, "{}", details.context);
    assert!(
        details.context["clock_offset_ms"].is_i64(),
        "the clock offset is reported: {}",
        details.context
    );
    assert_eq!(
        scenario.backend().refresh_calls().await - before,
        3,
        "three refresh calls, then none"
    );
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hung_tab_holding_the_refresh_lock_holds_up_another_for_about_ten_seconds() {
    let scenario = Scenario::start("hung_tab_lock").await;
    let ttl = Duration::from_secs(2);
    scenario.backend().set_access_ttl(ttl.as_secs()).await;
    user::sign_in_to_dashboard(&scenario, DEMO).await;
    let browser = scenario.browser();
    browser.wait_for_text("Acme").await;

    // Another tab of the origin takes the refresh lock and never lets go.
    let client = browser.client();
    let first = client.window().await.expect("the first tab");
    let hung = client.new_window(true).await.expect("a second tab").handle;
    client.switch_to_window(hung).await.expect("to the hung tab");
    browser.goto(&scenario.url("/config.json")).await;
    browser
        .script(r#"navigator.locks.request("logout-tracker-token-refresh", () => new Promise(() => {}));"#)
        .await;
    client.switch_to_window(first).await.expect("back to the first tab");

    wait::until_instant(Instant::now() + ttl + EXPIRY_MARGIN).await;
    let before = scenario.backend().refresh_calls().await;
    let asked = Instant::now();
    browser.follow("Content").await;
    browser.wait_for_text(A_CONTENT_TITLE).await;
    let waited = asked.elapsed();
    assert!(
        waited >= Duration::from_secs(9) && waited < Duration::from_secs(16),
        "the lock is taken over after about 10 s: {waited:?}"
    );
    browser.console().wait_for("takes it over").await;
    assert_eq!(scenario.backend().refresh_calls().await - before, 1);
    assert_eq!(browser.stored_logout_reason().await, None, "no logout");
    scenario.finish().await;
}
