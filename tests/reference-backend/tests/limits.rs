//! Rate limits and caps: failed logins per email and per client address, logout-event POSTs
//! per client address, and the size of the logout-event table.

mod common;

use std::time::Duration;

use common::*;
use reference_backend::RateLimit;
use reqwest::StatusCode;
use serde_json::json;

/// Asserts DRF's 429 and returns its `Retry-After` in seconds.
fn assert_throttled(reply: &Reply) -> u64 {
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS, "{}", reply.text);
    let seconds: u64 = reply.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .expect("Retry-After in whole seconds");
    let unit = if seconds == 1 { "second" } else { "seconds" };
    assert_eq!(
        reply.json(),
        json!({ "detail": format!("Request was throttled. Expected available in {seconds} {unit}.") })
    );
    seconds
}

#[tokio::test]
async fn five_failed_logins_a_minute_throttle_that_email_from_that_address() {
    let s = TestServer::dev().await;
    // Successful logins never count.
    for _ in 0..8 {
        s.login(&s.client, DEMO).await;
    }
    for _ in 0..5 {
        let wrong = s.try_login(&s.client, DEMO, "wrong").await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "{}", wrong.text);
    }
    // Over the limit even the right password waits, from this address.
    let retry = assert_throttled(&s.try_login(&s.client, DEMO, PASSWORD).await);
    assert!((55..=60).contains(&retry), "{retry}");
    // Another email from this address is not throttled (until the per-address limit).
    s.login(&s.client, STAFF).await;
    // Missing fields are a 400 whatever the throttle says, and never count.
    let missing = s.post(&s.client, LOGIN, None, json!({"email": DEMO})).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);

    s.scenario(json!({"action": "reset_throttles"})).await;
    s.login(&s.client, DEMO).await;
}

#[tokio::test]
async fn failing_on_purpose_never_locks_the_owner_out() {
    let s = TestServer::dev().await;
    let attacker = client_from("127.0.0.2");
    for attempt in 0..10 {
        let wrong = s.try_login(&attacker, DEMO, "guess").await;
        if attempt < 5 {
            assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "{}", wrong.text);
        } else {
            assert_throttled(&wrong);
        }
    }
    // The owner, from their own address, signs in at once.
    s.login(&s.client, DEMO).await;
    s.login(&client_from("127.0.0.3"), DEMO).await;
}

#[tokio::test]
async fn one_address_trying_many_emails_is_limited_and_reset_all_forgets_it() {
    let s = TestServer::with(|o| o.login_failures_per_source = RateLimit::per_minute(5)).await;
    let attacker = client_from("127.0.0.3");
    for i in 0..5 {
        let unknown = s.try_login(&attacker, &format!("nobody{i}@example.com"), "x").await;
        assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    }
    assert_throttled(&s.try_login(&attacker, DEMO, PASSWORD).await);
    // The demo user itself is not throttled from its own address.
    s.login(&s.client, DEMO).await;
    s.scenario(json!({"action": "reset_all"})).await;
    s.login(&attacker, DEMO).await;
}

/// Many wrong passwords at once: the check and the count are one step, so no more than the
/// limit get a password check, however the requests interleave.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_failed_logins_never_pass_the_limit() {
    let s = TestServer::dev().await;
    let attempts: Vec<_> = (0..20)
        .map(|_| {
            let request = s
                .client
                .post(s.url(LOGIN))
                .json(&json!({"email": DEMO, "password": "wrong"}));
            tokio::spawn(async move { request.send().await.expect("login answered").status() })
        })
        .collect();
    let mut statuses = Vec::new();
    for attempt in attempts {
        statuses.push(attempt.await.expect("task"));
    }
    let count = |status| statuses.iter().filter(|s| **s == status).count();
    assert_eq!(
        (count(StatusCode::UNAUTHORIZED), count(StatusCode::TOO_MANY_REQUESTS)),
        (5, 15),
        "{statuses:?}"
    );
    assert_throttled(&s.try_login(&s.client, DEMO, PASSWORD).await);
}

#[tokio::test]
async fn login_failures_expire_with_their_window() {
    let s = TestServer::with(|o| {
        o.login_failures = RateLimit {
            max: 2,
            window: Duration::from_secs(1),
        }
    })
    .await;
    for _ in 0..2 {
        s.try_login(&s.client, NOPLAN, "wrong").await;
    }
    assert_eq!(assert_throttled(&s.try_login(&s.client, NOPLAN, PASSWORD).await), 1);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    s.login(&s.client, NOPLAN).await;
}

#[tokio::test]
async fn logout_event_posts_are_limited_per_address() {
    let s = TestServer::with(|o| o.logout_event_posts = RateLimit::per_minute(3)).await;
    let event = json!({"code": "NO_REFRESH_TOKEN"});
    for _ in 0..3 {
        assert_eq!(
            s.post(&s.client, EVENTS, None, event.clone()).await.status,
            StatusCode::CREATED
        );
    }
    let retry = assert_throttled(&s.post(&s.client, EVENTS, None, event.clone()).await);
    assert!((55..=60).contains(&retry), "{retry}");
    // Checked before the body is read, as DRF's throttles are.
    assert_throttled(&s.post(&s.client, EVENTS, None, json!("{not json")).await);
    let elsewhere = client_from("127.0.0.2");
    assert_eq!(
        s.post(&elsewhere, EVENTS, None, event.clone()).await.status,
        StatusCode::CREATED
    );
    // The staff listing is not limited.
    let staff = s.login(&s.client, STAFF).await;
    let listed = s.get(&s.client, EVENTS, Some(&staff.access)).await;
    assert_eq!(listed.json().as_array().unwrap().len(), 4);

    s.scenario(json!({"action": "reset_throttles"})).await;
    assert_eq!(s.post(&s.client, EVENTS, None, event).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn the_logout_event_table_keeps_only_the_newest() {
    let s = TestServer::with(|o| o.logout_events_cap = 3).await;
    for i in 0..5 {
        let created = s
            .post(&s.client, EVENTS, None, json!({ "code": format!("CODE_{i}") }))
            .await;
        assert_eq!(created.status, StatusCode::CREATED);
    }
    let staff = s.login(&s.client, STAFF).await;
    let listed = s.get(&s.client, EVENTS, Some(&staff.access)).await.json();
    let codes: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|event| event["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["CODE_4", "CODE_3", "CODE_2"]);
}

#[tokio::test]
async fn default_limits_are_the_documented_ones() {
    let defaults = reference_backend::Options::default();
    assert_eq!(defaults.login_failures, RateLimit::per_minute(5));
    assert_eq!(defaults.login_failures_per_source, RateLimit::per_minute(20));
    assert_eq!(defaults.logout_event_posts, RateLimit::per_minute(30));
    assert_eq!(defaults.logout_events_cap, 1000);
}
