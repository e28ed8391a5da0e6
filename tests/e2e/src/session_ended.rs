//! The explanation a user gets after a logout, checked end to end: on `/signin`, the
//! `Session Ended` box with the message and the page, `Technical details` with the code,
//! source and a fresh timestamp, the console lines, and the box gone after a reload.

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;

use crate::browser::Browser;
use crate::{screen, xpath};

/// What the box and the console must say for one logout.
pub struct Expected<'a> {
    pub code: &'a str,
    pub message: &'a str,
    pub source: &'a str,
    /// The page the box names, when the scenario knows it.
    pub page: Option<&'a str>,
    /// The console line logged when the logout happened, e.g. `🚨 LOGOUT TRIGGERED - Token
    /// Refresh Failed:`.
    pub console_line: &'a str,
}

/// What the technical details panel showed.
pub struct Details {
    pub timestamp: String,
    pub context: Value,
}

/// Waits for `/signin` and checks everything the user and support see there.
pub async fn check(browser: &Browser, expected: &Expected<'_>) -> Details {
    // The console first: it is the first thing a developer looks at when the rest fails.
    browser.console().wait_for(expected.console_line).await;
    browser.wait_for_page("/signin").await;
    let session_ended = browser
        .wait_for("the Session Ended box", screen::SESSION_ENDED_BOX)
        .await;
    let text = session_ended.text().await.expect("the box's text");
    assert!(
        text.contains(expected.message),
        "the box should say {:?}, it says:\n{text}",
        expected.message
    );
    if let Some(page) = expected.page {
        assert!(
            text.contains(page),
            "the box should name the page {page:?}, it says:\n{text}"
        );
    }

    let details = open_technical_details(browser).await;
    let field = |name: &str| field_of(&details, name);
    assert_eq!(field("Code"), expected.code, "code in Technical details");
    assert_eq!(
        field("Source"),
        expected.source,
        "source in Technical details"
    );
    let timestamp = field("Timestamp");
    assert_recent_utc_millis(&timestamp);
    let context_text = field("Context");
    let context: Value = serde_json::from_str(&context_text)
        .unwrap_or_else(|e| panic!("the context is not JSON ({e}):\n{context_text}"));
    // Tokens are JWTs, which start with `eyJ`; the context may hold facts, never secrets.
    assert!(
        !context_text.contains("eyJ"),
        "a token leaked into the context: {context_text}"
    );

    let console = browser.console();
    console.wait_for("🔍 LOGOUT REASON DETAILS").await;
    let code_line = console.wait_for("Code:").await;
    assert!(
        code_line.contains(expected.code),
        "console Code: line: {code_line}"
    );
    for label in [
        "Message:",
        "Original Page:",
        "Timestamp:",
        "Source:",
        "Context:",
    ] {
        console.wait_for(label).await;
    }
    Details { timestamp, context }
}

/// Opens the `Technical details` panel (checking `aria-expanded`) and returns its
/// `term → value` pairs.
async fn open_technical_details(browser: &Browser) -> Vec<(String, String)> {
    let toggle = format!(
        "{}{}",
        screen::SESSION_ENDED_BOX,
        xpath::button("Technical details")
    );
    let button = browser
        .wait_for("the Technical details button", &toggle)
        .await;
    assert_eq!(
        button
            .attr("aria-expanded")
            .await
            .expect("aria-expanded")
            .as_deref(),
        Some("false"),
        "Technical details starts closed"
    );
    button.click().await.expect("press Technical details");
    crate::wait::until("Technical details to open", || async {
        let expanded = button.attr("aria-expanded").await.ok().flatten();
        (expanded.as_deref() == Some("true")).then_some(())
    })
    .await;
    browser
        .wait_for(
            "the details' terms",
            &format!("{}//dt", screen::SESSION_ENDED_BOX),
        )
        .await;
    let mut pairs = Vec::new();
    for term in browser
        .visible(&format!("{}//dt", screen::SESSION_ENDED_BOX))
        .await
    {
        let name = term.text().await.unwrap_or_default();
        let value = match term
            .find(fantoccini::Locator::XPath("following-sibling::dd[1]"))
            .await
        {
            Ok(dd) => dd.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        pairs.push((name.trim().to_string(), value.trim().to_string()));
    }
    pairs
}

fn field_of(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(term, _)| term == name)
        .map(|(_, value)| value.clone())
        .unwrap_or_else(|| panic!("Technical details has no {name:?}; it shows {pairs:?}"))
}

/// UTC, ISO 8601 with milliseconds and `Z`, within the last minute.
fn assert_recent_utc_millis(timestamp: &str) {
    let parsed: DateTime<Utc> = DateTime::parse_from_rfc3339(timestamp)
        .unwrap_or_else(|e| panic!("timestamp {timestamp:?} is not ISO 8601: {e}"))
        .with_timezone(&Utc);
    let fraction = timestamp
        .strip_suffix('Z')
        .and_then(|rest| rest.rsplit_once('.'))
        .map(|(_, millis)| millis.len());
    assert_eq!(
        fraction,
        Some(3),
        "timestamp {timestamp:?} should end in .mmmZ"
    );
    let age = Utc::now() - parsed;
    assert!(
        age >= -Duration::seconds(5) && age <= Duration::minutes(1),
        "timestamp {timestamp} is not from the last minute (age {age})"
    );
}

/// Reloads `/signin`: the reason was removed when it was read, so no box comes back.
pub async fn check_gone_after_reload(browser: &Browser) {
    browser.reload().await;
    screen::wait_sign_in_form(browser).await;
    assert!(
        !screen::shows_session_ended(browser).await,
        "the Session Ended box came back after a reload"
    );
    assert_eq!(
        browser.stored_logout_reason().await,
        None,
        "logout_reason is still stored after the box was shown"
    );
}
