//! The tab title follows the page, so that history and screen readers name it.

use yew::prelude::*;

/// Set on mount: each caller passes one literal, so the title never changes under it.
#[hook]
pub fn use_title(title: &'static str) {
    use_effect_with((), move |_| set_title(title));
}

/// The tab title, at once: for a page drawn by a plain function, which has no hooks.
pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|window| window.document()) {
        document.set_title(&format!("{title} · logout-tracker"));
    }
}
