//! Scenario 5: text from the backend that holds HTML is shown as text, never run or
//! rendered as markup.

use e2e::{screen, user, Scenario, STAFF};
use serde_json::json;

/// Markup that would show bold text, load an image and change the title if it were HTML.
const HOSTILE_MESSAGE: &str =
    r#"<b>bold</b><img src=x onerror="document.title='pwned'"><script>document.title='pwned'</script>"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backend_html_is_shown_as_text() {
    let scenario = Scenario::start("backend_html_is_shown_as_text").await;
    // Anyone may report a logout event, so a hostile one is stored like any other; the
    // backend then serves its message to the staff's events page.
    let response = reqwest::Client::new()
        .post(scenario.backend().url("/api/v1/auth/logout-events/"))
        .json(&json!({
            "code": "HOSTILE_TEXT",
            "message": HOSTILE_MESSAGE,
            "path": "/dashboard/<i>content</i>",
            "context": {},
            "timestamp": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "source": "<u>backend_middleware</u>",
        }))
        .send()
        .await
        .expect("the events endpoint answers");
    assert_eq!(response.status().as_u16(), 201);

    user::sign_in_to_dashboard(&scenario, STAFF).await;
    let browser = scenario.browser();
    browser.follow("Logout events").await;
    browser.wait_for_page("/dashboard/logout-events").await;
    browser.wait_for_text(HOSTILE_MESSAGE).await;
    browser.wait_for_text("/dashboard/<i>content</i>").await;
    browser.wait_for_text("<u>backend_middleware</u>").await;

    let main = "//main";
    for tag in ["b", "img", "script", "i", "u"] {
        assert!(
            browser.visible(&format!("{main}//{tag}")).await.is_empty()
                && browser
                    .script(&format!("return document.querySelectorAll('main {tag}').length;"))
                    .await
                    == 0,
            "a <{tag}> from the backend's text became an element"
        );
    }
    let title = browser.script("return document.title;").await;
    assert_ne!(title, "pwned", "markup from the backend ran");
    screen::wait_signed_in_as(browser, STAFF).await;
    scenario.finish().await;
}
