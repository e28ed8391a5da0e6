//! The staff table of logout events: when, which code, what it said, on which page, from
//! which part of the system.

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
                    </tr>
                </thead>
                <tbody>{ for events.iter().map(event_row) }</tbody>
            </table>
        </div>
    }
}

fn event_row(event: &LogoutEvent) -> Html {
    // The client's own time when it sent one, else when the backend stored it.
    let time = match (event.timestamp.as_str(), &event.received_at) {
        ("", Some(received)) => received.clone(),
        (timestamp, _) => timestamp.to_owned(),
    };
    html! {
        <tr>
            <td><time datetime={time.clone()}>{ time }</time></td>
            <td><code>{ event.code.clone() }</code></td>
            <td>{ event.message.clone() }</td>
            <td><code>{ event.path.clone() }</code></td>
            <td>{ event.source.clone() }</td>
        </tr>
    }
}
