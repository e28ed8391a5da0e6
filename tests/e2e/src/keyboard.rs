//! A keyboard-only user: Tab through the page until a control with a given role and name has
//! focus, checking at every stop that the focus can be seen.

use fantoccini::elements::Element;
use fantoccini::key::Key;
use serde_json::Value;

use crate::accessible::{Described, Target};
use crate::browser::Browser;
use crate::contrast;

/// How many Tab presses a control may be away at most.
const MAX_TABS: usize = 25;

/// The focused element's outline and the colour behind it (the nearest opaque background of
/// its ancestors: the outline is drawn outside the element).
const FOCUS_STYLE: &str = r#"
const el = document.activeElement;
if (!el || el === document.body) { return null; }
const style = getComputedStyle(el);
let behind = "rgb(255, 255, 255)";
for (let node = el.parentElement; node; node = node.parentElement) {
  const colour = getComputedStyle(node).backgroundColor;
  if (colour && colour !== "transparent" && !colour.startsWith("rgba(0, 0, 0, 0)")) { behind = colour; break; }
}
return {
  focusVisible: el.matches(":focus-visible"),
  outlineStyle: style.outlineStyle,
  outlineWidth: parseFloat(style.outlineWidth) || 0,
  outlineColor: style.outlineColor,
  behind,
};
"#;

/// What the user sees at one focus stop.
#[derive(Debug)]
pub struct FocusStop {
    pub described: Described,
    pub element: Element,
}

/// Panics unless the focused element shows a `:focus-visible` outline at least 2 px wide
/// whose colour has a contrast of at least 3:1 with what is behind it.
pub async fn assert_focus_visible(browser: &Browser, what: &Described) {
    let style = browser.script(FOCUS_STYLE).await;
    if style == Value::Null {
        return;
    }
    let white = contrast::Rgb(255.0, 255.0, 255.0);
    assert_eq!(
        style["focusVisible"], true,
        "{what} has focus but does not match :focus-visible: {style}"
    );
    assert_ne!(
        style["outlineStyle"], "none",
        "{what} shows no focus outline: {style}"
    );
    let width = style["outlineWidth"].as_f64().unwrap_or(0.0);
    assert!(
        width >= 2.0,
        "{what}'s focus outline is {width}px wide: {style}"
    );
    let behind = contrast::parse(style["behind"].as_str().unwrap_or(""), white).unwrap_or(white);
    let outline = contrast::parse(style["outlineColor"].as_str().unwrap_or(""), behind)
        .unwrap_or_else(|| panic!("{what}'s focus outline colour is unreadable: {style}"));
    let ratio = contrast::ratio(outline, behind);
    assert!(ratio >= 3.0, "{what}'s focus outline has a contrast of {ratio:.2}:1 with its background (3:1 needed): {style}");
}

/// Presses Tab until `target` has focus; every stop on the way must show its focus.
/// Returns the focused element and the stops passed.
pub async fn tab_to(browser: &Browser, target: Target<'_>) -> (Element, Vec<String>) {
    let mut passed = Vec::new();
    for _ in 0..MAX_TABS {
        browser.press_key(Key::Tab).await;
        let Some(element) = browser.focused().await else {
            continue;
        };
        let described = browser.describe(&element).await;
        assert_focus_visible(browser, &described).await;
        let name_matches = target.name.is_none_or(|name| described.name == name);
        if described.role == target.role && name_matches {
            return (element, passed);
        }
        passed.push(described.to_string());
    }
    panic!("{target} never got the keyboard focus within {MAX_TABS} Tab presses; focus went through: {passed:?}");
}

/// The focused element's role and name.
pub async fn focused(browser: &Browser) -> Option<Described> {
    let element = browser.focused().await?;
    Some(browser.describe(&element).await)
}
