//! The wrapper every request of the app goes through: it adds the bearer token, unwraps
//! the envelope, and turns each failure into the outcome of CONTRACT section 4 by asking
//! the pure classifier. A response that ends the session is reported to whoever handles
//! session ends (the auth store, `auth::session_end`); the client itself only stops.

use std::rc::Rc;

use gloo_net::http::Method;
use serde_json::json;

use super::envelope::{parse_list, parse_tokens, parse_user};
use super::error::ApiError;
use super::models::{AuthTokens, ContentItem, LogoutEvent, User};
use super::refresh::RefreshInFlight;
use super::session_events::{SessionEnd, SessionEvents};
use super::tokens::TokenStore;
use super::transport::{self, encode_query, Outgoing};
use crate::config::Config;
use crate::json_text::compact_json;
use crate::logout::{classify, drafts, Decision, Exchange, RequestKind};

/// A cheap handle: clones share the tokens, the refresh in flight and the session guard.
#[derive(Clone)]
pub struct ApiClient {
    inner: Rc<Inner>,
}

struct Inner {
    config: Config,
    tokens: TokenStore,
    refresh: RefreshInFlight,
    /// The session guard and whom to tell about the session and the server.
    events: SessionEvents,
}

impl PartialEq for ApiClient {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

/// One request as the app asks for it.
pub(super) struct ApiRequest<'a> {
    method: Method,
    path: &'a str,
    body: Option<String>,
    kind: RequestKind,
}

impl ApiClient {
    /// A client for `config`, with the tokens an earlier page load kept.
    pub fn new(config: Config) -> Self {
        Self::with_tokens(config, TokenStore::restore())
    }

    pub fn with_tokens(config: Config, tokens: TokenStore) -> Self {
        let inner = Inner {
            config,
            tokens,
            refresh: RefreshInFlight::default(),
            events: SessionEvents::default(),
        };
        Self { inner: Rc::new(inner) }
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    pub fn tokens(&self) -> &TokenStore {
        &self.inner.tokens
    }

    /// Whether any token is held (a session that may still be valid).
    pub fn has_session(&self) -> bool {
        !self.inner.tokens.is_empty()
    }

    pub(super) fn refresh_in_flight(&self) -> &RefreshInFlight {
        &self.inner.refresh
    }

    pub(super) fn events(&self) -> &SessionEvents {
        &self.inner.events
    }

    // ---- the endpoints -------------------------------------------------------------

    /// Signs in. The backend's refusal reaches the caller word for word; never a logout.
    pub async fn login(&self, email: &str, password: &str) -> Result<AuthTokens, ApiError> {
        let body = compact_json(&json!({"email": email, "password": password}));
        let request = ApiRequest {
            method: Method::POST,
            path: &self.config().endpoints.login,
            body: Some(body),
            kind: RequestKind::Login,
        };
        let bytes = self.send(request).await?;
        let tokens = parse_tokens(&bytes).ok_or(ApiError::InvalidResponse)?;
        self.inner.tokens.replace(tokens.access.clone(), tokens.refresh.clone());
        self.session_started();
        Ok(tokens)
    }

    pub async fn me(&self) -> Result<User, ApiError> {
        let bytes = self.get(&self.config().endpoints.me).await?;
        parse_user(&bytes).ok_or(ApiError::InvalidResponse)
    }

    pub async fn content(&self) -> Result<Vec<ContentItem>, ApiError> {
        let bytes = self.get(&self.config().endpoints.content).await?;
        parse_list(&bytes).ok_or(ApiError::InvalidResponse)
    }

    /// The staff list of logout events, filtered by code, user and request id (empty: no
    /// filter).
    pub async fn logout_events(&self, code: &str, user: &str, request_id: &str) -> Result<Vec<LogoutEvent>, ApiError> {
        let query = encode_query(&[("code", code), ("user", user), ("request_id", request_id)]);
        let path = format!("{}{query}", self.config().endpoints.logout_events);
        let bytes = self.get(&path).await?;
        parse_list(&bytes).ok_or(ApiError::InvalidResponse)
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

    // ---- the request loop ----------------------------------------------------------

    /// Sends a request, refreshing and retrying once where the contract says so.
    async fn send(&self, request: ApiRequest<'_>) -> Result<Vec<u8>, ApiError> {
        let mut retried = false;
        loop {
            let authenticated = request.kind == RequestKind::Other;
            // Another tab signed out a moment ago (its `storage` event may not have come
            // yet): this request would only fail, under a reason of its own.
            if authenticated && self.tokens_vanished() {
                self.end_session(SessionEnd::Elsewhere);
                return Err(ApiError::SessionEnded);
            }
            if authenticated && retried && self.session_ended() {
                return Err(ApiError::SessionEnded);
            }
            let sent_token = if authenticated {
                self.inner.tokens.access()
            } else {
                None
            };
            // Each attempt its own id: the retry is another line in the backend's log.
            let request_id = transport::new_request_id(self.config());
            let (status, body) = self
                .fetch(&request, sent_token.as_deref(), request_id.as_deref())
                .await?;
            let current_token = self.inner.tokens.access();
            let exchange = Exchange {
                kind: request.kind,
                endpoint: request.path,
                status,
                body: &body,
                sent_with_token: sent_token.is_some(),
                token_replaced: current_token.is_some() && current_token != sent_token,
                retried,
                has_refresh_token: self.inner.tokens.refresh().is_some(),
            };
            match classify(&exchange) {
                Decision::Accept => return Ok(body),
                Decision::Fail(failure) => return Err(failure.into()),
                Decision::Logout(draft) => {
                    let draft = drafts::with_request_id(draft, request_id.as_deref());
                    self.end_session(SessionEnd::Logout(draft));
                    return Err(ApiError::SessionEnded);
                }
                Decision::RetryWithCurrentToken => retried = true,
                Decision::RefreshThenRetry(stale) => {
                    if self.session_ended() {
                        return Err(ApiError::SessionEnded);
                    }
                    self.renew_tokens(stale, sent_token.clone(), request_id.clone()).await?;
                    retried = true;
                }
            }
        }
    }

    async fn fetch(
        &self,
        request: &ApiRequest<'_>,
        bearer: Option<&str>,
        request_id: Option<&str>,
    ) -> Result<(u16, Vec<u8>), ApiError> {
        let body = request.body.as_deref();
        let outgoing = Outgoing {
            method: request.method.clone(),
            path: request.path,
            body,
            bearer,
            request_id,
        };
        let outcome = transport::fetch(self.config(), &outgoing).await;
        self.report_reachability(&outcome);
        outcome
    }

    /// POSTs JSON to an endpoint that is never intercepted (the refresh), without bearer.
    pub(super) async fn post_unintercepted(
        &self,
        path: &str,
        body: String,
        request_id: Option<&str>,
    ) -> Result<(u16, Vec<u8>), ApiError> {
        let request = ApiRequest {
            method: Method::POST,
            path,
            body: Some(body),
            kind: RequestKind::Refresh,
        };
        self.fetch(&request, None, request_id).await
    }
}
