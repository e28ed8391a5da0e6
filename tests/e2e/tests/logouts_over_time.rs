//! Scenario: logouts over time on the staff page (CONTRACT section 10). Logouts of another
//! user are reported to the backend as the app reports them; staff see a chart (an image
//! named `Logouts…`) and the same numbers in a table, switch from hours to days, and find
//! one event by the request id support was given. A report nobody vouched for (posted
//! without the credentials of the user it names) is listed as unverified and never counted.

use chrono::{SecondsFormat, Utc};
use e2e::accessible::{self, Target};
use e2e::browser::Browser;
use e2e::{user, wait, Scenario, DEMO, STAFF};
use fantoccini::elements::Element;
use reference_backend::paths::LOGOUT_EVENTS;
use serde_json::json;

const FIRST_ID: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";
const SECOND_ID: &str = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2";
const THIRD_ID: &str = "ccccccccccccccccccccccccccccccc3";
const FORGED_ID: &str = "ddddddddddddddddddddddddddddddd4";

/// Who a report shows it came from.
enum Sender<'a> {
    /// The demo user's own credentials (the app's report carries its session cookie).
    Demo(&'a str),
    /// Nobody: a claim about the demo user that anyone could post.
    Nobody,
}

/// Posts a logout reason about the demo user to the events endpoint, as the app does.
async fn report(scenario: &Scenario, sender: &Sender<'_>, code: &str, message: &str, request_id: &str) {
    let reason = json!({
        "code": code,
        "message": message,
        "path": "/dashboard/content",
        "context": {"email": DEMO, "request_id": request_id, "status": 401},
        "timestamp": Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true),
        "source": "backend_middleware",
    });
    let post = reqwest::Client::new().post(scenario.backend().url(LOGOUT_EVENTS));
    let post = match sender {
        Sender::Demo(access) => post.bearer_auth(access),
        Sender::Nobody => post,
    };
    let response = post.json(&reason).send().await.expect("the events endpoint answers");
    assert_eq!(response.status().as_u16(), 201, "the event is stored");
}

/// The chart: the image whose accessible name starts with `Logouts`, and that name. The
/// accessibility tree and WebDriver's computed role call the ARIA role `img` "image".
async fn chart(browser: &Browser) -> (Element, String) {
    wait::until("an image named Logouts…", || async {
        browser
            .find_named(None, Target::any("image"))
            .await
            .into_iter()
            .find(|found| found.name.starts_with("Logouts"))
            .map(|found| (found.element, found.name))
    })
    .await
}

/// The chart's table: its column headers and the sum of each number column.
async fn table_totals(browser: &Browser) -> (Vec<String>, Vec<u32>) {
    let region = browser
        .wait_for(Target::new("region", "Logouts per code as a table"))
        .await;
    let headers: Vec<String> = browser
        .find_named(Some(&region), Target::any("columnheader"))
        .await
        .into_iter()
        .map(|found| found.name.trim().to_string())
        .collect();
    let text = region.text().await.expect("the table's text");
    let columns = headers.len().saturating_sub(1);
    let mut sums = vec![0; columns];
    // Each body row reads `<label> n n … total`; the caption and the header row do not end
    // in numbers.
    for line in text.lines() {
        let numbers: Vec<u32> = line
            .split_whitespace()
            .rev()
            .take(columns)
            .filter_map(|word| word.parse().ok())
            .collect();
        if numbers.len() == columns && columns > 0 {
            for (sum, number) in sums.iter_mut().zip(numbers.into_iter().rev()) {
                *sum += number;
            }
        }
    }
    (headers, sums)
}

async fn pressed(button: &Element) -> Option<String> {
    button.attr("aria-pressed").await.ok().flatten()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_see_logouts_over_time_and_find_an_event_by_request_id() {
    let scenario = Scenario::start("logouts_over_time").await;
    let demo = Sender::Demo(&user::access_token(&scenario, DEMO).await);
    let plan = "Subscription plan is inactive";
    report(&scenario, &demo, "PLAN_INACTIVE", plan, FIRST_ID).await;
    report(&scenario, &demo, "PLAN_INACTIVE", plan, SECOND_ID).await;
    report(&scenario, &Sender::Nobody, "PLAN_INACTIVE", plan, FORGED_ID).await;
    report(
        &scenario,
        &demo,
        "TOKEN_REFRESH_FAILED",
        "Token refresh failed - session expired",
        THIRD_ID,
    )
    .await;

    let browser = scenario.browser();
    user::sign_in_to_dashboard(&scenario, STAFF).await;
    browser.follow("Logout events").await;
    browser.wait_for_page("/dashboard/logout-events").await;
    browser.wait_for(Target::new("region", "Logout events")).await;

    let (image, name) = chart(browser).await;
    assert_eq!(name, "Logouts per code, last 24 hours");
    let described = browser.describe(&image).await;
    assert_eq!(
        (described.role.as_str(), described.name.as_str()),
        ("image", name.as_str()),
        "WebDriver's computed role (Chromium's name for ARIA img) and label"
    );
    let hours = browser.wait_for(accessible::button("Last 24 hours")).await;
    let days = browser.wait_for(accessible::button("Last 30 days")).await;
    assert_eq!(pressed(&hours).await.as_deref(), Some("true"));
    assert_eq!(pressed(&days).await.as_deref(), Some("false"));
    let (headers, sums) = table_totals(browser).await;
    assert_eq!(headers, ["Hour", "PLAN_INACTIVE", "TOKEN_REFRESH_FAILED", "Total"]);
    assert_eq!(
        sums,
        [2, 1, 3],
        "per code and in all, over the last 24 hours, the forged report left out"
    );
    browser
        .wait_for_text("1 listed report could not be tied to the user they name")
        .await;
    scenario.snapshot("hours").await;

    browser.press("Last 30 days").await;
    wait::until("the chart of the last 30 days", || async {
        let (_, name) = chart(browser).await;
        (name == "Logouts per code, last 30 days").then_some(())
    })
    .await;
    assert_eq!(pressed(&days).await.as_deref(), Some("true"));
    assert_eq!(pressed(&hours).await.as_deref(), Some("false"));
    let (headers, sums) = table_totals(browser).await;
    assert_eq!(headers, ["Day", "PLAN_INACTIVE", "TOKEN_REFRESH_FAILED", "Total"]);
    assert_eq!(sums, [2, 1, 3], "per code and in all, over the last 30 days");

    // The events table lists request ids; filtering by one leaves only its event.
    let events = browser.wait_for(Target::new("region", "Logout events")).await;
    let listed = events.text().await.unwrap_or_default();
    for id in [FIRST_ID, SECOND_ID, THIRD_ID, FORGED_ID] {
        assert!(listed.contains(id), "the events table lists {id}:\n{listed}");
    }
    let marked: Vec<&str> = listed.lines().filter(|line| line.contains("Unverified")).collect();
    assert!(
        marked.len() == 1 && marked[0].contains(FORGED_ID),
        "only the forged report is marked:\n{listed}"
    );
    browser.type_into("Request ID", SECOND_ID).await;
    browser.press("Filter").await;
    wait::until("only the event of the second request", || async {
        let region = browser
            .find(Target::new("region", "Logout events"))
            .await
            .into_iter()
            .next()?;
        let rows = browser.find_in(&region, Target::any("row")).await;
        let text = region.text().await.ok()?;
        (rows.len() == 2 && text.contains(SECOND_ID) && !text.contains(FIRST_ID) && !text.contains(THIRD_ID))
            .then_some(())
    })
    .await;
    let (_, name) = chart(browser).await;
    assert_eq!(
        name, "Logouts per code, last 30 days",
        "the span stays while the list reloads"
    );
    let (_, sums) = table_totals(browser).await;
    assert_eq!(sums, [1, 1], "the chart counts the filtered list: one PLAN_INACTIVE");
    scenario.snapshot("filtered").await;
    scenario.finish().await;
}
