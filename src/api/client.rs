//! The wrapper every request of the app goes through: it adds the bearer token, unwraps
//! the envelope, and turns each failure into the outcome of CONTRACT section 4 by asking
//! the pure classifier. One refresh is in flight at a time, shared by every request that
//! needs it; a request is retried at most once.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::{Method, RequestBuilder};
use serde_json::{json, Value};
use web_sys::{AbortController, RequestCredentials};

use super::envelope::{parse_body, parse_list, parse_tokens, parse_user};
use super::error::ApiError;
use super::models::{AuthTokens, ContentItem, LogoutEvent, User};
use super::tokens::TokenStore;
use crate::config::Config;
use crate::json_fields::FromJson;
use crate::logout::{
    classify, classify_refresh, Decision, Exchange, LogoutCode, LogoutDraft, LogoutReason,
    RefreshOutcome, RequestKind, StaleAccess,
};
use crate::{console, navigation, storage};

/// How long a refused refresh waits for another tab's rotation to land in storage.
const OTHER_TAB_GRACE_MS: u32 = 500;

type SharedRefresh = Shared<LocalBoxFuture<'static, Result<(), ApiError>>>;
/// Told that the session ended: with this tab's reason, or `None` when another tab ended it.
type SessionEndHandler = Rc<dyn Fn(Option<&LogoutReason>)>;

/// A cheap handle: clones share the tokens, the refresh in flight and the session guard.
#[derive(Clone)]
pub struct ApiClient {
    inner: Rc<Inner>,
}

struct Inner {
    config: Config,
    tokens: TokenStore,
    refresh_in_flight: RefCell<Option<SharedRefresh>>,
    /// Set by the first logout; later failures neither replace its reason nor redirect.
    session_ended: Cell<bool>,
    on_session_end: RefCell<Option<SessionEndHandler>>,
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
    body: Option<Value>,
    kind: RequestKind,
}

impl ApiClient {
    /// A client for `config`, with the tokens an earlier page load kept.
    pub fn new(config: Config) -> Self {
        Self::with_tokens(config, TokenStore::restore())
    }

    pub fn with_tokens(config: Config, tokens: TokenStore) -> Self {
        let session_ended = Cell::new(false);
        let inner = Inner {
            config,
            tokens,
            refresh_in_flight: RefCell::new(None),
            session_ended,
            on_session_end: RefCell::new(None),
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

    /// What to do once a session has ended (the auth store: state, redirect).
    pub fn on_session_end(&self, handler: impl Fn(Option<&LogoutReason>) + 'static) {
        *self.inner.on_session_end.borrow_mut() = Some(Rc::new(handler));
    }

    // ---- the endpoints -------------------------------------------------------------

    /// Signs in. The backend's refusal reaches the caller word for word; never a logout.
    pub async fn login(&self, email: &str, password: &str) -> Result<AuthTokens, ApiError> {
        let body = json!({"email": email, "password": password});
        let bytes = self.send(self.request(Method::POST, &self.config().endpoints.login, Some(body), RequestKind::Login)).await?;
        let tokens = parse_tokens(&bytes).ok_or(ApiError::InvalidResponse)?;
        self.inner.tokens.replace(tokens.access.clone(), tokens.refresh.clone());
        self.inner.session_ended.set(false);
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

    /// The staff list of logout events, filtered by code and user (empty: no filter).
    pub async fn logout_events(&self, code: &str, user: &str) -> Result<Vec<LogoutEvent>, ApiError> {
        let query = encode_query(&[("code", code), ("user", user)]);
        let path = format!("{}{query}", self.config().endpoints.logout_events);
        let bytes = self.get(&path).await?;
        parse_list(&bytes).ok_or(ApiError::InvalidResponse)
    }

    /// Any authenticated GET, parsed into `T` after unwrapping the envelope.
    pub async fn get_json<T: FromJson>(&self, path: &str) -> Result<T, ApiError> {
        let bytes = self.get(path).await?;
        parse_body(&bytes).ok_or(ApiError::InvalidResponse)
    }

    async fn get(&self, path: &str) -> Result<Vec<u8>, ApiError> {
        self.send(self.request(Method::GET, path, None, RequestKind::Other)).await
    }

    fn request<'a>(&self, method: Method, path: &'a str, body: Option<Value>, kind: RequestKind) -> ApiRequest<'a> {
        ApiRequest { method, path, body, kind }
    }

    // ---- ending a session ----------------------------------------------------------

    /// Ends the session for an automatic reason: the first one wins.
    pub fn end_session(&self, draft: LogoutDraft) {
        if self.inner.session_ended.replace(true) {
            return;
        }
        let reason = self.complete(draft);
        console::log_logout_triggered(&reason);
        self.finish_session(&reason);
    }

    /// The user pressed Sign out: the reason is captured before anything is cleared, and
    /// the backend's logout is sent without waiting on it.
    pub fn sign_out(&self, email: &str) {
        let context = json!({"email": email, "hasToken": self.inner.tokens.access().is_some()});
        let context = context.as_object().cloned().unwrap_or_default();
        let reason = self.complete(LogoutDraft::new(LogoutCode::ManualLogout, context));
        self.inner.session_ended.set(true);
        console::log_manual_logout(&reason);
        if let Some(refresh) = self.inner.tokens.refresh() {
            let url = self.config().url(&self.config().endpoints.logout);
            let body = compact_json(&json!({"refresh": refresh}));
            self.post_keepalive(&url, &body, self.inner.tokens.access().as_deref());
        }
        self.finish_session(&reason);
    }

    /// Another tab signed out (its reason is stored, for its own sign-in page): this tab
    /// follows, with no reason of its own and no second report.
    pub fn follow_session_end_elsewhere(&self) {
        if self.tokens_vanished() {
            self.end_without_reason();
        }
    }

    /// This tab held tokens, and storage holds none now: another tab signed out.
    fn tokens_vanished(&self) -> bool {
        // Memory first: reading storage brings memory up to date.
        self.inner.tokens.held_when_last_read() && self.inner.tokens.is_empty()
    }

    /// The session is gone, and the reason is another tab's: no reason of this tab's own.
    fn end_without_reason(&self) {
        if self.inner.session_ended.replace(true) {
            return;
        }
        gloo_console::info!("Session ended in another tab of this browser.");
        let handler = self.inner.on_session_end.borrow().clone();
        if let Some(handler) = handler {
            handler(None);
        }
    }

    fn complete(&self, draft: LogoutDraft) -> LogoutReason {
        let current = navigation::current_page();
        LogoutReason::from_draft(draft, &current, navigation::last_app_page().as_deref(), chrono::Utc::now())
    }

    /// Stores the reason before anything is cleared, reports it, clears the tokens and
    /// hands over to the auth store.
    fn finish_session(&self, reason: &LogoutReason) {
        if let Err(error) = storage::save_reason(reason) {
            gloo_console::warn!(format!("logout_reason could not be stored: {error}"));
        }
        let events_url = self.config().url(&self.config().endpoints.logout_events);
        self.post_keepalive(&events_url, &reason.to_json(), None);
        self.inner.tokens.clear();
        let handler = self.inner.on_session_end.borrow().clone();
        if let Some(handler) = handler {
            handler(Some(reason));
        }
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
                self.end_without_reason();
                return Err(ApiError::SessionEnded);
            }
            if authenticated && retried && self.inner.session_ended.get() {
                return Err(ApiError::SessionEnded);
            }
            let sent_token = if authenticated { self.inner.tokens.access() } else { None };
            let (status, body) = self.fetch(&request, sent_token.as_deref()).await?;
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
                    self.end_session(draft);
                    return Err(ApiError::SessionEnded);
                }
                Decision::RetryWithCurrentToken => retried = true,
                Decision::RefreshThenRetry(stale) => {
                    if self.inner.session_ended.get() {
                        return Err(ApiError::SessionEnded);
                    }
                    self.renew_tokens(stale).await?;
                    retried = true;
                }
            }
        }
    }

    /// Joins the refresh in flight, or starts the one every other request will join.
    async fn renew_tokens(&self, stale: StaleAccess) -> Result<(), ApiError> {
        let shared = {
            let mut slot = self.inner.refresh_in_flight.borrow_mut();
            match slot.as_ref() {
                Some(in_flight) => in_flight.clone(),
                None => {
                    let client = self.clone();
                    let refresh = async move {
                        let outcome = client.refresh_once(stale).await;
                        client.inner.refresh_in_flight.borrow_mut().take();
                        outcome
                    };
                    let shared = refresh.boxed_local().shared();
                    *slot = Some(shared.clone());
                    shared
                }
            }
        };
        shared.await
    }

    async fn refresh_once(&self, stale: StaleAccess) -> Result<(), ApiError> {
        let Some(refresh_token) = self.inner.tokens.refresh() else {
            let mut context = serde_json::Map::new();
            context.insert("endpoint".into(), json!(stale.endpoint));
            context.insert("status".into(), json!(stale.status));
            context.insert("error".into(), json!(stale.detail));
            self.end_session(LogoutDraft::new(LogoutCode::NoRefreshToken, context));
            return Err(ApiError::SessionEnded);
        };
        let body = json!({"refresh": refresh_token});
        let request = self.request(Method::POST, &self.config().endpoints.refresh, Some(body), RequestKind::Refresh);
        // A network failure or timeout is not a failed refresh: the tokens are kept.
        let (status, bytes) = self.fetch(&request, None).await?;
        match classify_refresh(status, &bytes, &stale) {
            RefreshOutcome::Renewed => {
                let tokens = parse_tokens(&bytes).ok_or(ApiError::InvalidResponse)?;
                self.inner.tokens.renew(tokens.access, tokens.refresh);
                Ok(())
            }
            // Another tab may have used the same single-use refresh token a moment earlier:
            // its new tokens are already here, and the retry uses them.
            RefreshOutcome::Expired(draft) => {
                if self.renewed_elsewhere(&refresh_token).await {
                    return Ok(());
                }
                if self.inner.tokens.is_empty() {
                    // Another tab signed out meanwhile; its reason stands.
                    self.end_without_reason();
                    return Err(ApiError::SessionEnded);
                }
                self.end_session(draft);
                Err(ApiError::SessionEnded)
            }
            RefreshOutcome::Unavailable(failure) => Err(failure.into()),
        }
    }

    /// Whether the refresh token changed since `sent` was read: another tab rotated it.
    /// That tab's answer may land a moment after ours, so a refusal waits a little for it
    /// before it counts (only a logout pays this wait).
    async fn renewed_elsewhere(&self, sent: &str) -> bool {
        let changed = || self.inner.tokens.refresh().is_some_and(|current| current != sent);
        if changed() {
            return true;
        }
        gloo_timers::future::TimeoutFuture::new(OTHER_TAB_GRACE_MS).await;
        changed()
    }

    // ---- the browser's fetch -------------------------------------------------------

    /// One fetch with a timeout: the status and the body's bytes, or a network error.
    async fn fetch(&self, request: &ApiRequest<'_>, access: Option<&str>) -> Result<(u16, Vec<u8>), ApiError> {
        let config = self.config();
        let mut builder = RequestBuilder::new(&config.url(request.path))
            .method(request.method.clone())
            .credentials(credentials_mode(&config.credentials));
        if let Some(token) = access {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        let controller = AbortController::new().ok();
        builder = builder.abort_signal(controller.as_ref().map(AbortController::signal).as_ref());
        let timed_out = Rc::new(Cell::new(false));
        let _deadline = controller.map(|controller| {
            let timed_out = timed_out.clone();
            gloo_timers::callback::Timeout::new(config.request_timeout_ms, move || {
                timed_out.set(true);
                controller.abort();
            })
        });
        let lost = |error: gloo_net::Error| {
            if timed_out.get() { ApiError::Timeout } else { ApiError::Network(error.to_string()) }
        };
        let built = match &request.body {
            Some(body) => builder.header("Content-Type", "application/json").body(compact_json(body)),
            None => builder.build(),
        };
        let response = built.map_err(lost)?.send().await.map_err(lost)?;
        let body = response.binary().await.map_err(lost)?;
        Ok((response.status(), body))
    }

    /// A best-effort POST that outlives the page (`keepalive`); its answer is ignored.
    fn post_keepalive(&self, url: &str, body: &str, bearer: Option<&str>) {
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        // web-sys has no setter for `keepalive`; it is a plain field of the init dictionary.
        let _ = js_sys::Reflect::set(&init, &"keepalive".into(), &true.into());
        init.set_body(&wasm_bindgen::JsValue::from_str(body));
        init.set_credentials(credentials_mode(&self.config().credentials));
        if let Ok(headers) = web_sys::Headers::new() {
            let _ = headers.set("Content-Type", "application/json");
            if let Some(token) = bearer {
                let _ = headers.set("Authorization", &format!("Bearer {token}"));
            }
            init.set_headers(&headers);
        }
        let Some(window) = web_sys::window() else { return };
        let promise = window.fetch_with_str_and_init(url, &init);
        // Awaited only so that a failure does not surface as an unhandled rejection.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

/// The same text as `Value::to_string()`, through the serializer `to_json` already uses
/// (`Display` would add a third copy of the serializer to the wasm).
fn compact_json(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn credentials_mode(mode: &str) -> RequestCredentials {
    match mode {
        "omit" => RequestCredentials::Omit,
        "same-origin" => RequestCredentials::SameOrigin,
        _ => RequestCredentials::Include,
    }
}

/// `?code=X&user=Y` with the empty ones left out.
fn encode_query(pairs: &[(&str, &str)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .map(|(key, value)| format!("{key}={}", String::from(js_sys::encode_uri_component(value.trim()))))
        .collect();
    if parts.is_empty() { String::new() } else { format!("?{}", parts.join("&")) }
}
