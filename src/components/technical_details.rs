//! The collapsible panel under the Session Ended box: code, source, exact time and the
//! context as indented JSON, closed at first so that it does not overwhelm anyone (open at
//! once when the caller says so).

use yew::prelude::*;

use super::copy_details::copy_details;
use crate::logout::LogoutReason;

/// One box per page, so one panel id.
const PANEL_ID: &str = "technical-details-panel";

#[derive(Properties, PartialEq)]
pub struct TechnicalDetailsProps {
    pub reason: LogoutReason,
    /// Open from the start (a logout that keeps happening: support needs the details).
    #[prop_or_default]
    pub open_initially: bool,
}

#[component]
pub fn TechnicalDetails(props: &TechnicalDetailsProps) -> Html {
    let open = use_state(|| props.open_initially);
    // The Copy details line's status (see `copy_details`).
    let copy_status = use_state(AttrValue::default);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let reason = &props.reason;
    html! {
        <div class="technical-details">
            <button type="button" class="link-button" onclick={toggle}
                aria-expanded={if *open { "true" } else { "false" }} aria-controls={PANEL_ID}>
                { "Technical details" }
            </button>
            <div id={PANEL_ID} class="details-panel" hidden={!*open}>
                <dl>
                    <dt>{ "Code" }</dt>
                    <dd><code>{ reason.code.as_str().to_owned() }</code></dd>
                    <dt>{ "Source" }</dt>
                    <dd><code>{ reason.source.as_str().to_owned() }</code></dd>
                    <dt>{ "Timestamp" }</dt>
                    <dd><time datetime={reason.timestamp.clone()}>{ reason.timestamp.clone() }</time></dd>
                    <dt>{ "Context" }</dt>
                    // Long lines wrap (app.css); still focusable, so that a keyboard reaches and can
                    // scroll a long context, and named so that a screen reader says what it reached.
                    <dd><pre class="context-json" tabindex="0" role="region" aria-label="Context">{ reason.context_pretty() }</pre></dd>
                </dl>
                { copy_details(reason, &copy_status) }
            </div>
        </div>
    }
}
