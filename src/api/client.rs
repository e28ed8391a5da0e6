//! The wrapper every request of the app goes through: it adds the bearer token, unwraps
//! the envelope, and turns each failure into the outcome of CONTRACT section 4 by asking
//! the pure classifier. A response that ends the session is reported to whoever handles
//! session ends (the auth store, `auth::session_end`); the client itself only stops.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_net::http::Method;
use serde_json::json;

use super::envelope::{parse_list, parse_tokens, parse_user};
use super::error::ApiError;
use super::models::{AuthTokens, ContentItem, LogoutEvent, User};
use super::refresh::RefreshInFlight;
use super::tokens::TokenStore;
use super::transport::{self, compact_json, encode_query, Outgoing};
use crate::config::Config;
use crate::logout::{classify, drafts, Decision, Exchange, LogoutDraft, RequestKind};

/// How a session ended, as the client reports it.
#[derive(Clone, Debug, PartialEq)]
pub enum SessionEnd {
    /// A response (or a check of the user) ended it, for this reason.
    Logout(LogoutDraft),
    /// The user pressed Sign out.
    SignOut { email: String },
    /// Another tab ended it; that tab's reason stands, this one adds none.
    Elsewhere,
}

/// Told once per ended session (a sign-out always); handed the client, so that it needs
/// no reference of its own (which would keep the client alive forever).
type SessionEndHandler = Rc<dyn Fn(&ApiClient, SessionEnd)>;
/// Told `true` when the server answered (anything but a 5xx), `false` when it did not.
type ReachabilityHandler = Rc<dyn Fn(bool)>;

/// A cheap handle: clones share the tokens, the refresh in flight and the session guard.
#[derive(Clone)]
pub struct ApiClient {
    inner: Rc<Inner>,
}

struct Inner {
    config: Config,
    tokens: TokenStore,
    refresh: RefreshInFlight,
    /// Set by the first end of a session; later failures neither replace its reason nor
    /// redirect again.
    session_ended: Cell<bool>,
    /// Counts sign-ins and ends of sessions: an answer that comes back under another
    /// generation than the one it was asked in belongs to a session that is over.
    generation: Cell<u32>,
    on_session_end: RefCell<Option<SessionEndHandler>>,
    /// Told after each request whether the server could be reached (any answer but a 5xx).
    on_reachability: RefCell<Option<ReachabilityHandler>>,
}

impl PartialEq for ApiClient {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

/// One request as the app asks for it.
struct ApiRequest<'a> {
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
            session_ended: Cell::new(false),
            generation: Cell::new(0),
            on_session_end: RefCell::new(None),
            on_reachability: RefCell::new(None),
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
        self.inner.session_ended.set(false);
        self.next_generation();
        Ok(tokens)
    }

    /// A sign-in that failed after its tokens arrived (say `me` failed): nothing of it
    /// stays, and its refresh token is revoked. Not a logout: there is no reason to show.
    pub fn discard_session(&self) {
        if let Some(refresh) = self.inner.tokens.refresh() {
            self.revoke(&refresh, self.inner.tokens.access().as_deref());
        }
        self.inner.tokens.clear();
        self.next_generation();
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

    /// Sends a logout reason to the backend's logout events, best effort; no bearer.
    pub fn report_logout(&self, reason_json: &str) {
        let path = &self.config().endpoints.logout_events;
        let id = transport::new_request_id(self.config());
        let report = Outgoing {
            method: Method::POST,
            path,
            body: Some(reason_json),
            bearer: None,
            request_id: id.as_deref(),
        };
        let sent = transport::send_keepalive(self.config(), &report);
        wasm_bindgen_futures::spawn_local(async move {
            sent.await;
        });
    }

    /// Asks the backend to revoke `refresh`; the user never waits on it. An expired access
    /// token makes simplejwt refuse even an `AllowAny` view (401/403), so then the call is
    /// sent once more without `Authorization`: the refresh token is revoked either way.
    pub fn revoke(&self, refresh: &str, access: Option<&str>) {
        let body = compact_json(&json!({"refresh": refresh}));
        let config = self.config().clone();
        let path = config.endpoints.logout.clone();
        let id = transport::new_request_id(&config);
        let first = Outgoing {
            method: Method::POST,
            path: &path,
            body: Some(&body),
            bearer: access,
            request_id: id.as_deref(),
        };
        let with_bearer = transport::send_keepalive(&config, &first);
        let retry_without_bearer = access.is_some();
        wasm_bindgen_futures::spawn_local(async move {
            if matches!(with_bearer.await, Some(401 | 403)) && retry_without_bearer {
                let id = transport::new_request_id(&config);
                let again = Outgoing {
                    method: Method::POST,
                    path: &path,
                    body: Some(&body),
                    bearer: None,
                    request_id: id.as_deref(),
                };
                transport::send_keepalive(&config, &again).await;
            }
        });
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

    // ---- the end of a session --------------------------------------------------------

    /// Who handles the end of a session (the auth store: reason, tokens, redirect).
    pub fn on_session_end(&self, handler: impl Fn(&ApiClient, SessionEnd) + 'static) {
        *self.inner.on_session_end.borrow_mut() = Some(Rc::new(handler));
    }

    /// Who shows that the server cannot be reached (the protected pages' status line).
    pub fn on_reachability(&self, handler: impl Fn(bool) + 'static) {
        *self.inner.on_reachability.borrow_mut() = Some(Rc::new(handler));
    }

    fn report_reachability(&self, outcome: &Result<(u16, Vec<u8>), ApiError>) {
        let reachable = match outcome {
            Ok((status, _)) => !(500..600).contains(status),
            Err(ApiError::Network(_) | ApiError::Timeout) => false,
            Err(_) => return,
        };
        let handler = self.inner.on_reachability.borrow().clone();
        if let Some(handler) = handler {
            handler(reachable);
        }
    }

    /// Ends the session. The first automatic end wins; a sign-out always goes through.
    pub fn end_session(&self, end: SessionEnd) {
        let already_ended = self.inner.session_ended.replace(true);
        if already_ended && !matches!(end, SessionEnd::SignOut { .. }) {
            return;
        }
        self.next_generation();
        let handler = self.inner.on_session_end.borrow().clone();
        if let Some(handler) = handler {
            handler(self, end);
        }
    }

    pub fn session_ended(&self) -> bool {
        self.inner.session_ended.get()
    }

    pub(super) fn generation(&self) -> u32 {
        self.inner.generation.get()
    }

    fn next_generation(&self) {
        self.inner.generation.set(self.inner.generation.get().wrapping_add(1));
    }

    /// Another tab may have signed out (the shared tokens changed): this tab follows, with
    /// no reason of its own.
    pub fn follow_session_end_elsewhere(&self) {
        if self.tokens_vanished() {
            self.end_session(SessionEnd::Elsewhere);
        }
    }

    /// This tab held tokens, and storage holds none now: another tab signed out.
    pub(super) fn tokens_vanished(&self) -> bool {
        // Memory first: reading storage brings memory up to date.
        self.inner.tokens.held_when_last_read() && self.inner.tokens.is_empty()
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
