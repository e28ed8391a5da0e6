//! Reading the screen as a user of assistive technology does: landmarks, alerts, headings
//! and controls by role and accessible name (CONTRACT sections 7 and 7a).

use fantoccini::elements::Element;

use crate::accessible::{self, Target, SESSION_ENDED};
use crate::browser::Browser;

/// The header of a protected page: the banner landmark.
const HEADER: Target<'static> = Target::any("banner");

/// The visible alerts that hold a `Try again` button: a page's error state.
async fn error_states(browser: &Browser) -> Vec<Element> {
    let mut found = Vec::new();
    for alert in browser.find(Target::any("alert")).await {
        if !browser
            .find_in(&alert, accessible::button("Try again"))
            .await
            .is_empty()
        {
            found.push(alert);
        }
    }
    found
}

async fn wait_error(browser: &Browser) -> Element {
    crate::wait::until("an alert with a Try again button", || async {
        error_states(browser).await.into_iter().next()
    })
    .await
}

/// Waits for the header of a protected page naming `email`, with its `Sign out` button.
pub async fn wait_signed_in_as(browser: &Browser, email: &str) -> Element {
    crate::wait::until(
        format!("the header naming {email} with Sign out"),
        || async {
            for header in browser.find(HEADER).await {
                let names_user = header.text().await.unwrap_or_default().contains(email);
                if names_user
                    && !browser
                        .find_in(&header, accessible::button("Sign out"))
                        .await
                        .is_empty()
                {
                    return Some(header);
                }
            }
            None
        },
    )
    .await
}

/// Waits for a page's error state (message and `Try again`) and returns its text.
pub async fn wait_error_state(browser: &Browser) -> String {
    wait_error(browser).await.text().await.unwrap_or_default()
}

/// Presses `Try again` in the error state and waits for the retry's own outcome: the old
/// message leaves the page (the page shows its loading state) before anything is read.
pub async fn try_again(browser: &Browser) {
    let error = wait_error(browser).await;
    let button = browser
        .wait_for_in(&error, accessible::button("Try again"))
        .await;
    button.click().await.expect("press Try again");
    crate::wait::until("the old error message to go", || async {
        // A detached element can no longer be asked anything.
        error.is_displayed().await.is_err().then_some(())
    })
    .await;
}

/// Waits for the sign-in form: the two labelled fields and its button.
pub async fn wait_sign_in_form(browser: &Browser) {
    browser.wait_for(accessible::textbox("Email")).await;
    browser.wait_for(accessible::textbox("Password")).await;
    browser.wait_for(accessible::button("Sign in")).await;
}

/// Waits for the Session Ended box: an alert named by its heading `Session Ended`.
pub async fn wait_session_ended(browser: &Browser) -> Element {
    let alert = browser.wait_for(SESSION_ENDED).await;
    browser
        .wait_for_in(&alert, accessible::heading("Session Ended"))
        .await;
    alert
}

/// Whether the Session Ended box is shown.
pub async fn shows_session_ended(browser: &Browser) -> bool {
    !browser.find(SESSION_ENDED).await.is_empty()
}
