//! Culprit detection beyond the seed (CONTRACT section 10) and a session's end that is
//! final (section 9), end to end: the request id from the box to the backend's stored
//! event, the server-unreachable line, every tab told, and the app under its strict CSP.

use e2e::accessible::{self, Target};
use e2e::session_ended::{self, Expected};
use e2e::{screen, user, Scenario, DEMO, PASSWORD};

const MISMATCH: &str = "Session contamination: account ID mismatch";

fn expected_mismatch() -> Expected<'static> {
    Expected::middleware("SESSION_ACCOUNT_MISMATCH", MISMATCH)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_request_id_in_the_details_finds_the_event_the_backend_stored() {
    let scenario = Scenario::start("request_id_from_box_to_backend").await;
    user::sign_in_to_content(&scenario, DEMO).await;
    scenario.backend().act_on(DEMO, "session_account_mismatch").await;
    let browser = scenario.browser();
    browser.reload().await;
    let details = session_ended::check(browser, &expected_mismatch()).await;
    let request_id = details.context["request_id"]
        .as_str()
        .expect("a request_id in the context")
        .to_owned();
    assert!(
        request_id.len() == 32
            && request_id
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
        "{request_id}"
    );

    // The app reported the reason (keepalive); staff find it by the id support was given.
    let events = user::reported_events(&scenario, &format!("?request_id={request_id}")).await;
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["code"], "SESSION_ACCOUNT_MISMATCH");
    assert_eq!(events[0]["request_id"], request_id.as_str());
    assert_eq!(
        events[0]["attributed"], true,
        "the app's own report carries the user's session cookie, so it counts on the staff page"
    );
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_server_says_so_and_keeps_the_user_signed_in() {
    let mut scenario = Scenario::start_behind_relay("server_unreachable_status").await;
    user::sign_in_to_content(&scenario, DEMO).await;
    scenario.relay_mut().stop().await;
    let browser = scenario.browser();
    browser.follow("Dashboard").await;
    let status = browser.wait_for(Target::new("status", "")).await;
    let mut said = String::new();
    for _ in 0..100 {
        said = status.text().await.unwrap_or_default();
        if said.contains("Can't reach the server") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        said.contains("Can't reach the server") && said.contains("still signed in"),
        "{said}"
    );
    assert!(browser.stored_logout_reason().await.is_none(), "never a logout");
    screen::wait_signed_in_as(browser, DEMO).await;
    scenario.snapshot("unreachable").await;

    scenario.relay_mut().resume().await;
    let browser = scenario.browser();
    browser.press("Retry").await;
    browser.wait_for_text("Acme").await;
    let cleared = status.text().await.unwrap_or_default();
    assert!(
        !cleared.contains("Can't reach the server"),
        "the line goes at the first answer: {cleared}"
    );
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_other_tab_is_told_why_the_session_ended() {
    let scenario = Scenario::start("every_tab_told").await;
    user::sign_in_to_content(&scenario, DEMO).await;
    let browser = scenario.browser();
    let client = browser.client();
    let first = client.window().await.expect("the first tab");
    let second = user::another_tab_on(&scenario, "/dashboard", DEMO).await;

    // The session ends in the first tab, which shows and stores its own reason.
    client.switch_to_window(first).await.expect("back to the first tab");
    // Coming to the front, the tab checks the session; that check is answered before the
    // session ends, or it races the reload below (the page being left would end it).
    scenario.backend().wait_until_quiet().await;
    scenario.backend().act_on(DEMO, "session_account_mismatch").await;
    browser.reload().await;
    session_ended::check(browser, &expected_mismatch()).await;

    // The second tab is on /signin with the box, prefixed, the details as they were.
    client.switch_to_window(second).await.expect("to the second tab");
    browser.wait_for_page("/signin").await;
    let session_ended = screen::wait_session_ended(browser).await;
    let text = session_ended.text().await.unwrap_or_default();
    assert!(
        text.contains(&format!("Signed out in another tab: {MISMATCH}")),
        "{text}"
    );
    let button = session_ended::technical_details_button(browser, &session_ended).await;
    button.click().await.expect("open the details");
    let details = session_ended::read_details(browser, &session_ended).await;
    assert!(
        details
            .iter()
            .any(|(term, value)| term == "Code" && value == "SESSION_ACCOUNT_MISMATCH"),
        "{details:?}"
    );
    assert!(
        details
            .iter()
            .any(|(term, value)| term == "Source" && value == "backend_middleware"),
        "{details:?}"
    );
    // The console log is the whole browser's: one 🚨 line, the first tab's.
    let alarms = browser.console().lines_with("🚨").await.len();
    assert_eq!(alarms, 1, "the told tab does not log 🚨 again");
    scenario.snapshot("second-tab").await;
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_is_served_under_the_contracts_csp_and_runs() {
    let scenario = Scenario::start("strict_csp").await;
    let response = reqwest::get(scenario.url("/signin")).await.expect("the page");
    let csp = response
        .headers()
        .get("content-security-policy")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(csp, reference_backend::CONTENT_SECURITY_POLICY);
    user::sign_in_to_dashboard(&scenario, DEMO).await;
    let browser = scenario.browser();
    browser.wait_for(accessible::button("Sign out")).await;

    // Served as a host serves the release build (`make preview`): the wasm came in brotli,
    // its .br beside it in dist/ (the browser got exactly that many bytes), and it may be
    // kept a year (its name carries its hash).
    let wasm = browser
        .script("return document.querySelector('meta[name=app-files]').dataset.wasm;")
        .await;
    let wasm = wasm.as_str().expect("the wasm's name in index.html").to_owned();
    let sizes = browser
        .script(&format!(
            "const e = performance.getEntriesByName(new URL({wasm:?}, location.href).href)[0]; \
             return e ? [e.encodedBodySize, e.decodedBodySize] : null;"
        ))
        .await;
    let file = |suffix: &str| {
        let path = e2e::repo::dist().join(format!("{}{suffix}", wasm.trim_start_matches('/')));
        std::fs::metadata(&path)
            .map(|m| m.len())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    assert_eq!(
        sizes,
        serde_json::json!([file(".br"), file("")]),
        "brotli over the wire, the wasm after it"
    );
    let answer = reqwest::Client::new()
        .get(scenario.url(&wasm))
        .header("Accept-Encoding", "gzip, deflate, br, zstd")
        .send()
        .await
        .expect("the wasm");
    let header = |name: &str| {
        answer
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header("content-encoding"), "br");
    assert_eq!(header("cache-control"), "public, max-age=31536000, immutable");
    // Its preload is used, and quietly: the wasm came once, and the console (where
    // developers look for a logout's culprit) has no warning about a preload.
    let fetched = browser
        .script(&format!(
            "return performance.getEntriesByName(new URL({wasm:?}, location.href).href).length;"
        ))
        .await;
    assert_eq!(fetched, serde_json::json!(1), "the wasm was fetched once");
    let about_preloads = browser.console().lines_with("preload").await;
    assert!(about_preloads.is_empty(), "{about_preloads:#?}");
    // `finish` fails the scenario on any CSP violation in the console.
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_throttled_sign_in_shows_the_backends_words_and_no_box() {
    let scenario = Scenario::start("throttled_sign_in").await;
    let browser = scenario.browser();
    scenario.open("/signin").await;
    screen::wait_sign_in_form(browser).await;
    for _ in 0..5 {
        user::sign_in(browser, DEMO, "wrong-password").await;
        browser
            .wait_for_text("No active account found with the given credentials")
            .await;
    }
    user::sign_in(browser, DEMO, "wrong-password").await;
    browser
        .wait_for_text("Request was throttled. Expected available in")
        .await;
    assert!(
        !screen::shows_session_ended(browser).await,
        "a refused sign-in is no logout"
    );
    assert!(browser.stored_logout_reason().await.is_none());
    scenario.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_logout_that_keeps_happening_says_so_and_opens_its_details() {
    let scenario = Scenario::start("keeps_happening").await;
    scenario.backend().act_on(DEMO, "deactivate_plan").await;
    let browser = scenario.browser();
    scenario.open("/signin").await;
    screen::wait_sign_in_form(browser).await;
    for round in 1..=3 {
        user::sign_in(browser, DEMO, PASSWORD).await;
        // Signed in, then thrown out by the middleware at the first request: one more 🚨.
        for _ in 0..100 {
            let alarms = browser.console().lines_with("🚨").await.len();
            if alarms >= round {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        browser.wait_for_page("/signin").await;
        let session_ended = screen::wait_session_ended(browser).await;
        let text = session_ended.text().await.unwrap_or_default();
        let button = session_ended::technical_details_button(browser, &session_ended).await;
        let expanded = button.attr("aria-expanded").await.ok().flatten();
        if round < 3 {
            assert!(!text.contains("keeps happening"), "round {round}: {text}");
            assert_eq!(expanded.as_deref(), Some("false"), "round {round}");
        } else {
            assert!(text.contains("keeps happening"), "{text}");
            assert_eq!(expanded.as_deref(), Some("true"), "the details open at once");
            let details = session_ended::read_details(browser, &session_ended).await;
            let context = details
                .iter()
                .find(|(term, _)| term == "Context")
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            assert!(context.contains("\"repeat\": 3"), "{context}");
        }
    }
    scenario.snapshot("third-time").await;
    scenario.finish().await;
}
