//! Requests the user never waits on: the report of a logout reason and the revocation of
//! a refresh token, both `keepalive` so that they outlive the page.

use gloo_net::http::Method;
use serde_json::json;

use super::transport::{self, Outgoing};
use crate::config::Config;
use crate::json_text::compact_json;

/// Sends a logout reason to the backend's logout events, best effort; no bearer.
pub fn report_logout(config: &Config, reason_json: &str) {
    let path = &config.endpoints.logout_events;
    let id = transport::new_request_id(config);
    let report = Outgoing {
        method: Method::POST,
        path,
        body: Some(reason_json),
        bearer: None,
        request_id: id.as_deref(),
    };
    let sent = transport::send_keepalive(config, &report);
    wasm_bindgen_futures::spawn_local(async move {
        sent.await;
    });
}

/// Asks the backend to revoke `refresh`; the user never waits on it. An expired access
/// token makes simplejwt refuse even an `AllowAny` view (401/403), so then the call is
/// sent once more without `Authorization`: the refresh token is revoked either way.
pub fn revoke(config: &Config, refresh: &str, access: Option<&str>) {
    let body = compact_json(&json!({"refresh": refresh}));
    let config = config.clone();
    let path = config.endpoints.logout.clone();
    // Each attempt its own request id.
    let send = move |config: &Config, bearer: Option<&str>| {
        let id = transport::new_request_id(config);
        let outgoing = Outgoing {
            method: Method::POST,
            path: &path,
            body: Some(&body),
            bearer,
            request_id: id.as_deref(),
        };
        transport::send_keepalive(config, &outgoing)
    };
    let with_bearer = send(&config, access);
    let retry_without_bearer = access.is_some();
    wasm_bindgen_futures::spawn_local(async move {
        if matches!(with_bearer.await, Some(401 | 403)) && retry_without_bearer {
            send(&config, None).await;
        }
    });
}
