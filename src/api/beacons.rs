//! Requests the user never waits on: the report of a logout reason and the revocation of
//! a refresh token, both `keepalive` so that they outlive the page. The client sends them
//! (`endpoints.rs`), once `config.json` is here.

use std::future::Future;

use gloo_net::http::Method;
use serde_json::json;

use super::transport::{self, Outgoing};
use crate::config::Config;
use crate::json_text::compact_json;

/// Sends a logout reason to the backend's logout events, best effort; no bearer. It is on
/// its way when this returns; the future only waits for the answer.
pub fn report_logout(config: &Config, reason_json: &str) -> impl Future<Output = ()> {
    let id = transport::new_request_id(config);
    let report = Outgoing {
        method: Method::POST,
        path: &config.endpoints.logout_events,
        body: Some(reason_json),
        bearer: None,
        request_id: id.as_deref(),
    };
    let sent = transport::send_keepalive(config, &report);
    async move {
        sent.await;
    }
}

/// Asks the backend to revoke `refresh`; it is on its way when this returns. An expired
/// access token makes simplejwt refuse even an `AllowAny` view (401/403), so then the future
/// sends it once more without `Authorization`: the refresh token is revoked either way.
pub fn revoke(config: &Config, refresh: &str, access: Option<&str>) -> impl Future<Output = ()> {
    let body = compact_json(&json!({"refresh": refresh}));
    // Each attempt its own request id.
    let send = move |config: &Config, bearer: Option<&str>| {
        let id = transport::new_request_id(config);
        let outgoing = Outgoing {
            method: Method::POST,
            path: &config.endpoints.logout,
            body: Some(&body),
            bearer,
            request_id: id.as_deref(),
        };
        transport::send_keepalive(config, &outgoing)
    };
    let with_bearer = send(config, access);
    let retry = access.is_some().then(|| config.clone());
    async move {
        if let (Some(401 | 403), Some(config)) = (with_bearer.await, retry) {
            send(&config, None).await;
        }
    }
}
