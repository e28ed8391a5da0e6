//! The browser's clock and the tab's visibility as a user's machine changes them: a clock
//! set hours ahead or behind, a laptop's sleep (the tab hidden, the clock jumped forward,
//! then shown again). Installed through DevTools before the app's own scripts, so the app
//! only ever sees the shifted clock; the monotonic `performance.now()` is left alone, as a
//! changed wall clock leaves it.

use serde_json::json;

use crate::browser::Browser;

/// `Date` and `Date.now()` run `shift_ms` off the real clock (changed later by [`jump`]);
/// `document.visibilityState` follows [`set_hidden`].
fn hook(shift_ms: i64) -> String {
    format!(
        r#"(() => {{
  const RealDate = Date;
  const realNow = () => RealDate.now();
  let shift = {shift_ms};
  class ShiftedDate extends RealDate {{
    constructor(...args) {{ if (args.length === 0) {{ super(realNow() + shift); }} else {{ super(...args); }} }}
    static now() {{ return realNow() + shift; }}
  }}
  globalThis.Date = ShiftedDate;
  let hidden = false;
  Object.defineProperty(Document.prototype, "visibilityState", {{ get: () => (hidden ? "hidden" : "visible"), configurable: true }});
  Object.defineProperty(Document.prototype, "hidden", {{ get: () => hidden, configurable: true }});
  globalThis.__e2eClock = {{
    jump: (ms) => {{ shift += ms; }},
    setHidden: (value) => {{ hidden = value; document.dispatchEvent(new Event("visibilitychange")); }},
  }};
}})();"#
    )
}

/// Sets the browser's clock `shift_ms` off the real one for every page opened from now on.
pub async fn install(browser: &Browser, shift_ms: i64) {
    browser
        .devtools(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": hook(shift_ms) }),
        )
        .await;
}

/// Moves the clock of the current page `ms` forward (as after a sleep).
pub async fn jump(browser: &Browser, ms: i64) {
    browser.script(&format!("__e2eClock.jump({ms});")).await;
}

/// Hides or shows the current tab, with the `visibilitychange` a browser sends.
pub async fn set_hidden(browser: &Browser, hidden: bool) {
    browser.script(&format!("__e2eClock.setHidden({hidden});")).await;
}

/// A laptop's sleep of `ms`: the tab hidden, the clock jumped forward, the tab shown again.
pub async fn sleep_for(browser: &Browser, ms: i64) {
    set_hidden(browser, true).await;
    jump(browser, ms).await;
    set_hidden(browser, false).await;
}
