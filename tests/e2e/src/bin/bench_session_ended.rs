//! A benchmark, not a test: how soon after a navigation to `/signin` the Session Ended box
//! is in the page, in headless Chromium, with the release build served by the reference
//! backend. Prints the figures (`make bench`); asserts nothing.
//!
//! A script installed before the app's own records `performance.now()` (milliseconds since
//! the navigation started) when an element with `role="alert"` holding "Session Ended"
//! first appears. Measured with the HTTP cache on (a returning user) and off (a first visit).

use e2e::backend::Backend;
use e2e::browser::Browser;
use serde_json::{json, Value};

const RUNS: usize = 21;

const OBSERVER: &str = r#"(() => {
  const seen = () => [...document.querySelectorAll('[role="alert"]')]
    .some((el) => el.textContent.includes("Session Ended"));
  new MutationObserver((_, observer) => {
    if (seen()) { window.__sessionEndedAt = performance.now(); observer.disconnect(); }
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();"#;

const REASON: &str = r#"{"code":"SESSION_ACCOUNT_MISMATCH","message":"Session contamination: account ID mismatch","path":"/dashboard/content","context":{"stored_account_id":123,"current_account_id":456,"user_id":789},"timestamp":"2025-12-15T10:30:45.123Z","source":"backend_middleware"}"#;

/// One navigation; `None` when the box did not show within 10 s (reported, not timed).
async fn one_run(browser: &Browser, signin: &str) -> Option<f64> {
    let store = format!("window.localStorage.setItem('logout_reason', {});", json!(REASON));
    browser.script(&store).await;
    browser.goto(signin).await;
    for _ in 0..1000 {
        if let Value::Number(at) = browser.script("return window.__sessionEndedAt ?? null;").await {
            return at.as_f64();
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    println!("bench: a run where the box did not show within 10 s: {}", browser.diagnosis().await);
    None
}

fn summary(label: &str, samples: Vec<Option<f64>>) {
    let missed = samples.iter().filter(|s| s.is_none()).count();
    let mut samples: Vec<f64> = samples.into_iter().flatten().collect();
    if samples.is_empty() {
        println!("bench: Session Ended box after navigation, {label}: never shown");
        return;
    }
    samples.sort_by(f64::total_cmp);
    let median = samples[samples.len() / 2];
    let (min, max) = (samples[0], samples[samples.len() - 1]);
    println!("bench: Session Ended box after navigation, {label}: median {median:.1} ms, min {min:.1}, max {max:.1} ({} runs, {missed} not shown)", samples.len());
}

#[tokio::main]
async fn main() {
    let backend = Backend::start().await;
    let browser = Browser::open().await;
    browser.devtools("Page.addScriptToEvaluateOnNewDocument", json!({ "source": OBSERVER })).await;
    let signin = backend.url("/signin");
    browser.goto(&signin).await; // the origin, so that localStorage can be written

    let mut cached = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        cached.push(one_run(&browser, &signin).await);
    }
    browser.devtools("Network.enable", json!({})).await;
    browser.devtools("Network.setCacheDisabled", json!({ "cacheDisabled": true })).await;
    let mut uncached = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        uncached.push(one_run(&browser, &signin).await);
    }
    summary("HTTP cache on", cached);
    summary("HTTP cache off", uncached);
    browser.close().await;
    backend.shutdown().await;
}
