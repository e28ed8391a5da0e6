//! Logout events that nobody can forge or flush: an event is `attributed` only when the
//! request shows it came from the user it names, and anonymous posts only ever push out
//! other anonymous posts.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn post_event(s: &TestServer, client: &reqwest::Client, access: Option<&str>, context: Value) {
    let event = json!({"code": "PLAN_INACTIVE", "context": context});
    let created = s.post(client, EVENTS, access, event).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
}

/// The staff list (newest first) as `(context, attributed)` pairs.
async fn listed(s: &TestServer, query: &str) -> Vec<(Value, Value)> {
    let staff = s.login(&plain_client(), STAFF).await;
    let reply = s.get(&s.client, &format!("{EVENTS}{query}"), Some(&staff.access)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|event| (event["context"].clone(), event["attributed"].clone()))
        .collect()
}

#[tokio::test]
async fn events_are_attributed_only_to_the_user_who_sent_them() {
    let s = TestServer::dev().await;
    let browser = cookie_client();
    let demo = s.login(&browser, DEMO).await;
    // The session cookie shows who sends (the client reports without a bearer).
    post_event(&s, &browser, None, json!({"user_id": 101, "n": 1})).await;
    post_event(&s, &browser, None, json!({"email": DEMO, "n": 2})).await;
    // Naming someone else, or sent by nobody known: a claim, not attributed.
    post_event(&s, &browser, None, json!({"user_id": 104, "n": 3})).await;
    post_event(&s, &s.client, None, json!({"user_id": 101, "n": 4})).await;
    // A valid bearer shows it too; an invalid one is no one (and still a 201).
    post_event(&s, &s.client, Some(&demo.access), json!({"user_id": 101, "n": 5})).await;
    post_event(&s, &s.client, Some("garbage"), json!({"user_id": 101, "n": 6})).await;

    let attributed: Vec<(i64, bool)> = listed(&s, "")
        .await
        .into_iter()
        .map(|(context, attributed)| (context["n"].as_i64().unwrap(), attributed.as_bool().unwrap()))
        .collect();
    assert_eq!(
        attributed,
        [(6, false), (5, true), (4, false), (3, false), (2, true), (1, true)]
    );
    let only_attributed = listed(&s, "?attributed=true").await;
    assert_eq!(only_attributed.len(), 3);
    assert_eq!(listed(&s, "?attributed=false&user=101").await.len(), 2);
    let staff = s.login(&s.client, STAFF).await;
    let bad = s
        .get(&s.client, &format!("{EVENTS}?attributed=maybe"), Some(&staff.access))
        .await;
    assert_detail(&bad, 400);
}

#[tokio::test]
async fn anonymous_posts_cannot_flush_attributed_events() {
    let s = TestServer::with(|o| o.logout_events_cap = 3).await;
    let browser = cookie_client();
    s.login(&browser, DEMO).await;
    post_event(&s, &browser, None, json!({"user_id": 101, "n": 1})).await;
    post_event(&s, &browser, None, json!({"user_id": 101, "n": 2})).await;
    for n in 3..10 {
        post_event(&s, &s.client, None, json!({"user_id": 101, "n": n})).await;
    }
    let kept: Vec<i64> = listed(&s, "")
        .await
        .iter()
        .map(|(context, _)| context["n"].as_i64().unwrap())
        .collect();
    assert_eq!(kept, [9, 2, 1], "the newest anonymous one, and every attributed one");
}
