//! The staff filter of the logout events list: by code and by user (email or id).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::logout::LogoutCode;

/// What the list is filtered by; empty strings mean no filter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventsFilter {
    pub code: String,
    pub user: String,
}

#[derive(Properties, PartialEq)]
pub struct EventsFilterFormProps {
    pub filter: EventsFilter,
    pub on_apply: Callback<EventsFilter>,
}

#[component]
pub fn EventsFilterForm(props: &EventsFilterFormProps) -> Html {
    let code = use_node_ref();
    let user = use_node_ref();
    let onsubmit = {
        let (code, user, on_apply) = (code.clone(), user.clone(), props.on_apply.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let value = |node: &NodeRef| {
                node.cast::<HtmlInputElement>().map(|input| input.value().trim().to_owned()).unwrap_or_default()
            };
            on_apply.emit(EventsFilter { code: value(&code), user: value(&user) });
        })
    };
    let clear = {
        let (code, user, on_apply) = (code.clone(), user.clone(), props.on_apply.clone());
        Callback::from(move |_: MouseEvent| {
            // Typed but not applied text is cleared too.
            for node in [&code, &user] {
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
                <input id="filter-code" name="code" list="logout-codes" autocomplete="off"
                    value={props.filter.code.clone()} ref={code} />
                <datalist id="logout-codes">
                    { for LogoutCode::KNOWN.iter().map(|code| html! { <option value={code.as_str().to_owned()} /> }) }
                </datalist>
            </div>
            <div class="field">
                <label for="filter-user">{ "User (email or id)" }</label>
                <input id="filter-user" name="user" autocomplete="off"
                    value={props.filter.user.clone()} ref={user} />
            </div>
            <div class="actions">
                <button type="submit">{ "Filter" }</button>
                <button type="button" class="secondary" onclick={clear}>{ "Clear" }</button>
            </div>
        </form>
    }
}
