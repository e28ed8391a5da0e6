//! Scenario: coming back in every tab (CONTRACT 11.4). Two tabs of one user are both on
//! `/signin` after a logout; signing in again in one brings the other back to the page it
//! was on within 2 s, without typing anything. Another user's sign-in leaves it signed out.

use std::time::{Duration, Instant};

use e2e::{screen, user, wait, Scenario, A_CONTENT_TITLE, DEMO, PASSWORD, STAFF};
use fantoccini::wd::WindowHandle;

/// Waits until the current tab is on `/signin` (with or without a `next`).
async fn on_sign_in(scenario: &Scenario) {
    let browser = scenario.browser();
    wait::until("the sign-in page", || async {
        browser.page().await.starts_with("/signin").then_some(())
    })
    .await;
}

/// Two tabs of the demo user (the first on the content, the second on the dashboard), then
/// the session ends; whichever tab meets it first, both end up on `/signin`, the second with
/// the box.
async fn both_tabs_signed_out(scenario: &Scenario) -> (WindowHandle, WindowHandle) {
    user::sign_in_to_content(scenario, DEMO).await;
    let browser = scenario.browser();
    let client = browser.client();
    let first = client.window().await.expect("the first tab");
    let second = user::another_tab_on(scenario, "/dashboard", DEMO).await;

    client.switch_to_window(first.clone()).await.expect("to the first tab");
    // The tab's own check on coming to the front is answered before the session ends.
    scenario.backend().wait_until_quiet().await;
    scenario.backend().act_on(DEMO, "session_account_mismatch").await;
    browser.reload().await;
    on_sign_in(scenario).await;
    // The mismatch is the backend's state: gone, so that signing in again works.
    scenario.backend().act_on(DEMO, "reset").await;

    client
        .switch_to_window(second.clone())
        .await
        .expect("to the second tab");
    on_sign_in(scenario).await;
    screen::wait_session_ended(browser).await;
    client
        .switch_to_window(first.clone())
        .await
        .expect("back to the first tab");
    (first, second)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_again_in_one_tab_brings_the_other_back_to_its_page() {
    let scenario = Scenario::start("every_tab_comes_back").await;
    let (_first, second) = both_tabs_signed_out(&scenario).await;
    let browser = scenario.browser();
    user::sign_in(browser, DEMO, PASSWORD).await;
    browser.wait_for_text(A_CONTENT_TITLE).await;
    let signed_in = Instant::now();

    browser
        .client()
        .switch_to_window(second)
        .await
        .expect("to the second tab");
    wait::until_within(Duration::from_secs(3), "the second tab back on its page", || async {
        (browser.page().await == "/dashboard").then_some(())
    })
    .await;
    let came_back = signed_in.elapsed();
    assert!(came_back <= Duration::from_secs(2), "back within 2 s: {came_back:?}");
    screen::wait_signed_in_as(browser, DEMO).await;
    browser.wait_for_text("Acme").await;
    assert!(!screen::shows_session_ended(browser).await);
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_users_sign_in_leaves_the_other_tab_signed_out() {
    let scenario = Scenario::start("another_user_stays_out").await;
    let (_first, second) = both_tabs_signed_out(&scenario).await;
    let browser = scenario.browser();
    user::sign_in(browser, STAFF, PASSWORD).await;
    screen::wait_signed_in_as(browser, STAFF).await;

    browser
        .client()
        .switch_to_window(second)
        .await
        .expect("to the second tab");
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(browser.page().await.starts_with("/signin"), "still signed out");
    assert!(screen::shows_session_ended(browser).await, "the box stays");
    let text = browser.text().await;
    assert!(!text.contains(STAFF), "nothing of the other user here:\n{text}");
    scenario.finish().await;
}
