//! The staff filter of the logout events list: by code, by user (email or id) and by the
//! request id that support was given (CONTRACT section 10).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::logout::LogoutCode;

/// What the list is filtered by; empty strings mean no filter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventsFilter {
    pub code: String,
    pub user: String,
    pub request_id: String,
}

/// The fields are left to the browser (no `value` from the app): what the user typed stays,
/// whatever re-renders the page (the session ending under the dialog to sign in again, a
/// retry), until `Filter` applies it or `Clear` empties it.
#[derive(Properties, PartialEq)]
pub struct EventsFilterFormProps {
    pub on_apply: Callback<EventsFilter>,
}

#[component]
pub fn EventsFilterForm(props: &EventsFilterFormProps) -> Html {
    let code = use_node_ref();
    let user = use_node_ref();
    let request_id = use_node_ref();
    let onsubmit = {
        let (code, user, request_id, on_apply) =
            (code.clone(), user.clone(), request_id.clone(), props.on_apply.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let value = |node: &NodeRef| {
                node.cast::<HtmlInputElement>()
                    .map(|input| input.value().trim().to_owned())
                    .unwrap_or_default()
            };
            on_apply.emit(EventsFilter {
                code: value(&code),
                user: value(&user),
                request_id: value(&request_id),
            });
        })
    };
    let clear = {
        let (code, user, request_id, on_apply) =
            (code.clone(), user.clone(), request_id.clone(), props.on_apply.clone());
        Callback::from(move |_: MouseEvent| {
            // Typed but not applied text is cleared too.
            for node in [&code, &user, &request_id] {
                if let Some(input) = node.cast::<HtmlInputElement>() {
                    input.set_value("");
                }
            }
            on_apply.emit(EventsFilter::default());
        })
    };
    html! {
        <form class="events-filter" role="search" aria-label="Filter logout events" {onsubmit}>
            <div class="field">
                <label for="filter-code">{ "Code" }</label>
                <input id="filter-code" name="code" list="logout-codes" autocomplete="off" ref={code} />
                <datalist id="logout-codes">
                    { for LogoutCode::KNOWN.iter().map(|code| html! { <option value={code.as_str().to_owned()} /> }) }
                </datalist>
            </div>
            <div class="field">
                <label for="filter-user">{ "User (email or id)" }</label>
                <input id="filter-user" name="user" autocomplete="off" ref={user} />
            </div>
            <div class="field">
                <label for="filter-request-id">{ "Request ID" }</label>
                <input id="filter-request-id" name="request_id" autocomplete="off" spellcheck="false"
                    ref={request_id} />
            </div>
            <div class="actions">
                <button type="submit">{ "Filter" }</button>
                <button type="button" class="secondary" onclick={clear}>{ "Clear" }</button>
            </div>
        </form>
    }
}
