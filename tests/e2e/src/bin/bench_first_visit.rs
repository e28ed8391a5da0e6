//! A benchmark, not a test (`make bench`; it asserts nothing): this app's release build
//! (`dist/`) against the React peer (`../shared/peer-react-dist/`, or `PEER_DIST`), side by
//! side in one run. Prints the size of every file (raw, gzip -9, brotli q11) and how soon
//! after a first visit to `/signin` the Session Ended box is visible, unthrottled and on
//! Lighthouse's mobile profile, each served gzip-encoded and brotli-encoded, with the ratios;
//! then a repeat visit (brotli), the files the first visit fetched in the HTTP cache.
//!
//! Both folders are served the same way (`e2e::static_site`: precompressed files, gzip -9 or
//! brotli q11 as the run says (the browser accepts both), a `/config.json`, the production
//! Content-Security-Policy header, a year's caching for hashed names). Every run is a new browser
//! with an empty profile; a first visit has the HTTP cache off, a repeat visit goes to the
//! page once (unthrottled), then to `about:blank`, then measures a second visit to it: a
//! returning user's. A script installed before the page's own
//! stores the reason (as the app does before sending the user to `/signin`) and records
//! `performance.now()`, milliseconds since the navigation started, when an element with
//! `role="alert"` holding "Session Ended" is in the page and visible.

use std::path::{Path, PathBuf};
use std::time::Duration;

use e2e::browser::Browser;
use e2e::static_site::{Encoding, Site, CSP};
use serde_json::{json, Value};

/// Runs per app and profile; `BENCH_RUNS` overrides it (a quick check of the bench itself).
fn runs() -> usize {
    std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(15)
}

const REASON: &str = r#"{"code":"SESSION_ACCOUNT_MISMATCH","message":"Session contamination: account ID mismatch","path":"/dashboard/content","context":{"stored_account_id":123,"current_account_id":456,"user_id":789},"timestamp":"2025-12-15T10:30:45.123Z","source":"backend_middleware"}"#;

/// Runs before the page's own scripts, in every run the same for both apps.
fn before_the_page() -> String {
    format!(
        r#"(() => {{
  localStorage.setItem('logout_reason', {reason});
  window.__csp = [];
  addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
  const box = () => [...document.querySelectorAll('[role="alert"]')]
    .find((el) => el.textContent.includes('Session Ended'));
  const check = () => {{
    const el = box();
    if (!el) return false;
    if (el.checkVisibility()) {{ window.__boxAt ??= performance.now(); return true; }}
    requestAnimationFrame(check);
    return true;
  }};
  new MutationObserver((_, observer) => {{ if (check()) observer.disconnect(); }})
    .observe(document, {{ childList: true, subtree: true, characterData: true }});
}})();"#,
        reason = json!(REASON)
    )
}

#[derive(Clone, Copy, PartialEq)]
enum Profile {
    Unthrottled,
    /// Lighthouse's mobile profile: 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, CPU 4x slower.
    Mobile,
}

impl Profile {
    fn label(self) -> &'static str {
        match self {
            Profile::Unthrottled => "unthrottled",
            Profile::Mobile => "mobile (150 ms, 1.6 Mbit/s, CPU 4x)",
        }
    }
}

const ENCODINGS: [Encoding; 2] = [Encoding::Gzip, Encoding::Brotli];

#[derive(Clone, Copy, PartialEq)]
enum Visit {
    First,
    /// The page visited once before in the same browser: its hashed files come from the
    /// HTTP cache, `index.html` and `config.json` are revalidated.
    Repeat,
}

/// What one row of figures measures.
#[derive(Clone, Copy)]
struct Case {
    profile: Profile,
    encoding: Encoding,
    visit: Visit,
}

impl Case {
    fn label(self) -> String {
        let visit = match self.visit {
            Visit::First => "first",
            Visit::Repeat => "repeat",
        };
        format!("{:<36} {:<7} {:<6}", self.profile.label(), visit, self.encoding.label())
    }
}

const CASES: [Case; 6] = [
    Case {
        profile: Profile::Unthrottled,
        encoding: Encoding::Gzip,
        visit: Visit::First,
    },
    Case {
        profile: Profile::Unthrottled,
        encoding: Encoding::Brotli,
        visit: Visit::First,
    },
    Case {
        profile: Profile::Mobile,
        encoding: Encoding::Gzip,
        visit: Visit::First,
    },
    Case {
        profile: Profile::Mobile,
        encoding: Encoding::Brotli,
        visit: Visit::First,
    },
    Case {
        profile: Profile::Unthrottled,
        encoding: Encoding::Brotli,
        visit: Visit::Repeat,
    },
    Case {
        profile: Profile::Mobile,
        encoding: Encoding::Brotli,
        visit: Visit::Repeat,
    },
];

struct App {
    name: &'static str,
    /// The app's address when served with each of [`ENCODINGS`].
    urls: [String; 2],
    csp: bool,
    /// By case ([`CASES`]).
    times: Vec<Vec<f64>>,
    missed: Vec<usize>,
    violations: Vec<String>,
}

/// What the page fetched, in order of start: the critical path of a first visit.
/// With the marks the page set (`performance.mark`), should a variant under study set any.
const REQUESTS: &str = "return performance.getEntriesByType('resource').map((e) => \
  `${new URL(e.name).pathname} ${e.initiatorType}: ${Math.round(e.startTime)}-${Math.round(e.responseEnd)} ms`)\
  .concat(performance.getEntriesByType('mark').map((m) => `mark ${m.name}: ${Math.round(m.startTime)} ms`));";

/// Waits for the box; its time in ms after the navigation started, `None` after 30 s.
async fn box_time(browser: &Browser) -> Option<f64> {
    for _ in 0..3000 {
        if let Value::Number(n) = browser.script("return window.__boxAt ?? null;").await {
            return n.as_f64();
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    None
}

/// One visit as `case` says; `None` when the box did not show within 30 s. `show_requests`
/// prints what the page fetched until then.
async fn one_run(app: &mut App, url: &str, case: Case, show_requests: bool) -> Option<f64> {
    let profile = case.profile;
    let browser = Browser::open().await;
    browser
        .devtools(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": before_the_page() }),
        )
        .await;
    browser.devtools("Network.enable", json!({})).await;
    browser.devtools("Network.clearBrowserCache", json!({})).await;
    match case.visit {
        Visit::First => {
            browser
                .devtools("Network.setCacheDisabled", json!({ "cacheDisabled": true }))
                .await;
        }
        Visit::Repeat => {
            browser.goto(&format!("{url}/signin")).await;
            box_time(&browser).await;
            browser.goto("about:blank").await;
        }
    }
    if profile == Profile::Mobile {
        let kbit = 1024.0 / 8.0; // bytes per second in one kbit/s, as Lighthouse counts
        browser
            .devtools(
                "Network.emulateNetworkConditions",
                json!({ "offline": false, "latency": 150, "downloadThroughput": 1.6 * 1024.0 * kbit, "uploadThroughput": 750.0 * kbit }),
            )
            .await;
        browser.slow_cpu(4).await;
    }
    browser.goto(&format!("{url}/signin")).await;
    let at = box_time(&browser).await;
    if at.is_none() {
        println!(
            "bench: {}: the box did not show within 30 s:\n{}",
            app.name,
            browser.diagnosis().await
        );
    }
    if show_requests {
        println!(
            "bench: {} ({url}), {}: box at {:.0} ms; requests:",
            app.name,
            case.label(),
            at.unwrap_or(f64::NAN)
        );
        if let Value::Array(requests) = browser.script(REQUESTS).await {
            for request in requests {
                println!("    {}", request.as_str().unwrap_or("?"));
            }
        }
    }
    if let Value::Array(seen) = browser.script("return window.__csp ?? [];").await {
        app.violations
            .extend(seen.iter().map(|v| v.as_str().unwrap_or("?").to_string()));
    }
    browser.close().await;
    at
}

/// Prints a folder's files; returns its gzip and brotli totals.
fn sizes(name: &str, dir: &Path, config: &Path) -> (usize, usize) {
    let site = Site::load(dir, config, None, Encoding::Brotli);
    println!("\n{name} ({})", dir.display());
    println!("  {:<48} {:>9} {:>9} {:>9}", "file", "raw", "gzip -9", "brotli");
    let (mut raw, mut gz, mut br) = (0, 0, 0);
    for file in site.files() {
        println!(
            "  {:<48} {:>9} {:>9} {:>9}",
            file.path,
            file.raw.len(),
            file.gzip.len(),
            file.brotli.len()
        );
        raw += file.raw.len();
        gz += file.gzip.len();
        br += file.brotli.len();
    }
    println!("  {:<48} {:>9} {:>9} {:>9}", "total", raw, gz, br);
    (gz, br)
}

/// (median, min, max)
fn spread(samples: &[f64]) -> Option<(f64, f64, f64)> {
    let mut s = samples.to_vec();
    s.sort_by(f64::total_cmp);
    Some((*s.get(s.len() / 2)?, s[0], s[s.len() - 1]))
}

#[tokio::main]
async fn main() {
    let root = e2e::repo::root();
    // APP_DIST: another build of this app (a variant under study) in place of `dist/`.
    let ours = std::env::var_os("APP_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(e2e::repo::dist);
    let peer = std::env::var_os("PEER_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/peer-react-dist"));
    let config = root.join("static/config.json");
    // Set PEER_WITHOUT_CSP=1 should the peer ever not run under the policy.
    let peer_csp = std::env::var_os("PEER_WITHOUT_CSP").is_none();

    println!("bench: sizes (bytes; gzip -9 -n, brotli q11)");
    let (ours_gz, ours_br) = sizes("this app", &ours, &config);
    let (peer_gz, peer_br) = sizes("React peer", &peer, &config);
    println!(
        "\n  ratio this app / React: gzip {:.2}, brotli {:.2}",
        ours_gz as f64 / peer_gz as f64,
        ours_br as f64 / peer_br as f64
    );

    let mut apps = Vec::new();
    for (name, dir, csp) in [("this app", ours, true), ("React peer", peer, peer_csp)] {
        let mut urls = [String::new(), String::new()];
        for (e, encoding) in ENCODINGS.into_iter().enumerate() {
            let addr = Site::load(&dir, &config, csp.then_some(CSP), encoding).serve().await;
            urls[e] = format!("http://{addr}");
            println!(
                "bench: serving {name} {} at {} from {}",
                encoding.label(),
                urls[e],
                dir.display()
            );
        }
        apps.push(App {
            name,
            urls,
            csp,
            times: vec![Vec::new(); CASES.len()],
            missed: vec![0; CASES.len()],
            violations: vec![],
        });
    }

    // Runs alternate between the two apps (A B B A ...), so drift of the machine hits both
    // alike; every case in turn within a run.
    for run in 0..runs() {
        let order = if run % 2 == 0 { [0, 1] } else { [1, 0] };
        for (c, case) in CASES.into_iter().enumerate() {
            let e = ENCODINGS
                .iter()
                .position(|&encoding| encoding == case.encoding)
                .unwrap_or(0);
            for a in order {
                let app = &mut apps[a];
                let url = app.urls[e].clone();
                match one_run(app, &url, case, run == 0).await {
                    Some(ms) => app.times[c].push(ms),
                    None => app.missed[c] += 1,
                }
            }
        }
    }

    println!(
        "\nbench: a visit to /signin until the Session Ended box is visible ({} runs each, ms)",
        runs()
    );
    println!(
        "  {:<36} {:<7} {:<6} {:<12} {:>8} {:>8} {:>8} {:>7}",
        "profile", "visit", "coding", "app", "median", "min", "max", "missed"
    );
    for (c, case) in CASES.into_iter().enumerate() {
        let mut medians = Vec::new();
        for app in &apps {
            match spread(&app.times[c]) {
                Some((med, min, max)) => {
                    medians.push(med);
                    println!(
                        "  {} {:<12} {med:>8.1} {min:>8.1} {max:>8.1} {:>7}",
                        case.label(),
                        app.name,
                        app.missed[c]
                    );
                }
                None => println!("  {} {:<12} never shown", case.label(), app.name),
            }
        }
        if let [ours, peer] = medians[..] {
            println!("  {} ratio this app / React: {:.2}", case.label(), ours / peer);
        }
    }
    for app in &apps {
        println!(
            "bench: {}: CSP header {}; violations reported by the page: {}",
            app.name,
            if app.csp { "sent" } else { "not sent" },
            if app.violations.is_empty() {
                "none".to_string()
            } else {
                app.violations.join(", ")
            }
        );
    }
}
