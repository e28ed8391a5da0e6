//! Scenario: signing in again without leaving the page (CONTRACT 11.3, `reauth_in_place`).
//! The staff list with text typed into its filter; the session ends with TOKEN_REFRESH_FAILED
//! while the filter is applied; the `Session Ended` dialog comes over the page; signing in
//! again as the same user closes it, the typed text and the address are as they were, and
//! the held request reaches the server exactly once (counted there). Another user lands on
//! `/dashboard`; `Sign out` goes to `/signin` with the reason; a middleware code leaves the
//! page as before. The dialog is audited with axe and used with the keyboard alone.

use std::time::{Duration, Instant};

use e2e::accessible::{self, Target};
use e2e::axe::Audit;
use e2e::keyboard;
use e2e::session_ended::{self, Expected};
use e2e::{screen, user, wait, Scenario, DEMO, PASSWORD, STAFF};
use fantoccini::key::Key;
use reference_backend::paths::LOGOUT_EVENTS;
use serde_json::json;

const DIALOG: Target<'static> = Target::new("dialog", "Session Ended");
const TYPED: &str = "typed before the end";
/// Margin past an access token's lifetime before it is surely expired.
const EXPIRY_MARGIN: Duration = Duration::from_millis(400);

/// How many times the backend has been asked for the logout events.
async fn event_lists(scenario: &Scenario) -> u64 {
    scenario.backend().stats().await["requests"][LOGOUT_EVENTS]
        .as_u64()
        .unwrap_or(0)
}

/// The count of logout-event requests once the report of the end (a POST to the same path)
/// has arrived: the baseline the held GET is counted from.
async fn after_the_report(scenario: &Scenario, before_the_end: u64) -> u64 {
    wait::until("the logout's report to arrive", || async {
        let now = event_lists(scenario).await;
        (now > before_the_end).then_some(now)
    })
    .await
}

/// Staff on the logout events page with text typed into the user filter; the refresh token
/// revoked and the access token ended; then `Filter`: the session ends under the dialog.
/// Returns the count of logout-event requests after the end's report.
async fn dialog_over_the_staff_page(scenario: &Scenario) -> u64 {
    let backend = scenario.backend();
    backend.set_access_ttl(2).await;
    user::sign_in_to_dashboard(scenario, STAFF).await;
    let browser = scenario.browser();
    browser.follow("Logout events").await;
    browser.wait_for_page("/dashboard/logout-events").await;
    browser.wait_for_text("No logout events match.").await;
    browser.type_into("User (email or id)", TYPED).await;
    backend.control(json!({"action": "revoke_refresh_tokens"})).await;
    wait::until_instant(Instant::now() + Duration::from_secs(2) + EXPIRY_MARGIN).await;
    let before_the_end = event_lists(scenario).await;
    browser.press("Filter").await;
    browser.wait_for(DIALOG).await;
    after_the_report(scenario, before_the_end).await
}

async fn field_value(scenario: &Scenario, label: &str) -> String {
    let field = scenario.browser().wait_for(accessible::textbox(label)).await;
    field.prop("value").await.ok().flatten().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_again_over_the_page_keeps_it_and_sends_the_held_request_once() {
    let scenario = Scenario::start_with_config("sign_in_again", json!({"reauth_in_place": true})).await;
    let before = dialog_over_the_staff_page(&scenario).await;
    let browser = scenario.browser();

    // The dialog, as the contract draws it, over the page left as it was.
    assert_eq!(browser.page().await, "/dashboard/logout-events", "the address stays");
    let dialog = browser.wait_for(DIALOG).await;
    let text = dialog.text().await.unwrap_or_default();
    assert!(text.contains("Your session expired and could not be renewed"), "{text}");
    assert!(text.contains("Technical details"), "{text}");
    assert_eq!(field_value(&scenario, "Email").await, STAFF, "the email is filled in");
    assert_eq!(field_value(&scenario, "Password").await, "", "the password never is");
    let focused = keyboard::focused(browser).await.expect("focus");
    assert_eq!(
        (focused.role.as_str(), focused.name.as_str()),
        ("textbox", "Password"),
        "focus moved in"
    );
    assert!(
        browser.stored_logout_reason().await.is_some(),
        "stored while the dialog is open"
    );
    browser
        .console()
        .wait_for("🚨 LOGOUT TRIGGERED - Token Refresh Failed:")
        .await;
    let mut audit = Audit::new();
    audit
        .check(browser, "the Session Ended dialog over the staff page")
        .await;
    audit.finish();
    scenario.snapshot("dialog").await;

    // Tab goes round the dialog only.
    let mut seen = Vec::new();
    for _ in 0..8 {
        browser.press_key(Key::Tab).await;
        let now = keyboard::focused(browser).await.expect("focus stays somewhere");
        keyboard::assert_focus_visible(browser, &now).await;
        seen.push(now.to_string());
    }
    assert!(
        seen.iter()
            .all(|stop| !stop.contains("Filter") && !stop.contains("Dashboard")),
        "Tab left the dialog: {seen:?}"
    );

    // The same user signs in again, with the keyboard.
    let password = browser.wait_for(accessible::textbox("Password")).await;
    password.send_keys(PASSWORD).await.expect("type the password");
    browser.press_key(Key::Enter).await;
    wait::until("the dialog closes", || async {
        browser.find(DIALOG).await.is_empty().then_some(())
    })
    .await;
    browser.wait_for_text("No logout events match.").await;
    assert_eq!(browser.page().await, "/dashboard/logout-events", "never left the page");
    assert_eq!(
        field_value(&scenario, "User (email or id)").await,
        TYPED,
        "typed text kept"
    );
    let focused = keyboard::focused(browser).await.expect("focus");
    assert_eq!(focused.name, "Filter", "focus back where it was");
    assert_eq!(
        event_lists(&scenario).await - before,
        1,
        "the held request, sent exactly once"
    );
    assert_eq!(browser.stored_logout_reason().await, None, "the reason is done with");
    screen::wait_signed_in_as(browser, STAFF).await;
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_user_lands_on_the_dashboard_with_nothing_of_the_page() {
    let scenario = Scenario::start_with_config("sign_in_again_other_user", json!({"reauth_in_place": true})).await;
    let before = dialog_over_the_staff_page(&scenario).await;
    let browser = scenario.browser();
    browser.type_into("Email", DEMO).await;
    browser.type_into("Password", PASSWORD).await;
    browser.press("Sign in").await;
    browser.wait_for_page("/dashboard").await;
    screen::wait_signed_in_as(browser, DEMO).await;
    browser.wait_for_text("Acme").await;
    assert!(browser.find(DIALOG).await.is_empty());
    assert!(!browser.text().await.contains(TYPED), "nothing of the page");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(event_lists(&scenario).await, before, "the held request was dropped");
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_out_in_the_dialog_goes_to_signin_with_the_reason() {
    let scenario = Scenario::start_with_config("sign_in_again_sign_out", json!({"reauth_in_place": true})).await;
    dialog_over_the_staff_page(&scenario).await;
    let browser = scenario.browser();
    let dialog = browser.wait_for(DIALOG).await;
    let sign_out = browser.wait_for_in(&dialog, accessible::button("Sign out")).await;
    sign_out.click().await.expect("press Sign out");
    session_ended::check(
        browser,
        &Expected {
            page: Some("/dashboard/logout-events"),
            ..session_ended::REFRESH_FAILED
        },
    )
    .await;
    assert!(!browser.console().has("User Action").await, "no MANUAL_LOGOUT is added");
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_middleware_code_still_leaves_the_page() {
    let scenario =
        Scenario::start_with_config("sign_in_again_not_for_middleware", json!({"reauth_in_place": true})).await;
    user::sign_in_to_dashboard(&scenario, DEMO).await;
    scenario.backend().act_on(DEMO, "deactivate_plan").await;
    let browser = scenario.browser();
    browser.follow("Content").await;
    browser.wait_for_page("/signin").await;
    screen::wait_session_ended(browser).await;
    assert!(browser.find(DIALOG).await.is_empty(), "no dialog for PLAN_INACTIVE");
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_sign_in_brings_back_the_tab_with_the_dialog_and_the_tab_on_signin() {
    let scenario = Scenario::start_with_config("three_tabs_come_back", json!({"reauth_in_place": true})).await;
    let browser = scenario.browser();
    let client = browser.client();
    let staff_list = client.window().await.expect("the first tab");
    let ttl = Duration::from_secs(2);
    scenario.backend().set_access_ttl(ttl.as_secs()).await;
    user::sign_in_to_dashboard(&scenario, STAFF).await;
    browser.follow("Logout events").await;
    browser.wait_for_text("No logout events match.").await;
    browser.type_into("User (email or id)", TYPED).await;
    let mut tabs = Vec::new();
    for page in ["/dashboard", "/dashboard/content"] {
        tabs.push(user::another_tab_on(&scenario, page, STAFF).await);
    }
    let (dashboard, content) = (tabs[0].clone(), tabs[1].clone());

    // The session ends on the staff list, under the dialog; the other two follow to /signin.
    client
        .switch_to_window(staff_list.clone())
        .await
        .expect("to the staff list");
    scenario
        .backend()
        .control(json!({"action": "revoke_refresh_tokens"}))
        .await;
    wait::until_instant(Instant::now() + ttl + EXPIRY_MARGIN).await;
    // Coming back to this tab may already have checked the session (and ended it).
    if browser.find(DIALOG).await.is_empty() {
        browser.press("Filter").await;
    }
    browser.wait_for(DIALOG).await;
    for tab in [&dashboard, &content] {
        client.switch_to_window(tab.clone()).await.expect("to a tab");
        browser.wait_for_page("/signin").await;
        screen::wait_session_ended(browser).await;
    }

    // The tab on the content signs in; the two others come back by themselves.
    user::sign_in(browser, STAFF, PASSWORD).await;
    browser.wait_for_page("/dashboard/content").await;
    let signed_in = Instant::now();
    client.switch_to_window(staff_list).await.expect("to the staff list");
    wait::until_within(Duration::from_secs(3), "the dialog to close", || async {
        browser.find(DIALOG).await.is_empty().then_some(())
    })
    .await;
    browser.wait_for_text("No logout events match.").await;
    assert_eq!(field_value(&scenario, "User (email or id)").await, TYPED);
    client.switch_to_window(dashboard).await.expect("to the dashboard tab");
    wait::until_within(Duration::from_secs(3), "the dashboard tab back", || async {
        (browser.page().await == "/dashboard").then_some(())
    })
    .await;
    let came_back = signed_in.elapsed();
    assert!(
        came_back <= Duration::from_secs(2),
        "both back within 2 s: {came_back:?}"
    );
    screen::wait_signed_in_as(browser, STAFF).await;
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_refresh_token_also_ends_under_the_dialog() {
    let scenario =
        Scenario::start_with_config("sign_in_again_no_refresh_token", json!({"reauth_in_place": true})).await;
    let backend = scenario.backend();
    let ttl = Duration::from_secs(2);
    backend.set_access_ttl(ttl.as_secs()).await;
    backend.switch("login_without_refresh", true).await;
    user::sign_in_to_dashboard(&scenario, DEMO).await;
    let browser = scenario.browser();
    browser.wait_for_text("Acme").await;
    wait::until_instant(Instant::now() + ttl + EXPIRY_MARGIN).await;
    browser.follow("Content").await;
    let dialog = browser.wait_for(DIALOG).await;
    let text = dialog.text().await.unwrap_or_default();
    assert!(text.contains("No refresh token available"), "{text}");
    assert_eq!(browser.page().await, "/dashboard/content");
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_scroll_position_is_kept_under_the_dialog() {
    let scenario = Scenario::start_with_config("sign_in_again_scroll", json!({"reauth_in_place": true})).await;
    // A list long enough to scroll: twenty reports of the demo user (the backend takes 30
    // a minute from one address).
    let access = user::access_token(&scenario, DEMO).await;
    let http = reqwest::Client::new();
    for n in 0..20 {
        let report = json!({"code": "PLAN_INACTIVE", "message": format!("report {n}"), "path": "/dashboard",
                            "context": {"email": DEMO}, "source": "backend_middleware"});
        http.post(scenario.backend().url(LOGOUT_EVENTS))
            .bearer_auth(&access)
            .json(&report)
            .send()
            .await
            .expect("the events endpoint answers")
            .error_for_status()
            .expect("the report is stored");
    }
    let ttl = Duration::from_secs(2);
    scenario.backend().set_access_ttl(ttl.as_secs()).await;
    user::sign_in_to_dashboard(&scenario, STAFF).await;
    let browser = scenario.browser();
    browser.follow("Logout events").await;
    browser.wait_for_text("report 19").await;
    browser.type_into("User (email or id)", TYPED).await;
    browser.script("window.scrollTo(0, 600);").await;
    let scrolled = browser.script("return window.scrollY;").await;
    assert!(scrolled.as_f64().unwrap_or(0.0) > 0.0, "the page scrolls: {scrolled}");

    // The session ends while the tab comes back into view (the session is checked then).
    scenario
        .backend()
        .control(json!({"action": "revoke_refresh_tokens"}))
        .await;
    wait::until_instant(Instant::now() + ttl + EXPIRY_MARGIN).await;
    browser
        .script("document.dispatchEvent(new Event('visibilitychange'));")
        .await;
    browser.wait_for(DIALOG).await;
    browser.type_into("Password", PASSWORD).await;
    browser.press("Sign in").await;
    wait::until("the dialog closes", || async {
        browser.find(DIALOG).await.is_empty().then_some(())
    })
    .await;
    assert_eq!(
        browser.script("return window.scrollY;").await,
        scrolled,
        "the scroll is kept"
    );
    assert_eq!(
        field_value(&scenario, "User (email or id)").await,
        TYPED,
        "and the typed text"
    );
    scenario.finish().await;
}
