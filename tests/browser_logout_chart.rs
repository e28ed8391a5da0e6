#![cfg(target_arch = "wasm32")]
//! The logouts-over-time chart in a real browser (CONTRACT section 10): an SVG image whose
//! name starts with "Logouts", one line per code, a legend, and the same numbers in a table.
//! Run with the other browser tests:
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test --target wasm32-unknown-unknown -p logout-tracker --test browser_logout_chart`

use std::rc::Rc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use gloo_timers::future::sleep;
use wasm_bindgen_test::*;
use web_sys::Element;

use logout_tracker::testing::{LogoutChart, LogoutChartProps};
use logout_tracker::testing::{Span, Timeline};

wasm_bindgen_test_configure!(run_in_browser);

async fn render(timeline: Timeline) -> Element {
    let document = web_sys::window().expect("a window").document().expect("a document");
    let root = document.create_element("div").expect("a div");
    document.body().expect("a body").append_child(&root).expect("appended");
    yew::Renderer::<LogoutChart>::with_root_and_props(
        root.clone(),
        LogoutChartProps {
            timeline: Rc::new(timeline),
        },
    )
    .render();
    sleep(Duration::from_millis(30)).await;
    root
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).expect("a valid selector").length()
}

fn timeline(span: Span) -> Timeline {
    let now = Utc.with_ymd_and_hms(2025, 11, 28, 14, 25, 0).single().expect("a time");
    let events = [
        ("PLAN_INACTIVE", "2025-11-28T14:01:00.000Z"),
        ("PLAN_INACTIVE", "2025-11-28T13:01:00.000Z"),
        ("TOKEN_REFRESH_FAILED", "2025-11-28T12:00:00.000Z"),
    ];
    Timeline::build(events, now, span, 0)
}

#[wasm_bindgen_test]
async fn the_chart_is_a_named_image_with_a_line_per_code_a_legend_and_a_table() {
    let root = render(timeline(Span::Hours24)).await;
    let svg = root
        .query_selector("svg[role=img]")
        .expect("a selector")
        .expect("the chart");
    let name = svg.get_attribute("aria-label").unwrap_or_default();
    assert!(name.starts_with("Logouts"), "{name}");
    assert!(name.contains("last 24 hours"), "{name}");
    assert_eq!(count(&root, "svg[role=img] polyline"), 2);
    assert_eq!(count(&root, ".chart-legend li"), 2);
    let caption = root
        .query_selector("table caption")
        .expect("a selector")
        .expect("a caption");
    assert_eq!(caption.text_content().unwrap_or_default(), name);
    assert_eq!(count(&root, "tbody tr"), 24);
    // Columns: the hour, two codes, the total; the last row is the current hour.
    let last = root
        .query_selector("tbody tr:last-child")
        .expect("a selector")
        .expect("a row");
    assert_eq!(last.text_content().unwrap_or_default(), "14:00101");
}

#[wasm_bindgen_test]
async fn thirty_days_and_no_events_still_draw_a_named_chart_and_table() {
    let now = Utc.with_ymd_and_hms(2025, 11, 28, 14, 25, 0).single().expect("a time");
    let root = render(Timeline::build([], now, Span::Days30, 0)).await;
    let svg = root
        .query_selector("svg[role=img]")
        .expect("a selector")
        .expect("the chart");
    assert!(svg
        .get_attribute("aria-label")
        .unwrap_or_default()
        .starts_with("Logouts"));
    assert_eq!(count(&root, "polyline"), 0);
    assert_eq!(count(&root, "tbody tr"), 30);
    assert!(root
        .text_content()
        .unwrap_or_default()
        .contains("No logouts in the last 30 days."));
}

/// The horizontal extent of an SVG element as drawn, in the picture's units.
fn drawn_x_range(element: &Element) -> (f64, f64) {
    let get_b_box = js_sys::Reflect::get(element, &"getBBox".into()).expect("getBBox");
    let b_box = js_sys::Function::from(get_b_box).call0(element).expect("a box");
    let number = |key: &str| {
        js_sys::Reflect::get(&b_box, &key.into())
            .ok()
            .and_then(|value| value.as_f64())
            .expect("a number")
    };
    (number("x"), number("x") + number("width"))
}

#[wasm_bindgen_test]
async fn every_label_of_the_chart_is_inside_its_picture() {
    for span in [Span::Hours24, Span::Days30] {
        let root = render(timeline(span)).await;
        let labels = root.query_selector_all("svg text").expect("a selector");
        assert!(labels.length() > 3, "the chart has labels");
        for index in 0..labels.length() {
            let Some(label) = labels
                .item(index)
                .and_then(|node| wasm_bindgen::JsCast::dyn_into::<Element>(node).ok())
            else {
                continue;
            };
            let (left, right) = drawn_x_range(&label);
            let text = label.text_content().unwrap_or_default();
            // The picture is 600 wide (its viewBox); a label beyond it is cut off.
            assert!(
                left >= 0.0 && right <= 600.0,
                "{text:?} is drawn from {left} to {right}"
            );
        }
    }
}
