//! Scenario: the warnings before a session ends on time (CONTRACT 11.2). The idle dialog in
//! two tabs (activity in one keeps both; `Stay signed in` in one closes both; the end signs
//! both out with IDLE_TIMEOUT), and the lifetime dialog (only `OK`: nothing can extend it).
//! The idle time passes the way it does on a user's machine (the clock moves on); each
//! dialog is audited with axe and used with the keyboard alone.

use std::time::{Duration, Instant};

use e2e::accessible::{self, Target};
use e2e::axe::Audit;
use e2e::keyboard;
use e2e::session_ended::{self, Expected};
use e2e::{clock, screen, user, wait, Scenario, DEMO};
use fantoccini::key::Key;
use fantoccini::wd::WindowHandle;
use serde_json::json;

const IDLE: Target<'static> = Target::new("alertdialog", "Are you still there?");
const LIFETIME: Target<'static> = Target::new("alertdialog", "Your session is ending");

/// Moves the clock of every tab `ms` forward, as time passing without activity does.
async fn time_passes(scenario: &Scenario, tabs: &[WindowHandle], ms: i64) {
    let browser = scenario.browser();
    let client = browser.client();
    let current = client.window().await.expect("the current tab");
    for tab in tabs {
        client.switch_to_window(tab.clone()).await.expect("to a tab");
        clock::jump(browser, ms).await;
    }
    client.switch_to_window(current).await.expect("back");
}

async fn to_tab(scenario: &Scenario, tab: &WindowHandle) {
    scenario
        .browser()
        .client()
        .switch_to_window(tab.clone())
        .await
        .expect("to the tab");
}

/// Whether the current tab shows `dialog` (within a couple of the app's one-second ticks).
async fn shows(scenario: &Scenario, dialog: Target<'_>) -> bool {
    let until = Instant::now() + Duration::from_millis(2_500);
    loop {
        if !scenario.browser().find(dialog).await.is_empty() {
            return true;
        }
        if Instant::now() > until {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The dialog's buttons, by name.
async fn buttons_of(scenario: &Scenario, dialog: Target<'_>) -> Vec<String> {
    let browser = scenario.browser();
    let found = browser.wait_for(dialog).await;
    browser
        .find_named(Some(&found), Target::any("button"))
        .await
        .into_iter()
        .map(|button| button.name)
        .collect()
}

/// Focus is on `name` inside the dialog, shown, and Tab / Shift+Tab stay inside.
async fn focus_is_trapped(scenario: &Scenario, first: &str, others: &[&str]) {
    let browser = scenario.browser();
    let focused = keyboard::focused(browser).await.expect("something has focus");
    assert_eq!(
        (focused.role.as_str(), focused.name.as_str()),
        ("button", first),
        "focus moved in"
    );
    keyboard::assert_focus_visible(browser, &focused).await;
    let mut seen = vec![focused.name.clone()];
    for _ in 0..3 {
        browser.press_key(Key::Tab).await;
        let now = keyboard::focused(browser).await.expect("focus stays somewhere");
        keyboard::assert_focus_visible(browser, &now).await;
        seen.push(now.name.clone());
    }
    for name in &seen {
        assert!(
            *name == first || others.contains(&name.as_str()),
            "Tab left the dialog: focus went through {seen:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_idle_warning_shows_in_every_tab_and_one_answer_or_the_end_counts_for_all() {
    let scenario = Scenario::start_with_config("idle_timeout", json!({"idle_timeout_s": 60, "warning_s": 20})).await;
    let browser = scenario.browser();
    clock::install(browser, 0).await;
    user::sign_in_to_content(&scenario, DEMO).await;
    let client = browser.client();
    let first = client.window().await.expect("the first tab");
    let second = client.new_window(true).await.expect("a second tab").handle;
    to_tab(&scenario, &second).await;
    // DevTools scripts belong to a tab: the second one gets the clock too.
    clock::install(browser, 0).await;
    browser.goto(&scenario.url("/dashboard")).await;
    screen::wait_signed_in_as(browser, DEMO).await;
    let tabs = [first.clone(), second.clone()];

    // Half a minute later the user does something in the second tab: both tabs go on.
    time_passes(&scenario, &tabs, 30_000).await;
    browser.press_key(Key::Shift).await;
    time_passes(&scenario, &tabs, 25_000).await;
    to_tab(&scenario, &first).await;
    assert!(!shows(&scenario, IDLE).await, "activity in one tab keeps the others");

    // Then nothing for 45 s: both tabs warn, focus on `Stay signed in`.
    time_passes(&scenario, &tabs, 20_000).await;
    for tab in &tabs {
        to_tab(&scenario, tab).await;
        assert!(shows(&scenario, IDLE).await, "every tab warns");
    }
    assert_eq!(buttons_of(&scenario, IDLE).await, ["Stay signed in", "Sign out"]);
    let text = browser.wait_for(IDLE).await.text().await.unwrap_or_default();
    assert!(text.contains("you will be signed out in 1"), "the seconds left: {text}");
    focus_is_trapped(&scenario, "Stay signed in", &["Sign out"]).await;
    let mut audit = Audit::new();
    audit.check(browser, "the idle warning (Are you still there?)").await;
    audit.finish();
    scenario.snapshot("idle-warning").await;

    // `Stay signed in` with the keyboard in the second tab closes the first tab's too.
    // Three Tabs from `Stay signed in` went round to `Sign out`; one more comes back.
    browser.press_key(Key::Tab).await;
    let focused = keyboard::focused(browser).await.expect("focus");
    assert_eq!(focused.name, "Stay signed in");
    browser.press_key(Key::Enter).await;
    wait::until("this tab's warning closes", || async {
        browser.find(IDLE).await.is_empty().then_some(())
    })
    .await;
    to_tab(&scenario, &first).await;
    wait::until("the first tab's warning closes", || async {
        browser.find(IDLE).await.is_empty().then_some(())
    })
    .await;

    // A minute and more without activity: both tabs end with IDLE_TIMEOUT (whichever
    // counts first ends it, the other follows and says so).
    time_passes(&scenario, &tabs, 70_000).await;
    let shift = chrono::Duration::milliseconds(30_000 + 25_000 + 20_000 + 70_000);
    let details = session_ended::check_with_clock(
        browser,
        &Expected {
            code: "IDLE_TIMEOUT",
            message: "Signed out after 1 minute without activity",
            source: "idle_timeout",
            page: None,
            console_line: "🚨 LOGOUT TRIGGERED - Idle Timeout:",
        },
        shift,
    )
    .await;
    assert_eq!(details.context["idle_timeout_s"], 60, "{}", details.context);
    assert!(details.context["last_activity"].is_string(), "{}", details.context);
    to_tab(&scenario, &second).await;
    browser.wait_for_page("/signin").await;
    screen::wait_session_ended(browser).await;
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_lifetime_warning_cannot_be_extended_and_the_end_is_session_lifetime_ended() {
    let scenario = Scenario::start_with_config("session_lifetime", json!({"warning_s": 20})).await;
    let backend = scenario.backend();
    backend.switch("rotate_refresh_tokens", false).await;
    backend
        .control(json!({"action": "session_lifetime", "seconds": 30}))
        .await;
    backend.set_access_ttl(3).await;
    user::sign_in_to_dashboard(&scenario, DEMO).await;
    let signed_in = Instant::now();
    let browser = scenario.browser();
    browser.wait_for_text("Acme").await;
    // A page after the access token ended: the refresh answers no new refresh token, so
    // the session's end is the first one's.
    // With the keyboard: a keyboard user sees where the focus is when the warning opens.
    wait::until_instant(signed_in + Duration::from_millis(3_400)).await;
    keyboard::tab_to(browser, accessible::link("Content")).await;
    browser.press_key(Key::Enter).await;
    browser.wait_for_text(e2e::A_CONTENT_TITLE).await;

    let dialog = wait::until_within(Duration::from_secs(15), "the lifetime warning", || async {
        browser.find(LIFETIME).await.into_iter().next()
    })
    .await;
    assert_eq!(
        buttons_of(&scenario, LIFETIME).await,
        ["OK"],
        "nothing to extend it with"
    );
    let text = dialog.text().await.unwrap_or_default();
    assert!(text.contains("maximum length at"), "{text}");
    focus_is_trapped(&scenario, "OK", &[]).await;
    let mut audit = Audit::new();
    audit
        .check(browser, "the lifetime warning (Your session is ending)")
        .await;
    audit.finish();
    scenario.snapshot("lifetime-warning").await;
    browser.press_key(Key::Escape).await;
    wait::until("the warning closes", || async {
        browser.find(LIFETIME).await.is_empty().then_some(())
    })
    .await;
    wait::until_instant(signed_in + Duration::from_secs(29)).await;

    let details = session_ended::check(
        browser,
        &Expected {
            code: "SESSION_LIFETIME_ENDED",
            message: "Session reached its maximum length",
            source: "session_lifetime",
            page: Some("/dashboard/content"),
            console_line: "🚨 LOGOUT TRIGGERED - Session Lifetime Ended:",
        },
    )
    .await;
    let expired_at = details.context["expired_at"].as_str().unwrap_or_default().to_owned();
    assert!(
        expired_at.ends_with('Z') && expired_at.len() == 24,
        "{}",
        details.context
    );
    assert!(signed_in.elapsed() >= Duration::from_secs(29), "not before its end");
    scenario.finish().await;
}
