//! The wrapper every request of the app goes through: it adds the bearer token, unwraps
//! the envelope, and turns each failure into the outcome of CONTRACT section 4 by asking
//! the pure classifier. A response that ends the session is reported upward as a value
//! ([`SessionEnd`]) to whoever handles ends (the session room's executor); the client itself
//! only stops. Every request is sent under the session's generation, and an answer that
//! comes back under another one (the session ended, or another began) decides nothing.
//!
//! The endpoints are in `endpoints.rs`, the refresh in `refresh.rs`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures::channel::oneshot;
use gloo_net::http::Method;

use super::error::ApiError;
use super::refresh_waiters::RefreshInFlight;
use super::tokens::TokenStore;
use super::transport::{self, Answer, Outgoing};
use crate::config::{ArrivingConfig, Config};
use crate::logout::{classify, drafts, Decision, Exchange, RequestKind, StaleAccess};
use crate::session::held_requests::{HeldRequests, Outcome};
use crate::session::timekeeper::{browser_now_ms as now_ms, Timekeeper};
use crate::session::timing::renew_loop;
use crate::session::{Generation, SessionEnd, SessionGuard};

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
    /// `config.json`: the defaults until it has arrived, and no request goes out before.
    config: ArrivingConfig,
    tokens: TokenStore,
    refresh: RefreshInFlight,
    /// Which session is current, and whether it has ended (the first end wins).
    guard: Cell<SessionGuard>,
    /// The server's clock, the renew loop, sleep and the session's fixed end (CONTRACT 11).
    time: Timekeeper,
    /// The requests an ended session's page waits with (CONTRACT 11.3).
    held: RefCell<HeldRequests<oneshot::Sender<Outcome>>>,
    /// The generation of the session that ended last (an end starts a new one).
    last_ended: Cell<Generation>,
    on_end: RefCell<Option<SessionEndHandler>>,
    on_reachability: RefCell<Option<ReachabilityHandler>>,
}

impl PartialEq for ApiClient {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

/// One request as the app asks for it.
pub(super) struct ApiRequest<'a> {
    pub(super) method: Method,
    pub(super) path: &'a str,
    pub(super) body: Option<String>,
    pub(super) kind: RequestKind,
}

impl ApiClient {
    /// A client for `config`, with the tokens an earlier page load kept.
    pub fn new(config: Config) -> Self {
        Self::with_config(ArrivingConfig::arrived(config))
    }

    /// A client made before `config.json` has arrived; [`Self::config_arrived`] hands it over.
    pub fn before_config() -> Self {
        Self::with_config(ArrivingConfig::default())
    }

    fn with_config(config: ArrivingConfig) -> Self {
        let inner = Inner {
            config,
            tokens: TokenStore::restore(),
            refresh: RefreshInFlight::default(),
            guard: Cell::default(),
            time: Timekeeper::default(),
            held: RefCell::default(),
            last_ended: Cell::default(),
            on_end: RefCell::default(),
            on_reachability: RefCell::default(),
        };
        Self { inner: Rc::new(inner) }
    }

    /// The configuration now: the defaults until `config.json` has arrived.
    pub fn config(&self) -> &Config {
        self.inner.config.get()
    }

    /// Whether `config.json` has arrived.
    pub fn has_config(&self) -> bool {
        self.inner.config.has_arrived()
    }

    /// `config.json` was read: the requests waiting for it go out. Only the first counts.
    pub fn config_arrived(&self, config: &Config) {
        self.inner.config.arrive(config);
    }

    /// The configuration, once `config.json` has arrived: what a request waits for.
    pub(super) async fn configured(&self) -> &Config {
        self.inner.config.ready().await
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

    pub fn time(&self) -> &Timekeeper {
        &self.inner.time
    }

    // ---- the session: which one is current, how it ends ----------------------------

    /// Who handles the end of a session (the session room's executor).
    pub fn on_session_end(&self, handler: impl Fn(&ApiClient, SessionEnd) + 'static) {
        *self.inner.on_end.borrow_mut() = Some(Rc::new(handler));
    }

    /// Who shows that the server cannot be reached (the protected pages' status line).
    pub fn on_reachability(&self, handler: impl Fn(bool) + 'static) {
        *self.inner.on_reachability.borrow_mut() = Some(Rc::new(handler));
    }

    /// Ends the session. The first automatic end wins; a sign-out always goes through.
    pub fn end_session(&self, end: SessionEnd) {
        let always = matches!(end, SessionEnd::SignOut { .. });
        let ending = self.generation();
        if !self.update_guard(|guard| guard.end(always)) {
            return;
        }
        self.inner.last_ended.set(ending);
        // Found over right after the tab woke: the reason says how long it slept.
        let end = match end {
            SessionEnd::Logout(draft) => SessionEnd::Logout(drafts::with_slept_s(draft, self.time().slept_s())),
            other => other,
        };
        let handler = self.inner.on_end.borrow().clone();
        if let Some(handler) = handler {
            handler(self, end);
        }
    }

    pub fn session_ended(&self) -> bool {
        self.inner.guard.get().has_ended()
    }

    pub(super) fn generation(&self) -> Generation {
        self.inner.guard.get().current()
    }

    pub(super) fn is_current(&self, sent_in: Generation) -> bool {
        self.inner.guard.get().is_current(sent_in)
    }

    /// Another tab signed the same user in (CONTRACT 11.4): this tab takes the session the
    /// shared storage now holds, under a new generation.
    pub fn adopt_session(&self) {
        self.session_started();
    }

    /// A sign-in succeeded: a new session, a new generation.
    pub(super) fn session_started(&self) {
        self.update_guard(SessionGuard::start);
        self.time().reset();
    }

    fn update_guard<T>(&self, change: impl FnOnce(&mut SessionGuard) -> T) -> T {
        let mut guard = self.inner.guard.get();
        let outcome = change(&mut guard);
        self.inner.guard.set(guard);
        outcome
    }

    /// Another tab may have signed out (the shared tokens changed): this tab follows, with
    /// no reason of its own.
    pub fn follow_session_end_elsewhere(&self) {
        if self.inner.tokens.vanished() {
            self.end_session(SessionEnd::Elsewhere);
        }
    }

    /// A sign-in that failed after its tokens arrived (say `me` failed): nothing of it
    /// stays, and its refresh token is revoked. Not a logout: there is no reason to show.
    pub fn discard_session(&self) {
        if let Some(refresh) = self.tokens().refresh() {
            self.revoke(&refresh, self.tokens().access().as_deref());
        }
        self.tokens().clear();
        self.update_guard(SessionGuard::discard);
        self.time().reset();
    }

    fn report_reachability(&self, outcome: &Result<Answer, ApiError>) {
        let reachable = match outcome {
            Ok(answer) => !(500..600).contains(&answer.status),
            Err(ApiError::Network(_) | ApiError::Timeout) => false,
            Err(_) => return,
        };
        let handler = self.inner.on_reachability.borrow().clone();
        if let Some(handler) = handler {
            handler(reachable);
        }
    }

    // ---- the request loop ----------------------------------------------------------

    /// Sends a request. When the session ends on the way and its page stays under the
    /// `Session Ended` dialog (CONTRACT 11.3), the request waits: after the same user signs
    /// in again it is sent once more, with the new token; otherwise it fails as before.
    pub(super) async fn send(&self, request: ApiRequest<'_>) -> Result<Vec<u8>, ApiError> {
        loop {
            let sent_in = self.generation();
            match self.send_once(&request).await {
                Err(ApiError::SessionEnded) => {
                    let (waiter, outcome) = oneshot::channel();
                    if self.inner.held.borrow_mut().hold(sent_in, waiter).is_err() {
                        return Err(ApiError::SessionEnded);
                    }
                    if outcome.await != Ok(Outcome::SameUser) {
                        return Err(ApiError::SessionEnded);
                    }
                }
                answered => return answered,
            }
        }
    }

    /// The session ended and its page stays under the dialog: the requests its end made
    /// fail wait for the dialog's outcome.
    pub fn hold_failed_requests(&self) {
        self.inner.held.borrow_mut().open(self.inner.last_ended.get());
    }

    /// The dialog closed: each held request is sent once more (the same user signed in) or
    /// fails (another user, or a sign-out).
    pub fn release_held_requests(&self, outcome: Outcome) {
        let (_, waiting) = self.inner.held.borrow_mut().release(outcome);
        for waiter in waiting {
            let _ = waiter.send(outcome);
        }
    }

    /// One request, refreshing and retrying once where the contract says so.
    async fn send_once(&self, request: &ApiRequest<'_>) -> Result<Vec<u8>, ApiError> {
        let mut retried = false;
        loop {
            let authenticated = request.kind == RequestKind::Other;
            // Another tab signed out a moment ago (its `storage` event may not have come
            // yet): this request would only fail, under a reason of its own.
            if authenticated && self.inner.tokens.vanished() {
                self.end_session(SessionEnd::Elsewhere);
                return Err(ApiError::SessionEnded);
            }
            if authenticated && retried && self.session_ended() {
                return Err(ApiError::SessionEnded);
            }
            if authenticated {
                self.renew_if_ending(request.path).await?;
            }
            let sent_token = if authenticated {
                self.inner.tokens.access()
            } else {
                None
            };
            let sent_in = self.generation();
            // Each attempt its own id: the retry is another line in the backend's log.
            let request_id = transport::new_request_id(self.config());
            let answer = self
                .fetch(request, sent_token.as_deref(), request_id.as_deref())
                .await?;
            let (status, body) = (answer.status, answer.body);
            // The session it was sent in is over: its answer decides nothing now.
            if authenticated && !self.is_current(sent_in) {
                return Err(ApiError::SessionEnded);
            }
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
                www_authenticate: answer.www_authenticate.as_deref(),
                problem_json: answer.problem_json,
            };
            match classify(&exchange) {
                Decision::Accept => {
                    if authenticated {
                        self.time().answered();
                    }
                    return Ok(body);
                }
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

    /// Before an authenticated request goes out (CONTRACT 11.1): a refresh under way is
    /// waited for, and an access token close to its end (in the server's time) is renewed
    /// first, once per token, when there is a refresh token to renew it with. A token that
    /// comes back already ended is renewed again, until the renew-loop breaker ends the
    /// session. A refresh that could not run leaves the token as it is: the server decides.
    async fn renew_if_ending(&self, endpoint: &str) -> Result<(), ApiError> {
        // Bounded apart from the breaker: each turn is one refresh, or joins one.
        for _ in 0..=renew_loop::MAX_CALLS {
            let Some(access) = self.tokens().access() else {
                return Ok(());
            };
            let due = self.tokens().refresh().is_some() && self.time().renew_early(&access, now_ms());
            if !due && !self.refresh_in_flight().is_running() {
                return Ok(());
            }
            if due {
                self.time().note_renewed_early(&access);
            }
            let renewed = self
                .renew_tokens(StaleAccess::renewing_early(endpoint), Some(access), None)
                .await;
            match renewed {
                Ok(()) => {}
                Err(ApiError::SessionEnded) => return Err(ApiError::SessionEnded),
                Err(_) => return Ok(()),
            }
        }
        Ok(())
    }

    /// The tab woke (CONTRACT 11.1): the session is checked before any request is sent,
    /// with one refresh when the access token has ended in the meantime, none otherwise.
    /// `slept_s`: how long it was away, for the reason of a logout found now.
    pub fn check_after_wake(&self, slept_s: Option<i64>) {
        self.time().woke_after(slept_s);
        let Some(access) = self.tokens().access() else {
            return;
        };
        if self.session_ended() || self.tokens().refresh().is_none() || !self.time().renew_on_wake(&access, now_ms()) {
            return;
        }
        self.time().note_renewed_early(&access);
        let client = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = client
                .renew_tokens(StaleAccess::renewing_early(""), Some(access), None)
                .await;
        });
    }

    async fn fetch(
        &self,
        request: &ApiRequest<'_>,
        bearer: Option<&str>,
        request_id: Option<&str>,
    ) -> Result<Answer, ApiError> {
        let body = request.body.as_deref();
        let outgoing = Outgoing {
            method: request.method.clone(),
            path: request.path,
            body,
            bearer,
            request_id,
        };
        let sent_at = now_ms();
        let outcome = transport::fetch(self.config(), &outgoing).await;
        if let Ok(Answer { date: Some(date), .. }) = &outcome {
            self.time().learn_offset(date, sent_at, now_ms());
        }
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
        let answer = self.fetch(&request, None, request_id).await?;
        Ok((answer.status, answer.body))
    }
}
