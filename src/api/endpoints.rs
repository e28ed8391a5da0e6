//! The backend's endpoints as the app calls them, each through the client's request loop,
//! and each once `config.json` has arrived (it names them).

use std::future::Future;

use gloo_net::http::Method;
use serde_json::json;

use super::beacons;
use super::client::{ApiClient, ApiRequest};
use super::envelope::{parse_list, parse_tokens, parse_user};
use super::error::ApiError;
use super::models::{AuthTokens, ContentItem, LogoutEvent, User};
use super::transport::encode_query;
use crate::config::Config;
use crate::json_text::compact_json;
use crate::logout::RequestKind;

impl ApiClient {
    /// Signs in. The backend's refusal reaches the caller word for word; never a logout.
    pub async fn login(&self, email: &str, password: &str) -> Result<AuthTokens, ApiError> {
        let body = compact_json(&json!({"email": email, "password": password}));
        let config = self.configured().await;
        let request = ApiRequest {
            method: Method::POST,
            path: &config.endpoints.login,
            body: Some(body),
            kind: RequestKind::Login,
        };
        let bytes = self.send(request).await?;
        let tokens = parse_tokens(&bytes).ok_or(ApiError::InvalidResponse)?;
        self.tokens().replace(tokens.access.clone(), tokens.refresh.clone());
        self.session_started();
        Ok(tokens)
    }

    pub async fn me(&self) -> Result<User, ApiError> {
        let bytes = self.get(&self.configured().await.endpoints.me).await?;
        parse_user(&bytes).ok_or(ApiError::InvalidResponse)
    }

    pub async fn content(&self) -> Result<Vec<ContentItem>, ApiError> {
        let bytes = self.get(&self.configured().await.endpoints.content).await?;
        parse_list(&bytes).ok_or(ApiError::InvalidResponse)
    }

    /// The staff list of logout events, filtered by code, user and request id (empty: no
    /// filter).
    pub async fn logout_events(&self, code: &str, user: &str, request_id: &str) -> Result<Vec<LogoutEvent>, ApiError> {
        let query = encode_query(&[("code", code), ("user", user), ("request_id", request_id)]);
        let path = format!("{}{query}", self.configured().await.endpoints.logout_events);
        let bytes = self.get(&path).await?;
        parse_list(&bytes).ok_or(ApiError::InvalidResponse)
    }

    /// Reports a logout reason to the backend's logout events; the user never waits on it.
    pub fn report_logout(&self, reason_json: String) {
        self.send_beacon(move |config| beacons::report_logout(config, &reason_json));
    }

    /// Asks the backend to revoke `refresh`; the user never waits on it.
    pub fn revoke(&self, refresh: &str, access: Option<&str>) {
        let (refresh, access) = (refresh.to_owned(), access.map(str::to_owned));
        self.send_beacon(move |config| beacons::revoke(config, &refresh, access.as_deref()));
    }

    /// A beacon leaves at once when `config.json` is here, as it is by the time a session
    /// ends after a request: from the page being left (its Referer, which the backend logs
    /// as the path), before the app moves on to `/signin`. Before it, it waits for it.
    fn send_beacon<F: Future<Output = ()> + 'static>(&self, start: impl FnOnce(&Config) -> F + 'static) {
        if self.has_config() {
            wasm_bindgen_futures::spawn_local(start(self.config()));
        } else {
            let client = self.clone();
            wasm_bindgen_futures::spawn_local(async move { start(client.configured().await).await });
        }
    }

    async fn get(&self, path: &str) -> Result<Vec<u8>, ApiError> {
        self.send(ApiRequest {
            method: Method::GET,
            path,
            body: None,
            kind: RequestKind::Other,
        })
        .await
    }
}
