//! The dev control API: global switches, stats, the simulator page, CORS, and bad input.

mod common;

use std::time::{Duration, Instant};

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

#[tokio::test]
async fn strip_authorization_acts_like_a_proxy_dropping_the_header() {
    let s = TestServer::dev().await;
    let session = s.login(&s.client, DEMO).await;
    let answer = s
        .scenario(json!({"action": "strip_authorization", "enabled": true}))
        .await;
    assert_eq!(answer["switches"]["strip_authorization"], json!(true));
    let reply = s.get(&s.client, ME, Some(&session.access)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(
        reply.text,
        r#"{"detail":"Authentication credentials were not provided."}"#
    );
    // Login and refresh do not need the header.
    let again = s.login(&s.client, DEMO).await;
    s.scenario(json!({"action": "strip_authorization", "enabled": false}))
        .await;
    assert_eq!(s.get(&s.client, ME, Some(&again.access)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn fail_with_answers_the_next_requests_with_json_or_html() {
    let s = TestServer::dev().await;
    let session = s.login(&s.client, DEMO).await;
    s.scenario(json!({"action": "fail_with", "status": 503, "count": 2}))
        .await;
    for _ in 0..2 {
        let reply = s.get(&s.client, ME, Some(&session.access)).await;
        assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(reply.text, r#"{"detail":"Simulated failure"}"#);
    }
    assert_eq!(s.get(&s.client, ME, Some(&session.access)).await.status, StatusCode::OK);

    s.scenario(json!({"action": "fail_with", "status": 502, "html": true, "count": 1}))
        .await;
    // The control API itself is not affected.
    assert_eq!(s.stats().await["refresh_calls"], json!(0));
    let reply = s.refresh(&s.client, &session.refresh.as_deref().unwrap()).await;
    assert_eq!(reply.status, StatusCode::BAD_GATEWAY);
    assert!(reply.headers["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(
        reply
            .text
            .starts_with("<!DOCTYPE html><html><head><title>502 Bad Gateway</title>"),
        "{}",
        reply.text
    );
    assert_eq!(s.get(&s.client, ME, Some(&session.access)).await.status, StatusCode::OK);
    // The failed refresh did not use up the token.
    let refresh = s.refresh(&s.client, &session.refresh.unwrap()).await;
    assert_eq!(refresh.status, StatusCode::OK);
}

#[tokio::test]
async fn fail_with_truncated_cuts_the_real_answer_in_half() {
    let s = TestServer::dev().await;
    let session = s.login(&s.client, DEMO).await;
    let whole = s.get(&s.client, ME, Some(&session.access)).await;
    let answer = s
        .scenario(json!({"action": "fail_with", "truncated": true, "count": 2}))
        .await;
    assert_eq!(
        answer["switches"]["fail_with"],
        json!({"status": null, "html": false, "truncated": true, "remaining": 2})
    );
    let cut = s.get(&s.client, ME, Some(&session.access)).await;
    assert_eq!(cut.status, StatusCode::OK, "its own status");
    assert_eq!(cut.text, whole.text[..whole.text.len() / 2]);
    assert_eq!(cut.headers["content-length"], cut.text.len().to_string().as_str());
    assert!(serde_json::from_str::<Value>(&cut.text).is_err());
    // The work behind a cut answer is done: the refresh token was spent.
    let refresh = session.refresh.unwrap();
    let cut = s.refresh(&s.client, &refresh).await;
    assert_eq!(cut.status, StatusCode::OK);
    assert!(cut.text.starts_with(r#"{"access":""#), "{}", cut.text);
    assert!(serde_json::from_str::<Value>(&cut.text).is_err());
    // Used up: whole again, and the client that kept its token recovers (the grace answers
    // the spent token with its unused successor).
    let again = s.refresh(&s.client, &refresh).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text);
    assert!(again.json()["refresh"].is_string(), "{}", again.text);
    assert_eq!(s.get(&s.client, ME, Some(&session.access)).await.text, whole.text);
}

#[tokio::test]
async fn answer_delay_holds_back_every_api_answer_after_its_work() {
    let s = TestServer::dev().await;
    let session = s.login(&s.client, DEMO).await;
    let answer = s.scenario(json!({"action": "answer_delay", "ms": 600})).await;
    assert_eq!(answer["switches"]["answer_delay_ms"], json!(600));
    let started = Instant::now();
    assert_eq!(s.get(&s.client, ME, Some(&session.access)).await.status, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(600));

    // A client that gives up before the answer: the refresh was done all the same.
    let refresh = session.refresh.unwrap();
    let impatient = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let gave_up = impatient
        .post(s.url(REFRESH))
        .json(&json!({"refresh": refresh}))
        .send()
        .await;
    assert!(gave_up.is_err_and(|e| e.is_timeout()));
    // The control API and the stats are not delayed.
    let started = Instant::now();
    assert_eq!(s.stats().await["refresh_calls"], json!(1));
    s.scenario(json!({"action": "answer_delay", "ms": 0})).await;
    assert!(started.elapsed() < Duration::from_millis(500));
    // The token was spent; within the grace it gets the successor the lost answer carried.
    let again = s.refresh(&s.client, &refresh).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text);
    let successor = again.json()["refresh"].as_str().unwrap().to_string();
    assert_eq!(s.refresh(&s.client, &successor).await.status, StatusCode::OK);
}

#[tokio::test]
async fn load_users_are_distinct_active_users_with_their_own_account_and_plan() {
    let s = TestServer::dev().await;
    let answer = s.scenario(json!({"action": "load_users", "count": 3})).await;
    assert_eq!(
        answer["load_users"],
        json!({"count": 3, "created": 3, "first": "load-1@example.com", "last": "load-3@example.com"})
    );
    let again = s.scenario(json!({"action": "load_users", "count": 5})).await;
    assert_eq!(again["load_users"]["created"], json!(2), "existing ones are kept");
    let mut accounts = std::collections::BTreeSet::new();
    for n in 1..=5 {
        let email = format!("load-{n}@example.com");
        let session = s.login(&s.client, &email).await;
        let me = s.get(&s.client, ME, Some(&session.access)).await;
        assert_eq!(me.status, StatusCode::OK, "{email}: {}", me.text);
        let user = &me.json()["data"]["user"];
        assert_eq!(user["email"], json!(email));
        assert_eq!(user["account"]["status"], json!("active"));
        assert_eq!(user["account"]["plan"]["is_active"], json!(true));
        accounts.insert(user["account"]["id"].as_i64().unwrap());
        assert_eq!(
            s.get(&s.client, CONTENT, Some(&session.access)).await.status,
            StatusCode::OK
        );
    }
    assert_eq!(accounts.len(), 5, "one account each: {accounts:?}");
    // reset_all leaves them, and the demo users are untouched.
    s.scenario(json!({"action": "reset_all"})).await;
    s.login(&s.client, "load-5@example.com").await;
    s.login(&s.client, DEMO).await;
    assert_eq!(
        s.try_login(&s.client, "load-6@example.com", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn token_switches() {
    let s = TestServer::dev().await;
    s.scenario(json!({"action": "login_without_refresh", "enabled": true}))
        .await;
    let session = s.login(&s.client, DEMO).await;
    assert!(session.refresh.is_none());
    assert!(session.body["data"].get("refresh").is_none(), "no refresh key at all");
    s.scenario(json!({"action": "login_without_refresh", "enabled": false}))
        .await;

    let session = s.login(&s.client, DEMO).await;
    let answer = s.scenario(json!({"action": "revoke_refresh_tokens"})).await;
    assert!(answer["revoked_refresh_tokens"].as_u64().unwrap() >= 1);
    let reply = s.refresh(&s.client, &session.refresh.unwrap()).await;
    assert_eq!(
        reply.text,
        r#"{"detail":"Token is blacklisted","code":"token_not_valid"}"#
    );

    // access_ttl applies to tokens issued from now on.
    let long = s.login(&s.client, DEMO).await;
    s.scenario(json!({"action": "access_ttl", "seconds": 1})).await;
    let short = s.login(&s.client, DEMO).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        s.get(&s.client, ME, Some(&short.access)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(s.get(&s.client, ME, Some(&long.access)).await.status, StatusCode::OK);
    let renewed = s.refresh(&s.client, &short.refresh.unwrap()).await.json();
    assert_eq!(
        s.get(&s.client, ME, Some(renewed["access"].as_str().unwrap()))
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn stats_count_requests_and_refreshes_and_reset_all_restores_everything() {
    let s = TestServer::dev().await;
    let session = s.login(&s.client, DEMO).await;
    for _ in 0..3 {
        s.get(&s.client, ME, Some(&session.access)).await;
    }
    s.get(&s.client, CONTENT, Some(&session.access)).await;
    s.refresh(&s.client, &session.refresh.unwrap()).await;
    s.refresh(&s.client, &"bad").await;
    let stats = s.stats().await;
    assert_eq!(
        stats,
        json!({"refresh_calls": 2, "requests": {LOGIN: 1, ME: 3, CONTENT: 1, REFRESH: 2}})
    );

    s.user_action(DEMO, "suspend_account").await;
    s.user_action(NOPLAN, "deactivate_user").await;
    for switch in [
        "strip_authorization",
        "login_without_refresh",
        "skip_account_checks",
        "issue_ended_tokens",
    ] {
        s.scenario(json!({"action": switch, "enabled": true})).await;
    }
    s.scenario(json!({"action": "access_ttl", "seconds": 7})).await;
    s.scenario(json!({"action": "fail_with", "status": 500, "count": 3}))
        .await;
    s.scenario(json!({"action": "hostile_logouts", "bytes": 5_000})).await;
    s.scenario(json!({"action": "config_delay", "ms": 900})).await;
    let answer = s.scenario(json!({"action": "reset_all"})).await;
    assert_eq!(
        answer["switches"],
        json!({"access_ttl": 300, "strip_authorization": false, "login_without_refresh": false,
               "skip_account_checks": false, "issue_ended_tokens": false, "rotate_refresh_tokens": true, "session_lifetime_s": 0, "auth_errors": "seed", "insufficient_scope": false, "fail_with": null, "refresh_delay_ms": 0,
               "answer_delay_ms": 0, "config_delay_ms": 0, "hostile_logout_bytes": 0})
    );
    assert_eq!(s.stats().await, json!({"refresh_calls": 0, "requests": {}}));
    let session = s.login(&s.client, DEMO).await;
    assert!(session.refresh.is_some());
    assert_eq!(s.get(&s.client, ME, Some(&session.access)).await.status, StatusCode::OK);
    s.login(&s.client, NOPLAN).await;
}

#[tokio::test]
async fn user_actions_answer_the_new_user_state() {
    let s = TestServer::dev().await;
    let answer = s.user_action(DEMO, "delete_account").await;
    assert_eq!(answer["success"], json!(true));
    assert_eq!(answer["action"], json!("delete_account"));
    assert_eq!(answer["user"]["account"], Value::Null);
    let answer = s.user_action("Demo@Example.com", "reset").await;
    assert_eq!(answer["user"]["account"]["plan"]["is_active"], json!(true));
    assert_eq!(
        s.user_action(DEMO, "suspend_account").await["user"]["account"]["status"],
        json!("suspended")
    );
    assert_eq!(
        s.user_action(DEMO, "cancel_account").await["user"]["account"]["status"],
        json!("cancelled")
    );
    assert_eq!(
        s.user_action(DEMO, "deactivate_plan").await["user"]["account"]["plan"]["is_active"],
        json!(false)
    );
    assert_eq!(
        s.user_action(DEMO, "delete_plan").await["user"]["account"]["plan"],
        Value::Null
    );
    for action in ["session_account_mismatch", "session_user_mismatch", "deactivate_user"] {
        assert_eq!(s.user_action(STAFF, action).await["email"], json!(STAFF));
    }
    s.user_action(STAFF, "reset").await;
    s.login(&s.client, STAFF).await;
}

#[tokio::test]
async fn bad_control_input_is_a_clear_400_and_the_server_keeps_answering() {
    let s = TestServer::dev().await;
    let cases: Vec<(Value, &str)> = vec![
        (json!({"action": "explode"}), "Unknown action"),
        (json!({"email": DEMO}), "\"action\" is required"),
        (json!({"action": 5}), "\"action\" must be a string"),
        (json!({"action": "deactivate_user"}), "needs \"email\""),
        (
            json!({"action": "deactivate_user", "email": "x@example.com"}),
            "Unknown demo user",
        ),
        (
            json!({"action": "reset", "email": [DEMO]}),
            "\"email\" must be a string",
        ),
        (
            json!({"action": "suspend_account", "email": NOACCOUNT}),
            "has no account",
        ),
        (json!({"action": "deactivate_plan", "email": NOPLAN}), "has no plan"),
        (json!({"action": "strip_authorization"}), "needs \"enabled\""),
        (
            json!({"action": "skip_account_checks", "enabled": "yes"}),
            "must be a boolean",
        ),
        (json!({"action": "access_ttl", "seconds": "5"}), "must be an integer"),
        (json!({"action": "access_ttl", "seconds": -1}), "must be an integer"),
        (json!({"action": "access_ttl"}), "needs \"seconds\""),
        (json!({"action": "fail_with", "status": 1000}), "must be an integer"),
        (
            json!({"action": "fail_with", "status": 502, "html": 1}),
            "must be a boolean",
        ),
        (
            json!({"action": "fail_with", "status": 502, "count": 1.5}),
            "must be an integer",
        ),
        (json!({"action": "fail_with"}), "needs \"status\""),
        (
            json!({"action": "fail_with", "truncated": true, "status": 200}),
            "leave out \"status\"",
        ),
        (
            json!({"action": "fail_with", "truncated": true, "html": true}),
            "leave out \"html\"",
        ),
        (json!({"action": "fail_with", "truncated": "yes"}), "must be a boolean"),
        (json!({"action": "answer_delay"}), "needs \"ms\""),
        (json!({"action": "answer_delay", "ms": 60_001}), "must be an integer"),
        (json!({"action": "load_users"}), "needs \"count\""),
        (json!({"action": "load_users", "count": 0}), "must be an integer"),
        (json!({"action": "load_users", "count": 1001}), "must be an integer"),
        (json!({"action": "refresh_delay"}), "needs \"ms\""),
        (json!({"action": "refresh_delay", "ms": -1}), "must be an integer"),
        (json!({"action": "refresh_delay", "ms": 60_001}), "must be an integer"),
        (json!([1, 2, 3]), "Expected a JSON object"),
        (json!("{\"action\": "), "JSON parse error"),
        (json!(""), "empty body"),
    ];
    for (body, expected) in cases {
        let reply = s.post(&s.client, DEV_SCENARIO, None, body.clone()).await;
        let detail = assert_detail(&reply, 400);
        assert!(
            detail.contains(expected),
            "{body}: {detail:?} should contain {expected:?}"
        );
    }

    let mebibyte = "x".repeat(1024 * 1024);
    for path in [DEV_SCENARIO, EVENTS, LOGIN, REFRESH] {
        let reply = s
            .request(
                &s.client,
                Method::POST,
                path,
                None,
                Some(Value::String(mebibyte.clone())),
                &[],
            )
            .await;
        assert_detail(&reply, 413);
    }
    assert!(assert_detail(&s.request(&s.client, Method::PUT, ME, None, None, &[]).await, 405).contains("PUT"));
    assert_eq!(
        assert_detail(&s.get(&s.client, "/api/v1/nothing/", None).await, 404),
        "Not found."
    );
    assert_eq!(
        assert_detail(&s.get(&s.client, "/__dev__/nothing", None).await, 404),
        "Not found."
    );

    // Still alive and unchanged.
    let stats = s.stats().await;
    assert!(stats["requests"].is_object());
    let session = s.login(&s.client, DEMO).await;
    assert_eq!(s.get(&s.client, ME, Some(&session.access)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn simulator_page_and_cors() {
    let s = TestServer::dev().await;
    let page = s.get(&s.client, DEV_SIMULATOR, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.headers["content-type"].to_str().unwrap().starts_with("text/html"));
    for needle in [
        DEMO,
        STAFF,
        NOACCOUNT,
        NOPLAN,
        "session_account_mismatch",
        "deactivate_plan",
        "reset_all",
        "fail_with",
    ] {
        assert!(page.text.contains(needle), "{needle}");
    }

    let origin = "http://127.0.0.1:8080";
    let preflight = s
        .request(
            &s.client,
            Method::OPTIONS,
            ME,
            None,
            None,
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "GET"),
                ("Access-Control-Request-Headers", "authorization"),
            ],
        )
        .await;
    assert_eq!(preflight.status, StatusCode::NO_CONTENT);
    let h = &preflight.headers;
    assert_eq!(h["access-control-allow-origin"], origin);
    assert_eq!(h["access-control-allow-credentials"], "true");
    assert!(h["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .contains("Authorization"));
    assert!(h["access-control-allow-methods"].to_str().unwrap().contains("POST"));

    let reply = s
        .request(
            &s.client,
            Method::GET,
            ME,
            None,
            None,
            &[("Origin", "http://[::1]:5000")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.headers["access-control-allow-origin"], "http://[::1]:5000");
    let foreign = s
        .request(
            &s.client,
            Method::GET,
            ME,
            None,
            None,
            &[("Origin", "http://evil.example")],
        )
        .await;
    assert!(foreign.headers.get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn the_control_api_refuses_foreign_origins() {
    let s = TestServer::dev().await;
    let post_from = |origin: String| {
        let s = &s;
        async move {
            s.request(
                &s.client,
                Method::POST,
                DEV_SCENARIO,
                None,
                Some(json!({"action": "access_ttl", "seconds": 1})),
                &[("Origin", origin.as_str())],
            )
            .await
        }
    };
    for origin in [
        "https://evil.example",
        "http://evil.example:8000",
        "null",
        "http://127.0.0.1.evil.example:8000",
        "https://127.0.0.1:8080",
    ] {
        let refused = post_from(origin.to_string()).await;
        assert_eq!(
            assert_detail(&refused, 403),
            format!("CSRF Failed: Origin checking failed - {origin} does not match any trusted origins.")
        );
    }
    let answer = s.scenario(json!({"action": "refresh_delay", "ms": 0})).await;
    assert_eq!(answer["switches"]["access_ttl"], json!(300), "nothing was changed");

    // This server's own origin (the simulator page), trunk serve's, any loopback dev server.
    for origin in [
        s.base.clone(),
        "http://127.0.0.1:8080".into(),
        "http://localhost:5173".into(),
    ] {
        let allowed = post_from(origin.clone()).await;
        assert_eq!(allowed.status, StatusCode::OK, "{origin}: {}", allowed.text);
    }
    // Reading is harmless and stays open.
    let stats = s
        .request(
            &s.client,
            Method::GET,
            DEV_STATS,
            None,
            None,
            &[("Origin", "https://evil.example")],
        )
        .await;
    assert_eq!(stats.status, StatusCode::OK);
}

#[tokio::test]
async fn cross_origin_login_works_with_cors_unchanged() {
    let s = TestServer::dev().await;
    let origin = "http://127.0.0.1:8080";
    // What a browser sends before a credentialed JSON login from trunk serve (no X-Request-ID:
    // the client sends it to its own origin only).
    let preflight = s
        .request(
            &s.client,
            Method::OPTIONS,
            LOGIN,
            None,
            None,
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "content-type"),
            ],
        )
        .await;
    assert_eq!(preflight.status, StatusCode::NO_CONTENT);
    let h = &preflight.headers;
    assert_eq!(h["access-control-allow-origin"], origin);
    assert_eq!(h["access-control-allow-credentials"], "true");
    assert_eq!(h["access-control-allow-headers"], "Authorization, Content-Type");
    assert_eq!(h["access-control-allow-methods"], "GET, POST, OPTIONS");

    let login = s
        .request(
            &s.client,
            Method::POST,
            LOGIN,
            None,
            Some(json!({"email": DEMO, "password": PASSWORD})),
            &[("Origin", origin)],
        )
        .await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.text);
    assert_eq!(login.headers["access-control-allow-origin"], origin);
    assert_eq!(login.headers["access-control-allow-credentials"], "true");
}

#[tokio::test]
async fn refresh_delay_holds_back_the_answer_and_stats_count_the_call_at_once() {
    let s = TestServer::dev().await;
    let session = s.login(&s.client, DEMO).await;
    let refresh = session.refresh.unwrap();
    let answer = s.scenario(json!({"action": "refresh_delay", "ms": 800})).await;
    assert_eq!(answer["switches"]["refresh_delay_ms"], json!(800));

    let started = Instant::now();
    let slow = s.refresh(&s.client, &refresh);
    let meanwhile = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        // Another tab, while the first refresh is still on its way back.
        let stats = s.stats().await;
        let second = s.refresh(&s.client, &refresh).await;
        (stats, second)
    };
    let (slow, (stats, second)) = tokio::join!(slow, meanwhile);
    assert_eq!(stats["refresh_calls"], json!(1), "counted when it arrived: {stats}");
    assert_eq!(slow.status, StatusCode::OK, "{}", slow.text);
    assert!(started.elapsed() >= Duration::from_millis(800));
    // The work was done at once: the token was already spent when the second call came,
    // which gets the same successor again (the grace).
    assert_eq!(second.status, StatusCode::OK, "{}", second.text);
    assert_eq!(second.json()["refresh"], slow.json()["refresh"]);
    assert_eq!(s.stats().await["refresh_calls"], json!(2));

    s.scenario(json!({"action": "refresh_delay", "ms": 0})).await;
    let rotated = slow.json()["refresh"].as_str().unwrap().to_string();
    let fast = Instant::now();
    assert_eq!(s.refresh(&s.client, &rotated).await.status, StatusCode::OK);
    assert!(fast.elapsed() < Duration::from_millis(500));
}

#[tokio::test]
async fn hostile_logouts_put_secrets_and_a_megabyte_into_the_middlewares_bodies() {
    use reference_backend::hostile_text::SECRET_VALUES;
    let s = TestServer::dev().await;
    let session = s.login(&s.client, DEMO).await;
    let answer = s
        .scenario(json!({"action": "hostile_logouts", "bytes": 1_000_000}))
        .await;
    assert_eq!(answer["switches"]["hostile_logout_bytes"], json!(1_000_000));
    s.scenario(json!({"email": DEMO, "action": "deactivate_plan"})).await;
    let reply = s.get(&s.client, ME, Some(&session.access)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    let body: Value = serde_json::from_str(&reply.text).expect("JSON");
    assert_eq!(body["logout_reason"], "PLAN_INACTIVE");
    let message = body["logout_message"].as_str().expect("a message");
    assert!(
        message.starts_with("Subscription plan is inactive "),
        "the contract's words first"
    );
    assert!(message.len() > 1_000_000);
    let detail = body["logout_context"]["upstream_detail"]
        .as_str()
        .expect("the context entry");
    for secret in SECRET_VALUES {
        assert!(message.contains(secret) && detail.contains(secret), "{secret}");
    }
    let too_big = s
        .post(
            &s.client,
            DEV_SCENARIO,
            None,
            json!({"action": "hostile_logouts", "bytes": 4_000_001}),
        )
        .await;
    assert_eq!(too_big.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn auth_errors_answer_in_the_standard_shapes_and_insufficient_scope_refuses_content() {
    let s = TestServer::dev().await;
    let session = s.login(&s.client, DEMO).await;
    let bad = Some("not-a-token");

    s.scenario(json!({"action": "auth_errors", "shape": "rfc6750"})).await;
    let refused = s.get(&s.client, ME, bad).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.text, "", "no body, as an OAuth resource server answers");
    let challenge = refused.headers["www-authenticate"].to_str().unwrap();
    assert!(
        challenge.starts_with(r#"Bearer error="invalid_token", error_description=""#),
        "{challenge}"
    );

    s.scenario(json!({"action": "auth_errors", "shape": "rfc9457"})).await;
    let refused = s.get(&s.client, ME, bad).await;
    assert_eq!(refused.headers["content-type"], "application/problem+json");
    let problem = refused.json();
    assert_eq!(problem["title"], "Authentication failed", "{problem}");
    assert_eq!(problem["status"], 401);
    assert_eq!(problem["instance"], ME);
    s.user_action(DEMO, "suspend_account").await;
    let logout = s.get(&s.client, CONTENT, Some(&session.access)).await.json();
    assert_eq!(logout["logout_reason"], "ACCOUNT_SUSPENDED", "{logout}");
    assert_eq!(logout["detail"], "Account is suspended", "{logout}");
    assert!(logout["logout_context"].is_object(), "{logout}");
    s.user_action(DEMO, "reset").await;

    let wrong = s
        .post(
            &s.client,
            DEV_SCENARIO,
            None,
            json!({"action": "auth_errors", "shape": "rfc1234"}),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    s.scenario(json!({"action": "auth_errors", "shape": "seed"})).await;
    s.scenario(json!({"action": "insufficient_scope", "enabled": true}))
        .await;
    let fresh = s.login(&s.client, DEMO).await;
    let refused = s.get(&s.client, CONTENT, Some(&fresh.access)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let challenge = refused.headers["www-authenticate"].to_str().unwrap();
    assert!(challenge.contains(r#"error="insufficient_scope""#), "{challenge}");
    assert_eq!(s.get(&s.client, ME, Some(&fresh.access)).await.status, StatusCode::OK);
}
