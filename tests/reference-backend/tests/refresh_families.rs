//! Refresh-token reuse detection over a sign-in's family (RFC 9700 section 4.14.2), the
//! grace that answers the token rotated out last with its unused successor again (a lost
//! answer, two tabs of one browser), logout ending the whole sign-in, and the absolute
//! session lifetime.

mod common;

use std::time::Duration;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

const BLACKLISTED: &str = r#"{"detail":"Token is blacklisted","code":"token_not_valid"}"#;
const INVALID: &str = r#"{"detail":"Token is invalid or expired","code":"token_not_valid"}"#;

/// Refreshes with `token`, asserting success; returns the rotated refresh token.
async fn rotate(s: &TestServer, token: &str) -> String {
    let reply = s.refresh(&s.client, token).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.json()["refresh"]
        .as_str()
        .expect("a rotated refresh token")
        .to_string()
}

fn assert_blacklisted(reply: &Reply) {
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.text, BLACKLISTED);
}

/// The payload of a JWT, decoded without checking anything (base64url, no padding).
fn payload(token: &str) -> Value {
    let part = token.split('.').nth(1).expect("a JWT");
    let mut bits = 0u32;
    let mut count = 0;
    let mut bytes = Vec::new();
    for c in part.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => panic!("not base64url: {part}"),
        };
        bits = (bits << 6) | u32::from(value);
        count += 6;
        if count >= 8 {
            count -= 8;
            bytes.push((bits >> count) as u8);
        }
    }
    serde_json::from_slice(&bytes).expect("a JSON payload")
}

#[tokio::test]
async fn a_rotated_out_token_used_again_revokes_its_whole_sign_in() {
    let s = TestServer::with(|o| o.refresh_reuse_grace = Duration::ZERO).await;
    let first = s.login(&s.client, DEMO).await.refresh.unwrap();
    let other_sign_in = s.login(&s.client, DEMO).await.refresh.unwrap();
    let second = rotate(&s, &first).await;

    // Someone replays the spent token: refused, and the token that replaced it dies too.
    assert_blacklisted(&s.refresh(&s.client, &first).await);
    assert_blacklisted(&s.refresh(&s.client, &second).await);
    // Only that sign-in: the same user's other session goes on.
    rotate(&s, &other_sign_in).await;
}

#[tokio::test]
async fn an_older_token_revokes_even_within_the_grace() {
    let s = TestServer::dev().await;
    let first = s.login(&s.client, DEMO).await.refresh.unwrap();
    let second = rotate(&s, &first).await;
    let third = rotate(&s, &second).await;
    // `first` was replaced by `second`, itself spent since: not another tab's race.
    assert_blacklisted(&s.refresh(&s.client, &first).await);
    assert_blacklisted(&s.refresh(&s.client, &third).await);
}

/// The fault run's false logout: a refresh whose answer never reached the client (it timed
/// out, or the body came truncated) must not end the session. The client keeps its old
/// tokens (CONTRACT section 4) and refreshes with the old refresh token again.
#[tokio::test]
async fn a_lost_refresh_answer_is_given_again_and_the_session_goes_on() {
    let s = TestServer::dev().await;
    let first = s.login(&s.client, DEMO).await.refresh.unwrap();
    // The answer is lost: the client never stores what it carried.
    let lost = rotate(&s, &first).await;

    // Within the grace the old token gets the same successor again, and a new access token.
    let again = s.refresh(&s.client, &first).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text);
    let pair = again.json();
    assert_eq!(pair["refresh"].as_str(), Some(lost.as_str()), "the same successor");
    let access = pair["access"].as_str().unwrap();
    assert_eq!(s.get(&s.client, ME, Some(access)).await.status, StatusCode::OK);

    // The successor is the family's one live token and rotates as any.
    let third = rotate(&s, &lost).await;

    // Its successor used, the old token coming back is a reuse: the whole sign-in ends,
    // every token of it.
    assert_blacklisted(&s.refresh(&s.client, &first).await);
    assert_blacklisted(&s.refresh(&s.client, &lost).await);
    assert_blacklisted(&s.refresh(&s.client, &third).await);
}

/// Changed meaning: within the grace the token rotated out last used to be refused (and the
/// refused tab adopted the other's stored token); now it gets the same successor, so both
/// tabs hold the one live token whichever answer they store.
#[tokio::test]
async fn another_tab_refreshing_with_the_same_token_gets_the_same_successor() {
    let s = TestServer::with(|o| o.refresh_reuse_grace = Duration::from_millis(600)).await;
    let first = s.login(&s.client, DEMO).await.refresh.unwrap();
    // Tab A rotates; tab B, a moment later, presents the same token.
    let second = rotate(&s, &first).await;
    assert_eq!(rotate(&s, &first).await, second);
    assert_eq!(rotate(&s, &first).await, second);
    let third = rotate(&s, &second).await;

    // Past the grace the same replay is a reuse, even with its successor unused.
    let fourth = rotate(&s, &third).await;
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_blacklisted(&s.refresh(&s.client, &third).await);
    assert_blacklisted(&s.refresh(&s.client, &fourth).await);
}

/// Many refreshes with one token at once: exactly one rotates it (one transaction decides
/// and spends), the others get the same successor within the grace, and no second live
/// token exists: that successor rotates once, and after that the family is one token on.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_refreshes_with_one_token_rotate_it_once() {
    let s = TestServer::dev().await;
    let first = s.login(&s.client, DEMO).await.refresh.unwrap();
    let racers: Vec<_> = (0..8)
        .map(|_| {
            let request = s.client.post(s.url(REFRESH)).json(&json!({ "refresh": first }));
            tokio::spawn(async move {
                let reply = request.send().await.expect("refresh answered");
                (reply.status(), reply.text().await.expect("body"))
            })
        })
        .collect();
    let mut successors = Vec::new();
    for racer in racers {
        let (status, text) = racer.await.expect("task");
        assert_eq!(status, StatusCode::OK, "{text}");
        let pair: Value = serde_json::from_str(&text).unwrap();
        successors.push(pair["refresh"].as_str().unwrap().to_string());
    }
    successors.dedup();
    assert_eq!(successors.len(), 1, "one successor for all: {successors:?}");
    let third = rotate(&s, &successors[0]).await;
    rotate(&s, &third).await;
}

#[tokio::test]
async fn logout_with_any_token_of_a_sign_in_ends_all_of_it() {
    let s = TestServer::dev().await;
    let first = s.login(&s.client, DEMO).await.refresh.unwrap();
    let second = rotate(&s, &first).await;
    // A late logout with the token that was stored before the rotation landed.
    let out = s.post(&s.client, LOGOUT, None, json!({ "refresh": first })).await;
    assert_eq!(out.status, StatusCode::OK, "{}", out.text);
    assert_blacklisted(&s.refresh(&s.client, &second).await);
}

#[tokio::test]
async fn refresh_tokens_never_outlive_the_session_lifetime() {
    let s = TestServer::with(|o| o.session_lifetime = Duration::from_secs(2)).await;
    let first = s.login(&s.client, DEMO).await.refresh.unwrap();
    let signed_in = payload(&first);
    let ends = signed_in["exp"].as_f64().unwrap();
    let started = signed_in["iat"].as_f64().unwrap();
    assert!((ends - started - 2.0).abs() < 0.01, "{signed_in}");

    let second = rotate(&s, &first).await;
    assert_eq!(
        payload(&second)["exp"].as_f64(),
        Some(ends),
        "a refresh cannot move the end"
    );
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let late = s.refresh(&s.client, &second).await;
    assert_eq!(late.status, StatusCode::UNAUTHORIZED);
    assert_eq!(late.text, INVALID);
}

#[tokio::test]
async fn defaults_keep_a_day_per_token_and_two_weeks_per_sign_in() {
    let defaults = reference_backend::Options::default();
    assert_eq!(defaults.refresh_reuse_grace, Duration::from_secs(30));
    assert_eq!(defaults.session_lifetime, Duration::from_secs(14 * 24 * 60 * 60));
    let s = TestServer::dev().await;
    let token = s.login(&s.client, DEMO).await.refresh.unwrap();
    let claims = payload(&rotate(&s, &token).await);
    let life = claims["exp"].as_f64().unwrap() - claims["iat"].as_f64().unwrap();
    assert!((life - 86_400.0).abs() < 0.01, "{claims}");
}

#[tokio::test]
async fn with_rotation_off_a_refresh_answers_only_access_and_the_session_keeps_its_end() {
    let s = TestServer::dev().await;
    s.scenario(json!({"action": "rotate_refresh_tokens", "enabled": false}))
        .await;
    s.scenario(json!({"action": "session_lifetime", "seconds": 2})).await;
    let token = s.login(&s.client, DEMO).await.refresh.unwrap();
    let claims = payload(&token);
    let life = claims["exp"].as_f64().unwrap() - claims["iat"].as_f64().unwrap();
    assert!(
        (life - 2.0).abs() < 0.01,
        "the switch sets the sign-in's lifetime: {claims}"
    );
    for _ in 0..2 {
        let answer = s.refresh(&s.client, &token).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
        let body: Value = serde_json::from_str(&answer.text).unwrap();
        assert!(body["access"].is_string(), "{body}");
        assert_eq!(body.get("refresh"), None, "no new refresh token: {body}");
    }
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let late = s.refresh(&s.client, &token).await;
    assert_eq!(
        late.status,
        StatusCode::UNAUTHORIZED,
        "the session ended with its token"
    );
}
