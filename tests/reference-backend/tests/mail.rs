//! The mail to a user whose session ended (issue 24), against a real SMTP server: the
//! reference backend's own sink (mailin-embedded) started by each test, the server sending
//! through lettre as it would to any SMTP server.

mod common;

use std::time::{Duration, Instant};

use common::*;
use reference_backend::hostile_text::SECRET_VALUES;
use reference_backend::mail_sink::{MailSink, ReceivedMail};
use reference_backend::{MailOptions, Security, SmtpServer};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

/// The app's codes and plain words: the mail must say what the sign-in page says.
#[allow(dead_code)]
#[path = "../../../src/logout/code.rs"]
mod code;

const BILLING: &str = "https://billing.example.com/renew";
const SUPPORT: &str = "https://support.example.com/";

/// A dev server mailing through `smtp_port`, its links from a config.json like the app's.
async fn server_mailing_to(smtp_port: u16, configure: impl FnOnce(&mut MailOptions)) -> TestServer {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config.json");
    std::fs::write(
        &config,
        json!({"billing_url": BILLING, "support_url": SUPPORT}).to_string(),
    )
    .expect("config");
    let mut mail = MailOptions::new(Some(SmtpServer::local(smtp_port)), "Acme <no-reply@acme.example>");
    mail.links.client_config = Some(config);
    mail.links.app_url = Some("https://app.example.com".into());
    configure(&mut mail);
    let server = TestServer::with(move |opts| opts.mail = Some(mail)).await;
    // The config file lives as long as the test's server.
    std::mem::forget(dir);
    server
}

fn sink() -> MailSink {
    MailSink::start("127.0.0.1:0".parse().unwrap()).expect("the sink starts")
}

/// Signs `email` in with a client that keeps the session cookie; returns it, the tokens
/// and the cookie's value.
async fn signed_in(server: &TestServer, email: &str) -> (Client, Session, String) {
    let client = cookie_client();
    let reply = server.try_login(&client, email, PASSWORD).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let cookie = reply
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("sessionid="))
        .and_then(|v| v.split(';').next())
        .expect("the session cookie")
        .to_string();
    let body = reply.json();
    let session = Session {
        access: body["data"]["access"].as_str().expect("access").into(),
        refresh: body["data"]["refresh"].as_str().map(str::to_string),
        body,
    };
    (client, session, cookie)
}

/// A request from the page `/dashboard/content`, as the app makes it.
async fn content(server: &TestServer, client: &Client, access: &str) -> Reply {
    server
        .request(
            client,
            reqwest::Method::GET,
            CONTENT,
            Some(access),
            None,
            &[("Referer", "http://app.example.com/dashboard/content")],
        )
        .await
}

async fn report(server: &TestServer, cookie: Option<&str>, event: Value) -> Reply {
    let headers: Vec<(&str, String)> = cookie
        .map(|c| ("Cookie", format!("sessionid={c}")))
        .into_iter()
        .collect();
    let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let reply = server
        .request(
            &server.client,
            reqwest::Method::POST,
            EVENTS,
            None,
            Some(event),
            &headers,
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    reply
}

fn event(code: &str, message: &str, context: Value) -> Value {
    json!({"code": code, "message": message, "path": "/dashboard/content", "source": "token_refresh_failure",
           "timestamp": "2026-12-05T10:30:45.123Z", "context": context})
}

fn assert_safe(mail: &ReceivedMail, secrets: &[&str]) {
    for secret in secrets {
        assert!(!mail.raw.contains(secret), "{secret:?} in the mail:\n{}", mail.raw);
        assert!(
            !mail.text.contains(secret) && !mail.html.contains(secret),
            "{secret:?} in a part"
        );
    }
}

#[tokio::test]
async fn each_middleware_end_mails_its_user_in_the_sign_in_pages_words() {
    let sink = sink();
    let server = server_mailing_to(sink.addr().port(), |_| {}).await;
    let ends = [
        ("session_account_mismatch", "SESSION_ACCOUNT_MISMATCH"),
        ("session_user_mismatch", "SESSION_USER_MISMATCH"),
        ("deactivate_user", "USER_INACTIVE"),
        ("delete_account", "ACCOUNT_MISSING"),
        ("suspend_account", "ACCOUNT_SUSPENDED"),
        ("cancel_account", "ACCOUNT_CANCELLED"),
        ("delete_plan", "PLAN_MISSING"),
        ("deactivate_plan", "PLAN_INACTIVE"),
    ];
    let mut secrets = Vec::new();
    for (action, expected) in ends {
        server.user_action(DEMO, "reset").await;
        let (client, session, cookie) = signed_in(&server, DEMO).await;
        secrets.extend([
            session.access.clone(),
            session.refresh.clone().unwrap_or_default(),
            cookie,
        ]);
        server.user_action(DEMO, action).await;
        let reply = content(&server, &client, &session.access).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{action}: {}", reply.text);
        assert_eq!(reply.json()["logout_reason"], expected);
    }
    let mails = sink.inbox().wait_for(ends.len(), Duration::from_secs(10)).await;
    assert_eq!(mails.len(), ends.len(), "one mail for each end");
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).filter(|s| !s.is_empty()).collect();
    for (_, expected) in ends {
        let mail = mails
            .iter()
            .find(|mail| mail.text.contains(&format!("give them this code: {expected}.")))
            .unwrap_or_else(|| panic!("no mail for {expected}"));
        assert_eq!(mail.to, vec![DEMO.to_string()]);
        assert_eq!(mail.content_type, "multipart/alternative");
        assert_eq!(mail.subject, "Why you were signed out");
        let code = code::LogoutCode::from(expected);
        let plain = code.plain_words().expect("plain words");
        let plain_html = plain.replace('\'', "&#39;");
        assert!(
            mail.text.contains(plain) && mail.html.contains(&plain_html),
            "{expected}: {}",
            mail.text
        );
        assert!(
            mail.text.contains("The page you were on: /dashboard/content"),
            "{}",
            mail.text
        );
        assert!(
            mail.text.contains(SUPPORT)
                || expected == "USER_INACTIVE"
                || expected == "PLAN_INACTIVE"
                || expected == "PLAN_MISSING"
        );
        assert_safe(mail, &secrets);
    }
    let plan = mails
        .iter()
        .find(|m| m.text.contains("code: PLAN_INACTIVE."))
        .expect("PLAN_INACTIVE");
    assert!(plan
        .text
        .contains(&format!("Renew your plan or update your billing details: {BILLING}")));
    assert!(plan.html.contains(&format!("<a href=\"{BILLING}\"")), "{}", plan.html);
    assert!(plan.text.contains("Sign in again: https://app.example.com/signin"));
}

#[tokio::test]
async fn the_clients_two_ends_are_mailed_only_when_the_report_is_tied_to_its_user() {
    let sink = sink();
    let server = server_mailing_to(sink.addr().port(), |_| {}).await;
    let (_, session, cookie) = signed_in(&server, DEMO).await;

    // Not mailed: a sign out the user asked for; reports nobody can be shown to have sent;
    // a report naming another user than its sender.
    let not_mailed = [
        (
            Some(cookie.as_str()),
            "MANUAL_LOGOUT",
            "User initiated logout",
            json!({"email": DEMO}),
        ),
        (
            None,
            "TOKEN_REFRESH_FAILED",
            "Token refresh failed - session expired",
            json!({}),
        ),
        (
            None,
            "NO_REFRESH_TOKEN",
            "No refresh token available",
            json!({"email": DEMO}),
        ),
        (Some("not-a-session"), "TOKEN_REFRESH_FAILED", "x", json!({})),
        (
            Some(cookie.as_str()),
            "TOKEN_REFRESH_FAILED",
            "x",
            json!({"email": STAFF}),
        ),
        (
            Some(cookie.as_str()),
            "IDLE_TIMEOUT",
            "Signed out after inactivity",
            json!({}),
        ),
    ];
    for (sender, code, message, context) in not_mailed {
        report(&server, sender, event(code, message, context)).await;
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(sink.inbox().mails().is_empty(), "{:?}", sink.inbox().mails());

    // Mailed: the refresh failed, reported with the session's cookie.
    report(
        &server,
        Some(&cookie),
        event(
            "TOKEN_REFRESH_FAILED",
            "Token refresh failed - session expired",
            json!({"status": 401}),
        ),
    )
    .await;
    // And after the client revoked the session (as it does first), the report it sends right
    // after with the same cookie is still its user's.
    let revoked = server
        .request(
            &server.client,
            reqwest::Method::POST,
            LOGOUT,
            None,
            Some(json!({"refresh": session.refresh})),
            &[("Cookie", &format!("sessionid={cookie}"))],
        )
        .await;
    assert_eq!(revoked.status, StatusCode::OK, "{}", revoked.text);
    report(
        &server,
        Some(&cookie),
        event("NO_REFRESH_TOKEN", "No refresh token available", json!({})),
    )
    .await;

    let mails = sink.inbox().wait_for(2, Duration::from_secs(10)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mails_after = sink.inbox().mails();
    assert_eq!(mails_after.len(), 2, "exactly the two: {mails:?}");
    for code in ["TOKEN_REFRESH_FAILED", "NO_REFRESH_TOKEN"] {
        let mail = mails_after
            .iter()
            .find(|m| m.text.contains(&format!("code: {code}.")))
            .expect(code);
        assert_eq!(mail.to, vec![DEMO.to_string()]);
        assert!(mail.text.contains(code::LogoutCode::from(code).plain_words().unwrap()));
        assert_safe(mail, &[&cookie, &session.access]);
    }
}

#[tokio::test]
async fn a_logout_that_keeps_happening_mails_once_a_window() {
    let sink = sink();
    let server = server_mailing_to(sink.addr().port(), |mail| mail.window = Duration::from_secs(2)).await;
    let (client, session, _) = signed_in(&server, DEMO).await;
    server.user_action(DEMO, "deactivate_plan").await;
    for _ in 0..5 {
        assert_eq!(
            content(&server, &client, &session.access).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(sink.inbox().wait_for(1, Duration::from_secs(10)).await.len(), 1);
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(sink.inbox().mails().len(), 1, "five refusals in the window: one mail");
    assert!(sink.inbox().mails()[0]
        .text
        .contains("at most one for the same reason in 2 seconds"));

    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(
        content(&server, &client, &session.access).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        sink.inbox().wait_for(2, Duration::from_secs(10)).await.len(),
        2,
        "a new window, a new mail"
    );
}

#[tokio::test]
async fn hostile_backend_text_is_scrubbed_bounded_and_escaped_in_the_mail() {
    let sink = sink();
    let server = server_mailing_to(sink.addr().port(), |_| {}).await;
    let (client, session, cookie) = signed_in(&server, DEMO).await;
    // The middleware's message with secrets and 200 KB of token-like text after it.
    server
        .scenario(json!({"action": "hostile_logouts", "bytes": 200_000}))
        .await;
    server.user_action(DEMO, "deactivate_plan").await;
    assert_eq!(
        content(&server, &client, &session.access).await.status,
        StatusCode::UNAUTHORIZED
    );
    // A report whose message is markup and a password.
    server.user_action(DEMO, "reset").await;
    report(
        &server,
        Some(&cookie),
        event(
            "TOKEN_REFRESH_FAILED",
            "<script>alert('mail')</script><img src=x onerror=alert(2)> password=hunter2-secret",
            json!({}),
        ),
    )
    .await;

    let mails = sink.inbox().wait_for(2, Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 2);
    for mail in &mails {
        assert_safe(mail, SECRET_VALUES);
        assert!(mail.raw.len() < 40_000, "bounded: {} bytes", mail.raw.len());
        assert!(
            !mail.html.contains("<script") && !mail.html.contains("<img"),
            "{}",
            mail.html
        );
    }
    let reported = mails
        .iter()
        .find(|m| m.text.contains("code: TOKEN_REFRESH_FAILED."))
        .expect("the report's mail");
    assert!(
        reported
            .html
            .contains("&lt;script&gt;alert(&#39;mail&#39;)&lt;/script&gt;"),
        "{}",
        reported.html
    );
}

#[tokio::test]
async fn a_sink_that_is_down_never_slows_the_request_and_a_retry_delivers() {
    // A port nothing listens on yet.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("a free port")
        .local_addr()
        .unwrap()
        .port();
    let server = server_mailing_to(port, |mail| mail.retry_delay = Duration::from_millis(500)).await;
    let (client, session, _) = signed_in(&server, DEMO).await;
    server.user_action(DEMO, "deactivate_plan").await;
    let started = Instant::now();
    assert_eq!(
        content(&server, &client, &session.access).await.status,
        StatusCode::UNAUTHORIZED
    );
    let took = started.elapsed();
    // Far below what a blocked request would take (the first attempt's refusal, the waits).
    assert!(took < Duration::from_millis(400), "the request took {took:?}");

    // The sink comes up: a retry (0.5 s, 1 s, 2 s after the first attempt) delivers.
    let sink = MailSink::start(format!("127.0.0.1:{port}").parse().unwrap()).expect("the sink starts on that port");
    let mails = sink.inbox().wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 1, "the retry delivered");
    assert!(mails[0].text.contains("code: PLAN_INACTIVE."));
}

#[tokio::test]
async fn without_settings_no_mail_is_sent_and_logouts_work_as_before() {
    let sink = sink();
    let server = TestServer::dev().await;
    let (client, session, _) = signed_in(&server, DEMO).await;
    server.user_action(DEMO, "deactivate_plan").await;
    assert_eq!(
        content(&server, &client, &session.access).await.status,
        StatusCode::UNAUTHORIZED
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(sink.inbox().mails().is_empty());
}

/// A self-signed certificate for `localhost`, written into `dir` as PEM files; its paths,
/// and the certificate's PEM to trust.
fn localhost_certificate(dir: &std::path::Path) -> (String, String, Vec<u8>) {
    let made = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).expect("a certificate");
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    std::fs::write(&cert, made.cert.pem()).expect("cert.pem");
    std::fs::write(&key, made.signing_key.serialize_pem()).expect("key.pem");
    let path = |p: &std::path::Path| p.to_str().expect("a UTF-8 path").to_string();
    (path(&cert), path(&key), made.cert.pem().into_bytes())
}

/// Mail through `localhost:port` with `security`, trusting `root`; no retries.
async fn server_mailing_securely(port: u16, security: Security, root: Option<Vec<u8>>) -> TestServer {
    server_mailing_to(port, move |mail| {
        mail.retries = 0;
        mail.smtp = Some(SmtpServer {
            host: "localhost".into(),
            port,
            security,
            credentials: None,
            trusted_root: root,
        });
    })
    .await
}

/// A lapsed plan ends DEMO's session on `server`: the end that is mailed.
async fn plan_lapses(server: &TestServer) {
    let (client, session, _) = signed_in(server, DEMO).await;
    server.user_action(DEMO, "deactivate_plan").await;
    assert_eq!(
        content(server, &client, &session.access).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn starttls_delivers_to_a_server_whose_certificate_is_trusted_and_to_no_other() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (cert, key, root) = localhost_certificate(dir.path());
    let sink = MailSink::start_with_starttls("127.0.0.1:0".parse().unwrap(), &cert, &key).expect("the sink starts");
    let port = sink.addr().port();

    let trusting = server_mailing_securely(port, Security::StartTls, Some(root)).await;
    plan_lapses(&trusting).await;
    let mails = sink.inbox().wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 1, "delivered over STARTTLS");
    assert!(mails[0].text.contains("code: PLAN_INACTIVE."));

    // The web's roots alone do not know this certificate: nothing is sent, not even in the clear.
    let wary = server_mailing_securely(port, Security::StartTls, None).await;
    plan_lapses(&wary).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(sink.inbox().mails().len(), 1, "an unknown certificate is refused");
}

/// TLS from the first byte (port 465), which the sink does not speak: a TLS terminator in
/// front of it, as a relay's load balancer is.
#[tokio::test]
async fn tls_from_the_first_byte_delivers_to_a_server_whose_certificate_is_trusted() {
    use tokio_rustls::rustls;
    use tokio_rustls::rustls::pki_types::pem::PemObject;
    use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};

    let dir = tempfile::tempdir().expect("temp dir");
    let (cert, key, root) = localhost_certificate(dir.path());
    let sink = sink();
    let config =
        rustls::ServerConfig::builder_with_provider(std::sync::Arc::new(rustls::crypto::aws_lc_rs::default_provider()))
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(
                vec![CertificateDer::from_pem_file(&cert).expect("the certificate")],
                PrivateKeyDer::from_pem_file(&key).expect("the key"),
            )
            .expect("a server configuration");
    let acceptor = tokio_rustls::TlsAcceptor::from(std::sync::Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let port = listener.local_addr().expect("its address").port();
    let plain = sink.addr();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let (Ok(mut outside), Ok(mut inside)) = (
                    acceptor.accept(stream).await,
                    tokio::net::TcpStream::connect(plain).await,
                ) else {
                    return;
                };
                let _ = tokio::io::copy_bidirectional(&mut outside, &mut inside).await;
            });
        }
    });

    let server = server_mailing_securely(port, Security::Tls, Some(root)).await;
    plan_lapses(&server).await;
    let mails = sink.inbox().wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 1, "delivered over TLS");
    assert!(mails[0].text.contains("code: PLAN_INACTIVE."));
}
