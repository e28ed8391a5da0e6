//! The explanation a user gets after a logout, checked end to end: on `/signin`, the
//! `Session Ended` box with the plain words first, then the message and the page, `Technical details` with the code,
//! source and a fresh timestamp, the console lines, and the box gone after a reload.

use chrono::{DateTime, Duration, Utc};
use fantoccini::elements::Element;
use serde_json::Value;

use crate::accessible::{self, Target};
use crate::browser::Browser;
use crate::screen;

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

impl<'a> Expected<'a> {
    /// A code of the backend middleware, as the app records it on `/dashboard/content`.
    pub const fn middleware(code: &'a str, message: &'a str) -> Expected<'a> {
        Expected {
            code,
            message,
            source: "backend_middleware",
            page: Some("/dashboard/content"),
            console_line: "🚨 LOGOUT TRIGGERED - Backend Validation Failed:",
        }
    }
}

/// What the technical details panel showed.
pub struct Details {
    pub timestamp: String,
    pub context: Value,
}

/// TOKEN_REFRESH_FAILED as the app raises it, on `/dashboard/content` (set `page` for another).
pub const REFRESH_FAILED: Expected<'static> = Expected {
    code: "TOKEN_REFRESH_FAILED",
    message: "Token refresh failed - session expired",
    source: "token_refresh_failure",
    page: Some("/dashboard/content"),
    console_line: "🚨 LOGOUT TRIGGERED - Token Refresh Failed:",
};

/// PLAN_INACTIVE as the middleware sends it on `/dashboard/content` (a lapsed plan).
pub const PLAN_INACTIVE: Expected<'static> = Expected::middleware("PLAN_INACTIVE", "Subscription plan is inactive");

/// Waits for `/signin` and checks everything the user and support see there.
pub async fn check(browser: &Browser, expected: &Expected<'_>) -> Details {
    check_with_clock(browser, expected, Duration::zero()).await
}

/// [`check`] for a browser whose clock runs `shift` off the real one (`e2e::clock`): the
/// timestamp is the browser's time.
pub async fn check_with_clock(browser: &Browser, expected: &Expected<'_>, shift: Duration) -> Details {
    // The console first: it is the first thing a developer looks at when the rest fails.
    browser.console().wait_for(expected.console_line).await;
    browser.wait_for_page("/signin").await;
    let session_ended = screen::wait_session_ended(browser).await;
    let text = session_ended.text().await.expect("the box's text");
    assert!(
        text.contains(expected.message),
        "the box should say {:?}, it says:\n{text}",
        expected.message
    );
    // A known code: its plain words come first, right under the heading, then the message.
    if let Some(words) = crate::code::LogoutCode::from(expected.code).plain_words() {
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
        let plain = lines.iter().position(|line| *line == words);
        let message = lines.iter().position(|line| line.contains(expected.message));
        assert!(
            plain.is_some() && plain < message && plain == Some(1),
            "the box should say {words:?} right under its heading, before the message; it says:\n{text}"
        );
    }
    if let Some(page) = expected.page {
        assert!(
            text.contains(page),
            "the box should name the page {page:?}, it says:\n{text}"
        );
    }

    let details = open_technical_details(browser).await;
    let field = |name: &str| field_of(&details, name);
    assert_eq!(field("Code"), expected.code, "code in Technical details");
    assert_eq!(field("Source"), expected.source, "source in Technical details");
    let timestamp = field("Timestamp");
    assert_recent_utc_millis(&timestamp, shift);
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
    assert!(code_line.contains(expected.code), "console Code: line: {code_line}");
    for label in ["Message:", "Original Page:", "Timestamp:", "Source:", "Context:"] {
        console.wait_for(label).await;
    }
    Details { timestamp, context }
}

/// The `Technical details` button of the box: found by its role and exact name, which WebDriver
/// confirms (a triangle or any other decoration in the name fails here).
pub async fn technical_details_button(browser: &Browser, session_ended: &Element) -> Element {
    let button = browser
        .wait_for_in(session_ended, accessible::button("Technical details"))
        .await;
    let described = browser.describe(&button).await;
    assert_eq!(
        (described.role.as_str(), described.name.as_str()),
        ("button", "Technical details"),
        "WebDriver's computed role and label of the Technical details button"
    );
    button
}

/// Opens the `Technical details` panel (checking `aria-expanded`) and returns its
/// `term → value` pairs, read from the accessibility tree (terms and definitions).
pub async fn open_technical_details(browser: &Browser) -> Vec<(String, String)> {
    let session_ended = screen::wait_session_ended(browser).await;
    let button = technical_details_button(browser, &session_ended).await;
    assert_eq!(
        button.attr("aria-expanded").await.expect("aria-expanded").as_deref(),
        Some("false"),
        "Technical details starts closed"
    );
    button.click().await.expect("press Technical details");
    crate::wait::until("Technical details to open", || async {
        let expanded = button.attr("aria-expanded").await.ok().flatten();
        (expanded.as_deref() == Some("true")).then_some(())
    })
    .await;
    read_details(browser, &session_ended).await
}

/// The open panel's `term → value` pairs.
pub async fn read_details(browser: &Browser, session_ended: &Element) -> Vec<(String, String)> {
    browser.wait_for_in(session_ended, Target::any("term")).await;
    let terms = browser.find_named(Some(session_ended), Target::any("term")).await;
    let definitions = browser.find_in(session_ended, Target::any("definition")).await;
    assert_eq!(
        terms.len(),
        definitions.len(),
        "each term of Technical details has one definition"
    );
    let mut pairs = Vec::new();
    for (term, definition) in terms.into_iter().zip(definitions) {
        let value = definition.text().await.unwrap_or_default();
        pairs.push((term.name.trim().to_string(), value.trim().to_string()));
    }
    pairs
}

/// The value of `name` among Technical details' pairs; panics naming what the panel shows.
pub fn field_of(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(term, _)| term == name)
        .map(|(_, value)| value.clone())
        .unwrap_or_else(|| panic!("Technical details has no {name:?}; it shows {pairs:?}"))
}

/// UTC, ISO 8601 with milliseconds and `Z`, within the last minute of a clock `shift` off.
fn assert_recent_utc_millis(timestamp: &str, shift: Duration) {
    let parsed: DateTime<Utc> = DateTime::parse_from_rfc3339(timestamp)
        .unwrap_or_else(|e| panic!("timestamp {timestamp:?} is not ISO 8601: {e}"))
        .with_timezone(&Utc);
    let fraction = timestamp
        .strip_suffix('Z')
        .and_then(|rest| rest.rsplit_once('.'))
        .map(|(_, millis)| millis.len());
    assert_eq!(fraction, Some(3), "timestamp {timestamp:?} should end in .mmmZ");
    let age = Utc::now() + shift - parsed;
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
