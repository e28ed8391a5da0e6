//! Requests the user never waits on: the report of a logout reason and the revocation of
//! a refresh token, both `keepalive` so that they outlive the page. The client sends them
//! (`endpoints.rs`), once `config.json` is here.

use gloo_net::http::Method;
use serde_json::json;

use super::transport::{self, Outgoing};
use crate::config::Config;
use crate::json_text::compact_json;

/// Sends a logout reason to the backend's logout events, best effort; no bearer.
pub async fn report_logout(config: &Config, reason_json: &str) {
    let id = transport::new_request_id(config);
    let report = Outgoing {
        method: Method::POST,
        path: &config.endpoints.logout_events,
        body: Some(reason_json),
        bearer: None,
        request_id: id.as_deref(),
    };
    transport::send_keepalive(config, &report).await;
}

/// Asks the backend to revoke `refresh`. An expired access token makes simplejwt refuse
/// even an `AllowAny` view (401/403), so then the call is sent once more without
/// `Authorization`: the refresh token is revoked either way.
pub async fn revoke(config: &Config, refresh: &str, access: Option<&str>) {
    let body = compact_json(&json!({"refresh": refresh}));
    // Each attempt its own request id.
    let send = |bearer: Option<&str>| {
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
    if matches!(send(access).await, Some(401 | 403)) && access.is_some() {
        send(None).await;
    }
}
