//! Scenario 6: the app as assistive technology and a small screen meet it. An axe-core audit
//! (WCAG 2.1 A/AA and best practices) of every page and state a user reaches, and each page
//! at 320 CSS px and at 200% zoom without sideways scrolling (screenshots
//! `target/e2e/a11y-*-320px.png`). The audit's report: `target/e2e/accessibility-audit.txt`.

use e2e::accessible;
use e2e::axe::Audit;
use e2e::{reflow, screen, session_ended, user, Scenario, DEMO, PASSWORD, STAFF};

/// Audits the page shown now and checks its reflow; `shot` names the 320 px screenshot.
async fn audit_page(
    scenario: &Scenario,
    audit: &mut Audit,
    reflows: &mut Vec<String>,
    page: &str,
    shot: &str,
) {
    let browser = scenario.browser();
    audit.check(browser, page).await;
    reflows.extend(reflow::check(browser, page, &format!("a11y-{shot}")).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_passes_the_wcag_audit_and_reflows() {
    let scenario = Scenario::start("accessibility_audit").await;
    let browser = scenario.browser();
    let mut audit = Audit::new();
    let mut reflows = Vec::new();

    scenario.open("/signin").await;
    screen::wait_sign_in_form(browser).await;
    audit_page(
        &scenario,
        &mut audit,
        &mut reflows,
        "/signin (empty)",
        "signin",
    )
    .await;

    user::sign_in(browser, DEMO, "not-the-password").await;
    browser
        .wait_for_text("No active account found with the given credentials")
        .await;
    audit_page(
        &scenario,
        &mut audit,
        &mut reflows,
        "/signin (after a failed sign-in)",
        "signin-failed",
    )
    .await;

    user::sign_in(browser, DEMO, PASSWORD).await;
    browser.wait_for_page("/dashboard").await;
    browser.wait_for_text("Acme").await;
    audit_page(
        &scenario,
        &mut audit,
        &mut reflows,
        "/dashboard",
        "dashboard",
    )
    .await;

    browser.follow("Content").await;
    browser.wait_for_page("/dashboard/content").await;
    browser.wait_for_text(e2e::A_CONTENT_TITLE).await;
    audit_page(
        &scenario,
        &mut audit,
        &mut reflows,
        "/dashboard/content",
        "content",
    )
    .await;

    scenario.open("/dashboard/logout-events").await;
    browser
        .wait_for_text("You don't have permission to view this page")
        .await;
    screen::wait_signed_in_as(browser, DEMO).await;
    audit_page(
        &scenario,
        &mut audit,
        &mut reflows,
        "/dashboard/logout-events (not staff)",
        "logout-events-member",
    )
    .await;

    scenario.open("/no-such-page").await;
    browser
        .wait_for(accessible::heading("Page not found"))
        .await;
    audit_page(
        &scenario,
        &mut audit,
        &mut reflows,
        "the not-found page",
        "not-found",
    )
    .await;

    // Signing out leaves the Session Ended box on /signin; its details open.
    scenario.open("/dashboard/content").await;
    browser.wait_for_text(e2e::A_CONTENT_TITLE).await;
    browser.press("Sign out").await;
    let session_ended = screen::wait_session_ended(browser).await;
    let toggle = session_ended::technical_details_button(browser, &session_ended).await;
    toggle.click().await.expect("press Technical details");
    session_ended::read_details(browser, &session_ended).await;
    audit_page(
        &scenario,
        &mut audit,
        &mut reflows,
        "/signin (Session Ended, details open)",
        "signin-session-ended",
    )
    .await;

    user::sign_in(browser, STAFF, PASSWORD).await;
    screen::wait_signed_in_as(browser, STAFF).await;
    browser.follow("Logout events").await;
    browser.wait_for_page("/dashboard/logout-events").await;
    // The sign-out above was reported as an event: the table shows it.
    browser
        .wait_for(accessible::Target::new("region", "Logout events"))
        .await;
    browser.wait_for_text("MANUAL_LOGOUT").await;
    audit_page(
        &scenario,
        &mut audit,
        &mut reflows,
        "/dashboard/logout-events (staff)",
        "logout-events-staff",
    )
    .await;

    audit.finish();
    assert!(
        reflows.is_empty(),
        "pages that scroll sideways:\n  {}",
        reflows.join("\n  ")
    );
    scenario.finish().await;
}

/// The audit does not depend on the page allowing scripts: WebDriver's scripts are not
/// subject to its Content-Security-Policy, so a strict CSP on the app would not stop it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_runs_under_a_strict_content_security_policy() {
    let scenario = Scenario::start("accessibility_audit_under_csp").await;
    let browser = scenario.browser();
    let html = "<!DOCTYPE html><html lang=en><head>\
        <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'none'\">\
        <title>CSP</title></head><body><main><h1>CSP</h1><button></button>\
        <script>document.title = 'inline script ran'</script></main></body></html>";
    let encoded: String = html
        .bytes()
        .map(|byte| match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (byte as char).to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect();
    browser.goto(&format!("data:text/html,{encoded}")).await;
    assert_eq!(
        browser.script("return document.title;").await,
        "CSP",
        "the page's own script was blocked"
    );
    let mut audit = Audit::new();
    let found = audit.check(browser, "a page with script-src 'none'").await;
    assert!(
        found.iter().any(|finding| finding.rule == "button-name"),
        "axe ran and found the unnamed button: {:?}",
        found
            .iter()
            .map(|finding| &finding.rule)
            .collect::<Vec<_>>()
    );
    scenario.finish().await;
}
