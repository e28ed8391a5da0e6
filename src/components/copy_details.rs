//! `Copy details`: the whole reason as JSON on the clipboard, to paste into a ticket.

use yew::prelude::*;

use crate::clipboard;
use crate::logout::LogoutReason;

#[derive(Properties, PartialEq)]
pub struct CopyDetailsProps {
    pub reason: LogoutReason,
}

#[component]
pub fn CopyDetails(props: &CopyDetailsProps) -> Html {
    let status = use_state(AttrValue::default);
    let onclick = {
        let (reason, status) = (props.reason.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            // Indented: support reads it as it is pasted.
            let json = serde_json::to_string_pretty(&reason).unwrap_or_else(|_| reason.to_json());
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
