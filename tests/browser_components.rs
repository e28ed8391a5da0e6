#![cfg(target_arch = "wasm32")]
//! The components in a real browser: the Session Ended box and its details panel, the
//! sign-in page reading the stored reason once, text that stays text, and the permission
//! message of the logout events page (CONTRACT sections 7 and 7a).

use std::cell::Cell;
use std::time::Duration;

use gloo_timers::future::sleep;
use serde_json::{json, Map, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;
use yew_router::prelude::*;

use logout_tracker::testing::format_timestamp;
use logout_tracker::testing::keeps_happening_advice;
use logout_tracker::testing::ApiError;
use logout_tracker::testing::AuthProvider;
use logout_tracker::testing::Config;
use logout_tracker::testing::LogoutEventsPage;
use logout_tracker::testing::Protected;
use logout_tracker::testing::SignInPage;
use logout_tracker::testing::LOGOUT_REASON_KEY;
use logout_tracker::testing::{Account, ContentItem, Plan, User};
use logout_tracker::testing::{AccountSummary, AccountSummaryProps};
use logout_tracker::testing::{ContentList, ContentListProps};
use logout_tracker::testing::{LoadFailure, LoadFailureProps, PERMISSION_MESSAGE};
use logout_tracker::testing::{LogoutCode, LogoutReason, LogoutSource};
use logout_tracker::testing::{SessionEnded, SessionEndedProps};

wasm_bindgen_test_configure!(run_in_browser);

const HOSTILE: &str = "<img src=x onerror=alert(1)>";

mod support;
use support::{read_item, remove_item, write_item};

#[wasm_bindgen(inline_js = r#"
let original = null;
// A backend for one page: `me` answers the user, the staff list refuses with DRF's 403,
// and sign-in refuses with simplejwt's 401.
export function mock_backend(me) {
  original = original || window.fetch;
  window.fetch = (input) => {
    const url = typeof input === "string" ? input : input.url;
    const answer = (status, body) => Promise.resolve(new Response(JSON.stringify(body),
      { status, headers: { "Content-Type": "application/json" } }));
    if (url.includes("/auth/logout-events/")) {
      return answer(403, { detail: "You do not have permission to perform this action." });
    }
    if (url.includes("/auth/me/")) { return answer(200, JSON.parse(me)); }
    if (url.includes("/auth/login/")) {
      return answer(401, { detail: "No active account found with the given credentials" });
    }
    return answer(404, { detail: "Not found." });
  };
}
// A sign-in that gets its tokens (without the user) and then fails on `me`; every call
// to the logout endpoint is recorded.
export function mock_half_sign_in() {
  original = original || window.fetch;
  window.__logoutBodies = [];
  window.fetch = async (input) => {
    const url = typeof input === "string" ? input : input.url;
    const answer = (status, body) => new Response(JSON.stringify(body),
      { status, headers: { "Content-Type": "application/json" } });
    if (url.includes("/auth/login/")) { return answer(200, { access: "half-access", refresh: "half-refresh" }); }
    if (url.includes("/auth/logout/") && url.indexOf("logout-events") < 0) {
      window.__logoutBodies.push(await input.text());
      return answer(200, {});
    }
    return answer(500, { detail: "Server error" });
  };
}
export function logout_bodies() { return JSON.stringify(window.__logoutBodies || []); }
// A server that cannot be reached: every request fails as a network error would.
export function mock_unreachable() {
  original = original || window.fetch;
  window.fetch = () => Promise.reject(new TypeError("Failed to fetch"));
}
// Another tab of the origin announcing why its session ended.
export function announce_from_another_tab(reason) {
  const channel = new BroadcastChannel("logout-tracker-session");
  channel.postMessage(reason);
  channel.close();
}
export function restore_fetch() { if (original) { window.fetch = original; original = null; } }
"#)]
extern "C" {
    fn mock_backend(me: &str);
    fn restore_fetch();
    fn mock_half_sign_in();
    fn mock_unreachable();
    fn announce_from_another_tab(reason: &str);
    fn logout_bodies() -> String;
}

// Accessible names as Chromium computes them: `element.computedName` and `computedRole`, the
// accessibility tree's own answer, exist behind the Blink feature ComputedAccessibilityInfo,
// which `make test-browser` turns on for this file (tests/webdriver-accessibility.json, through
// WASM_BINDGEN_TEST_WEBDRIVER_JSON). Checked as well, in any browser: the wiring a name is
// computed from (the `<label for>`, `aria-labelledby`, the text) and that no CSS generated
// content enters it, with the app's real stylesheet in the page.
#[wasm_bindgen(inline_js = r#"
export function install_css(css) {
  if (!document.getElementById("app-css")) {
    const style = document.createElement("style");
    style.id = "app-css";
    style.textContent = css;
    document.head.appendChild(style);
  }
}
export function pseudo_content(el, pseudo) { return getComputedStyle(el, pseudo).content; }
export function label_texts(input) {
  return Array.from(input.labels || []).map((label) => label.textContent.trim()).join(" ");
}
export function computed_name(el) { return typeof el.computedName === "string" ? el.computedName : null; }
export function computed_role(el) { return typeof el.computedRole === "string" ? el.computedRole : null; }
// axe-core's colour and link rules on one element; resolves to the violations as JSON.
export function axe_check(source, root, rules) {
  if (!window.axe) { new Function(source)(); }
  return window.axe
    .run(root, { runOnly: { type: "rule", values: rules.split(",") }, resultTypes: ["violations"] })
    .then((result) => JSON.stringify(result.violations.map((rule) => ({
      rule: rule.id, impact: rule.impact,
      nodes: rule.nodes.map((node) => node.target.join(" ") + " " + node.failureSummary),
    }))));
}
"#)]
extern "C" {
    fn install_css(css: &str);
    fn pseudo_content(element: &Element, pseudo: &str) -> String;
    fn label_texts(input: &Element) -> String;
    fn computed_name(element: &Element) -> Option<String>;
    fn computed_role(element: &Element) -> Option<String>;
    fn axe_check(source: &str, root: &Element, rules: &str) -> js_sys::Promise;
}

/// axe-core as `make tools` installs it (version in tools/versions.env).
const AXE: &str = include_str!("../.tools/node_modules/axe-core/axe.min.js");

const APP_CSS: &str = include_str!("../static/app.css");

/// What `::before` or `::after` adds to a name from content: nothing for `none`/`normal`
/// or for content whose alternative text (after `/`) is empty; the quoted text otherwise.
fn generated_text(element: &Element, pseudo: &str) -> String {
    let content = pseudo_content(element, pseudo);
    let content = content.trim();
    if content == "none" || content == "normal" || content.ends_with("/ \"\"") {
        return String::new();
    }
    content.trim_matches('"').to_owned()
}

/// The name a control gets from its content: generated text before, the text, after.
fn name_from_content(element: &Element) -> String {
    let text = element.text_content().unwrap_or_default();
    format!(
        "{}{}{}",
        generated_text(element, "::before"),
        text.trim(),
        generated_text(element, "::after")
    )
}

const NOT_EXPOSED: &str = "Chromium does not expose computedName/computedRole: run with \
    WASM_BINDGEN_TEST_WEBDRIVER_JSON=tests/webdriver-accessibility.json (make test-browser does)";

/// Checks role and name against Chromium's accessibility tree.
fn assert_computed(element: &Element, role: &str, name: &str) {
    assert_eq!(
        computed_name(element).expect(NOT_EXPOSED),
        name,
        "Chromium's computedName"
    );
    assert_eq!(
        computed_role(element).expect(NOT_EXPOSED),
        role,
        "Chromium's computedRole"
    );
}

// ---- helpers ---------------------------------------------------------------------------

fn context(value: Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap_or_default()
}

fn reason_on(path: &str, message: &str) -> LogoutReason {
    LogoutReason {
        code: LogoutCode::SessionAccountMismatch,
        message: message.into(),
        path: path.into(),
        context: context(
            json!({"stored_account_id": 123, "current_account_id": 456, "user_id": 789,
                                "endpoint": "/api/v1/auth/me/", "status": 401}),
        ),
        timestamp: "2025-12-15T10:30:45.123Z".into(),
        source: LogoutSource::BackendMiddleware,
    }
}

fn reason() -> LogoutReason {
    reason_on("/dashboard/content?tab=2", "Session contamination: account ID mismatch")
}

/// A fresh element in the page for one test.
fn fresh_root() -> Element {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let root = document.create_element("div").expect("a div");
    document.body().expect("a body").append_child(&root).expect("appended");
    root
}

/// Lets Yew render and run its effects.
async fn settle() {
    sleep(Duration::from_millis(30)).await;
}

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).expect("a valid selector")
}

fn text(root: &Element, selector: &str) -> String {
    find(root, selector)
        .unwrap_or_else(|| panic!("{selector} is shown"))
        .text_content()
        .unwrap_or_default()
}

/// The first element matching `selector` whose text is `label`.
fn by_text(root: &Element, selector: &str, label: &str) -> Option<Element> {
    let all = root.query_selector_all(selector).expect("a valid selector");
    (0..all.length())
        .filter_map(|index| all.item(index))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .find(|element| element.text_content().unwrap_or_default().trim() == label)
}

/// Waits (up to two seconds) until `selector` is in `root`.
async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..100 {
        if let Some(found) = find(root, selector) {
            return found;
        }
        sleep(Duration::from_millis(20)).await;
    }
    panic!("{selector} never appeared; the page shows: {}", root.inner_html());
}

thread_local! {
    static STORAGE_IN_USE: Cell<bool> = const { Cell::new(false) };
}

/// Async tests run interleaved: the ones that use localStorage (and `fetch`) take turns.
struct StorageTurn;

impl Drop for StorageTurn {
    fn drop(&mut self) {
        STORAGE_IN_USE.with(|busy| busy.set(false));
    }
}

async fn storage_turn() -> StorageTurn {
    // A test that failed while holding the turn never gives it back: wait five seconds at most.
    for _ in 0..500 {
        if !STORAGE_IN_USE.with(|busy| busy.replace(true)) {
            break;
        }
        sleep(Duration::from_millis(10)).await;
    }
    StorageTurn
}

fn click(element: &Element) {
    element.dyn_ref::<HtmlElement>().expect("an HTML element").click();
}

async fn render_box(props: SessionEndedProps) -> Element {
    let root = fresh_root();
    yew::Renderer::<SessionEnded>::with_root_and_props(root.clone(), props).render();
    settle().await;
    root
}

fn box_props(reason: LogoutReason) -> SessionEndedProps {
    SessionEndedProps {
        reason,
        billing_url: None,
        support_url: None,
    }
}

// ---- the Session Ended box -------------------------------------------------------------

#[wasm_bindgen_test]
async fn the_box_shows_heading_message_and_page() {
    let root = render_box(box_props(reason())).await;
    let alert = find(&root, "[role=alert]").expect("the box is an alert");
    assert_eq!(alert.get_attribute("class").as_deref(), Some("session-ended"));
    assert_eq!(text(&alert, "h2"), "Session Ended");
    assert_eq!(
        text(&alert, ".session-ended-plain"),
        LogoutCode::SessionAccountMismatch.plain_words().expect("plain words")
    );
    assert_eq!(
        text(&alert, ".session-ended-message"),
        "Session contamination: account ID mismatch"
    );
    assert_eq!(
        text(&alert, ".session-ended-page"),
        "You were on /dashboard/content?tab=2"
    );
    assert_eq!(text(&alert, ".session-ended-page code"), "/dashboard/content?tab=2");
    root.remove();
}

#[wasm_bindgen_test]
async fn technical_details_toggle_with_aria_expanded_and_show_formatted_context() {
    let root = render_box(box_props(reason())).await;
    let button = by_text(&root, "button", "Technical details").expect("a Technical details button");
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("false"));
    let panel_id = button.get_attribute("aria-controls").expect("aria-controls");
    let panel = find(&root, &format!("#{panel_id}")).expect("the controlled panel exists");
    assert!(panel.has_attribute("hidden"), "closed at first");

    click(&button);
    settle().await;
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("true"));
    assert!(!panel.has_attribute("hidden"), "open after the click");
    let details = panel.text_content().unwrap_or_default();
    for expected in [
        "Code",
        "SESSION_ACCOUNT_MISMATCH",
        "Source",
        "backend_middleware",
        "Timestamp",
        "2025-12-15T10:30:45.123Z",
        "Context",
    ] {
        assert!(details.contains(expected), "{expected} in {details}");
    }
    let pre = text(&panel, "pre");
    assert_eq!(pre, reason().context_pretty());
    assert!(pre.contains("\n  \"current_account_id\": 456"), "indented JSON: {pre}");
    assert!(
        by_text(&panel, "button", "Copy details").is_some(),
        "a Copy details button"
    );
    assert!(find(&panel, "[role=status]").is_some(), "a status for Copied");

    click(&button);
    settle().await;
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert!(panel.has_attribute("hidden"), "closed again");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_page_is_hidden_when_it_is_the_sign_in_page() {
    for path in ["/signin", "/signin?next=/dashboard", ""] {
        let root = render_box(box_props(reason_on(path, "Token refresh failed - session expired"))).await;
        assert!(find(&root, "[role=alert]").is_some());
        assert!(find(&root, ".session-ended-page").is_none(), "no page for {path:?}");
        assert!(
            !root.text_content().unwrap_or_default().contains("You were on"),
            "{path:?}"
        );
        root.remove();
    }
}

#[wasm_bindgen_test]
async fn markup_in_a_reason_is_shown_as_text() {
    let mut hostile = reason_on("/dashboard?q=<script>alert(1)</script>", HOSTILE);
    hostile.context.insert("error".into(), json!(HOSTILE));
    let root = render_box(box_props(hostile)).await;
    if let Some(button) = by_text(&root, "button", "Technical details") {
        click(&button);
        settle().await;
    }
    assert_eq!(text(&root, ".session-ended-message"), HOSTILE);
    assert_eq!(
        text(&root, ".session-ended-page code"),
        "/dashboard?q=<script>alert(1)</script>"
    );
    assert!(text(&root, "pre").contains(HOSTILE));
    assert!(find(&root, "img").is_none(), "no <img> was created");
    assert!(find(&root, "script").is_none(), "no <script> was created");
    root.remove();
}

#[wasm_bindgen_test]
async fn billing_and_support_links_follow_the_code_and_the_config() {
    let links = |code: LogoutCode, billing: &'static str| {
        let mut reason = reason();
        reason.code = code;
        SessionEndedProps {
            reason,
            billing_url: Some(AttrValue::Static(billing)),
            support_url: Some(AttrValue::Static("https://help.example.com/")),
        }
    };
    let root = render_box(links(LogoutCode::PlanInactive, "https://billing.example.com/")).await;
    let billing = find(&root, "a[href='https://billing.example.com/']").expect("a billing link");
    assert!(billing.text_content().unwrap_or_default().contains("billing"));
    let support = find(&root, "a[href='https://help.example.com/']").expect("a support link");
    assert!(support
        .text_content()
        .unwrap_or_default()
        .starts_with("Contact support"));
    root.remove();

    let root = render_box(links(
        LogoutCode::SessionAccountMismatch,
        "https://billing.example.com/",
    ))
    .await;
    assert!(
        find(&root, "a[href='https://billing.example.com/']").is_none(),
        "billing does not fix this"
    );
    assert!(find(&root, "a[href='https://help.example.com/']").is_some());
    root.remove();

    let root = render_box(links(LogoutCode::AccountSuspended, "javascript:alert(1)")).await;
    assert!(
        find(&root, "a[href^='javascript']").is_none(),
        "never a javascript: link"
    );
    root.remove();

    let root = render_box(links(LogoutCode::AccountSuspended, "/\\evil.example")).await;
    assert!(
        find(&root, "a[href*='evil']").is_none(),
        "never a link that browsers read as another host"
    );
    root.remove();

    let root = render_box(box_props(reason())).await;
    assert!(find(&root, "a").is_none(), "no links without URLs");
    root.remove();
}

// Reading computed styles, and a backend for the staff page: a block of their own.
#[wasm_bindgen(inline_js = r#"
export function computed_style(el, property) { return getComputedStyle(el).getPropertyValue(property); }
let staffOriginal = null;
// `me` answers the user; the events list answers `events`, or only those whose request_id
// the query names. Each URL asked for is kept in window.__eventUrls.
export function mock_staff_backend(me, events) {
  staffOriginal = staffOriginal || window.fetch;
  window.__eventUrls = [];
  window.fetch = (input) => {
    const url = typeof input === "string" ? input : input.url;
    const answer = (status, body) => Promise.resolve(new Response(JSON.stringify(body),
      { status, headers: { "Content-Type": "application/json" } }));
    if (url.includes("/auth/logout-events/")) {
      window.__eventUrls.push(url);
      const wanted = new URL(url, location.href).searchParams.get("request_id");
      const all = JSON.parse(events);
      return answer(200, wanted ? all.filter((e) => e.request_id === wanted) : all);
    }
    if (url.includes("/auth/me/")) { return answer(200, JSON.parse(me)); }
    return answer(404, { detail: "Not found." });
  };
}
export function event_urls() { return JSON.stringify(window.__eventUrls || []); }
export function restore_staff_fetch() { if (staffOriginal) { window.fetch = staffOriginal; staffOriginal = null; } }
"#)]
extern "C" {
    fn computed_style(element: &Element, property: &str) -> String;
    fn mock_staff_backend(me: &str, events: &str);
    fn event_urls() -> String;
    fn restore_staff_fetch();
}

/// The paragraphs of the box, in order, as text.
fn paragraphs(root: &Element) -> Vec<String> {
    let all = root.query_selector_all("[role=alert] > p").expect("a valid selector");
    (0..all.length())
        .filter_map(|index| all.item(index))
        .map(|node| node.text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn a_known_code_says_plain_words_first_then_the_contract_message() {
    let root = render_box(box_props(reason())).await;
    let words = LogoutCode::SessionAccountMismatch.plain_words().expect("plain words");
    let lines = paragraphs(&root);
    assert_eq!(
        lines.first().map(String::as_str),
        Some(words),
        "plain words first: {lines:?}"
    );
    assert_eq!(
        lines.get(1).map(String::as_str),
        Some("Session contamination: account ID mismatch")
    );
    assert_eq!(text(&root, ".session-ended-plain"), words);
    assert_eq!(
        text(&root, ".session-ended-message"),
        "Session contamination: account ID mismatch"
    );
    root.remove();

    let mut unknown = reason_on("/dashboard", "Frozen by an administrator");
    unknown.code = LogoutCode::from("ACCOUNT_FROZEN_BY_ADMIN");
    let root = render_box(box_props(unknown)).await;
    assert!(
        find(&root, ".session-ended-plain").is_none(),
        "no plain words for an unknown code"
    );
    let lines = paragraphs(&root);
    assert_eq!(
        lines.first().map(String::as_str),
        Some("Frozen by an administrator"),
        "the message alone: {lines:?}"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn the_context_wraps_instead_of_scrolling_sideways() {
    install_css(APP_CSS);
    let mut long = reason();
    long.context.insert("error".into(), json!("x".repeat(400)));
    let root = render_box(box_props(long)).await;
    let button = by_text(&root, "button", "Technical details").expect("a Technical details button");
    click(&button);
    settle().await;
    let pre = find(&root, "pre").expect("the context");
    assert_eq!(computed_style(&pre, "white-space").trim(), "pre-wrap");
    assert_eq!(computed_style(&pre, "overflow-wrap").trim(), "anywhere");
    assert_eq!(
        pre.get_attribute("tabindex").as_deref(),
        Some("0"),
        "still keyboard-focusable"
    );
    assert!(
        pre.scroll_width() <= pre.client_width(),
        "no sideways scrolling: {} > {}",
        pre.scroll_width(),
        pre.client_width()
    );
    root.remove();
}

fn repeated(repeat: u64, support: Option<&'static str>) -> SessionEndedProps {
    let mut reason = reason();
    reason.code = LogoutCode::PlanInactive;
    reason.message = "Subscription plan is inactive".into();
    reason.context.insert("repeat".into(), json!(repeat));
    SessionEndedProps {
        reason,
        billing_url: None,
        support_url: support.map(AttrValue::Static),
    }
}

#[wasm_bindgen_test]
async fn two_quick_logouts_in_a_row_add_no_line_and_keep_the_details_closed() {
    let root = render_box(repeated(2, Some("https://help.example.com/"))).await;
    assert!(!root.text_content().unwrap_or_default().contains("keeps happening"));
    assert!(find(&root, ".session-ended-repeat").is_none());
    let button = by_text(&root, "button", "Technical details").expect("a Technical details button");
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert!(find(&root, "#technical-details-panel")
        .expect("the panel")
        .has_attribute("hidden"));
    assert!(
        find(&root, ".recovery-links a[href='https://help.example.com/']").is_some(),
        "support as usual"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn a_logout_that_keeps_happening_says_so_opens_the_details_and_points_to_support() {
    let root = render_box(repeated(3, Some("https://help.example.com/"))).await;
    let line = text(&root, ".session-ended-repeat");
    assert!(line.contains("keeps happening"), "{line}");
    assert!(line.contains("3 times in a row"), "{line}");
    assert!(
        line.contains(keeps_happening_advice(&LogoutCode::PlanInactive)),
        "{line}"
    );
    let button = by_text(&root, "button", "Technical details").expect("a Technical details button");
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("true"),
        "open at once"
    );
    assert!(!find(&root, "#technical-details-panel")
        .expect("the panel")
        .has_attribute("hidden"));
    let support =
        find(&root, ".session-ended-repeat a[href='https://help.example.com/']").expect("support in the line");
    assert!(support
        .text_content()
        .unwrap_or_default()
        .starts_with("Contact support"));
    let all = root
        .query_selector_all("a[href='https://help.example.com/']")
        .expect("a valid selector");
    assert_eq!(all.length(), 1, "one support link, not two");
    // The button still closes the panel.
    click(&button);
    settle().await;
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("false"));
    root.remove();

    let root = render_box(repeated(3, None)).await;
    assert!(text(&root, ".session-ended-repeat").contains("keeps happening"));
    assert!(find(&root, "a").is_none(), "no support link without a support URL");
    root.remove();

    let mut odd = repeated(3, None);
    odd.reason.context.insert("repeat".into(), json!("3"));
    let root = render_box(odd).await;
    assert!(
        find(&root, ".session-ended-repeat").is_none(),
        "a repeat that is not a number counts as none"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn the_box_heading_and_button_have_their_names_without_decoration() {
    install_css(APP_CSS);
    let root = render_box(box_props(reason())).await;
    let alert = find(&root, "[role=alert]").expect("the box is an alert");
    let heading_id = alert
        .get_attribute("aria-labelledby")
        .expect("the alert is named by its heading");
    let heading = find(&root, &format!("#{heading_id}")).expect("the heading exists");
    assert_eq!(heading.tag_name(), "H2");
    assert_eq!(name_from_content(&heading), "Session Ended");
    assert_computed(&heading, "heading", "Session Ended");
    assert_computed(&alert, "alert", "Session Ended");

    let button = by_text(&root, "button", "Technical details").expect("a Technical details button");
    assert!(button.get_attribute("aria-label").is_none() && button.get_attribute("aria-labelledby").is_none());
    assert_eq!(
        name_from_content(&button),
        "Technical details",
        "closed: {}",
        pseudo_content(&button, "::before")
    );
    assert_computed(&button, "button", "Technical details");
    click(&button);
    settle().await;
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("true"));
    assert_eq!(
        name_from_content(&button),
        "Technical details",
        "open: {}",
        pseudo_content(&button, "::before")
    );
    assert_computed(&button, "button", "Technical details");

    // The context scrolls sideways: focusable, a named region.
    let context = find(&root, "pre").expect("the context");
    assert_eq!(context.get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(context.get_attribute("role").as_deref(), Some("region"));
    assert_eq!(context.get_attribute("aria-label").as_deref(), Some("Context"));
    assert_computed(&context, "region", "Context");
    let copy = by_text(&root, "button", "Copy details").expect("Copy details");
    assert_eq!(name_from_content(&copy), "Copy details");
    assert_computed(&copy, "button", "Copy details");
    root.remove();
}

/// The links the box offers only with a billing or support URL (which the end-to-end audit's
/// default config.json has not): their text contrast (4.5:1) and names, checked by axe.
#[wasm_bindgen_test]
async fn the_box_with_its_links_passes_axe_contrast_and_link_rules() {
    install_css(APP_CSS);
    let mut reason = reason();
    reason.code = LogoutCode::PlanInactive;
    let root = render_box(SessionEndedProps {
        reason,
        billing_url: Some(AttrValue::Static("https://billing.example.com/")),
        support_url: Some(AttrValue::Static("https://help.example.com/")),
    })
    .await;
    assert!(
        find(&root, "a.button-link").is_some() && find(&root, "a:not(.button-link)").is_some(),
        "both links"
    );
    click(&by_text(&root, "button", "Technical details").expect("Technical details"));
    settle().await;
    let rules = "color-contrast,link-name,link-in-text-block,button-name,aria-allowed-attr,scrollable-region-focusable";
    let result = wasm_bindgen_futures::JsFuture::from(axe_check(AXE, &root, rules))
        .await
        .expect("axe ran");
    let violations = result.as_string().unwrap_or_default();
    assert_eq!(violations, "[]", "axe-core found violations in the box");
    root.remove();
}

// ---- the sign-in page ------------------------------------------------------------------

#[component]
fn SignInHarness() -> Html {
    html! {
        <BrowserRouter>
            <AuthProvider config={Config::default()}>
                <SignInPage />
            </AuthProvider>
        </BrowserRouter>
    }
}

fn sign_out_storage() {
    for key in ["access_token", "refresh_token", "auth_user", LOGOUT_REASON_KEY] {
        remove_item(key);
    }
}

struct Mounted {
    root: Element,
    app: yew::AppHandle<SignInHarness>,
}

impl Mounted {
    fn remove(self) {
        self.app.destroy();
        self.root.remove();
    }
}

async fn render_sign_in() -> Mounted {
    let root = fresh_root();
    let app = yew::Renderer::<SignInHarness>::with_root(root.clone()).render();
    wait_for(&root, "form").await;
    settle().await;
    Mounted { root, app }
}

#[derive(Properties, PartialEq)]
struct LateConfigProps {
    config: Option<Config>,
}

/// The app as it starts: rendered before `config.json` has arrived (`None`), then again with it.
#[component]
fn SignInBeforeConfig(props: &LateConfigProps) -> Html {
    html! {
        <BrowserRouter>
            <AuthProvider config={props.config.clone()}>
                <SignInPage />
            </AuthProvider>
        </BrowserRouter>
    }
}

#[wasm_bindgen_test]
async fn the_reason_shows_before_config_json_arrives_and_its_links_come_with_it() {
    let _turn = storage_turn().await;
    sign_out_storage();
    let mut lapsed = reason();
    lapsed.code = LogoutCode::PlanInactive;
    write_item(LOGOUT_REASON_KEY, &lapsed.to_json());
    let root = fresh_root();
    let mut app =
        yew::Renderer::<SignInBeforeConfig>::with_root_and_props(root.clone(), LateConfigProps { config: None })
            .render();
    let alert = wait_for(&root, "[role=alert]").await;
    assert!(
        find(&alert, "a").is_none(),
        "no link before config.json: {}",
        alert.inner_html()
    );

    app.update(LateConfigProps {
        config: Some(Config {
            billing_url: Some("https://billing.example.com/".into()),
            ..Config::default()
        }),
    });
    let billing = wait_for(&root, "a[href='https://billing.example.com/']").await;
    assert!(
        alert.contains(Some(&billing)),
        "the same box, not a new one: {}",
        root.inner_html()
    );
    assert!(alert.is_connected());
    app.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn the_sign_in_page_shows_a_stored_reason_once_and_empties_storage() {
    let _turn = storage_turn().await;
    sign_out_storage();
    write_item(LOGOUT_REASON_KEY, &reason().to_json());
    let page = render_sign_in().await;
    let root = page.root.clone();
    let alert = wait_for(&root, "[role=alert]").await;
    assert_eq!(text(&alert, "h2"), "Session Ended");
    assert_eq!(
        text(&alert, ".session-ended-plain"),
        LogoutCode::SessionAccountMismatch.plain_words().expect("plain words")
    );
    assert_eq!(
        text(&alert, ".session-ended-message"),
        "Session contamination: account ID mismatch"
    );
    assert_eq!(text(&alert, ".session-ended-page code"), "/dashboard/content?tab=2");
    assert_eq!(read_item(LOGOUT_REASON_KEY), None, "removed from storage after mount");
    // The box sits above the form, whose inputs are labelled.
    let html = root.inner_html();
    assert!(html.find("Session Ended") < html.find("<form"), "above the form");
    assert_eq!(text(&root, "label[for=email]"), "Email");
    assert_eq!(text(&root, "label[for=password]"), "Password");
    assert!(by_text(&root, "button", "Sign in").is_some());
    page.remove();

    // A reload finds nothing.
    let page = render_sign_in().await;
    assert!(find(&page.root, "[role=alert]").is_none(), "shown once");
    page.remove();
}

#[wasm_bindgen_test]
async fn the_sign_in_form_controls_are_named_by_their_labels() {
    let _turn = storage_turn().await;
    sign_out_storage();
    install_css(APP_CSS);
    let page = render_sign_in().await;
    for (selector, name) in [("#email", "Email"), ("#password", "Password")] {
        let input = find(&page.root, selector).expect("an input");
        assert_eq!(label_texts(&input), name, "the <label for> of {selector}");
        assert!(input.get_attribute("aria-label").is_none() && input.get_attribute("aria-labelledby").is_none());
        assert_computed(&input, "textbox", name);
    }
    let label = find(&page.root, "label[for=email]").expect("the Email label");
    assert_eq!(name_from_content(&label), "Email");
    let button = by_text(&page.root, "button", "Sign in").expect("Sign in");
    assert_eq!(button.get_attribute("type").as_deref(), Some("submit"));
    assert_eq!(name_from_content(&button), "Sign in");
    assert_computed(&button, "button", "Sign in");
    page.remove();
}

#[wasm_bindgen_test]
async fn the_sign_in_page_shows_no_box_without_a_reason() {
    let _turn = storage_turn().await;
    sign_out_storage();
    let page = render_sign_in().await;
    assert!(find(&page.root, "[role=alert]").is_none());
    assert!(find(&page.root, ".session-ended").is_none());
    page.remove();
}

#[wasm_bindgen_test]
async fn a_corrupted_stored_reason_shows_no_box_and_is_removed() {
    let _turn = storage_turn().await;
    sign_out_storage();
    write_item(LOGOUT_REASON_KEY, "{\"code\": \"X\"");
    let page = render_sign_in().await;
    assert!(find(&page.root, "[role=alert]").is_none());
    assert_eq!(read_item(LOGOUT_REASON_KEY), None);
    page.remove();
}

#[wasm_bindgen_test]
async fn a_hostile_stored_message_stays_text_on_the_sign_in_page() {
    let _turn = storage_turn().await;
    sign_out_storage();
    write_item(LOGOUT_REASON_KEY, &reason_on("/dashboard", HOSTILE).to_json());
    let page = render_sign_in().await;
    wait_for(&page.root, "[role=alert]").await;
    assert_eq!(text(&page.root, ".session-ended-message"), HOSTILE);
    assert!(find(&page.root, "img").is_none(), "no <img> was created");
    page.remove();
}

#[wasm_bindgen_test]
async fn a_failed_sign_in_shows_the_backend_message_word_for_word_and_no_box() {
    let _turn = storage_turn().await;
    sign_out_storage();
    write_item(LOGOUT_REASON_KEY, &reason().to_json());
    mock_backend("{}");
    let page = render_sign_in().await;
    wait_for(&page.root, "[role=alert]").await;
    for (selector, value) in [("#email", "a@b.c"), ("#password", "wrong")] {
        let input: web_sys::HtmlInputElement = find(&page.root, selector)
            .expect("an input")
            .dyn_into()
            .expect("an input");
        input.set_value(value);
    }
    click(&by_text(&page.root, "button", "Sign in").expect("the Sign in button"));
    let error = wait_for(&page.root, ".form-error").await;
    restore_fetch();
    assert_eq!(
        error.text_content().unwrap_or_default(),
        "No active account found with the given credentials"
    );
    assert!(
        find(&page.root, ".session-ended").is_none(),
        "the box is cleared on submit"
    );
    assert_eq!(read_item(LOGOUT_REASON_KEY), None, "a refused sign-in is not a logout");
    page.remove();
}

#[wasm_bindgen_test]
async fn a_sign_in_that_fails_after_its_tokens_arrived_keeps_none_and_revokes_them() {
    let _turn = storage_turn().await;
    sign_out_storage();
    mock_half_sign_in();
    let page = render_sign_in().await;
    for (selector, value) in [("#email", "a@b.c"), ("#password", "right")] {
        let input: web_sys::HtmlInputElement = find(&page.root, selector)
            .expect("an input")
            .dyn_into()
            .expect("an input");
        input.set_value(value);
    }
    click(&by_text(&page.root, "button", "Sign in").expect("the Sign in button"));
    wait_for(&page.root, ".form-error").await;
    sleep(Duration::from_millis(200)).await;
    let revoked = logout_bodies();
    restore_fetch();
    assert_eq!(read_item("access_token"), None, "no access token kept");
    assert_eq!(read_item("refresh_token"), None, "no refresh token kept");
    assert_eq!(
        read_item(LOGOUT_REASON_KEY),
        None,
        "not a logout: there is nothing to explain"
    );
    assert_eq!(
        revoked, r#"["{\"refresh\":\"half-refresh\"}"]"#,
        "the refresh token it got is revoked"
    );
    page.remove();
}

// ---- the other pages' parts ------------------------------------------------------------

fn member() -> User {
    User {
        id: 789,
        email: "member@example.com".into(),
        is_staff: false,
        account: Some(Account {
            id: 456,
            name: "Acme".into(),
            status: "active".into(),
            plan: Some(Plan {
                id: 3,
                name: "Pro".into(),
                is_active: false,
            }),
        }),
    }
}

#[wasm_bindgen_test]
async fn the_permission_failure_says_permission_and_offers_no_retry() {
    let root = fresh_root();
    let props = LoadFailureProps {
        error: ApiError::PermissionDenied(None),
        on_retry: Some(Callback::noop()),
    };
    yew::Renderer::<LoadFailure>::with_root_and_props(root.clone(), props).render();
    settle().await;
    assert_eq!(
        root.text_content().unwrap_or_default(),
        "You don't have permission to view this page"
    );
    assert!(find(&root, "button").is_none());
    root.remove();

    let root = fresh_root();
    let props = LoadFailureProps {
        error: ApiError::Server(502),
        on_retry: Some(Callback::noop()),
    };
    yew::Renderer::<LoadFailure>::with_root_and_props(root.clone(), props).render();
    settle().await;
    assert_eq!(text(&root, "[role=alert] p"), ApiError::Server(502).to_string());
    assert!(by_text(&root, "button", "Try again").is_some());
    root.remove();
}

#[wasm_bindgen_test]
async fn the_account_summary_names_account_status_and_plan() {
    let root = fresh_root();
    yew::Renderer::<AccountSummary>::with_root_and_props(root.clone(), AccountSummaryProps { user: member() }).render();
    settle().await;
    assert_eq!(text(&root, ".summary-email"), "member@example.com");
    assert_eq!(text(&root, ".summary-account"), "Acme active");
    assert_eq!(text(&root, ".summary-plan"), "Pro Inactive");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_content_list_has_an_empty_state() {
    let root = fresh_root();
    let props = ContentListProps {
        items: Default::default(),
    };
    yew::Renderer::<ContentList>::with_root_and_props(root.clone(), props).render();
    settle().await;
    assert_eq!(text(&root, ".empty"), "No content yet.");
    root.remove();

    let root = fresh_root();
    let items = vec![ContentItem {
        id: json!(1),
        title: HOSTILE.into(),
    }];
    yew::Renderer::<ContentList>::with_root_and_props(root.clone(), ContentListProps { items: items.into() }).render();
    settle().await;
    assert_eq!(text(&root, "li"), HOSTILE);
    assert!(find(&root, "img").is_none());
    root.remove();
}

/// What a signed-in tab keeps: its tokens and the user; answers the user as JSON.
fn signed_in_storage(user: &User) -> String {
    let user = serde_json::to_string(user).expect("JSON");
    write_item("access_token", "access-1");
    write_item("refresh_token", "refresh-1");
    write_item("auth_user", &user);
    user
}

#[component]
fn LogoutEventsHarness() -> Html {
    html! {
        <BrowserRouter>
            <AuthProvider config={Config::default()}>
                <Protected><LogoutEventsPage /></Protected>
            </AuthProvider>
        </BrowserRouter>
    }
}

#[wasm_bindgen_test]
async fn a_member_on_the_events_page_sees_the_permission_message_and_stays_signed_in() {
    let _turn = storage_turn().await;
    sign_out_storage();
    let user = signed_in_storage(&member());
    mock_backend(&user);

    let root = fresh_root();
    let app = yew::Renderer::<LogoutEventsHarness>::with_root(root.clone()).render();
    let notice = wait_for(&root, ".notice").await;
    settle().await;
    restore_fetch();

    assert_eq!(notice.text_content().unwrap_or_default(), PERMISSION_MESSAGE);
    assert!(PERMISSION_MESSAGE.contains("permission"));
    assert_eq!(text(&root, ".user-email"), "member@example.com", "the header stays");
    assert!(by_text(&root, "button", "Sign out").is_some());
    assert!(
        by_text(&root, "a", "Logout events").is_none(),
        "no staff link for a member"
    );
    assert!(find(&root, "form").is_none(), "no filter for a member");
    assert_eq!(read_item(LOGOUT_REASON_KEY), None, "not a logout");
    assert_eq!(read_item("access_token").as_deref(), Some("access-1"), "tokens kept");
    app.destroy();
    root.remove();
    sign_out_storage();
}

#[wasm_bindgen_test]
async fn an_unreachable_server_shows_a_status_line_with_retry_and_never_logs_out() {
    let _turn = storage_turn().await;
    sign_out_storage();
    let user = signed_in_storage(&member());
    mock_unreachable();

    let root = fresh_root();
    let app = yew::Renderer::<LogoutEventsHarness>::with_root(root.clone()).render();
    let line = wait_for(&root, "[role=status] p").await;
    let said = line.text_content().unwrap_or_default();
    assert!(
        said.contains("Can't reach the server") && said.contains("still signed in"),
        "{said}"
    );
    assert_eq!(read_item(LOGOUT_REASON_KEY), None, "not a logout");
    assert_eq!(read_item("access_token").as_deref(), Some("access-1"), "tokens kept");
    assert!(by_text(&root, "button", "Sign out").is_some(), "the header stays");

    // The server is back: Retry asks again, and the line goes at the first answer.
    mock_backend(&user);
    click(&by_text(&root, "button", "Retry").expect("a Retry button"));
    wait_for(&root, ".notice").await;
    settle().await;
    restore_fetch();
    assert!(find(&root, "[role=status] p").is_none(), "the line is gone");
    app.destroy();
    root.remove();
    sign_out_storage();
}

fn staff() -> User {
    User {
        id: 1,
        email: "staff@example.com".into(),
        is_staff: true,
        ..member()
    }
}

/// A logout event as the reference backend lists it, `minutes` ago.
fn listed_event(id: u32, code: &str, minutes: i64, request_id: &str) -> Value {
    let time = format_timestamp(chrono::Utc::now() - chrono::Duration::minutes(minutes));
    json!({"id": id, "code": code, "message": "", "path": "/dashboard", "source": "backend_middleware",
           "timestamp": time, "context": {"user_id": 789}, "request_id": request_id, "received_at": time})
}

/// The chart's image and its accessible name.
fn chart_name(root: &Element) -> String {
    let svg = find(root, "svg[role=img]").expect("the chart is an image");
    svg.get_attribute("aria-label").unwrap_or_default()
}

#[wasm_bindgen_test]
async fn staff_see_logouts_over_time_switch_the_span_and_filter_by_request_id() {
    let _turn = storage_turn().await;
    sign_out_storage();
    let user = signed_in_storage(&staff());
    let events = json!([
        listed_event(1, "PLAN_INACTIVE", 5, "0123456789abcdef0123456789abcdef"),
        listed_event(2, "PLAN_INACTIVE", 65, "11111111111111111111111111111111"),
        listed_event(
            3,
            "TOKEN_REFRESH_FAILED",
            3 * 24 * 60,
            "22222222222222222222222222222222"
        ),
    ]);
    mock_staff_backend(&user, &events.to_string());

    let root = fresh_root();
    let app = yew::Renderer::<LogoutEventsHarness>::with_root(root.clone()).render();
    wait_for(&root, "svg[role=img]").await;
    settle().await;

    let name = chart_name(&root);
    assert!(name.starts_with("Logouts"), "{name}");
    assert!(name.contains("last 24 hours"), "{name}");
    assert_eq!(
        root.query_selector_all("svg[role=img] polyline")
            .expect("selector")
            .length(),
        1,
        "one code in 24 hours"
    );
    let caption = text(&root, ".chart-table caption");
    assert_eq!(caption, name, "the table carries the same name");
    assert_eq!(
        root.query_selector_all(".chart-table tbody tr")
            .expect("selector")
            .length(),
        24
    );
    let hours = by_text(&root, "button", "Last 24 hours").expect("a Last 24 hours button");
    let days = by_text(&root, "button", "Last 30 days").expect("a Last 30 days button");
    assert_eq!(hours.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(days.get_attribute("aria-pressed").as_deref(), Some("false"));
    // The events table lists each event's request id.
    let events_table = find(&root, "[aria-label='Logout events'] table").expect("the events table");
    let headers = events_table.text_content().unwrap_or_default();
    assert!(headers.contains("Request ID"), "{headers}");
    assert!(headers.contains("0123456789abcdef0123456789abcdef"), "{headers}");

    click(&days);
    settle().await;
    let name = chart_name(&root);
    assert!(name.starts_with("Logouts") && name.contains("last 30 days"), "{name}");
    assert_eq!(days.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(hours.get_attribute("aria-pressed").as_deref(), Some("false"));
    assert_eq!(
        root.query_selector_all("svg[role=img] polyline")
            .expect("selector")
            .length(),
        2,
        "two codes in 30 days"
    );
    assert_eq!(
        root.query_selector_all(".chart-table tbody tr")
            .expect("selector")
            .length(),
        30
    );
    let today = text(&root, ".chart-table tbody tr:last-child td:last-child");
    let days_total: u32 = root
        .query_selector_all(".chart-table tbody tr td:last-child")
        .map(|rows| {
            (0..rows.length())
                .filter_map(|i| rows.item(i))
                .filter_map(|n| n.text_content()?.parse::<u32>().ok())
                .sum()
        })
        .unwrap_or(0);
    assert_eq!(days_total, 3, "every event counted once in 30 days (today: {today})");

    // The filter by request id: a third field, sent as `request_id`.
    let input = find(&root, "#filter-request-id").expect("a Request ID field");
    assert_eq!(label_texts(&input), "Request ID");
    input
        .dyn_ref::<web_sys::HtmlInputElement>()
        .expect("an input")
        .set_value("11111111111111111111111111111111");
    click(&by_text(&root, "button", "Filter").expect("a Filter button"));
    for _ in 0..100 {
        if root
            .query_selector_all("[aria-label='Logout events'] tbody tr")
            .map(|rows| rows.length())
            .unwrap_or(0)
            == 1
        {
            break;
        }
        sleep(Duration::from_millis(20)).await;
    }
    let rows = text(&root, "[aria-label='Logout events'] tbody");
    assert!(
        rows.contains("11111111111111111111111111111111") && !rows.contains("0123456789abcdef"),
        "{rows}"
    );
    let urls = event_urls();
    assert!(urls.contains("request_id=11111111111111111111111111111111"), "{urls}");
    let name = chart_name(&root);
    assert!(
        name.contains("last 30 days"),
        "the span stays while the list reloads: {name}"
    );
    restore_staff_fetch();
    app.destroy();
    root.remove();
    sign_out_storage();
}

#[wasm_bindgen_test]
async fn a_reason_announced_by_another_tab_is_shown_prefixed_and_the_stored_one_is_left_alone() {
    let _turn = storage_turn().await;
    sign_out_storage();
    let page = render_sign_in().await;
    assert!(find(&page.root, ".session-ended").is_none());

    // The other tab stores its own reason, then announces it: the announced one is shown
    // here, and the stored one stays for the tab that raised it.
    let own = reason_on("/dashboard", "Stored by the tab that raised it");
    write_item(LOGOUT_REASON_KEY, &own.to_json());
    let announced = reason_on("/dashboard/content", "Session contamination: account ID mismatch");
    announce_from_another_tab(&announced.to_json());
    let alert = wait_for(&page.root, "[role=alert]").await;
    let shown = alert.text_content().unwrap_or_default();
    assert!(
        shown.contains("Signed out in another tab: Session contamination: account ID mismatch"),
        "{shown}"
    );
    settle().await;
    assert!(
        read_item(LOGOUT_REASON_KEY).is_some(),
        "the raising tab's stored reason stays for it"
    );
    page.remove();
    sign_out_storage();
}
