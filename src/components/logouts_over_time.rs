//! "Logouts over time" on the staff events page (CONTRACT section 10): the loaded events
//! counted per code by hour over the last 24 hours or by day over the last 30 days, with a
//! switch between the two. The counting is `Timeline::build` (pure); the page holds the
//! chosen span, so that it survives the list reloading under a new filter. A plain
//! function: it has no state of its own (a few hundred events count in no time).

use yew::prelude::*;

use super::events_table::event_time;
use super::logout_chart::logout_chart;
use crate::api::models::LogoutEvent;
use crate::logout::timeline::{Span, Timeline};

/// The viewer's offset east of UTC in minutes (JavaScript's is west, hence the minus).
fn viewer_offset_minutes() -> i32 {
    let west = js_sys::Date::new_0().get_timezone_offset();
    // Whole minutes in practice; anything odd counts as UTC (Timeline checks the range).
    if west.is_finite() {
        -(west as i32)
    } else {
        0
    }
}

pub fn logouts_over_time(events: &[&LogoutEvent], span: Span, on_span: &Callback<Span>) -> Html {
    let pairs = events.iter().map(|event| (event.code.as_str(), event_time(event)));
    let timeline = Timeline::build(pairs, chrono::Utc::now(), span, viewer_offset_minutes());
    html! {
        <section class="card logouts-over-time" aria-labelledby="logouts-over-time-heading">
            <h2 id="logouts-over-time-heading">{ "Logouts over time" }</h2>
            <div class="span-switch" role="group" aria-label="Period">
                { span_button(span, on_span, Span::Hours24, "Last 24 hours") }
                { span_button(span, on_span, Span::Days30, "Last 30 days") }
            </div>
            { logout_chart(&timeline) }
        </section>
    }
}

/// A toggle button of the switch: pressed when it is the span shown.
fn span_button(current: Span, on_span: &Callback<Span>, span: Span, label: &'static str) -> Html {
    let pressed = current == span;
    let onclick = on_span.reform(move |_: MouseEvent| span);
    // Literal classes, not `classes!`: a computed class costs yew's Classes set in the wasm.
    if pressed {
        html! { <button type="button" aria-pressed="true" {onclick}>{ label }</button> }
    } else {
        html! { <button type="button" class="secondary" aria-pressed="false" {onclick}>{ label }</button> }
    }
}
