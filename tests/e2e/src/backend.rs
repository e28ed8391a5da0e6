//! The reference backend, in-process: serving the built app and the API on one loopback
//! origin in dev mode, with its control API to cause faults and its request counters.

use std::net::SocketAddr;

use reference_backend::{Options, RunningServer};
use serde_json::{json, Value};
use tempfile::TempDir;

use crate::repo;

pub struct Backend {
    server: Option<RunningServer>,
    options: Options,
    http: reqwest::Client,
    _dir: TempDir,
}

impl Backend {
    /// A fresh backend (new database, demo users) on a free port, serving `dist/`.
    pub async fn start() -> Backend {
        Backend::start_serving(repo::dist()).await
    }

    /// [`Backend::start`] serving another built app folder (e.g. a copy of `dist/` with its
    /// own `config.json`).
    pub async fn start_serving(static_dir: std::path::PathBuf) -> Backend {
        let dir = tempfile::Builder::new()
            .prefix("e2e-backend-")
            .tempdir()
            .expect("a temporary directory for the database");
        let options = Options {
            addr: "127.0.0.1:0".parse().unwrap(),
            db: dir.path().join("backend.sqlite3"),
            access_ttl: 300,
            static_dir: Some(static_dir),
            dev: true,
            // The mails a logout sends go to the backend's own SMTP sink (`mails`).
            dev_mail_sink: Some("127.0.0.1:0".parse().unwrap()),
            ..Options::default()
        };
        let server = reference_backend::start(options.clone())
            .await
            .unwrap_or_else(|e| panic!("the reference backend did not start: {e}"));
        let mut options = options;
        // Later restarts come back on the same address.
        options.addr = server.addr();
        Backend {
            server: Some(server),
            options,
            http: reqwest::Client::new(),
            _dir: dir,
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.options.addr
    }

    /// `http://127.0.0.1:PORT<path>`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr())
    }

    /// `POST /__dev__/scenario` with `request`; a refused action fails the test.
    pub async fn control(&self, request: Value) -> Value {
        let response = self
            .http
            .post(self.url("/__dev__/scenario"))
            .json(&request)
            .send()
            .await
            .unwrap_or_else(|e| panic!("control API unreachable for {request}: {e}"));
        let status = response.status();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        assert!(status.is_success(), "control API refused {request}: {status} {body}");
        body
    }

    /// A per-user action such as `suspend_account`.
    pub async fn act_on(&self, email: &str, action: &str) -> Value {
        self.control(json!({ "email": email, "action": action })).await
    }

    /// Lifetime of the access tokens issued from now on.
    pub async fn set_access_ttl(&self, seconds: u64) {
        self.control(json!({ "action": "access_ttl", "seconds": seconds }))
            .await;
    }

    /// A global on/off switch such as `strip_authorization`.
    pub async fn switch(&self, action: &str, enabled: bool) {
        self.control(json!({ "action": action, "enabled": enabled })).await;
    }

    /// The next `count` API requests answer `status` (an HTML page when `html`); 0 clears it.
    pub async fn fail_with(&self, status: u16, html: bool, count: u64) {
        self.control(json!({ "action": "fail_with", "status": status, "html": html, "count": count }))
            .await;
    }

    /// How many refreshes the backend has answered so far.
    pub async fn refresh_calls(&self) -> u64 {
        self.stats().await["refresh_calls"]
            .as_u64()
            .expect("refresh_calls in /__dev__/stats")
    }

    /// `GET /__dev__/stats`.
    pub async fn stats(&self) -> Value {
        self.get_json("/__dev__/stats").await
    }

    /// A dev route's JSON answer.
    async fn get_json(&self, path: &str) -> Value {
        self.http
            .get(self.url(path))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{path} unreachable: {e}"))
            .json()
            .await
            .unwrap_or_else(|e| panic!("{path} is not JSON: {e}"))
    }

    /// The mails the backend's SMTP sink received (`GET /__dev__/mails.json`), after waiting
    /// until there are at least `count` (at most 10 s).
    pub async fn mails(&self, count: usize) -> Vec<Value> {
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let mails = match self.get_json("/__dev__/mails.json").await {
                Value::Array(mails) => mails,
                other => panic!("the mails are a JSON array, not {other}"),
            };
            if mails.len() >= count || tokio::time::Instant::now() >= deadline {
                return mails;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }

    /// Waits until no request has arrived for half a second (at most 5 s): the requests a
    /// tab makes by itself (coming to the front, it checks the session) are answered.
    pub async fn wait_until_quiet(&self) {
        let quiet_for = std::time::Duration::from_millis(500);
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(5);
        let mut seen = self.stats().await;
        while tokio::time::Instant::now() < deadline {
            tokio::time::sleep(quiet_for).await;
            let now = self.stats().await;
            if now == seen {
                return;
            }
            seen = now;
        }
    }

    /// Stops the server and waits until its port is free.
    pub async fn stop(&mut self) {
        if let Some(server) = self.server.take() {
            server.shutdown().await;
        }
    }

    /// Starts it again on the same address; its database is new (every start recreates it),
    /// so the sessions of before are gone.
    pub async fn start_again(&mut self) {
        assert!(self.server.is_none(), "the backend is still running");
        let server = reference_backend::start(self.options.clone())
            .await
            .unwrap_or_else(|e| panic!("the reference backend did not start again: {e}"));
        self.server = Some(server);
    }

    pub async fn shutdown(mut self) {
        self.stop().await;
    }
}
