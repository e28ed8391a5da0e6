//! `Copy details`: the whole reason as JSON on the clipboard, to paste into a ticket.

use yew::prelude::*;

use crate::clipboard;
use crate::logout::LogoutReason;

/// The button and its status line. A plain function, its status held by the one caller
/// (`TechnicalDetails`, which always shows it): a component of its own cost ~1.2 KB of
/// lifecycle code.
pub fn copy_details(reason: &LogoutReason, status: &UseStateHandle<AttrValue>) -> Html {
    let onclick = {
        let (reason, status) = (reason.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let json = reason.to_json_pretty();
            let status = status.clone();
            wasm_bindgen_futures::spawn_local(async move {
                status.set(if clipboard::write_text(&json).await {
                    AttrValue::Static("Copied")
                } else {
                    AttrValue::Static("Could not copy: select the details above and copy them by hand.")
                });
            });
        })
    };
    html! {
        <p class="copy-details">
            <button type="button" {onclick}>{ "Copy details" }</button>
            // Always in the page, so that screen readers announce the change.
            <span class="copy-status" role="status">{ (**status).clone() }</span>
        </p>
    }
}
