//! Logouts over time (CONTRACT section 10): one line per code drawn as SVG, a legend, and
//! the same numbers in a table, which is what a screen reader reads (the SVG is one image
//! with a name). Coordinates are whole numbers: formatting floats would cost wasm size.

use std::rc::Rc;

use yew::prelude::*;

use crate::logout::timeline::{Series, Timeline};

/// Colours with at least 3:1 contrast against white (each is above 5:1), each paired with
/// its own dash pattern so that the lines differ without colour too.
const COLOURS: [&str; 8] = [
    "#0b5cad", "#b3261e", "#1e7b34", "#7b3fa8", "#a35200", "#00727a", "#5b5b5b", "#a0006e",
];
const DASHES: [&str; 8] = ["none", "8 4", "2 3", "10 3 2 3", "4 4", "14 4", "1 3", "6 2 2 2 2 2"];

const WIDTH: u32 = 600;
const HEIGHT: u32 = 240;
const LEFT: u32 = 40;
const RIGHT: u32 = 12;
const TOP: u32 = 12;
const BOTTOM: u32 = 30;
const PLOT_WIDTH: u32 = WIDTH - LEFT - RIGHT;
const PLOT_HEIGHT: u32 = HEIGHT - TOP - BOTTOM;

// The constant coordinates as attribute text, written out (a test checks them against the
// numbers): formatting them at run time costs wasm for nothing.
const VIEW_BOX: &str = "0 0 600 240";
/// `LEFT`, the plot's left edge.
const LEFT_TEXT: &str = "40";
/// `TOP`, the plot's top edge.
const TOP_TEXT: &str = "12";
/// `LEFT + PLOT_WIDTH`, the plot's right edge.
const RIGHT_EDGE_TEXT: &str = "588";
/// `TOP + PLOT_HEIGHT`, the plot's bottom edge.
const BOTTOM_EDGE_TEXT: &str = "210";
/// `LEFT - 6`, where the count marks end.
const MARK_X_TEXT: &str = "34";
/// `HEIGHT - 10`, the time labels' baseline.
const LABEL_Y_TEXT: &str = "230";

#[derive(Properties, PartialEq)]
pub struct LogoutChartProps {
    pub timeline: Rc<Timeline>,
}

/// The style of the `index`-th series: a colour and a dash pattern. Past eight codes the
/// dash moves on by one, so pairs stay distinct up to 64 codes.
pub fn series_style(index: usize) -> (&'static str, &'static str) {
    (
        COLOURS[index % COLOURS.len()],
        DASHES[(index + index / COLOURS.len()) % DASHES.len()],
    )
}

/// The chart as a component (it has no state; the app calls [`logout_chart`]).
#[component]
pub fn LogoutChart(props: &LogoutChartProps) -> Html {
    logout_chart(&props.timeline)
}

/// The chart, the legend and the table: a plain function, there is no state of its own.
pub fn logout_chart(timeline: &Timeline) -> Html {
    let mut name = String::from("Logouts per code, ");
    name.push_str(timeline.span.describe());
    let top = timeline.max_count().max(1);
    html! {
        <figure class="logout-chart">
            <svg role="img" aria-label={name.clone()} viewBox={VIEW_BOX} width="100%" preserveAspectRatio="xMidYMid meet">
                { axes(timeline, top) }
                { for timeline.series.iter().enumerate().map(|(index, series)| line(series, index, top)) }
            </svg>
            { legend(timeline) }
            { table(timeline, name) }
        </figure>
    }
}

/// The x of bucket `index` of `buckets`.
fn x_of(index: usize, buckets: usize) -> u32 {
    let last = u32::try_from(buckets.saturating_sub(1)).unwrap_or(1).max(1);
    let index = u32::try_from(index).unwrap_or(last).min(last);
    LEFT + index * PLOT_WIDTH / last
}

/// The y of `count` when `top` is the largest count.
fn y_of(count: u32, top: u32) -> u32 {
    let count = u64::from(count.min(top));
    let drop = count * u64::from(PLOT_HEIGHT) / u64::from(top.max(1));
    TOP + PLOT_HEIGHT - u32::try_from(drop).unwrap_or(PLOT_HEIGHT)
}

fn line(series: &Series, index: usize, top: u32) -> Html {
    let (colour, dash) = series_style(index);
    let mut text = String::new();
    for (bucket, count) in series.counts.iter().enumerate() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&x_of(bucket, series.counts.len()).to_string());
        text.push(',');
        text.push_str(&y_of(*count, top).to_string());
    }
    html! {
        <polyline points={text} fill="none" stroke={colour} stroke-width="2" stroke-dasharray={dash}
            stroke-linejoin="round" data-code={series.code.clone()} />
    }
}

/// The frame, three count marks on the left (0, half, top) and about five time labels.
fn axes(timeline: &Timeline, top: u32) -> Html {
    let buckets = timeline.labels.len();
    let step = if buckets > 24 { 5 } else { 6 };
    let marks = [0, top / 2, top];
    // With a top of 1 the half is 0, the same mark as the bottom's.
    let marks = if top >= 2 { &marks[..] } else { &marks[1..] };
    html! {
        <g class="axes" fill="#333" font-size="11">
            { rule(LEFT_TEXT.into(), TOP_TEXT.into(), LEFT_TEXT.into(), BOTTOM_EDGE_TEXT.into(), "#767676") }
            { rule(LEFT_TEXT.into(), BOTTOM_EDGE_TEXT.into(), RIGHT_EDGE_TEXT.into(), BOTTOM_EDGE_TEXT.into(), "#767676") }
            { for marks.iter().map(|&mark| {
                let y = y_of(mark, top);
                let y_text = AttrValue::from(y.to_string());
                html! {
                    <>
                        { rule(LEFT_TEXT.into(), y_text.clone(), RIGHT_EDGE_TEXT.into(), y_text, "#e0e0e0") }
                        <text x={MARK_X_TEXT} y={(y + 4).to_string()} text-anchor="end">{ mark.to_string() }</text>
                    </>
                }
            }) }
            { for timeline.labels.iter().enumerate()
                .filter(|(index, _)| (buckets - 1 - index) % step == 0)
                .map(|(index, label)| {
                    // Centred under its point, but the last ends at the plot's right edge:
                    // centred there, it would run past the picture and be cut off.
                    let anchor = if index + 1 == buckets { "end" } else { "middle" };
                    html! {
                        <text x={x_of(index, buckets).to_string()} y={LABEL_Y_TEXT} text-anchor={anchor}>{ label.clone() }</text>
                    }
                }) }
        </g>
    }
}

/// One straight line of the frame or the grid.
fn rule(x1: AttrValue, y1: AttrValue, x2: AttrValue, y2: AttrValue, stroke: &'static str) -> Html {
    html! { <line {x1} {y1} {x2} {y2} {stroke} /> }
}

fn legend(timeline: &Timeline) -> Html {
    if timeline.series.is_empty() {
        let mut text = String::from("No logouts in the ");
        text.push_str(timeline.span.describe());
        text.push('.');
        return html! { <p class="empty">{ text }</p> };
    }
    html! {
        <ul class="chart-legend">
            { for timeline.series.iter().enumerate().map(|(index, series)| {
                let (colour, dash) = series_style(index);
                html! {
                    <li>
                        <svg width="28" height="10" aria-hidden="true" focusable="false">
                            <line x1="0" y1="5" x2="28" y2="5" stroke={colour} stroke-width="2" stroke-dasharray={dash} />
                        </svg>
                        <code>{ series.code.clone() }</code>
                        { " (" }{ series.total.to_string() }{ ")" }
                    </li>
                }
            }) }
        </ul>
    }
}

/// One row per bucket (time reads downwards), one column per code, then the total.
fn table(timeline: &Timeline, caption: String) -> Html {
    let totals = timeline.bucket_totals();
    html! {
        <div class="table-wrap" role="region" aria-label="Logouts per code as a table" tabindex="0">
            <table class="events-table chart-table">
                <caption>{ caption }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ timeline.span.unit() }</th>
                        { for timeline.series.iter().map(|series| html! { <th scope="col"><code>{ series.code.clone() }</code></th> }) }
                        <th scope="col">{ "Total" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for timeline.labels.iter().enumerate().map(|(bucket, label)| html! {
                        <tr>
                            <th scope="row">{ label.clone() }</th>
                            { for timeline.series.iter().map(|series| html! {
                                <td>{ series.counts.get(bucket).copied().unwrap_or(0).to_string() }</td>
                            }) }
                            <td>{ totals.get(bucket).copied().unwrap_or(0).to_string() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_out_coordinates_match_the_constants() {
        assert_eq!(VIEW_BOX, format!("0 0 {WIDTH} {HEIGHT}"));
        assert_eq!(LEFT_TEXT, LEFT.to_string());
        assert_eq!(TOP_TEXT, TOP.to_string());
        assert_eq!(RIGHT_EDGE_TEXT, (LEFT + PLOT_WIDTH).to_string());
        assert_eq!(BOTTOM_EDGE_TEXT, (TOP + PLOT_HEIGHT).to_string());
        assert_eq!(MARK_X_TEXT, (LEFT - 6).to_string());
        assert_eq!(LABEL_Y_TEXT, (HEIGHT - 10).to_string());
    }

    #[test]
    fn coordinates_stay_inside_the_plot() {
        assert_eq!(x_of(0, 24), LEFT);
        assert_eq!(x_of(23, 24), LEFT + PLOT_WIDTH);
        assert_eq!(x_of(0, 1), LEFT);
        assert_eq!(y_of(0, 5), TOP + PLOT_HEIGHT);
        assert_eq!(y_of(5, 5), TOP);
        assert_eq!(y_of(u32::MAX, u32::MAX), TOP);
        assert_eq!(y_of(9, 5), TOP, "never above the top");
    }

    #[test]
    fn series_styles_are_distinct_pairs() {
        let styles: Vec<_> = (0..64).map(series_style).collect();
        for (i, a) in styles.iter().enumerate() {
            assert!(styles[..i].iter().all(|b| b != a), "style {i} repeats");
        }
    }
}
