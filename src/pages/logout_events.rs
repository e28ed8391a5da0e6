//! `/dashboard/logout-events`: the staff list of logout events, filtered by code, user and
//! request id, with the logouts over time above the list. Reports the backend could not tie
//! to the user they name are listed but left out of the figures.
//! Anyone else gets the backend's 403, shown as a permission message, and stays signed in.

use yew::prelude::*;

use crate::api::models::LogoutEvent;
use crate::api::ApiError;
use crate::auth::use_auth;
use crate::components::events_filter::{EventsFilter, EventsFilterForm};
use crate::components::events_summary::{events_summary, unverified_note};
use crate::components::events_table::events_table;
use crate::components::load_view::load_view;
use crate::components::logouts_over_time::logouts_over_time;
use crate::hooks::{use_load, use_title, Load};
use crate::logout::timeline::Span;

#[component]
pub fn LogoutEventsPage() -> Html {
    use_title("Logout events");
    let auth = use_auth();
    let client = auth.client().clone();
    let filter = use_state(EventsFilter::default);
    let span = use_state(|| Span::Hours24);
    let on_span = {
        let span = span.clone();
        Callback::from(move |next: Span| span.set(next))
    };
    let (events, retry) = use_load((*filter).clone(), move |filter: &EventsFilter| {
        let (code, user, request_id) = (filter.code.clone(), filter.user.clone(), filter.request_id.clone());
        async move { client.logout_events(&code, &user, &request_id).await }
    });
    let on_apply = {
        let filter = filter.clone();
        Callback::from(move |next: EventsFilter| filter.set(next))
    };
    let body = load_view(&events, &retry, |events| {
        // The figures count only reports the backend did not mark as unattributed; the
        // table lists them all.
        let (counted, unverified): (Vec<&LogoutEvent>, Vec<&LogoutEvent>) =
            events.iter().partition(|event| event.is_counted());
        html! {
            <>
                { events_summary(&counted) }
                { logouts_over_time(&counted, *span, &on_span) }
                { unverified_note(unverified.len()) }
                { events_table(events) }
            </>
        }
    });
    // The filter stays put while results reload; it is pointless to whoever may not look.
    let denied = matches!(&events, Load::Failed(ApiError::PermissionDenied(_)));
    let shows_filter = auth.user().is_some_and(|user| user.is_staff) && !denied;
    html! {
        <main class="page page-wide">
            <h1>{ "Logout events" }</h1>
            if shows_filter {
                <EventsFilterForm {on_apply} />
            }
            { body }
        </main>
    }
}
