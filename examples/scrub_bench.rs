//! How long ending a session takes for a body of 10 KB, 100 KB, 1 MB and 4 MB, benign and
//! hostile (issue 21): the whole pure path a 401 takes, from the body's bytes to the stored
//! reason's JSON (`classify`, the draft, `LogoutReason::from_draft` with two held tokens,
//! `to_json`). Prints a table; asserts nothing.
//!
//! Run: `make bench-scrub` (or `cargo run --release --example scrub_bench`). Native code,
//! not the browser's wasm: read the numbers as a shape (flat or falling per MB is linear),
//! not as the tab's milliseconds. A case whose single run takes longer than
//! `SCRUB_BENCH_SKIP_SECS` (default 10) skips its larger sizes.

use std::time::{Duration, Instant};

use chrono::Utc;
use logout_tracker::testing::{classify, Decision, Exchange, LogoutReason, RequestKind};

const SIZES: [(&str, usize); 4] = [
    ("10 KB", 10 << 10),
    ("100 KB", 100 << 10),
    ("1 MB", 1 << 20),
    ("4 MB", 4 << 20),
];
const HELD_ACCESS: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoiYWNjZXNzIiwidXNlcl9pZCI6Nzg5fQ.c2lnbmF0dXJlLWhlbGQtYWNjZXNz";
const HELD_REFRESH: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoicmVmcmVzaCIsInVzZXJfaWQiOjc4OX0.c2lnbmF0dXJlLWhlbGQtcmVmcmVzaA";
const SENTENCE: &str = "The subscription plan of account 456 was deactivated by billing on 2025-12-01; \
    the user was on /dashboard/content?sort=new. ";
const SECRETS: &str = "password=hunter2 Authorization: Bearer abc.def-123 https://admin:s3cr3t@db.internal/x \
    Cookie: theme=dark; PHPSESSID=9f8e7d6c5b4a; connect.sid=s%3Axyz.abc sk_live_4eC39HqLyjWDarjtT1zdp7dc \
    ghp_16C7e42F292c6912E7710c838347Ae178B4a AKIAIOSFODNN7EXAMPLE eyJhbGciOiJub25lIn0.eyJzdWIiOjF9.sig ";

/// One input: the body, and the page the user was on.
struct Case {
    body: Vec<u8>,
    page: String,
}

/// `unit` repeated to `len` bytes (cut at a character boundary; the units are ASCII).
fn fill(unit: &str, len: usize) -> String {
    let mut text = unit.repeat(len / unit.len() + 1);
    text.truncate(len);
    text
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// A middleware 401 whose message and one context string are `len / 2` bytes each.
fn middleware_body(message: &str, detail: &str) -> Vec<u8> {
    format!(
        r#"{{"success": false, "error": "Your plan is inactive", "logout_reason": "PLAN_INACTIVE",
            "logout_message": {}, "logout_path": "/dashboard/content",
            "logout_context": {{"plan_id": 42, "account_id": 456, "detail": {}}}}}"#,
        json_string(message),
        json_string(detail)
    )
    .into_bytes()
}

/// A middleware 401 whose context holds `len` bytes of small entries `make(index)`.
fn entries_body(message: &str, len: usize, make: impl Fn(usize) -> (String, String)) -> Vec<u8> {
    let mut context = String::from("{");
    let mut index = 0;
    while context.len() < len {
        let (key, value) = make(index);
        if index > 0 {
            context.push(',');
        }
        context.push_str(&format!("{}:{}", json_string(&key), json_string(&value)));
        index += 1;
    }
    context.push('}');
    format!(
        r#"{{"logout_reason": "PLAN_INACTIVE", "logout_message": {}, "logout_context": {context}}}"#,
        json_string(message)
    )
    .into_bytes()
}

const PAGE: &str = "/dashboard/content?sort=new";

fn cases(len: usize) -> Vec<(&'static str, Case)> {
    let half = len / 2;
    vec![
        (
            "benign: sentences",
            Case {
                body: middleware_body(&fill(SENTENCE, half), &fill(SENTENCE, half)),
                page: PAGE.to_owned(),
            },
        ),
        (
            "benign: many entries",
            Case {
                body: entries_body("Subscription plan is inactive", len, |i| {
                    (format!("field_{i:06}"), format!("plan {i} inactive since 2025-12-01"))
                }),
                page: PAGE.to_owned(),
            },
        ),
        (
            "hostile: eyJ repeated",
            Case {
                body: middleware_body(&fill("eyJ", half), &fill("eyJ", half)),
                page: PAGE.to_owned(),
            },
        ),
        (
            "hostile: dense secrets",
            Case {
                body: middleware_body(&fill(SECRETS, half), &fill(SECRETS, half)),
                page: PAGE.to_owned(),
            },
        ),
        (
            "hostile: secret entries",
            Case {
                body: entries_body(&fill(SECRETS, half), half, |i| {
                    (format!("session_{i:06}"), format!("token={i:06}eyJ.a.b Bearer x{i}"))
                }),
                page: PAGE.to_owned(),
            },
        ),
        (
            "hostile: page (eyJ)",
            Case {
                body: middleware_body("Plan inactive", "none"),
                page: format!("/dashboard?ref={}", fill("eyJ", len)),
            },
        ),
    ]
}

/// One session end from the body's bytes to the stored JSON; its length.
fn end_session(case: &Case) -> usize {
    let exchange = Exchange {
        kind: RequestKind::Other,
        endpoint: "/api/v1/content/",
        status: 401,
        body: &case.body,
        sent_with_token: true,
        token_replaced: false,
        retried: false,
        has_refresh_token: true,
        www_authenticate: None,
        problem_json: false,
    };
    let Decision::Logout(draft) = classify(&exchange) else {
        panic!("a middleware 401 ends the session");
    };
    let reason = LogoutReason::from_draft(draft, &case.page, None, Utc::now(), &[HELD_ACCESS, HELD_REFRESH]);
    reason.to_json().len()
}

/// The median of runs repeated for about half a second (at least three, one when a run is slow).
fn measure(case: &Case) -> (Duration, usize, usize) {
    let mut times = Vec::new();
    let mut stored = 0;
    let started = Instant::now();
    while times.len() < 3 || started.elapsed() < Duration::from_millis(500) {
        let start = Instant::now();
        stored = end_session(case);
        times.push(start.elapsed());
        if (times.len() == 1 && times[0] > Duration::from_secs(2)) || times.len() >= 200 {
            break;
        }
    }
    times.sort();
    (times[times.len() / 2], times.len(), stored)
}

fn main() {
    let skip_after = std::env::var("SCRUB_BENCH_SKIP_SECS")
        .ok()
        .and_then(|secs| secs.parse::<f64>().ok())
        .unwrap_or(10.0);
    let by_size: Vec<_> = SIZES.iter().map(|&(label, len)| (label, len, cases(len))).collect();
    println!(
        "{:<26} {:>7} {:>12} {:>12} {:>6} {:>14}",
        "input", "size", "input bytes", "ms per run", "runs", "ms per MB"
    );
    let kinds = by_size[0].2.len();
    for kind in 0..kinds {
        let mut slow: Option<f64> = None;
        for (label, _, cases) in &by_size {
            let (name, case) = &cases[kind];
            let bytes = case.body.len() + case.page.len();
            if let Some(secs) = slow {
                println!(
                    "{name:<26} {label:>7} {bytes:>12} {:>12} {:>6} {:>14}",
                    "skipped",
                    "-",
                    format!("(> {secs:.0} s before)")
                );
                continue;
            }
            let (time, runs, stored) = measure(case);
            let ms = time.as_secs_f64() * 1e3;
            let per_mb = ms / (bytes as f64 / (1 << 20) as f64);
            println!("{name:<26} {label:>7} {bytes:>12} {ms:>12.3} {runs:>6} {per_mb:>14.3}   stored {stored} B");
            if time.as_secs_f64() > skip_after {
                slow = Some(time.as_secs_f64());
            }
        }
    }
}
