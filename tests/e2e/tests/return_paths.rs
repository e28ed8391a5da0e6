//! Scenario 4: where signing in again leads, and that it never leads off the app.

use e2e::session_ended::{self, Expected};
use e2e::{screen, user, Scenario, A_CONTENT_TITLE, DEMO, PASSWORD};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_after_logout_returns_to_the_page() {
    let scenario = Scenario::start("sign_in_after_logout_returns_to_the_page").await;
    user::sign_in_to_content(&scenario, DEMO).await;
    let backend = scenario.backend();
    backend.act_on(DEMO, "suspend_account").await;
    let browser = scenario.browser();
    browser.reload().await;
    session_ended::check(
        browser,
        &Expected::middleware("ACCOUNT_SUSPENDED", "Account is suspended"),
    )
    .await;

    // Support reactivates the account; the user signs in again from the same page.
    backend.act_on(DEMO, "reset").await;
    user::sign_in(browser, DEMO, PASSWORD).await;
    browser.wait_for_page("/dashboard/content").await;
    browser.wait_for_text(A_CONTENT_TITLE).await;
    screen::wait_signed_in_as(browser, DEMO).await;
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn explicit_next_is_followed() {
    let scenario = Scenario::start("explicit_next_is_followed").await;
    let browser = scenario.browser();
    // A signed-out visit to a protected page asks for a sign-in first, then goes there.
    scenario.open("/dashboard/content").await;
    e2e::wait::until("/signin?next=/dashboard/content", || async {
        let page = browser.page().await.replace("%2F", "/").replace("%2f", "/");
        (page == "/signin?next=/dashboard/content").then_some(())
    })
    .await;
    assert!(!screen::shows_session_ended(browser).await, "a visit is not a logout");
    user::sign_in(browser, DEMO, PASSWORD).await;
    browser.wait_for_page("/dashboard/content").await;
    browser.wait_for_text(A_CONTENT_TITLE).await;
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_next_lands_on_dashboard() {
    let scenario = Scenario::start("hostile_next_lands_on_dashboard").await;
    let browser = scenario.browser();
    let app_host = browser_host(&scenario).await;
    scenario.open("/signin?next=//example.com").await;
    screen::wait_sign_in_form(browser).await;
    user::sign_in(browser, DEMO, PASSWORD).await;
    browser.wait_for_page("/dashboard").await;
    assert_eq!(browser.host().await, app_host, "the browser left the app");
    screen::wait_signed_in_as(browser, DEMO).await;
    scenario.finish().await;
}

async fn browser_host(scenario: &Scenario) -> String {
    scenario.backend().addr().to_string()
}
