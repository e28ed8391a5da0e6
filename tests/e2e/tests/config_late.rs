//! A slow `/config.json` (the backend's `config_delay`): the app renders without waiting for
//! it, so the Session Ended box is on screen before the file has arrived and its links come
//! with the file; no request goes out before it, so every request uses the file's settings.
//! A file that never answers counts as missing after a request's default timeout.

use std::time::Duration;

use e2e::accessible::Target;
use e2e::{screen, session_ended, wait};
use e2e::{user, Scenario, DEMO, PASSWORD};
use serde_json::{json, Value};

const BILLING: &str = "https://billing.example.com/renew";
/// The box's billing link, by its accessible name.
const BILLING_LINK: &str = "Go to billing (opens in a new tab)";
/// How late `/config.json` answers.
const DELAY_MS: u64 = 2_500;

/// A reason as the app stores it before it sends the user to `/signin`.
const REASON: &str = r#"{"code":"PLAN_INACTIVE","message":"Subscription plan is inactive","path":"/dashboard/content","context":{"plan_id":7},"timestamp":"2026-12-05T10:30:45.123Z","source":"backend_middleware"}"#;

/// Installed before the page's own scripts: notes, when the box first shows, how far the
/// page is and whether `/config.json` has arrived (a resource entry is added when it has).
const WATCH_THE_BOX: &str = r#"(() => {
  const box = () => [...document.querySelectorAll('[role="alert"]')]
    .find((el) => el.textContent.includes('Session Ended'));
  new MutationObserver((_, observer) => {
    const el = box();
    if (!el || !el.checkVisibility()) return;
    observer.disconnect();
    window.__boxSeen = {
      at: performance.now(),
      config_arrived: performance.getEntriesByName(location.origin + '/config.json').length > 0,
      links: [...el.querySelectorAll('a')].length,
    };
  }).observe(document, { childList: true, subtree: true });
})();"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_box_shows_before_config_json_arrives_and_its_link_comes_with_it() {
    let scenario = Scenario::start_with_config("config_late_box", json!({"billing_url": BILLING})).await;
    let browser = scenario.browser();
    browser.goto(&scenario.backend().url("/signin")).await;
    // The first page has rendered, and so taken its (empty) reason, before the reason is
    // stored for the reload: on a slow machine it could otherwise take this one.
    screen::wait_sign_in_form(browser).await;
    browser
        .script(&format!(
            "localStorage.setItem('logout_reason', {}); return null;",
            json!(REASON)
        ))
        .await;
    browser
        .devtools(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": WATCH_THE_BOX }),
        )
        .await;
    scenario
        .backend()
        .control(json!({"action": "config_delay", "ms": DELAY_MS}))
        .await;
    browser.reload().await;

    // The link is there once the file is.
    browser.wait_for(Target::new("link", BILLING_LINK)).await;
    let seen = browser.script("return window.__boxSeen ?? null;").await;
    let config_end = browser
        .script("return performance.getEntriesByName(location.origin + '/config.json')[0]?.responseEnd ?? null;")
        .await;
    assert_eq!(
        seen["config_arrived"],
        json!(false),
        "the box waited for config.json: {seen}"
    );
    assert_eq!(seen["links"], json!(0), "no billing link before config.json: {seen}");
    let (box_at, config_at) = (seen["at"].as_f64(), config_end.as_f64());
    assert!(
        matches!((box_at, config_at), (Some(b), Some(c)) if b + 1_000.0 < c),
        "the box at {box_at:?} ms, config.json at {config_at:?} ms"
    );
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_request_goes_out_before_config_json_arrives() {
    let scenario = Scenario::start_with_config("config_late_requests", json!({"billing_url": BILLING})).await;
    user::sign_in_to_content(&scenario, DEMO).await;
    scenario.backend().act_on(DEMO, "deactivate_plan").await;
    scenario
        .backend()
        .control(json!({"action": "config_delay", "ms": DELAY_MS}))
        .await;
    let browser = scenario.browser();
    browser.reload().await;
    session_ended::check(browser, &session_ended::PLAN_INACTIVE).await;
    browser.wait_for(Target::new("link", BILLING_LINK)).await;

    // Every request of the reloaded page started after config.json had arrived.
    let timings = browser
        .script(
            "return performance.getEntriesByType('resource').map((e) => \
             ({ path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd }));",
        )
        .await;
    let entries = timings.as_array().cloned().unwrap_or_default();
    let of = |entry: &Value, key: &str| entry[key].as_f64().unwrap_or(f64::NAN);
    let config = entries
        .iter()
        .find(|entry| entry["path"] == "/config.json")
        .unwrap_or_else(|| panic!("config.json was fetched: {timings}"));
    let api: Vec<&Value> = entries
        .iter()
        .filter(|entry| entry["path"].as_str().is_some_and(|path| path.starts_with("/api/")))
        .collect();
    assert!(!api.is_empty(), "the page asked the API: {timings}");
    for request in api {
        assert!(
            of(request, "start") >= of(config, "end"),
            "{request} went out before config.json arrived ({config})"
        );
    }
    scenario.finish().await;
}

/// A `/config.json` that does not answer is a missing one once a request's default timeout
/// (15 s) has passed (CONTRACT 1): a console warning naming the file, then the defaults, under
/// which the user who pressed Sign in meanwhile is signed in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_config_json_that_never_answers_counts_as_missing_after_the_timeout() {
    let scenario = Scenario::start_with_config("config_never", json!({"billing_url": BILLING})).await;
    scenario
        .backend()
        .control(json!({"action": "config_delay", "ms": 60_000}))
        .await;
    let browser = scenario.browser();
    scenario.open("/signin").await;
    screen::wait_sign_in_form(browser).await;
    user::sign_in(browser, DEMO, PASSWORD).await;

    let warning = "config.json could not be loaded (no answer within 15 s); using the defaults";
    wait::until_within(Duration::from_secs(25), format!("the warning {warning:?}"), || async {
        browser.console().has(warning).await.then_some(())
    })
    .await;
    browser.wait_for_page("/dashboard").await;
    screen::wait_signed_in_as(browser, DEMO).await;
    scenario.finish().await;
}
