//! Reflow (WCAG 1.4.10) and zoom (1.4.4): the page at 320 CSS px wide and at 200% zoom
//! (a 1280 px window at 200% is 640 CSS px at two device pixels each) must not scroll
//! sideways; only a region of its own (a table, the context's JSON) may.

use serde_json::json;

use crate::browser::Browser;
use crate::repo;

/// How far the page itself is wider than the viewport, and the elements that stick out.
const OVERFLOW: &str = r##"
const root = document.documentElement;
const width = root.clientWidth;
// Elements whose own box sticks out, unless a scrolling ancestor holds them.
const scrolls = (el) => { for (let n = el.parentElement; n && n !== document.body; n = n.parentElement) {
  const o = getComputedStyle(n).overflowX; if (o === "auto" || o === "scroll" || o === "hidden") return true; } return false; };
const out = [...document.body.querySelectorAll("*")]
  .filter((el) => el.getBoundingClientRect().right > width + 1 && !scrolls(el))
  .slice(0, 5)
  .map((el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className ? "." + String(el.className).split(" ").join(".") : ""));
return { scrollWidth: root.scrollWidth, clientWidth: width, out };
"##;

/// The viewport emulated at `width` CSS px and `scale` device pixels per CSS px.
async fn emulate(browser: &Browser, width: u32, scale: f64) {
    browser
        .devtools(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": 720, "deviceScaleFactor": scale, "mobile": false }),
        )
        .await;
    // Two frames for the layout to follow.
    browser
        .client()
        .execute_async(
            "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            Vec::new(),
        )
        .await
        .ok();
}

async fn check_width(browser: &Browser, page: &str, width: u32, scale: f64) -> Option<String> {
    emulate(browser, width, scale).await;
    let measured = browser.script(OVERFLOW).await;
    let scroll = measured["scrollWidth"].as_u64().unwrap_or(0);
    let client = measured["clientWidth"].as_u64().unwrap_or(0);
    (scroll > client).then(|| {
        format!(
            "{page} at {width} CSS px (scale {scale}) scrolls sideways: {scroll} px of content in {client} px; sticking out: {}",
            measured["out"]
        )
    })
}

/// Checks the current page at 320 CSS px and at 200% zoom, saves
/// `target/e2e/<shot>-320px.png`, restores the window and returns what scrolled sideways.
pub async fn check(browser: &Browser, page: &str, shot: &str) -> Vec<String> {
    let mut problems = Vec::new();
    problems.extend(check_width(browser, page, 640, 2.0).await);
    problems.extend(check_width(browser, page, 320, 1.0).await);
    browser
        .screenshot(&repo::screenshot_path(&format!("{shot}-320px")))
        .await;
    browser
        .devtools("Emulation.clearDeviceMetricsOverride", json!({}))
        .await;
    problems
}
