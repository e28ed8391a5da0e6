//! A fault run, not a test (`make fault-run`; it asserts nothing, it prints figures): the
//! release app (`dist/`) in three Chromium sessions (two of demo@example.com, one of
//! staff@example.com), signed in and browsing (Dashboard and Content by the header's links,
//! `Try again` after an error, as a user does) while faults are injected one at a time:
//! the backend away (the relay closes its port and comes back, state intact), every answer
//! later than the client's timeout, refresh answers later than it, 500 JSON, 502 HTML
//! pages, truncated bodies. Each fault runs twice: with access tokens that stay valid (the
//! faults meet page requests) and with tokens that expire every 2 s (the faults meet
//! refreshes too). Then one real logout: demo's plan is deactivated, and both demo sessions
//! must show why.
//!
//! Printed per fault: the app's API requests (counted by a wrapper of `fetch` installed
//! before the app runs) and how many failed, how many reached the backend, the errors the
//! users saw (steps that ended in an error state), false logouts (a session sent to
//! `/signin` or with a stored `logout_reason` while valid: must be 0) and sessions that did
//! not recover once the fault was over. At the end: real logouts and lost reasons (a real
//! logout whose reason was not shown: must be 0).
//!
//! The app's `request_timeout_ms` is set to 2000 in a copy of `dist/` (its `config.json`);
//! the served app is otherwise the release build unchanged.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use e2e::accessible::{self, Target};
use e2e::backend::Backend;
use e2e::browser::Browser;
use e2e::relay::Relay;
use e2e::{screen, user, wait, A_CONTENT_TITLE, DEMO, PASSWORD, STAFF};
use serde_json::{json, Value};

/// The client's timeout in the served `config.json`.
const REQUEST_TIMEOUT_MS: u64 = 2000;
/// How late answers are under the delay faults: past the timeout.
const LATE_MS: u64 = 3000;
/// How long each fault lasts (tabs keep browsing meanwhile; a step under way finishes).
const FAULT: Duration = Duration::from_secs(8);
/// How long one step may take before it counts as stuck.
const STEP_DEADLINE: Duration = Duration::from_secs(15);
/// Steps a session gets, once the fault is over, to show its data again.
const RECOVERY_STEPS: usize = 3;
/// The access token lifetime of the second phase.
const SHORT_TTL: u64 = 2;

/// Counts the app's API requests and those that failed (no answer), before the app runs; in
/// `sessionStorage`, so that the counts outlive a page load in the tab (a logout's).
const FETCH_HOOK: &str = r#"(() => {
  const key = "faultRun.counts";
  const bump = (field) => {
    try {
      const counts = JSON.parse(sessionStorage.getItem(key) || '{"api":0,"failed":0}');
      counts[field] += 1;
      sessionStorage.setItem(key, JSON.stringify(counts));
    } catch (_) {}
  };
  const original = window.fetch.bind(window);
  window.fetch = (input, init) => {
    let api = false;
    try {
      const url = typeof input === "string" ? input : input.url;
      api = new URL(url, location.href).pathname.startsWith("/api/");
    } catch (_) {}
    const answer = original(input, init);
    if (api) {
      bump("api");
      answer.catch(() => bump("failed"));
    }
    return answer;
  };
})();"#;

#[derive(Clone, Copy, Debug)]
enum Fault {
    None,
    BackendAway,
    AnswersLate,
    RefreshLate,
    Json500,
    Html502,
    Truncated,
}

impl Fault {
    const ALL: [Fault; 7] = [
        Fault::None,
        Fault::BackendAway,
        Fault::AnswersLate,
        Fault::RefreshLate,
        Fault::Json500,
        Fault::Html502,
        Fault::Truncated,
    ];

    fn label(self) -> String {
        match self {
            Fault::None => "none (baseline)".into(),
            Fault::BackendAway => "backend away, then back".into(),
            Fault::AnswersLate => format!("every answer {LATE_MS} ms late"),
            Fault::RefreshLate => format!("refresh answers {LATE_MS} ms late"),
            Fault::Json500 => "500, JSON body".into(),
            Fault::Html502 => "502, HTML page".into(),
            Fault::Truncated => "truncated bodies".into(),
        }
    }

    async fn inject(self, backend: &Backend, relay: &mut Relay) {
        match self {
            Fault::None => {}
            Fault::BackendAway => relay.stop().await,
            Fault::AnswersLate => {
                backend.control(json!({"action": "answer_delay", "ms": LATE_MS})).await;
            }
            Fault::RefreshLate => {
                backend.control(json!({"action": "refresh_delay", "ms": LATE_MS})).await;
            }
            Fault::Json500 => backend.fail_with(500, false, 1_000_000).await,
            Fault::Html502 => backend.fail_with(502, true, 1_000_000).await,
            Fault::Truncated => {
                backend
                    .control(json!({"action": "fail_with", "truncated": true, "count": 1_000_000}))
                    .await;
            }
        }
    }

    async fn clear(self, backend: &Backend, relay: &mut Relay) {
        match self {
            Fault::None => {}
            Fault::BackendAway => relay.resume().await,
            Fault::AnswersLate => {
                backend.control(json!({"action": "answer_delay", "ms": 0})).await;
            }
            Fault::RefreshLate => {
                backend.control(json!({"action": "refresh_delay", "ms": 0})).await;
            }
            Fault::Json500 | Fault::Html502 | Fault::Truncated => backend.fail_with(500, false, 0).await,
        }
    }
}

#[derive(Debug)]
enum Outcome {
    /// The page's data is on screen.
    Data,
    /// An error state (an alert with `Try again`, or the dashboard's inline error).
    Error,
    /// Sent to `/signin` or shown the Session Ended box.
    SignedOut,
    /// None of those within the step's deadline.
    Stuck,
}

/// What one fault did to one session.
#[derive(Default, Clone)]
struct Tally {
    steps: u64,
    api_requests: u64,
    failed_requests: u64,
    errors_seen: u64,
    stuck: u64,
    false_logouts: u64,
    not_recovered: u64,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.steps += other.steps;
        self.api_requests += other.api_requests;
        self.failed_requests += other.failed_requests;
        self.errors_seen += other.errors_seen;
        self.stuck += other.stuck;
        self.false_logouts += other.false_logouts;
        self.not_recovered += other.not_recovered;
    }
}

/// One browser session of one user.
struct Tab {
    name: &'static str,
    email: &'static str,
    /// The account name the dashboard shows.
    account: &'static str,
    browser: Browser,
    base: String,
    /// The header link the next step follows.
    to_content: bool,
    signed_out: bool,
    /// The hook's counters as last read.
    seen: (u64, u64),
    tally: Tally,
    /// What each false logout stored, for the report.
    false_logout_reasons: Vec<String>,
}

impl Tab {
    async fn open(name: &'static str, email: &'static str, account: &'static str, base: &str) -> Tab {
        let browser = Browser::open().await;
        browser
            .devtools("Page.addScriptToEvaluateOnNewDocument", json!({ "source": FETCH_HOOK }))
            .await;
        Tab {
            name,
            email,
            account,
            browser,
            base: base.to_string(),
            to_content: true,
            signed_out: true,
            seen: (0, 0),
            tally: Tally::default(),
            false_logout_reasons: Vec::new(),
        }
    }

    /// Signs in from `/signin` (outside faults: the harness's waits may panic).
    async fn sign_in(&mut self) {
        let browser = &self.browser;
        browser.goto(&format!("{}/signin", self.base)).await;
        screen::wait_sign_in_form(browser).await;
        user::sign_in(browser, self.email, PASSWORD).await;
        browser.wait_for_page("/dashboard").await;
        screen::wait_signed_in_as(browser, self.email).await;
        browser.wait_for_text(self.account).await;
        self.to_content = true;
        self.signed_out = false;
    }

    async fn sign_out(&mut self) {
        self.browser.press("Sign out").await;
        self.browser.wait_for_page("/signin").await;
        self.signed_out = true;
    }

    /// The hook's counters since the last read.
    async fn requests_since(&mut self) -> (u64, u64) {
        let counts = self
            .browser
            .script("return JSON.parse(sessionStorage.getItem('faultRun.counts') || 'null');")
            .await;
        let now = (
            counts["api"].as_u64().unwrap_or(0),
            counts["failed"].as_u64().unwrap_or(0),
        );
        // A new profile's first read, or storage cleared: count from zero.
        let since = |now: u64, before: u64| if now >= before { now - before } else { now };
        let delta = (since(now.0, self.seen.0), since(now.1, self.seen.1));
        self.seen = now;
        delta
    }

    /// One thing a user does: `Try again` on an error state, else the next header link;
    /// then what the screen shows.
    async fn step(&mut self) -> Outcome {
        let outcome = match self.error_state_button().await {
            Some(button) => {
                let _ = button.click().await;
                // The old error leaves before anything is read.
                tokio::time::sleep(Duration::from_millis(200)).await;
                self.outcome().await
            }
            None => {
                let name = if self.to_content { "Content" } else { "Dashboard" };
                match self.browser.find(accessible::link(name)).await.into_iter().next() {
                    Some(link) => {
                        let _ = link.click().await;
                        self.to_content = !self.to_content;
                        self.outcome().await
                    }
                    None => self.outcome().await,
                }
            }
        };
        self.tally.steps += 1;
        match outcome {
            Outcome::Error => self.tally.errors_seen += 1,
            Outcome::Stuck => self.tally.stuck += 1,
            _ => {}
        }
        outcome
    }

    async fn error_state_button(&self) -> Option<fantoccini::elements::Element> {
        for alert in self.browser.find(Target::any("alert")).await {
            if let Some(button) = self
                .browser
                .find_in(&alert, accessible::button("Try again"))
                .await
                .into_iter()
                .next()
            {
                return Some(button);
            }
        }
        None
    }

    /// Polls the screen until it shows data, an error or a sign-in page.
    async fn outcome(&self) -> Outcome {
        let found = wait::until_within_or_none(STEP_DEADLINE, || async {
            let browser = &self.browser;
            let page = browser.page().await;
            if page.starts_with("/signin") || screen::shows_session_ended(browser).await {
                return Some(Outcome::SignedOut);
            }
            if self.error_state_button().await.is_some()
                || !browser
                    .visible("//main//p[contains(@class, 'error-inline')]")
                    .await
                    .is_empty()
            {
                return Some(Outcome::Error);
            }
            let text = browser.text().await;
            let data = match page.as_str() {
                "/dashboard" => text.contains(self.account) && text.contains("5 items"),
                "/dashboard/content" => text.contains(A_CONTENT_TITLE),
                _ => false,
            };
            data.then_some(Outcome::Data)
        })
        .await;
        found.unwrap_or(Outcome::Stuck)
    }

    /// Whether the session ended (here a false logout: every session is valid during the
    /// faults); notes the reason the app showed.
    async fn check_signed_in(&mut self) {
        if self.signed_out {
            return;
        }
        let page = self.browser.page().await;
        let stored = self.browser.stored_logout_reason().await;
        if page.starts_with("/signin") || stored.is_some() {
            self.signed_out = true;
            self.tally.false_logouts += 1;
            let shown = shown_reason(&self.browser).await;
            let reason = match (shown, stored) {
                (Some(shown), _) => format!("{} {}", shown.code, shown.context),
                (None, Some(stored)) => format!("stored, not shown: {} {}", stored["code"], stored["context"]),
                (None, None) => "no reason shown or stored".to_string(),
            };
            self.false_logout_reasons
                .push(format!("{} on {page}: {reason}", self.name));
        }
    }

    /// Steps until `until` has passed (at least one step).
    async fn browse_until(mut self, until: Instant) -> Tab {
        loop {
            if !self.signed_out {
                self.step().await;
                self.check_signed_in().await;
            }
            if Instant::now() >= until {
                return self;
            }
            if self.signed_out {
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    }

    /// After a fault: steps until the data shows; a session that was logged out (its reason
    /// is on record) signs in again to go on, as its user would have to.
    async fn recover(mut self) -> Tab {
        let mut recovered = false;
        for _ in 0..RECOVERY_STEPS {
            if self.signed_out {
                break;
            }
            let outcome = self.step().await;
            self.check_signed_in().await;
            if matches!(outcome, Outcome::Data) && !self.signed_out {
                recovered = true;
                break;
            }
        }
        if self.signed_out {
            self.sign_in().await;
        } else if !recovered {
            self.tally.not_recovered += 1;
        }
        self
    }
}

/// The reason a Session Ended box shows: its message and, from `Technical details`, the code
/// and context.
struct ShownReason {
    text: String,
    code: String,
    context: String,
}

/// Waits a little for the Session Ended box and reads it; `None` if none is shown.
async fn shown_reason(browser: &Browser) -> Option<ShownReason> {
    let session_ended = wait::until_within_or_none(Duration::from_secs(5), || async {
        browser.find(accessible::SESSION_ENDED).await.into_iter().next()
    })
    .await?;
    let text = session_ended.text().await.unwrap_or_default();
    let button = browser
        .find_in(&session_ended, accessible::button("Technical details"))
        .await
        .into_iter()
        .next()?;
    button.click().await.ok()?;
    let details = e2e::session_ended::read_details(browser, &session_ended).await;
    let field = |name: &str| {
        details
            .iter()
            .find(|(term, _)| term == name)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    };
    // The panel pretty-prints the context; one line reads better in a report.
    let context = field("Context");
    let context = serde_json::from_str::<Value>(&context).map_or(context, |value| value.to_string());
    Some(ShownReason {
        text,
        code: field("Code"),
        context,
    })
}

/// Every tab does `work` at once; the tabs come back in order.
async fn all<F, Fut>(tabs: Vec<Tab>, work: F) -> Vec<Tab>
where
    F: Fn(Tab) -> Fut,
    Fut: std::future::Future<Output = Tab> + Send + 'static,
{
    let handles: Vec<_> = tabs.into_iter().map(|tab| tokio::spawn(work(tab))).collect();
    let mut back = Vec::new();
    for handle in handles {
        back.push(handle.await.expect("a tab's task"));
    }
    back
}

/// The requests and the refresh calls the backend counted so far.
async fn backend_counts(backend: &Backend) -> (u64, u64) {
    let stats = backend.stats().await;
    let requests = stats["requests"]
        .as_object()
        .map_or(0, |paths| paths.values().filter_map(Value::as_u64).sum());
    (requests, stats["refresh_calls"].as_u64().unwrap_or(0))
}

/// A copy of `dist/` whose `config.json` sets `request_timeout_ms`.
fn site_with_timeout(into: &Path) -> PathBuf {
    e2e::site_copy::with_config(into, &json!({ "request_timeout_ms": REQUEST_TIMEOUT_MS }))
}

struct Row {
    phase: &'static str,
    fault: String,
    tally: Tally,
    reached_backend: u64,
    /// Refresh calls among them.
    refreshes: u64,
}

#[tokio::main(flavor = "multi_thread", worker_threads = 4)]
async fn main() {
    let site_dir = tempfile::Builder::new()
        .prefix("fault-run-site-")
        .tempdir()
        .expect("a temporary folder");
    let site = site_with_timeout(site_dir.path());
    let backend = Backend::start_serving(site).await;
    let mut relay = Relay::start(backend.addr()).await;
    let base = format!("http://{}", relay.addr());
    println!("fault run: app and API at {base} (through the relay), request_timeout_ms {REQUEST_TIMEOUT_MS}");

    let mut tabs = vec![
        Tab::open("A demo", DEMO, "Acme", &base).await,
        Tab::open("B demo", DEMO, "Acme", &base).await,
        Tab::open("C staff", STAFF, "Staff Co", &base).await,
    ];
    let mut rows = Vec::new();
    let mut false_logout_reasons = Vec::new();

    for (phase, ttl) in [("tokens valid", 300), ("tokens expire every 2 s", SHORT_TTL)] {
        backend.control(json!({"action": "access_ttl", "seconds": ttl})).await;
        for tab in &mut tabs {
            if !tab.signed_out {
                tab.sign_out().await;
            }
            tab.sign_in().await;
            tab.requests_since().await;
        }
        for fault in Fault::ALL {
            for tab in &mut tabs {
                tab.tally = Tally::default();
            }
            let before = backend_counts(&backend).await;
            fault.inject(&backend, &mut relay).await;
            let until = Instant::now() + FAULT;
            tabs = all(tabs, move |tab| tab.browse_until(until)).await;
            fault.clear(&backend, &mut relay).await;
            tabs = all(tabs, Tab::recover).await;
            let mut tally = Tally::default();
            for tab in &mut tabs {
                let (api, failed) = tab.requests_since().await;
                tab.tally.api_requests = api;
                tab.tally.failed_requests = failed;
                tally.add(&tab.tally);
                for reason in tab.false_logout_reasons.drain(..) {
                    false_logout_reasons.push(format!("[{phase}, {}] {reason}", fault.label()));
                }
            }
            let after = backend_counts(&backend).await;
            let row = Row {
                phase,
                fault: fault.label(),
                tally,
                reached_backend: after.0 - before.0,
                refreshes: after.1 - before.1,
            };
            print_row(&row);
            rows.push(row);
        }
    }

    // One real logout: demo's plan is deactivated; both demo sessions must show why, and
    // the staff session must go on.
    backend.control(json!({"action": "access_ttl", "seconds": 300})).await;
    backend.act_on(DEMO, "deactivate_plan").await;
    let (mut real_logouts, mut reasons_shown, mut staff_false_logouts) = (0, 0, 0);
    let mut lost = Vec::new();
    for tab in &mut tabs {
        tab.tally = Tally::default();
        let outcome = tab.step().await;
        if tab.email == DEMO {
            real_logouts += 1;
            match real_logout_shown(tab).await {
                Ok(()) => reasons_shown += 1,
                Err(why) => lost.push(format!("{}: {why} (step: {outcome:?})", tab.name)),
            }
        } else {
            tab.check_signed_in().await;
            staff_false_logouts += tab.tally.false_logouts;
            false_logout_reasons.append(&mut tab.false_logout_reasons);
        }
    }

    print_summary(&rows, &false_logout_reasons, staff_false_logouts);
    println!(
        "real logouts (PLAN_INACTIVE, demo's two sessions): {real_logouts}  reasons shown: {reasons_shown}  LOST REASONS: {}",
        lost.len()
    );
    for why in &lost {
        println!("  {why}");
    }
    for tab in tabs {
        tab.browser.close().await;
    }
    drop(relay);
    backend.shutdown().await;
}

/// The Session Ended box on `/signin` naming PLAN_INACTIVE's message, and its code.
async fn real_logout_shown(tab: &Tab) -> Result<(), String> {
    let browser = &tab.browser;
    let page = browser.page().await;
    match shown_reason(browser).await {
        Some(shown)
            if page.starts_with("/signin")
                && shown.code == "PLAN_INACTIVE"
                && shown.text.contains("Subscription plan is inactive") =>
        {
            Ok(())
        }
        Some(shown) => Err(format!("on {page} the box shows {} {:?}", shown.code, shown.text)),
        None => Err(format!("no Session Ended box on {page}")),
    }
}

fn print_row(row: &Row) {
    let t = &row.tally;
    println!(
        "{:<24} {:<28} steps {:>3}  app requests {:>4} (failed {:>3})  reached backend {:>4} (refresh {:>3})  errors seen {:>3}  stuck {:>2}  FALSE LOGOUTS {}  not recovered {}",
        row.phase,
        row.fault,
        t.steps,
        t.api_requests,
        t.failed_requests,
        row.reached_backend,
        row.refreshes,
        t.errors_seen,
        t.stuck,
        t.false_logouts,
        t.not_recovered,
    );
}

fn print_summary(rows: &[Row], reasons: &[String], more_false_logouts: u64) {
    let mut total = Tally::default();
    for row in rows {
        total.add(&row.tally);
    }
    println!();
    println!(
        "=== Fault run: {} faults x 2 phases, 3 sessions ===  steps {}  app requests {} (failed {})  errors seen {}  FALSE LOGOUTS {}  not recovered {}",
        Fault::ALL.len() - 1,
        total.steps,
        total.api_requests,
        total.failed_requests,
        total.errors_seen,
        total.false_logouts + more_false_logouts,
        total.not_recovered,
    );
    for reason in reasons {
        println!("  false logout: {reason}");
    }
}
