//! Reading the screen as a user does: by role and by text.

use fantoccini::elements::Element;

use crate::browser::Browser;
use crate::xpath;

/// The sign-in page's yellow box.
pub const SESSION_ENDED_BOX: &str =
    "//*[@role='alert'][.//*[self::h1 or self::h2 or self::h3][normalize-space()='Session Ended']]";

/// A page's error state: a message with a way to try again.
pub fn error_state_xpath() -> String {
    format!("//*[@role='alert'][.{}]", xpath::button("Try again"))
}

/// Waits for the header of a protected page naming `email`, with its `Sign out` button.
pub async fn wait_signed_in_as(browser: &Browser, email: &str) -> Element {
    let header = format!(
        "//header[.//*[normalize-space()={}] and .{}]",
        xpath::literal(email),
        xpath::button("Sign out")
    );
    browser
        .wait_for(&format!("the header naming {email} with Sign out"), &header)
        .await
}

/// Waits for a page's error state (message and `Try again`) and returns its text.
pub async fn wait_error_state(browser: &Browser) -> String {
    let error = browser
        .wait_for("an error message with Try again", &error_state_xpath())
        .await;
    error.text().await.unwrap_or_default()
}

/// Presses `Try again` in the error state and waits for the retry's own outcome: the old
/// message leaves the page (the page shows its loading state) before anything is read.
pub async fn try_again(browser: &Browser) {
    let error = browser
        .wait_for("an error message with Try again", &error_state_xpath())
        .await;
    let button = error
        .find(fantoccini::Locator::XPath(&format!(
            ".{}",
            xpath::button("Try again")
        )))
        .await
        .expect("Try again inside the error message");
    button.click().await.expect("press Try again");
    crate::wait::until("the old error message to go", || async {
        // A detached element can no longer be asked anything.
        error.is_displayed().await.is_err().then_some(())
    })
    .await;
}

/// Waits for the sign-in form: the two labelled fields and its button.
pub async fn wait_sign_in_form(browser: &Browser) {
    browser
        .wait_for("the Email field", &xpath::field("Email"))
        .await;
    browser
        .wait_for("the Password field", &xpath::field("Password"))
        .await;
    browser
        .wait_for("the Sign in button", &xpath::button("Sign in"))
        .await;
}

/// Whether the Session Ended box is shown.
pub async fn shows_session_ended(browser: &Browser) -> bool {
    !browser.visible(SESSION_ENDED_BOX).await.is_empty()
}
