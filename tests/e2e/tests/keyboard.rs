//! Scenario 7: a whole round without a mouse. Tab to the sign-in form, sign in with Enter,
//! reach and press Sign out, reach Technical details, open and close it with Enter and
//! Space, reach the context and Copy details. Every focus stop shows a visible focus
//! indicator (`:focus-visible`, an outline of at least 3:1 contrast).

use fantoccini::key::Key;

use e2e::accessible::{self, Target};
use e2e::keyboard::{self, tab_to};
use e2e::{screen, session_ended, Scenario, DEMO, PASSWORD};

/// Waits until the Technical details button says `expanded` and the panel is shown or not.
async fn wait_expanded(scenario: &Scenario, expanded: bool) {
    let browser = scenario.browser();
    let session_ended = screen::wait_session_ended(browser).await;
    let button = session_ended::technical_details_button(browser, &session_ended).await;
    let want = if expanded { "true" } else { "false" };
    e2e::wait::until(format!("Technical details aria-expanded={want}"), || async {
        let state = button.attr("aria-expanded").await.ok().flatten();
        let terms = browser.find_in(&session_ended, Target::any("term")).await;
        (state.as_deref() == Some(want) && terms.is_empty() != expanded).then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_round_with_the_keyboard_only() {
    let scenario = Scenario::start("keyboard_only").await;
    let browser = scenario.browser();
    scenario.open("/signin").await;
    screen::wait_sign_in_form(browser).await;

    tab_to(browser, accessible::textbox("Email")).await;
    browser.type_text(DEMO).await;
    tab_to(browser, accessible::textbox("Password")).await;
    browser.type_text(PASSWORD).await;
    browser.press_key(Key::Enter).await;
    browser.wait_for_page("/dashboard").await;
    screen::wait_signed_in_as(browser, DEMO).await;
    browser.wait_for_text("Acme").await;

    tab_to(browser, accessible::button("Sign out")).await;
    browser.press_key(Key::Enter).await;
    browser.wait_for_page("/signin").await;
    screen::wait_session_ended(browser).await;

    tab_to(browser, accessible::button("Technical details")).await;
    browser.press_key(Key::Enter).await;
    wait_expanded(&scenario, true).await;
    browser.press_key(Key::Enter).await;
    wait_expanded(&scenario, false).await;
    browser.press_key(Key::Space).await;
    wait_expanded(&scenario, true).await;
    // Toggling keeps the focus where it was, visible.
    let focused = keyboard::focused(browser).await.expect("something has focus");
    assert_eq!(
        (focused.role.as_str(), focused.name.as_str()),
        ("button", "Technical details")
    );
    keyboard::assert_focus_visible(browser, &focused).await;
    scenario.snapshot("details-open").await;

    // The context scrolls sideways: it takes focus, named, so a keyboard can scroll it.
    tab_to(browser, Target::new("region", "Context")).await;
    let scrolled = browser
        .script("const el = document.activeElement; el.scrollLeft = 0; return el.scrollWidth >= el.clientWidth;")
        .await;
    assert_eq!(scrolled, true, "the focused context is the scrollable <pre>");
    tab_to(browser, accessible::button("Copy details")).await;
    browser.press_key(Key::Space).await;
    // Copied, or (headless, no clipboard permission) the way to copy by hand: either way
    // the status region says something.
    e2e::wait::until("the copy status to speak", || async {
        for status in browser.find(Target::any("status")).await {
            if !status.text().await.unwrap_or_default().trim().is_empty() {
                return Some(());
            }
        }
        None
    })
    .await;

    // And on to the form again.
    tab_to(browser, accessible::textbox("Email")).await;
    let focused = keyboard::focused(browser).await.expect("something has focus");
    assert_eq!((focused.role.as_str(), focused.name.as_str()), ("textbox", "Email"));
    scenario.finish().await;
}
