//! The tab title follows the page, so that history and screen readers name it.

use yew::prelude::*;

#[hook]
pub fn use_title(title: &'static str) {
    use_effect_with(title, |title| {
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            document.set_title(&format!("{title} · logout-tracker"));
        }
    });
}
