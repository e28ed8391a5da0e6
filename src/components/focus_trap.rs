//! Focus in a modal dialog (WCAG 2.4.3), shared by the app's two dialogs: moved in when it
//! opens and given back where it was when it closes; and Tab and Shift+Tab going round its
//! own fields, links and buttons while it is open.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Moves focus to `target` when the dialog opens, and back where it was when it closes,
/// without scrolling: the page under the dialog stays where the user left it.
#[hook]
pub fn use_focus_moved_in(target: &NodeRef) {
    let target = target.clone();
    use_effect_with((), move |_| {
        let before = focused_element();
        if let Some(element) = target.cast::<HtmlElement>() {
            focus_in_place(&element);
        }
        move || {
            if let Some(element) = before {
                focus_in_place(&element);
            }
        }
    });
}

fn focus_in_place(element: &HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = element.focus_with_options(&options);
}

/// The focused element.
fn focused_element() -> Option<HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<HtmlElement>()
        .ok()
}

/// On Tab from the dialog's last stop, or Shift+Tab from its first, focus wraps round.
pub fn keep_focus_inside(dialog: &NodeRef, event: &KeyboardEvent) {
    if event.key() != "Tab" {
        return;
    }
    let Some(dialog) = dialog.cast::<HtmlElement>() else {
        return;
    };
    let Ok(found) = dialog.query_selector_all("a[href], button:not([disabled]), input, [tabindex=\"0\"]") else {
        return;
    };
    // Only what is shown (a closed panel's contents are not stops).
    let stops: Vec<HtmlElement> = (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into::<HtmlElement>().ok())
        .filter(|element| element.offset_parent().is_some())
        .collect();
    let (Some(first), Some(last)) = (stops.first(), stops.last()) else {
        return;
    };
    let active = focused_element();
    let wrap_to = match (event.shift_key(), active.as_ref()) {
        (true, Some(active)) if active == first => last,
        (false, Some(active)) if active == last => first,
        // Focus somewhere else (outside, or nowhere): into the dialog.
        (_, Some(active)) if !dialog.contains(Some(active)) => first,
        (_, None) => first,
        _ => return,
    };
    event.prevent_default();
    let _ = wrap_to.focus();
}
