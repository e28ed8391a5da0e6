//! The staff table of logout events: when, which code, what it said, on which page, from
//! which part of the system, and the id of the request that got the ending response.

use yew::prelude::*;

use crate::api::models::LogoutEvent;

/// A plain function, not a component: the table has no state of its own.
pub fn events_table(events: &[LogoutEvent]) -> Html {
    if events.is_empty() {
        return html! { <p class="empty">{ "No logout events match." }</p> };
    }
    html! {
        // Scrolls sideways on narrow screens; focusable so keyboards can scroll it too.
        <div class="table-wrap" role="region" aria-label="Logout events" tabindex="0">
            <table class="events-table">
                <thead>
                    <tr>
                        <th scope="col">{ "Time" }</th>
                        <th scope="col">{ "Code" }</th>
                        <th scope="col">{ "Message" }</th>
                        <th scope="col">{ "Page" }</th>
                        <th scope="col">{ "Source" }</th>
                        <th scope="col">{ "Request ID" }</th>
                    </tr>
                </thead>
                <tbody>{ for events.iter().map(event_row) }</tbody>
            </table>
        </div>
    }
}

/// When an event happened: the client's own time when it sent one, else when the backend
/// stored it.
pub fn event_time(event: &LogoutEvent) -> &str {
    match (event.timestamp.as_str(), &event.received_at) {
        ("", Some(received)) => received,
        (timestamp, _) => timestamp,
    }
}

fn event_row(event: &LogoutEvent) -> Html {
    let time = event_time(event).to_owned();
    html! {
        <tr>
            <td><time datetime={time.clone()}>{ time }</time></td>
            <td>
                <code>{ event.code.clone() }</code>
                if !event.is_counted() {
                    { " " }<span class="badge badge-warn">{ "unverified" }</span>
                }
            </td>
            <td>{ event.message.clone() }</td>
            <td><code>{ event.path.clone() }</code></td>
            <td>{ event.source.clone() }</td>
            <td>
                if let Some(request_id) = &event.request_id {
                    <code class="request-id">{ request_id.clone() }</code>
                }
            </td>
        </tr>
    }
}
