//! Requests the user never waits on: the report of a logout reason and the revocation of
//! a refresh token, both `keepalive` so that they outlive the page.

use gloo_net::http::Method;
use serde_json::json;

use super::client::ApiClient;
use super::transport::{self, Outgoing};
use crate::json_text::compact_json;

/// Sends a logout reason to the backend's logout events, best effort; no bearer. Sent
/// once `config.json` is here (it nearly always is: a session ends after a request).
pub fn report_logout(client: &ApiClient, reason_json: String) {
    let client = client.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let config = client.configured().await;
        let id = transport::new_request_id(config);
        let report = Outgoing {
            method: Method::POST,
            path: &config.endpoints.logout_events,
            body: Some(&reason_json),
            bearer: None,
            request_id: id.as_deref(),
        };
        transport::send_keepalive(config, &report).await;
    });
}

/// Asks the backend to revoke `refresh`; the user never waits on it. An expired access
/// token makes simplejwt refuse even an `AllowAny` view (401/403), so then the call is
/// sent once more without `Authorization`: the refresh token is revoked either way. Sent
/// once `config.json` is here: a sign-out can come before it.
pub fn revoke(client: &ApiClient, refresh: &str, access: Option<&str>) {
    let body = compact_json(&json!({"refresh": refresh}));
    let (client, access) = (client.clone(), access.map(str::to_owned));
    wasm_bindgen_futures::spawn_local(async move {
        let config = client.configured().await;
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
        if matches!(send(access.as_deref()).await, Some(401 | 403)) && access.is_some() {
            send(None).await;
        }
    });
}
