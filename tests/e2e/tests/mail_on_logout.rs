//! The seed's e-mail to the user (issue 24): a lapsed plan ends the session in the app, and
//! the user gets exactly one mail, in the sign-in page's words, with the billing link; the
//! mail's HTML part is looked at in Chromium as a mail reader shows it.

use e2e::accessible::Target;
use e2e::axe::Audit;
use e2e::code::LogoutCode;
use e2e::session_ended;
use e2e::{repo, user, Scenario, DEMO};
use serde_json::json;

const BILLING: &str = "https://billing.example.com/renew";
const SUPPORT: &str = "https://support.example.com/";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lapsed_plan_mails_the_user_once_with_the_billing_link() {
    let scenario = Scenario::start_with_config(
        "mail_on_logout",
        json!({"billing_url": BILLING, "support_url": SUPPORT}),
    )
    .await;
    user::sign_in_to_content(&scenario, DEMO).await;
    scenario.backend().act_on(DEMO, "deactivate_plan").await;
    let browser = scenario.browser();
    browser.reload().await;
    session_ended::check(browser, &session_ended::PLAN_INACTIVE).await;

    // Every request of the page was refused; one mail went out.
    let mails = scenario.backend().mails(1).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let mails_after = scenario.backend().mails(1).await;
    assert_eq!(mails_after.len(), 1, "exactly one mail: {mails:?}");
    let mail = &mails_after[0];
    assert_eq!(mail["to"], json!([DEMO]));
    assert_eq!(mail["content_type"], "multipart/alternative");
    let text = mail["text"].as_str().unwrap_or_default();
    let plain = LogoutCode::PlanInactive.plain_words().expect("plain words");
    assert!(text.contains(plain), "{text}");
    assert!(
        text.contains(&format!("Renew your plan or update your billing details: {BILLING}")),
        "{text}"
    );
    assert!(text.contains(SUPPORT), "{text}");
    assert!(text.contains("The page you were on: /dashboard/content"), "{text}");

    // The HTML part as a mail reader shows it: the sentence and the link, found as a reader
    // of the mail finds them.
    browser.goto(&scenario.backend().url("/__dev__/mails/1")).await;
    browser
        .wait_for(Target::new("heading", "Why you were signed out"))
        .await;
    browser.wait_for(Target::new("link", BILLING)).await;
    browser.wait_for_text(plain).await;
    browser.screenshot(&repo::screenshot_path("mail-plan-inactive")).await;
    // A mail is read with assistive technology too.
    let mut audit = Audit::new();
    audit.check(browser, "the mail of a lapsed plan (HTML part)").await;
    audit.finish();
    scenario.finish().await;
}
