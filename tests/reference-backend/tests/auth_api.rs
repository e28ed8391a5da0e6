//! The contract's endpoints: envelope, login errors, tokens (expiry, rotation, reuse),
//! DRF/simplejwt error bodies, logout and logout events.

mod common;

use std::time::Duration;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn demo_user_json() -> Value {
    json!({"id": 101, "email": DEMO, "is_staff": false,
           "account": {"id": 201, "name": "Acme", "status": "active",
                       "plan": {"id": 301, "name": "Pro", "is_active": true}}})
}

#[tokio::test]
async fn login_me_and_content_use_the_contract_shapes() {
    let s = TestServer::dev().await;
    let client = cookie_client();
    let reply = s
        .post(&client, LOGIN, None, json!({"email": DEMO, "password": PASSWORD}))
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    // Key order as in the contract, byte for byte up to the tokens.
    assert!(reply.text.starts_with(
        r#"{"success":true,"data":{"user":{"id":101,"email":"demo@example.com","is_staff":false,"account":{"id":201,"name":"Acme","status":"active","plan":{"id":301,"name":"Pro","is_active":true}}},"access":""#
    ), "{}", reply.text);
    let cookie = reply.headers["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("sessionid="), "{cookie}");
    assert!(cookie.ends_with("; HttpOnly; SameSite=Lax; Path=/"), "{cookie}");
    let body = reply.json();
    assert_eq!(body["data"].as_object().unwrap().len(), 3);
    let access = body["data"]["access"].as_str().unwrap();
    assert!(body["data"]["refresh"].is_string());

    let me = s.get(&client, ME, Some(access)).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json(), json!({"success": true, "data": {"user": demo_user_json()}}));

    let content = s.get(&client, CONTENT, Some(access)).await;
    assert_eq!(content.status, StatusCode::OK);
    let items = content.json();
    let items = items.as_array().expect("a plain list");
    assert!(items.len() >= 3);
    for item in items {
        assert!(item["id"].is_u64() && item["title"].is_string(), "{item}");
        assert_eq!(item.as_object().unwrap().len(), 2);
    }
}

#[tokio::test]
async fn every_demo_user_has_the_seeded_shape() {
    let s = TestServer::dev().await;
    let staff = s.login(&s.client, STAFF).await;
    assert_eq!(staff.body["data"]["user"]["is_staff"], json!(true));
    assert_eq!(staff.body["data"]["user"]["account"]["name"], json!("Staff Co"));
    let noaccount = s.login(&s.client, NOACCOUNT).await;
    assert_eq!(
        noaccount.body["data"]["user"],
        json!({"id": 103, "email": NOACCOUNT, "is_staff": false, "account": null})
    );
    let noplan = s.login(&s.client, NOPLAN).await;
    assert_eq!(
        noplan.body["data"]["user"]["account"],
        json!({"id": 203, "name": "No Plan Inc", "status": "active", "plan": null})
    );
}

#[tokio::test]
async fn login_errors_are_word_for_word() {
    let s = TestServer::dev().await;
    let wrong = s
        .post(&s.client, LOGIN, None, json!({"email": DEMO, "password": "nope"}))
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        wrong.text,
        r#"{"detail":"No active account found with the given credentials"}"#
    );
    let unknown = s
        .post(
            &s.client,
            LOGIN,
            None,
            json!({"email": "who@example.com", "password": PASSWORD}),
        )
        .await;
    assert_eq!(unknown.text, wrong.text);
    for body in [
        json!({"email": DEMO}),
        json!({}),
        json!({"email": 1, "password": true}),
        json!([1]),
    ] {
        let missing = s.post(&s.client, LOGIN, None, body).await;
        assert_eq!(missing.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            missing.text,
            r#"{"success":false,"error":"Email and password are required."}"#
        );
    }
    let garbage = s.post(&s.client, LOGIN, None, json!("{not json")).await;
    assert!(assert_detail(&garbage, 400).starts_with("JSON parse error"));
}

#[tokio::test]
async fn drf_shaped_authentication_errors() {
    let s = TestServer::dev().await;
    let none = s.get(&s.client, ME, None).await;
    assert_eq!(none.status, StatusCode::FORBIDDEN);
    assert_eq!(
        none.text,
        r#"{"detail":"Authentication credentials were not provided."}"#
    );
    let basic = s
        .request(
            &s.client,
            reqwest::Method::GET,
            ME,
            None,
            None,
            &[("Authorization", "Basic abc")],
        )
        .await;
    assert_eq!(basic.status, StatusCode::FORBIDDEN);
    assert_eq!(basic.text, none.text);

    let bad = s.get(&s.client, ME, Some("not-a-token")).await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        bad.json(),
        json!({"detail": "Given token not valid for any token type", "code": "token_not_valid",
               "messages": [{"token_class": "AccessToken", "token_type": "access", "message": "Token is invalid"}]})
    );
    assert!(bad
        .text
        .starts_with(r#"{"detail":"Given token not valid for any token type","code":"token_not_valid","messages":"#));

    let bare = s
        .request(
            &s.client,
            reqwest::Method::GET,
            ME,
            None,
            None,
            &[("Authorization", "Bearer")],
        )
        .await;
    assert_eq!(bare.status, StatusCode::UNAUTHORIZED);
    assert_eq!(bare.json()["code"], json!("bad_authorization_header"));

    let session = s.login(&s.client, DEMO).await;
    let refresh = session.refresh.unwrap();
    let wrong_type = s.get(&s.client, ME, Some(&refresh)).await;
    assert_eq!(wrong_type.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        wrong_type.json()["messages"][0]["message"],
        json!("Token has wrong type")
    );

    // The staff-only listing for a non-staff user.
    let listing = s.get(&s.client, EVENTS, Some(&session.access)).await;
    assert_eq!(listing.status, StatusCode::FORBIDDEN);
    assert_eq!(
        listing.text,
        r#"{"detail":"You do not have permission to perform this action."}"#
    );
}

#[tokio::test]
async fn access_tokens_expire_and_refresh_renews_them() {
    let s = TestServer::with(|o| o.access_ttl = 1).await;
    let session = s.login(&s.client, DEMO).await;
    assert_eq!(s.get(&s.client, ME, Some(&session.access)).await.status, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let expired = s.get(&s.client, ME, Some(&session.access)).await;
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        expired.text,
        r#"{"detail":"Given token not valid for any token type","code":"token_not_valid","messages":[{"token_class":"AccessToken","token_type":"access","message":"Token is expired"}]}"#
    );
    let renewed = s.refresh(&s.client, &session.refresh.unwrap()).await;
    assert_eq!(renewed.status, StatusCode::OK);
    let pair = renewed.json();
    assert_eq!(pair.as_object().unwrap().len(), 2, "plain {{access, refresh}}: {pair}");
    let access = pair["access"].as_str().unwrap();
    assert_eq!(s.get(&s.client, ME, Some(access)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn refresh_tokens_rotate_and_are_single_use() {
    // Without the grace that answers a just-rotated token again (refresh_families.rs).
    let s = TestServer::with(|o| o.refresh_reuse_grace = Duration::ZERO).await;
    let session = s.login(&s.client, DEMO).await;
    let first = session.refresh.unwrap();
    let rotated = s.refresh(&s.client, &first).await;
    assert_eq!(rotated.status, StatusCode::OK);
    let second = rotated.json()["refresh"].as_str().unwrap().to_string();
    assert_ne!(second, first);

    let reused = s.refresh(&s.client, &first).await;
    assert_eq!(reused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        reused.text,
        r#"{"detail":"Token is blacklisted","code":"token_not_valid"}"#
    );

    let invalid = s.refresh(&s.client, &"garbage").await;
    assert_eq!(invalid.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        invalid.text,
        r#"{"detail":"Token is invalid or expired","code":"token_not_valid"}"#
    );
    let access_as_refresh = s.refresh(&s.client, &session.access).await;
    assert_eq!(access_as_refresh.text, invalid.text);

    // The reuse ended the whole sign-in (refresh_families.rs); another one rotates.
    assert_eq!(s.refresh(&s.client, &second).await.text, reused.text);
    let other = s.login(&s.client, DEMO).await.refresh.unwrap();
    assert_eq!(s.refresh(&s.client, &other).await.status, StatusCode::OK);
    assert_detail(&s.post(&s.client, REFRESH, None, json!({})).await, 400);
    assert_detail(&s.refresh(&s.client, &5).await, 400);
    assert_detail(&s.post(&s.client, REFRESH, None, json!("nope")).await, 400);
}

#[tokio::test]
async fn logout_blacklists_the_refresh_token_and_never_fails_badly() {
    let s = TestServer::dev().await;
    let client = cookie_client();
    let session = s.login(&client, DEMO).await;
    let refresh = session.refresh.unwrap();
    let access = session.access.as_str();

    assert_detail(&s.post(&client, LOGOUT, Some(access), json!("not json")).await, 400);
    assert_detail(&s.post(&client, LOGOUT, Some(access), json!({})).await, 400);
    assert_detail(
        &s.post(&client, LOGOUT, Some(access), json!({"refresh": "garbage"}))
            .await,
        400,
    );
    assert_detail(&s.post(&client, LOGOUT, Some(access), json!([])).await, 400);

    let out = s.post(&client, LOGOUT, Some(access), json!({"refresh": refresh})).await;
    assert_eq!(out.status, StatusCode::OK);
    assert_eq!(out.text, r#"{"success":true}"#);
    // The session is gone, the cookie stays: the report that follows is known by it.
    assert!(out.headers.get("set-cookie").is_none(), "{:?}", out.headers);
    let again = s.refresh(&s.client, &refresh).await;
    assert_eq!(
        again.text,
        r#"{"detail":"Token is blacklisted","code":"token_not_valid"}"#
    );
    // Logging out twice is still fine.
    assert_eq!(
        s.post(&client, LOGOUT, Some(access), json!({"refresh": refresh}))
            .await
            .status,
        StatusCode::OK
    );
}

/// The `Set-Cookie` of a login sent with `headers`.
async fn login_cookie(s: &TestServer, body: Value, headers: &[(&str, &str)]) -> String {
    let reply = s
        .request(&s.client, reqwest::Method::POST, LOGIN, None, Some(body), headers)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.headers["set-cookie"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn the_session_cookie_is_http_only_lax_and_secure_over_https() {
    let s = TestServer::dev().await;
    let credentials = json!({"email": DEMO, "password": PASSWORD});
    let plain = login_cookie(&s, credentials.clone(), &[]).await;
    assert!(plain.ends_with("; HttpOnly; SameSite=Lax; Path=/"), "{plain}");
    for https in [
        [("X-Forwarded-Proto", "https")],
        [("Forwarded", "for=192.0.2.60;proto=https")],
    ] {
        let cookie = login_cookie(&s, credentials.clone(), &https).await;
        assert!(cookie.ends_with("; HttpOnly; SameSite=Lax; Path=/; Secure"), "{cookie}");
    }

    let behind_tls = TestServer::with(|o| o.secure_cookies = true).await;
    let cookie = login_cookie(&behind_tls, credentials, &[]).await;
    assert!(cookie.ends_with("; HttpOnly; SameSite=Lax; Path=/; Secure"), "{cookie}");
}

#[tokio::test]
async fn logout_events_are_stored_and_listed_for_staff() {
    let s = TestServer::dev().await;
    let manual = json!({"code": "MANUAL_LOGOUT", "message": "User manually logged out", "path": "/dashboard",
                        "context": {"email": DEMO}, "timestamp": "2025-12-15T10:30:45.123Z",
                        "source": "manual_user_action"});
    let backend = json!({"code": "PLAN_INACTIVE", "message": "Subscription plan is inactive", "path": "/dashboard/content",
                         "context": {"user_id": 104, "plan_id": 9, "endpoint": ME, "status": 401},
                         "timestamp": "2025-12-15T10:31:00.000Z", "source": "backend_middleware"});
    for event in [&manual, &backend] {
        let created = s.post(&s.client, EVENTS, None, event.clone()).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
        assert_eq!(created.text, r#"{"success":true}"#);
    }
    // DRF's JSONParser only: text/plain is refused (the client's keepalive sends JSON).
    let setup = &s;
    let beacon_as = move |content_type: &'static str| async move {
        let body = Some(json!(r#"{"code":"NO_REFRESH_TOKEN"}"#));
        let headers = [("Content-Type", content_type)];
        setup
            .request(&setup.client, reqwest::Method::POST, EVENTS, None, body, &headers)
            .await
    };
    let beacon = beacon_as("text/plain").await;
    assert_eq!(
        beacon.text,
        r#"{"detail":"Unsupported media type \"text/plain\" in request."}"#
    );
    assert_eq!(beacon.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let beacon = beacon_as("application/json; charset=utf-8").await;
    assert_eq!(beacon.status, StatusCode::CREATED);

    for bad in [
        json!({"message": "no code"}),
        json!({"code": 5}),
        json!({"code": ""}),
        json!([1, 2]),
        json!("{oops"),
    ] {
        assert_detail(&s.post(&s.client, EVENTS, None, bad).await, 400);
    }
    let huge = json!({"code": "X", "pad": "a".repeat(70 * 1024)});
    let too_big = s.post(&s.client, EVENTS, None, huge).await;
    assert!(assert_detail(&too_big, 413).contains("too large"));

    let staff = s.login(&s.client, STAFF).await;
    let all = s.get(&s.client, EVENTS, Some(&staff.access)).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.text);
    let all = all.json();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all[0]["code"], json!("NO_REFRESH_TOKEN"), "newest first");
    let second = all[1].as_object().unwrap();
    let keys: Vec<&str> = second.keys().map(String::as_str).collect();
    for key in [
        "id",
        "request_id",
        "code",
        "message",
        "path",
        "source",
        "timestamp",
        "context",
        "received_at",
    ] {
        assert!(keys.contains(&key), "{key} in {keys:?}");
    }
    assert_eq!(second["context"], backend["context"]);
    assert_eq!(second["source"], json!("backend_middleware"));
    assert!(second["received_at"].as_str().unwrap().ends_with('Z'));

    let by_code = s
        .get(&s.client, &format!("{EVENTS}?code=MANUAL_LOGOUT"), Some(&staff.access))
        .await
        .json();
    assert_eq!(by_code.as_array().unwrap().len(), 1);
    assert_eq!(by_code[0]["path"], json!("/dashboard"));
    let by_email = s
        .get(&s.client, &format!("{EVENTS}?user=DEMO@example"), Some(&staff.access))
        .await
        .json();
    assert_eq!(by_email.as_array().unwrap().len(), 1);
    assert_eq!(by_email[0]["code"], json!("MANUAL_LOGOUT"));
    let by_id = s
        .get(&s.client, &format!("{EVENTS}?user=104&code="), Some(&staff.access))
        .await
        .json();
    assert_eq!(by_id.as_array().unwrap().len(), 1);
    assert_eq!(by_id[0]["code"], json!("PLAN_INACTIVE"));
    let nothing = s
        .get(
            &s.client,
            &format!("{EVENTS}?code=PLAN_INACTIVE&user=demo"),
            Some(&staff.access),
        )
        .await
        .json();
    assert_eq!(nothing, json!([]));
}

/// simplejwt's 401 for an expired access token, byte for byte.
const EXPIRED_ACCESS: &str = r#"{"detail":"Given token not valid for any token type","code":"token_not_valid","messages":[{"token_class":"AccessToken","token_type":"access","message":"Token is expired"}]}"#;

#[tokio::test]
async fn logout_refuses_a_bad_bearer_without_revoking_and_revokes_without_one() {
    let s = TestServer::with(|o| o.access_ttl = 1).await;
    let client = cookie_client();
    let session = s.login(&client, DEMO).await;
    let refresh = session.refresh.unwrap();
    tokio::time::sleep(Duration::from_millis(1200)).await;

    // AllowAny, but simplejwt authenticates first: an expired bearer is a 401, nothing revoked.
    let expired = s
        .post(&client, LOGOUT, Some(&session.access), json!({"refresh": refresh}))
        .await;
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
    assert_eq!(expired.text, EXPIRED_ACCESS);
    let garbage = s
        .post(&client, LOGOUT, Some("garbage"), json!({"refresh": refresh}))
        .await;
    assert_eq!(garbage.status, StatusCode::UNAUTHORIZED);
    assert_eq!(garbage.json()["code"], json!("token_not_valid"));
    let renewed = s.refresh(&s.client, &refresh).await;
    assert_eq!(renewed.status, StatusCode::OK, "still usable: {}", renewed.text);
    let rotated = renewed.json()["refresh"].as_str().unwrap().to_string();

    // The same call without Authorization revokes.
    let out = s.post(&client, LOGOUT, None, json!({"refresh": rotated})).await;
    assert_eq!(out.status, StatusCode::OK, "{}", out.text);
    assert_eq!(out.text, r#"{"success":true}"#);
    let reused = s.refresh(&s.client, &rotated).await;
    assert_eq!(reused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        reused.text,
        r#"{"detail":"Token is blacklisted","code":"token_not_valid"}"#
    );

    // Another scheme is no credentials for simplejwt: anonymous, so it revokes too.
    let other = s.login(&s.client, DEMO).await.refresh.unwrap();
    let basic = s
        .request(
            &s.client,
            reqwest::Method::POST,
            LOGOUT,
            None,
            Some(json!({ "refresh": other })),
            &[("Authorization", "Basic abc")],
        )
        .await;
    assert_eq!(basic.status, StatusCode::OK, "{}", basic.text);
    assert_eq!(s.refresh(&s.client, &other).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn passwords_are_stored_as_argon2id() {
    let s = TestServer::dev().await;
    let conn = rusqlite::Connection::open(s.db_path()).unwrap();
    let mut stmt = conn.prepare("SELECT email, password_hash FROM users").unwrap();
    let hashes: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(hashes.len(), 4);
    for (email, hash) in &hashes {
        // Dev mode's cheap parameters, but argon2id all the same.
        assert!(hash.starts_with("$argon2id$v=19$m=1024,t=1,p=1$"), "{email}: {hash}");
        assert!(!hash.contains(PASSWORD));
    }
    assert_ne!(hashes[0].1, hashes[1].1, "salted: same password, different hashes");
    s.login(&s.client, DEMO).await;
    let wrong = s.try_login(&s.client, DEMO, "demo-passwore").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn json_endpoints_refuse_other_media_types_as_drf_does() {
    let s = TestServer::dev().await;
    let session = s.login(&s.client, DEMO).await;
    let refresh = session.refresh.unwrap();
    let body = json!({"email": DEMO, "password": PASSWORD, "refresh": refresh, "code": "X", "action": "reset_all"});
    let endpoints = [
        (LOGIN, None),
        (REFRESH, None),
        (LOGOUT, Some(session.access.as_str())),
        (EVENTS, None),
        (DEV_SCENARIO, None),
    ];
    for (path, bearer) in endpoints {
        for content_type in [
            "text/plain",
            "text/plain;charset=UTF-8",
            "application/x-www-form-urlencoded",
        ] {
            let reply = s
                .request(
                    &s.client,
                    reqwest::Method::POST,
                    path,
                    bearer,
                    Some(Value::String(body.to_string())),
                    &[("Content-Type", content_type)],
                )
                .await;
            assert_eq!(
                reply.status,
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "{path} {content_type}: {}",
                reply.text
            );
            assert_eq!(
                reply.json(),
                json!({ "detail": format!("Unsupported media type \"{content_type}\" in request.") })
            );
        }
        let untyped = plain_client()
            .post(s.url(path))
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(
            untyped.status(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{path} without Content-Type"
        );
        assert_eq!(
            untyped.text().await.unwrap(),
            r#"{"detail":"Unsupported media type \"\" in request."}"#
        );
    }
    // Nothing was done: the refresh token was neither used nor revoked, no event stored.
    let utf8 = [("Content-Type", "application/json; charset=utf-8")];
    let refreshed = s
        .request(
            &s.client,
            reqwest::Method::POST,
            REFRESH,
            None,
            Some(json!({ "refresh": refresh }).to_string().into()),
            &utf8,
        )
        .await;
    assert_eq!(refreshed.status, StatusCode::OK, "{}", refreshed.text);
    let staff = s.login(&s.client, STAFF).await;
    assert_eq!(s.get(&s.client, EVENTS, Some(&staff.access)).await.json(), json!([]));
    let login = s
        .request(
            &s.client,
            reqwest::Method::POST,
            LOGIN,
            None,
            Some(json!({"email": DEMO, "password": PASSWORD}).to_string().into()),
            &utf8,
        )
        .await;
    assert_eq!(login.status, StatusCode::OK);
}

#[tokio::test]
async fn logout_events_keep_a_well_formed_request_id_and_staff_filter_by_it() {
    let s = TestServer::dev().await;
    let id = "0123456789abcdef0123456789abcdef";
    let events = [
        json!({"code": "TOKEN_REFRESH_FAILED", "context": {"request_id": id, "status": 401}}),
        json!({"code": "TOKEN_REFRESH_FAILED", "context": {"request_id": "0123456789ABCDEF0123456789ABCDEF"}}),
        json!({"code": "TOKEN_REFRESH_FAILED", "context": {"request_id": 5}}),
        json!({"code": "MANUAL_LOGOUT", "context": {"email": DEMO}}),
    ];
    for event in &events {
        assert_eq!(
            s.post(&s.client, EVENTS, None, event.clone()).await.status,
            StatusCode::CREATED
        );
    }
    let staff = s.login(&s.client, STAFF).await;
    let list = |query: String| {
        let s = &s;
        let access = staff.access.clone();
        async move {
            s.get(&s.client, &format!("{EVENTS}{query}"), Some(&access))
                .await
                .json()
        }
    };
    let all = list(String::new()).await;
    let ids: Vec<&Value> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|event| &event["request_id"])
        .collect();
    assert_eq!(
        ids,
        [&Value::Null, &Value::Null, &Value::Null, &json!(id)],
        "newest first: {all}"
    );
    assert!(all
        .as_array()
        .unwrap()
        .iter()
        .all(|event| event.get("request_id").is_some()));

    let by_id = list(format!("?request_id={id}")).await;
    assert_eq!(by_id.as_array().unwrap().len(), 1, "{by_id}");
    assert_eq!(by_id[0]["context"], events[0]["context"]);
    let combined = list(format!("?request_id={id}&code=TOKEN_REFRESH_FAILED&user=")).await;
    assert_eq!(combined, by_id);
    assert_eq!(list(format!("?request_id={id}&code=MANUAL_LOGOUT")).await, json!([]));
    assert_eq!(
        list("?request_id=0123456789ABCDEF0123456789ABCDEF".into()).await,
        json!([])
    );
    assert_eq!(list("?request_id=".into()).await.as_array().unwrap().len(), 4);
}

/// A revocation that comes late (a refresh answered after its user had signed out, and the
/// client sends the token it brought to logout at once) carries the cookie of whoever is
/// signed in by then: their session is not the one that ends.
#[tokio::test]
async fn a_late_revocation_of_another_users_token_leaves_the_signed_in_session_alone() {
    let s = TestServer::dev().await;
    let browser = cookie_client();
    let earlier = s.login(&browser, DEMO).await;
    let now = s.login(&browser, STAFF).await;
    let late = s
        .post(&browser, LOGOUT, None, json!({"refresh": earlier.refresh.unwrap()}))
        .await;
    assert_eq!(late.status, StatusCode::OK, "{}", late.text);
    // The staff user's session still holds the ids the middleware compares.
    s.user_action(STAFF, "session_account_mismatch").await;
    let reply = s.get(&browser, ME, Some(&now.access)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.text);
    assert!(reply.text.contains("SESSION_ACCOUNT_MISMATCH"), "{}", reply.text);
}
