//! What a user does, in several steps: signing in, in the browser or as any program would.

use crate::browser::Browser;
use crate::scenario::Scenario;
use crate::{screen, PASSWORD};

/// Fills in the sign-in form and presses `Sign in`.
pub async fn sign_in(browser: &Browser, email: &str, password: &str) {
    browser.type_into("Email", email).await;
    browser.type_into("Password", password).await;
    browser.press("Sign in").await;
}

/// Opens `/signin`, signs in as a demo user and waits for the dashboard with the user's
/// email in the header.
pub async fn sign_in_to_dashboard(scenario: &Scenario, email: &str) {
    let browser = scenario.browser();
    scenario.open("/signin").await;
    screen::wait_sign_in_form(browser).await;
    sign_in(browser, email, PASSWORD).await;
    browser.wait_for_page("/dashboard").await;
    screen::wait_signed_in_as(browser, email).await;
}

/// Signs in, then follows the header's `Content` link and waits for the titles.
pub async fn sign_in_to_content(scenario: &Scenario, email: &str) {
    sign_in_to_dashboard(scenario, email).await;
    let browser = scenario.browser();
    browser.follow("Content").await;
    browser.wait_for_page("/dashboard/content").await;
    browser.wait_for_text(crate::A_CONTENT_TITLE).await;
}

/// A demo user's access token, asked for from the backend's login as any program would.
pub async fn access_token(scenario: &Scenario, email: &str) -> String {
    let login = answer_json(
        reqwest::Client::new()
            .post(scenario.backend().url(reference_backend::paths::LOGIN))
            .json(&serde_json::json!({"email": email, "password": PASSWORD})),
        "login",
    )
    .await;
    let body = login.get("data").unwrap_or(&login);
    body["access"].as_str().expect("an access token").to_owned()
}

/// The logout events the backend stored that match `query` (e.g. `?code=MANUAL_LOGOUT`), as
/// staff read them; waits up to 5 s for the first, since the app reports with `keepalive`
/// and nobody waits on it.
pub async fn reported_events(scenario: &Scenario, query: &str) -> Vec<serde_json::Value> {
    let access = access_token(scenario, crate::STAFF).await;
    let url = scenario
        .backend()
        .url(&format!("{}{query}", reference_backend::paths::LOGOUT_EVENTS));
    let mut events = Vec::new();
    for _ in 0..50 {
        let answer = answer_json(reqwest::Client::new().get(&url).bearer_auth(&access), "events").await;
        let list = answer.get("data").unwrap_or(&answer);
        let list = list.get("results").unwrap_or(list);
        events = list.as_array().cloned().unwrap_or_default();
        if !events.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    events
}

/// Sends `request` and reads its answer as JSON; `what` names it in a failure.
async fn answer_json(request: reqwest::RequestBuilder, what: &str) -> serde_json::Value {
    let answer = request.send().await.unwrap_or_else(|e| panic!("{what} answers: {e}"));
    answer.json().await.unwrap_or_else(|e| panic!("{what} JSON: {e}"))
}

/// Opens another tab of the browser on `path`, shown (switched to), and waits until it is
/// signed in as `email` there, as the tabs of one browser share one session.
pub async fn another_tab_on(scenario: &Scenario, path: &str, email: &str) -> fantoccini::wd::WindowHandle {
    let browser = scenario.browser();
    let client = browser.client();
    let tab = client.new_window(true).await.expect("another tab").handle;
    client.switch_to_window(tab.clone()).await.expect("to the new tab");
    browser.goto(&scenario.url(path)).await;
    screen::wait_signed_in_as(browser, email).await;
    tab
}
