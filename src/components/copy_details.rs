//! `Copy details`: the whole reason as JSON on the clipboard, to paste into a ticket.

use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::clipboard;
use crate::logout::LogoutReason;

#[derive(Properties, PartialEq)]
pub struct CopyDetailsProps {
    pub reason: LogoutReason,
}

/// Indented, as support reads it when pasted; the browser's JSON does it at no size cost.
fn indented(json: &str) -> String {
    js_sys::JSON::parse(json)
        .and_then(|value| js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &JsValue::from(2)))
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| json.to_owned())
}

#[component]
pub fn CopyDetails(props: &CopyDetailsProps) -> Html {
    let status = use_state(AttrValue::default);
    let onclick = {
        let (reason, status) = (props.reason.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let json = indented(&reason.to_json());
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
            <span class="copy-status" role="status">{ (*status).clone() }</span>
        </p>
    }
}
