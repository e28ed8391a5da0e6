//! Shared helpers: an in-process server on 127.0.0.1:0 with a temporary database, and a
//! few request shortcuts.
#![allow(dead_code, unused_imports)]

use reference_backend::{start, Options, RunningServer};
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

pub use reference_backend::demo::{
    DEMO_PASSWORD as PASSWORD, DEMO_USER as DEMO, NOACCOUNT_USER as NOACCOUNT, NOPLAN_USER as NOPLAN,
    STAFF_USER as STAFF,
};
pub use reference_backend::paths::{
    CONTENT, DEV_SCENARIO, DEV_SIMULATOR, DEV_STATS, LOGIN, LOGOUT, LOGOUT_EVENTS as EVENTS, ME, REFRESH,
};

pub struct TestServer {
    pub server: RunningServer,
    pub base: String,
    /// A client without cookies, for requests whose session does not matter.
    pub client: Client,
    pub _dir: tempfile::TempDir,
}

impl TestServer {
    /// The server's SQLite file, to look at what it stored.
    pub fn db_path(&self) -> std::path::PathBuf {
        self._dir.path().join("db.sqlite3")
    }
}

/// A client that keeps the session cookie, as a browser would.
pub fn cookie_client() -> Client {
    Client::builder().cookie_store(true).no_proxy().build().expect("client")
}

pub fn plain_client() -> Client {
    Client::builder().no_proxy().build().expect("client")
}

/// A client whose requests come from another loopback address (all of 127/8 is loopback on
/// Linux), i.e. another client address for the per-address limits.
pub fn client_from(ip: &str) -> Client {
    Client::builder()
        .no_proxy()
        .local_address(Some(ip.parse().expect("an IP address")))
        .build()
        .expect("client")
}

pub struct Session {
    pub access: String,
    pub refresh: Option<String>,
    pub body: Value,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.text))
    }
}

impl TestServer {
    /// A dev-mode server (demo users, control API).
    pub async fn dev() -> TestServer {
        TestServer::with(|_| {}).await
    }

    /// A dev-mode server with adjusted options.
    pub async fn with(configure: impl FnOnce(&mut Options)) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut opts = Options {
            addr: "127.0.0.1:0".parse().unwrap(),
            db: dir.path().join("db.sqlite3"),
            dev: true,
            ..Options::default()
        };
        configure(&mut opts);
        let server = start(opts).await.expect("server starts");
        let base = format!("http://{}", server.addr());
        TestServer {
            server,
            base,
            client: plain_client(),
            _dir: dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Any request; `body` is sent as raw bytes when it is a string (as `application/json`
    /// unless `headers` name a `Content-Type`), JSON otherwise.
    pub async fn request(
        &self,
        client: &Client,
        method: Method,
        path: &str,
        access: Option<&str>,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut request = client.request(method, self.url(path));
        if let Some(access) = access {
            request = request.bearer_auth(access);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let has_content_type = headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("content-type"));
        match body {
            Some(Value::String(raw)) if has_content_type => request = request.body(raw),
            Some(Value::String(raw)) => request = request.header("Content-Type", "application/json").body(raw),
            Some(json) => request = request.json(&json),
            None => {}
        }
        let response = request.send().await.expect("request sent");
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        Reply { status, headers, text }
    }

    pub async fn get(&self, client: &Client, path: &str, access: Option<&str>) -> Reply {
        self.request(client, Method::GET, path, access, None, &[]).await
    }

    pub async fn post(&self, client: &Client, path: &str, access: Option<&str>, body: Value) -> Reply {
        self.request(client, Method::POST, path, access, Some(body), &[]).await
    }

    /// `POST` the refresh endpoint with `refresh` as the refresh token.
    pub async fn refresh<T: serde::Serialize + ?Sized>(&self, client: &Client, refresh: &T) -> Reply {
        self.post(client, REFRESH, None, serde_json::json!({ "refresh": refresh }))
            .await
    }

    /// `POST` login with `email` and `password`.
    pub async fn try_login(&self, client: &Client, email: &str, password: &str) -> Reply {
        self.post(client, LOGIN, None, json!({"email": email, "password": password}))
            .await
    }

    pub async fn login(&self, client: &Client, email: &str) -> Session {
        let reply = self.try_login(client, email, PASSWORD).await;
        assert_eq!(reply.status, StatusCode::OK, "login {email}: {}", reply.text);
        let body = reply.json();
        let data = &body["data"];
        Session {
            access: data["access"].as_str().expect("access").to_string(),
            refresh: data["refresh"].as_str().map(str::to_string),
            body,
        }
    }

    /// `POST /__dev__/scenario`, asserting success.
    pub async fn scenario(&self, body: Value) -> Value {
        let reply = self.post(&self.client, DEV_SCENARIO, None, body.clone()).await;
        assert_eq!(reply.status, StatusCode::OK, "scenario {body}: {}", reply.text);
        reply.json()
    }

    pub async fn user_action(&self, email: &str, action: &str) -> Value {
        self.scenario(json!({"email": email, "action": action})).await
    }

    pub async fn stats(&self) -> Value {
        let reply = self.get(&self.client, DEV_STATS, None).await;
        assert_eq!(reply.status, StatusCode::OK);
        reply.json()
    }
}

/// Asserts a 4xx whose JSON body has a non-empty string `detail`; returns it.
pub fn assert_detail(reply: &Reply, status: u16) -> String {
    assert_eq!(reply.status.as_u16(), status, "{}", reply.text);
    let body = reply.json();
    let detail = body["detail"]
        .as_str()
        .unwrap_or_else(|| panic!("no detail in {}", reply.text));
    assert!(!detail.is_empty());
    detail.to_string()
}
