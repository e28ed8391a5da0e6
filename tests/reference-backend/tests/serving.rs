//! Static files with the SPA fallback, production mode (no dev routes, no CORS), and the
//! start/stop life cycle.

mod common;

use common::*;
use reference_backend::{start, Options, StartError};
use reqwest::{Method, StatusCode};
use serde_json::json;

/// CONTRACT section 9, word for word.
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
                   img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
                   frame-ancestors 'none'; form-action 'self'";

#[tokio::test]
async fn api_origin_is_added_to_connect_src() {
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("index.html"), "<!DOCTYPE html>").unwrap();
    let dir = site.path().to_path_buf();
    let s = TestServer::with(move |o| {
        o.static_dir = Some(dir);
        o.api_origin = Some("https://api.example.com/".into());
    })
    .await;
    let page = s.get(&s.client, "/dashboard", None).await;
    assert_eq!(
        page.headers["content-security-policy"],
        CSP.replace("connect-src 'self';", "connect-src 'self' https://api.example.com;")
            .as_str()
    );
    assert_eq!(reference_backend::CONTENT_SECURITY_POLICY, CSP);
    // The API's own answers are JSON, not pages: no policy needed there.
    let login = s.get(&s.client, ME, None).await;
    assert!(login.headers.get("content-security-policy").is_none());

    let refused = start(Options {
        addr: "127.0.0.1:0".parse().unwrap(),
        db: site.path().join("db.sqlite3"),
        api_origin: Some("https://a.example; script-src *".into()),
        ..Options::default()
    })
    .await
    .err()
    .expect("refused");
    assert!(matches!(refused, StartError::ApiOrigin(_)), "{refused}");
    assert_eq!(refused.exit_code(), 2);
}

#[tokio::test]
async fn static_dir_with_spa_fallback() {
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("index.html"), "<!DOCTYPE html><title>app</title>").unwrap();
    std::fs::write(site.path().join("app_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::create_dir(site.path().join("assets")).unwrap();
    std::fs::write(site.path().join("assets/app.js"), "console.log(1)").unwrap();
    let dir = site.path().to_path_buf();
    let s = TestServer::with(move |o| {
        o.static_dir = Some(dir);
        o.dev = false;
    })
    .await;

    for page in ["/", "/signin", "/dashboard/content?x=1", "/assets/missing.js"] {
        let reply = s.get(&s.client, page, None).await;
        assert_eq!(reply.status, StatusCode::OK, "{page}");
        assert_eq!(reply.text, "<!DOCTYPE html><title>app</title>", "{page}");
        assert!(reply.headers["content-type"].to_str().unwrap().starts_with("text/html"));
        assert_eq!(reply.headers["content-security-policy"], CSP, "{page}");
    }
    let wasm = s.get(&s.client, "/app_bg.wasm", None).await;
    assert_eq!(wasm.headers["content-type"], "application/wasm");
    assert_eq!(wasm.headers["content-security-policy"], CSP);
    let js = s.get(&s.client, "/assets/app.js", None).await;
    assert_eq!(js.headers["content-security-policy"], CSP);
    assert_eq!(js.text, "console.log(1)");
    assert!(js.headers["content-type"].to_str().unwrap().contains("javascript"));

    // API and dev paths never fall back to the app.
    for path in ["/api/v1/unknown/", "/api", DEV_SIMULATOR, DEV_STATS] {
        assert_eq!(
            assert_detail(&s.get(&s.client, path, None).await, 404),
            "Not found.",
            "{path}"
        );
    }
    assert_detail(
        &s.request(&s.client, Method::POST, "/signin", None, None, &[]).await,
        405,
    );
}

#[tokio::test]
async fn precompressed_files_go_to_browsers_that_accept_them_and_hashed_names_are_cached_for_a_year() {
    let site = tempfile::tempdir().unwrap();
    let write = |name: &str, body: &[u8]| std::fs::write(site.path().join(name), body).unwrap();
    write("index.html", b"<!DOCTYPE html><title>app</title>");
    write("index.html.br", b"index as brotli");
    write("index.html.gz", b"index as gzip");
    write("config.json", b"{}");
    write("app-6f9ad8ad6056d317_bg.wasm", b"\0asm\x01\0\0\0");
    write("app-6f9ad8ad6056d317_bg.wasm.br", b"wasm as brotli");
    write("app-6f9ad8ad6056d317_bg.wasm.gz", b"wasm as gzip");
    let dir = site.path().to_path_buf();
    let s = TestServer::with(move |o| {
        o.static_dir = Some(dir);
        o.dev = false;
    })
    .await;
    let get = |path: &'static str, accept: &'static str| {
        let s = &s;
        async move {
            s.request(&s.client, Method::GET, path, None, None, &[("Accept-Encoding", accept)])
                .await
        }
    };

    let wasm = "/app-6f9ad8ad6056d317_bg.wasm";
    for (accept, encoding, body) in [
        ("gzip, deflate, br, zstd", Some("br"), "wasm as brotli"),
        ("gzip", Some("gzip"), "wasm as gzip"),
        ("identity", None, "\0asm\x01\0\0\0"),
    ] {
        let reply = get(wasm, accept).await;
        assert_eq!(reply.status, StatusCode::OK, "{accept}");
        assert_eq!(reply.text, body, "{accept}");
        assert_eq!(
            reply.headers.get("content-encoding").map(|v| v.to_str().unwrap()),
            encoding,
            "{accept}"
        );
        assert_eq!(reply.headers["content-type"], "application/wasm", "{accept}");
        assert_eq!(reply.headers["cache-control"], "public, max-age=31536000, immutable");
        assert_eq!(reply.headers["vary"], "accept-encoding");
        assert_eq!(reply.headers["content-security-policy"], CSP);
    }

    // index.html (asked for, or as a route's page) and config.json: asked again each visit.
    for path in ["/", "/index.html", "/signin", "/dashboard/content"] {
        let reply = get(path, "gzip, br").await;
        assert_eq!(reply.text, "index as brotli", "{path}");
        assert_eq!(reply.headers["cache-control"], "no-cache", "{path}");
        assert!(reply.headers["content-type"].to_str().unwrap().starts_with("text/html"));
    }
    let config = get("/config.json", "gzip, br").await;
    assert_eq!(config.text, "{}");
    assert!(config.headers.get("content-encoding").is_none());
    assert_eq!(config.headers["cache-control"], "no-cache");
    // A hashed name that is not there is answered by index.html, which is never kept long.
    let missing = get("/app-0123456789abcdef.js", "gzip").await;
    assert_eq!(missing.headers["cache-control"], "no-cache");
}

#[tokio::test]
async fn without_dev_there_are_no_demo_users_control_api_or_cors() {
    let s = TestServer::with(|o| o.dev = false).await;
    let login = s
        .post(&s.client, LOGIN, None, json!({"email": DEMO, "password": PASSWORD}))
        .await;
    assert_eq!(login.status, StatusCode::UNAUTHORIZED);
    assert_detail(
        &s.post(&s.client, DEV_SCENARIO, None, json!({"action": "reset_all"}))
            .await,
        404,
    );
    assert_detail(&s.get(&s.client, "/", None).await, 404);
    let reply = s
        .request(
            &s.client,
            Method::GET,
            ME,
            None,
            None,
            &[("Origin", "http://127.0.0.1:8080")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.headers.get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn dev_is_refused_off_loopback_and_missing_static_dirs_too() {
    let dir = tempfile::tempdir().unwrap();
    let opts = Options {
        addr: "0.0.0.0:0".parse().unwrap(),
        db: dir.path().join("db.sqlite3"),
        dev: true,
        ..Options::default()
    };
    let err = start(opts.clone()).await.err().expect("refused");
    assert!(matches!(err, StartError::DevNotLoopback(_)));
    assert_eq!(err.exit_code(), 2);
    assert!(
        !dir.path().join("db.sqlite3").exists(),
        "refused before touching anything"
    );

    let opts = Options {
        addr: "127.0.0.1:0".parse().unwrap(),
        static_dir: Some(dir.path().join("nope")),
        ..opts
    };
    assert!(matches!(start(opts).await.err(), Some(StartError::StaticDir(_))));
}

#[tokio::test]
async fn shutdown_releases_the_port_and_every_start_is_fresh() {
    let s = TestServer::dev().await;
    let addr = s.server.addr();
    assert_ne!(addr.port(), 0);
    s.user_action(DEMO, "deactivate_user").await;
    let TestServer { server, _dir: dir, .. } = s;
    server.shutdown().await;

    let again = start(Options {
        addr,
        db: dir.path().join("db.sqlite3"),
        dev: true,
        ..Options::default()
    })
    .await
    .expect("same address again");
    assert_eq!(again.addr(), addr);
    // A fresh database: the deactivated user is active again.
    let reply = plain_client()
        .post(format!("http://{addr}{LOGIN}"))
        .json(&json!({"email": DEMO, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::OK);
    again.shutdown().await;
}

#[tokio::test]
async fn config_delay_holds_back_config_json_and_nothing_else() {
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("index.html"), "<!DOCTYPE html><title>app</title>").unwrap();
    std::fs::write(site.path().join("config.json"), r#"{"billing_url": null}"#).unwrap();
    let dir = site.path().to_path_buf();
    let s = TestServer::with(move |o| o.static_dir = Some(dir)).await;
    let answer = s.scenario(json!({"action": "config_delay", "ms": 700})).await;
    assert_eq!(answer["switches"]["config_delay_ms"], json!(700));

    let started = std::time::Instant::now();
    let config = s.get(&s.client, "/config.json", None).await;
    assert_eq!(config.status, StatusCode::OK);
    assert!(started.elapsed() >= std::time::Duration::from_millis(700));
    // The page and the API answer at once.
    let started = std::time::Instant::now();
    assert_eq!(s.get(&s.client, "/signin", None).await.status, StatusCode::OK);
    let session = s.login(&s.client, DEMO).await;
    assert_eq!(s.get(&s.client, ME, Some(&session.access)).await.status, StatusCode::OK);
    assert!(started.elapsed() < std::time::Duration::from_millis(600));

    s.scenario(json!({"action": "config_delay", "ms": 0})).await;
    let started = std::time::Instant::now();
    assert_eq!(s.get(&s.client, "/config.json", None).await.status, StatusCode::OK);
    assert!(started.elapsed() < std::time::Duration::from_millis(600));
}
